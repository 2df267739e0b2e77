-- Live blogs ("En direct"): an article that is a live blog has a row here, open while the
-- newsroom covers the event (closed_at null) and kept as an ordinary page once closed.
-- `rev` grows with every post written, edited or deleted: each post remembers the rev of its
-- last change, so live streams fetch "what changed since rev N" in one indexed read.
-- Times in milliseconds since the epoch.
create table live_blogs (
    article_id integer primary key references articles (id) on delete cascade,
    coverage_start integer not null,
    closed_at integer,
    rev integer not null default 0,
    created_by integer references users (id) on delete set null,
    created_at integer not null
);
create index live_blogs_by_state on live_blogs (closed_at, coverage_start);

-- The posts of a live blog. body is the editor's blocks as json (like articles.body); a deleted
-- post keeps its row (deleted_at) so that open pages learn of the deletion through `rev`.
create table live_posts (
    id integer primary key,
    article_id integer not null references live_blogs (article_id) on delete cascade,
    title text not null,
    body text not null,
    important integer not null default 0,
    key_point integer not null default 0,
    author_id integer references users (id) on delete set null,
    created_at integer not null,
    updated_at integer,
    deleted_at integer,
    rev integer not null
);
create index live_posts_by_blog on live_posts (article_id, deleted_at, created_at desc, id desc);
create index live_posts_by_rev on live_posts (article_id, rev);

-- Every change of a post, as the newsroom's history: who, when, what it became.
create table live_post_revisions (
    id integer primary key,
    post_id integer not null references live_posts (id) on delete cascade,
    action text not null,
    title text not null,
    body text not null,
    important integer not null,
    key_point integer not null,
    author_id integer references users (id) on delete set null,
    created_at integer not null
);
create index live_post_revisions_by_post on live_post_revisions (post_id, id);
