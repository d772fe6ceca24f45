-- Who runs a job that one instance of a service runs at a time (LeasedJob): a lease per job, taken
-- over once it lapses. A job's row is made the first time it is leased.
create table if not exists job_leases (
    name    text primary key,
    holder  text not null,
    until   timestamptz not null
);
