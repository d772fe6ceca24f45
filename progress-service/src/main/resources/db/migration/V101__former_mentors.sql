-- A mentor reads an apprentice's progress only while their match runs. The projection keeps what
-- it needs to tell a current match from a finished or older one, whatever order the events arrive in.
alter table apprentice_progress add column withdrawn_at timestamptz;
-- When the newest match seen for the apprentice started; a match that started earlier is an older one.
alter table apprentice_progress add column latest_start_at timestamptz;

-- Matches known to have ended: a MatchStarted of one of them, late or replayed, is ignored.
create table ended_matches (
    match_id       text primary key,
    apprentice_id  text not null,
    ended_at       timestamptz not null
);
