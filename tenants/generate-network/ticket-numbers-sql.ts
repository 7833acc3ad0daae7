/**
 * Registration takes the next number from the store's sequence of the year
 * (migration 0134): each generated store-year gets its sequence, started past
 * the numbers the generator used, so the next registration continues them.
 */
export const CREATE_NUMBER_PLAN = `create temp table gen_numbers (tenant_id uuid not null, year int not null, last_value bigint not null)`;

export const CREATE_SEQUENCES = `
  do $$
  declare
    counter record;
  begin
    for counter in select tenant_id, year, sum(last_value) as last_value from gen_numbers group by tenant_id, year loop
      execute format('create sequence ticket_numbers.%I as bigint minvalue 1 start with %s',
                     counter.tenant_id::text || ':' || counter.year::text, counter.last_value + 1);
    end loop;
  end
  $$`;
