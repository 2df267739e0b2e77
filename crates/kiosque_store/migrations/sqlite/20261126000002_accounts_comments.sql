-- Reader accounts, sessions, one-time tokens, comments and their moderation.

create table users (
    id integer primary key,
    -- stored lowercased and trimmed: one account per address, however it is typed.
    email text not null unique,
    display_name text not null,
    -- argon2id phc string.
    password_hash text not null,
    -- space-separated roles ("member", "moderator admin"): a handful per user, read with the
    -- user, checked in the domain crate.
    roles text not null default 'member',
    email_verified_at integer,
    -- a ban ends at this time; far in the future for a ban for good; null when not banned.
    banned_until integer,
    ban_reason text,
    created_at integer not null
);

create table sessions (
    -- sha-256 of the cookie's secret: a stolen database does not give live sessions.
    id_hash text primary key,
    user_id integer not null references users (id) on delete cascade,
    -- the per-session token forms carry (csrf protection for logged-in members).
    csrf_token text not null,
    created_at integer not null,
    expires_at integer not null
);
create index sessions_by_user on sessions (user_id);

-- one-time links sent by e-mail: verification, password reset, e-mail change.
create table tokens (
    hash text primary key,
    user_id integer not null references users (id) on delete cascade,
    purpose text not null,
    -- e.g. the new address for an e-mail change.
    data text,
    expires_at integer not null,
    used_at integer
);

-- comment mode defaults per section, and automatic closing after an age (null: never).
alter table sections add column comment_mode text;
alter table sections add column comments_close_after_days integer;

create table comments (
    id integer primary key,
    article_id integer not null references articles (id) on delete cascade,
    -- null once the author deleted their account: shown as from a deleted account.
    author_id integer references users (id) on delete set null,
    -- one level of replies: a reply's parent is a top-level comment.
    parent_id integer references comments (id),
    body text not null,
    -- published, pending, rejected, deleted (by its author), removed (by a moderator), hidden
    -- (reported by several members, awaiting review).
    status text not null,
    created_at integer not null,
    edited_at integer,
    -- the statement of reasons given to the author when a moderator removes or rejects it.
    moderation_reason text
);
create index comments_by_article on comments (article_id, status, created_at);
create index comments_by_author on comments (author_id, created_at);
create index comments_by_status on comments (status, created_at);
-- replies of a page of top-level comments, and "does this comment keep published replies".
create index comments_by_parent on comments (parent_id, status);

-- every earlier version of an edited comment, for moderators.
create table comment_edits (
    id integer primary key,
    comment_id integer not null references comments (id) on delete cascade,
    body text not null,
    edited_at integer not null
);

create table comment_reports (
    id integer primary key,
    comment_id integer not null references comments (id) on delete cascade,
    reporter_id integer references users (id) on delete set null,
    -- spam, abuse, off_topic, illegal
    reason text not null,
    details text,
    created_at integer not null,
    -- when a moderator decided on the comment; the answer to an illegal-content report is the
    -- decision's audit row.
    resolved_at integer,
    unique (comment_id, reporter_id)
);
create index comment_reports_open on comment_reports (resolved_at, comment_id);

-- the audit trail of every moderation decision (who, what, when, why).
create table moderation_log (
    id integer primary key,
    moderator_id integer references users (id) on delete set null,
    action text not null,
    comment_id integer references comments (id) on delete set null,
    user_id integer references users (id) on delete set null,
    reason text,
    at integer not null
);

create table banned_words (
    word text primary key
);
