-- What an import from another platform brings besides articles (issue 15): comments from
-- readers without an account, the import's own keys (so that a second import updates
-- instead of duplicating), pages of the old site, and the old site's addresses.

-- a comment imported from a reader without an account: shown under this name.
alter table comments add column guest_name text;
-- where an imported comment came from ("wordpress:{host}:{post}:{comment}").
alter table comments add column source_key text;
create unique index comments_by_source_key on comments (source_key);

-- where an imported image came from ("wordpress:{host}:{attachment}").
alter table media add column source_key text;
create unique index media_by_source_key on media (source_key);

-- a page imported from another site; null for the site's own four pages.
alter table site_pages add column source_key text;

-- an address of the old site ("/2016/12/23/slug", "/?p=123"), without its trailing slash,
-- and the article or page it answers with a permanent redirect.
create table legacy_paths (
    path text primary key,
    article_id bigint references articles (id) on delete cascade,
    page_slug text references site_pages (slug) on delete cascade
);
