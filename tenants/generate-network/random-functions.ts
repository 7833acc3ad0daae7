/**
 * The generator's only source of chance: session-local SQL functions that hash
 * (seed, row number, purpose) instead of calling random(), so the same seed
 * writes the same rows whatever the batch sizes or the order they ran in.
 * They are plain SQL and immutable, so PostgreSQL inlines them in set-based
 * INSERT ... SELECT statements.
 */
export function randomFunctionsSql(seed: number): string[] {
  const s = Math.trunc(seed);
  return [
    // A uniform number in [0, 1) for row `i` and purpose `tag`.
    `create function pg_temp.u(i bigint, tag int) returns float8 language sql immutable parallel safe as
       $$ select (hashint8extended(i, ${s}::bigint * 64 + tag) & 4503599627370495)::float8 / 4503599627370496.0 $$`,
    // A stable id for row `a`/`b` of a kind of row ('t' ticket, 'c' customer, 'd' device, 'u' staff, 's' store).
    `create function pg_temp.gid(kind text, a bigint, b bigint) returns uuid language sql immutable parallel safe as
       $$ select md5(kind || ':' || ${s} || ':' || a || ':' || b)::uuid $$`,
    // A customer's mobile number: 1[3589] and nine digits.
    `create function pg_temp.phone(k int, j int) returns text language sql immutable parallel safe as
       $$ select '1' || (array['3','5','8','9'])[1 + floor(pg_temp.u(k::bigint * 100000000 + j, 20) * 4)::int]
                     || lpad(floor(pg_temp.u(k::bigint * 100000000 + j, 21) * 1000000000)::bigint::text, 9, '0') $$`,
    // A Chinese personal name from the commonest surnames and given names.
    `create function pg_temp.person(key bigint) returns text language sql immutable parallel safe as
       $$ select (array['王','李','张','刘','陈','杨','黄','赵','吴','周','徐','孙','马','朱','胡','郭','何','高','林','罗'])[1 + floor(pg_temp.u(key, 22) * 20)::int]
              || (array['伟','芳','娜','敏','静','丽','强','磊','军','洋','勇','艳','杰','娟','涛','明','超','秀英','霞','平'])[1 + floor(pg_temp.u(key, 23) * 20)::int] $$`,
  ];
}
