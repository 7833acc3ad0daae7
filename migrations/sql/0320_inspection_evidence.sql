-- Photos as evidence of an inspection's findings. A photo is an
-- INSPECTION_EVIDENCE upload of the HQ, linked to one finding (one row per
-- photo, in the order the inspector gave them). The HQ owns the links
-- (tenant_id = the HQ, store_id = the inspected store), like the findings.

create table inspection_evidence (
  tenant_id      uuid not null references tenants (id),
  id             uuid not null default gen_random_uuid(),
  inspection_id  uuid not null,
  result_id      uuid not null,
  store_id       uuid not null references tenants (id),
  upload_id      uuid not null,
  position       integer not null check (position > 0),
  linked_by      uuid,
  linked_at      timestamptz not null default now(),
  primary key (tenant_id, id),
  -- a photo is evidence of one finding only
  unique (tenant_id, upload_id),
  unique (tenant_id, result_id, position),
  foreign key (tenant_id, inspection_id) references inspections (tenant_id, id),
  foreign key (tenant_id, result_id) references inspection_results (tenant_id, id),
  foreign key (tenant_id, upload_id) references uploads (tenant_id, id),
  foreign key (tenant_id, linked_by) references staff_users (tenant_id, id)
);
select app_protect_tenant_table('inspection_evidence', false);

-- The inspected store reads the links of its own inspection once it is
-- submitted, exactly as it reads the findings (the inspections' own policy
-- hides another store's, and any inspection not yet submitted).
create policy store_reads_its_evidence on inspection_evidence for select
  using (app_hq_row_of_store(tenant_id, store_id)
         and exists (select 1 from inspections i
                      where i.tenant_id = inspection_evidence.tenant_id and i.id = inspection_evidence.inspection_id
                        and i.store_id = inspection_evidence.store_id and i.status = 'SUBMITTED'));

-- And the photos themselves: its HQ's evidence uploads that a link it may
-- read names. Nothing else of the HQ's uploads, and nothing before submission.
create policy store_reads_its_inspection_photos on uploads for select
  using (purpose = 'INSPECTION_EVIDENCE'
         and tenant_id = (select app_parent_tenant())
         and exists (select 1 from inspection_evidence e where e.tenant_id = uploads.tenant_id and e.upload_id = uploads.id));
