-- "Les plus lus": how many readers viewed each article, per hour. Each node counts views in
-- memory where it serves the page (cache hits included) and adds its counts here in batches,
-- so several nodes add to the same rows and no request waits on a write. One row per article
-- and hour keeps the 24-48 hour window a range scan and lets old hours be deleted.
create table article_views (
    article_id integer not null references articles (id) on delete cascade,
    -- the start of the hour, unix milliseconds (utc).
    hour integer not null,
    views integer not null,
    primary key (article_id, hour)
);

-- the ranking sums the recent hours; pruning deletes the old ones.
create index article_views_hour on article_views (hour);
