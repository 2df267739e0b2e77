-- The newsroom: versions for optimistic locking, revisions, scheduling, corrections, the
-- sections where journalists publish, and the media library.

-- every save of an article's content bumps its version; a save based on an older version is
-- refused (two people editing at once never silently overwrite each other).
alter table articles add column version integer not null default 1;
-- who created it in the newsroom (null for imported articles).
alter table articles add column created_by integer references users (id) on delete set null;
-- when a scheduled article goes online (status 'scheduled'); the scheduler publishes rows whose
-- time has come, so a restart loses nothing.
alter table articles add column scheduled_at integer;
create index articles_scheduled on articles (status, scheduled_at);

create table article_revisions (
    id integer primary key,
    article_id integer not null references articles (id) on delete cascade,
    -- the article version this content became; for autosaves and refused saves, the version
    -- they were based on (they did not change the article).
    version integer not null,
    -- save, restore, autosave (the editor's working copy), conflict (a refused save, kept).
    kind text not null,
    author_id integer references users (id) on delete set null,
    created_at integer not null,
    -- json: the article's editable content (an ArticleDraft).
    content text not null
);
create index article_revisions_by_article on article_revisions (article_id, id);

-- correction notes, shown at the foot of the public article.
create table corrections (
    id integer primary key,
    article_id integer not null references articles (id) on delete cascade,
    body text not null,
    author_id integer references users (id) on delete set null,
    created_at integer not null
);
create index corrections_by_article on corrections (article_id, id);

-- the sections where a journalist may publish their own articles.
create table user_sections (
    user_id integer not null references users (id) on delete cascade,
    section_id integer not null references sections (id) on delete cascade,
    primary key (user_id, section_id)
);

-- the media library: each uploaded image, its responsive variants and its metadata.
create table media (
    id integer primary key,
    -- the original's path under the media folder: 2016/12/23/photo-ab12.jpg
    path text not null unique,
    mime text not null,
    width integer not null,
    height integer not null,
    alt text,
    caption text,
    credit text,
    -- json: [[width, path], …], narrowest first.
    variants text not null,
    -- a tiny blurred image as a data: uri, shown while the image loads.
    placeholder text not null,
    uploaded_by integer references users (id) on delete set null,
    created_at integer not null
);
create index media_by_date on media (created_at desc);

-- an account closed by an admin (staff who left): no log-in, no session; its content stays.
alter table users add column deactivated_at integer;

-- articles are saved with tag and author names; renamed ones are found by name (their slug
-- no longer matches), so names are looked up on every save.
create index tags_by_name on tags (name);
create index authors_by_name on authors (name);

-- when a comment became visible (posted in an open thread, or approved later): live streams
-- follow this, not the id, so a comment approved after newer ones still reaches open pages.
alter table comments add column shown_at integer;

-- a video entry shown at the top of the article in place of the hero image.
alter table articles add column hero_video_id integer references videos (id) on delete set null;
