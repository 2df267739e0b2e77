-- Rate-limit counters shared by every node of a site (PostgreSQL; SQLite sites, one node, count
-- in memory but have the table too, as both backends keep the same migrations). One row per
-- quota and key ("login-account:<account> <address>"): the hits of its current fixed window
-- and of the one before, from which a sliding estimate is made. Windows are numbered
-- (unix ms / window length); rows past `expires_at` (ms) are deleted by every node's trimmer.
create table rate_limits (
    key text primary key,
    win bigint not null,
    hits bigint not null,
    prev_hits bigint not null,
    expires_at bigint not null
);
create index rate_limits_expiry on rate_limits (expires_at);
