-- The content model: sections (a tree), tags, authors, articles with their body blocks, videos.
-- Times are unix milliseconds (utc); flags are integers 0/1; json lives in text columns.

create table sections (
    id integer primary key,
    slug text not null unique,
    name text not null,
    -- a tree: monde > europe. null for top-level sections.
    parent_id integer references sections (id),
    description text,
    -- order of the section blocks on the front page and in the navigation.
    position integer not null default 0
);

create table tags (
    id integer primary key,
    slug text not null unique,
    name text not null
);

create table authors (
    id integer primary key,
    slug text not null unique,
    name text not null,
    bio text
);

create table articles (
    id integer primary key,
    -- stable key of the source an importer read (an archive page, a wire story), so that a second
    -- import updates instead of duplicating. null for articles written in the newsroom.
    source_key text unique,
    -- the slug may change; the id in the permalink finds the article, a stale slug redirects.
    slug text not null,
    section_id integer not null references sections (id),
    title text not null,
    standfirst text,
    -- json: a media reference (path, alt, caption, credit), or null.
    hero text,
    -- json: the list of body blocks. blocks are read and written whole with the article, so a
    -- json column keeps the article one row and new block types need no migration.
    body text not null,
    status text not null,
    published_at integer,
    -- 0 when only the day is known (archive pages): pages then show no invented time.
    published_time_known integer not null default 1,
    updated_at integer,
    comment_mode text not null default 'open',
    created_at integer not null,
    modified_at integer not null
);

-- the front page, section pages and feeds list published articles newest first.
create index articles_by_status_date on articles (status, published_at desc);
create index articles_by_section_date on articles (section_id, status, published_at desc);

create table article_tags (
    article_id integer not null references articles (id) on delete cascade,
    tag_id integer not null references tags (id),
    position integer not null,
    primary key (article_id, tag_id)
);
create index article_tags_by_tag on article_tags (tag_id);

create table article_authors (
    article_id integer not null references articles (id) on delete cascade,
    author_id integer not null references authors (id),
    position integer not null,
    primary key (article_id, author_id)
);
create index article_authors_by_author on article_authors (author_id);

create table videos (
    id integer primary key,
    source_key text unique,
    slug text not null,
    title text not null,
    section_id integer references sections (id),
    -- json media reference of the poster image, or null.
    poster text,
    duration_seconds integer,
    -- the uploaded file in the media library, or an external embed, or neither (archive entries).
    file_path text,
    embed_url text,
    published_at integer not null,
    created_at integer not null
);
-- the "à regarder" rail lists the latest videos.
create index videos_by_date on videos (published_at desc);

-- the change log: every write appends one row in the same transaction, naming what it touched
-- ("article:12 section:3 front videos"). page caches, the search index and live updates follow
-- this log instead of being called from handlers (docs/ARCHITECTURE.md).
create table changes (
    id integer primary key,
    kind text not null,
    touches text not null,
    at integer not null
);

-- small facts about the site itself (e.g. whether the demo content was loaded).
create table site_meta (
    key text primary key,
    value text not null
);
