-- Which identity-provider subject acts as which platform subject (security/SignInLinks). An
-- apprentice enrolled from an HR tool gets a pseudonymous subject (hr:<apprentice id>) and links the
-- subject they sign in with on first sign-in; both are opaque identifiers. An erasure deletes the row.
create table if not exists sign_in_links (
    sign_in_subject text primary key,
    subject         text not null,
    linked_at       timestamptz not null
);

create index if not exists sign_in_links_subject on sign_in_links (subject);
