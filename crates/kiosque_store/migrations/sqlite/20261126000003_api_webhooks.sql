-- The content API's keys, and webhooks with their delivery log.

create table api_keys (
    id integer primary key,
    -- what the key is for ("application iOS", "partenaire X"), shown in the back office.
    name text not null,
    -- sha-256 of the key, hex. keys are 256 random bits, so a fast hash is enough (unlike
    -- passwords) and lets every api request be checked with one indexed lookup.
    key_hash text not null unique,
    -- the key's first characters, shown in the back office to tell keys apart.
    prefix text not null,
    created_by integer references users (id) on delete set null,
    created_at integer not null,
    last_used_at integer,
    -- a revoked key is kept, for the record, and refused.
    revoked_at integer
);

create table webhooks (
    id integer primary key,
    url text not null,
    -- the hmac key receivers use to check a delivery came from us; stored in clear because
    -- signing needs it.
    secret text not null,
    -- space-separated events: article.published article.updated article.unpublished
    events text not null,
    active integer not null default 1,
    created_by integer references users (id) on delete set null,
    created_at integer not null
);

-- one row per event and webhook, written in the transaction that published, updated or
-- unpublished the article (an outbox): a delivery is never lost to a crash between the write
-- and the send.
create table webhook_deliveries (
    id integer primary key,
    webhook_id integer not null references webhooks (id) on delete cascade,
    event text not null,
    article_id integer not null,
    -- json: what the receiver gets, fixed when the event happened.
    payload text not null,
    -- pending, delivered, failed (gave up after the last retry).
    status text not null,
    attempts integer not null default 0,
    next_attempt_at integer not null,
    -- a node sending it holds it until then; another node may take it over afterwards.
    locked_until integer,
    last_status_code integer,
    last_error text,
    created_at integer not null,
    delivered_at integer
);
create index webhook_deliveries_due on webhook_deliveries (status, next_attempt_at);
create index webhook_deliveries_by_hook on webhook_deliveries (webhook_id, id);
-- events about one article are sent in order: a delivery waits for earlier pending ones.
create index webhook_deliveries_by_article on webhook_deliveries (webhook_id, article_id, id);

-- every attempt, for the delivery log in the back office.
create table webhook_attempts (
    id integer primary key,
    delivery_id integer not null references webhook_deliveries (id) on delete cascade,
    at integer not null,
    status_code integer,
    error text,
    duration_ms integer not null
);
create index webhook_attempts_by_delivery on webhook_attempts (delivery_id);
