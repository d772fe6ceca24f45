-- Users provisioned over SCIM 2.0 (Okta, Microsoft Entra ID): the resource as last written, normalised
-- to the attributes this service keeps. What each write means for the program goes through
-- hr_deliveries (source 'scim'), in the same transaction, like an HR tool's delivery.
create table scim_users (
    id           uuid primary key,
    user_name    text not null,
    external_id  text,
    active       boolean not null,
    resource     text not null,
    version      integer not null,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);
-- userName is unique without regard to case (RFC 7643, 4.1.1: caseExact false).
create unique index scim_users_user_name on scim_users (lower(user_name));
create index scim_users_external_id on scim_users (external_id);
