-- Newsletters: the daily digest (`daily`) and one per top-level section (named after its
-- slug, added as sections appear). Each is sent once a day at `send_minute` (minutes after
-- midnight, Europe/Paris) with what was published since `last_sent_at`.
create table newsletters (
    id bigserial primary key,
    name text not null unique,
    section_id bigint unique references sections (id) on delete cascade,
    send_minute bigint not null default 420,
    last_sent_at bigint,
    created_at bigint not null
);
insert into newsletters (name, section_id, send_minute, created_at) values ('daily', null, 420, 0);
-- One row per address. `token` is the address's secret for its unsubscribe links (it must be
-- readable to be written into every mail). `state`: ok, bounced or complained (never sent to).
create table newsletter_subscribers (
    id bigserial primary key,
    email text not null unique,
    token text not null unique,
    state text not null default 'ok',
    state_at bigint,
    created_at bigint not null
);
-- Double opt-in: a subscription is `pending` until the link of its confirmation mail (whose
-- token is kept hashed in `confirm_hash`) is followed, then `confirmed`; `unsubscribed` after.
create table newsletter_subscriptions (
    subscriber_id bigint not null references newsletter_subscribers (id) on delete cascade,
    newsletter_id bigint not null references newsletters (id) on delete cascade,
    state text not null,
    confirm_hash text,
    requested_at bigint not null,
    confirmed_at bigint,
    unsubscribed_at bigint,
    primary key (subscriber_id, newsletter_id)
);
create index newsletter_subscriptions_confirm on newsletter_subscriptions (confirm_hash);
create index newsletter_subscriptions_list on newsletter_subscriptions (newsletter_id, state);
-- Each edition once: the scheduled one of a day is keyed by its date, so a second node's claim
-- of the same day fails on the unique constraint; `kiosque newsletter send` makes special ones.
create table newsletter_editions (
    id bigserial primary key,
    newsletter_id bigint not null references newsletters (id) on delete cascade,
    edition_key text not null,
    subject text not null,
    body_text text not null,
    body_html text not null,
    articles bigint not null,
    recipients bigint not null default 0,
    since_at bigint not null,
    created_at bigint not null,
    unique (newsletter_id, edition_key)
);
