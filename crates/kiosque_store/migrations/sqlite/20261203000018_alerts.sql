-- Breaking-news alerts: the banner at the top of every public page. At most one is active
-- (not ended, not expired); sending a new one ends the previous, and every alert stays as the
-- newsroom's log. Times in milliseconds since the epoch.
create table alerts (
    id integer primary key,
    text text not null,
    link text,
    expires_at integer not null,
    created_by integer references users (id) on delete set null,
    created_at integer not null,
    ended_at integer,
    ended_by integer references users (id) on delete set null
);
create index alerts_active on alerts (ended_at, expires_at);
