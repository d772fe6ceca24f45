-- Personal data lives here, not in events, so that erasing a person is a delete.
create table people (
    id          uuid primary key,
    role        text        not null check (role in ('mentor', 'apprentice')),
    name        text        not null,
    email       text        not null,
    background  text,
    created_at  timestamptz not null default now()
);

create unique index people_email_unique on people (lower(email));
