-- Uploaded files: inspection evidence (photos) and ticket attachments (photos,
-- PDFs). The bytes live in object storage under `<tenant id>/<upload id>`; a
-- row is written only after its object is complete, so every row has its file.

create table uploads (
  tenant_id       uuid not null references tenants (id),
  id              uuid not null default gen_random_uuid(),
  purpose         text not null check (purpose in ('INSPECTION_EVIDENCE', 'TICKET_ATTACHMENT')),
  -- the name the file had on the uploader's device, for the download's Content-Disposition
  filename        text not null check (length(filename) between 1 and 200),
  -- read from the file's first bytes, never taken from the client
  content_type    text not null check (content_type in ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
  size_bytes      integer not null check (size_bytes > 0),
  -- the staff user who uploaded it (null: an API key)
  uploaded_by_id  uuid,
  created_at      timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, uploaded_by_id) references staff_users (tenant_id, id)
);
-- HQ reads its stores' uploads through the audited network scope (evidence of an inspection, a ticket's attachments).
select app_protect_tenant_table('uploads', true);

-- An upload kept on a ticket. Both are the same tenant's: the keys say so.
create table ticket_attachments (
  tenant_id       uuid not null references tenants (id),
  id              uuid not null default gen_random_uuid(),
  ticket_id       uuid not null,
  upload_id       uuid not null,
  attached_by_id  uuid,
  attached_at     timestamptz not null default now(),
  primary key (tenant_id, id),
  -- an upload belongs to one ticket
  unique (tenant_id, upload_id),
  foreign key (tenant_id, ticket_id) references tickets (tenant_id, id),
  foreign key (tenant_id, upload_id) references uploads (tenant_id, id),
  foreign key (tenant_id, attached_by_id) references staff_users (tenant_id, id)
);
-- A page of tickets reads its attachments by ticket, in the order they were attached.
create index ticket_attachments_ticket_idx on ticket_attachments (tenant_id, ticket_id, attached_at, id);
select app_protect_tenant_table('ticket_attachments', true);
