-- Comments where the reader is: consent to the moderation charter, reply notifications by
-- e-mail, and their throttle.

-- when the member accepted the moderation charter at sign-up (null: before it was asked).
alter table users add column charter_accepted_at bigint;
-- 1: e-mail me when someone replies to my comment. Off until the member asks.
alter table users add column notify_replies bigint not null default 0;

-- one row per published reply to notify its parent's author about (an outbox: the write that
-- publishes the reply adds the row, a sender claims it with a short lease).
create table reply_notices (
    comment_id bigint primary key references comments (id) on delete cascade,
    created_at bigint not null,
    -- a sender holds the row until then; 0 when free.
    locked_until bigint not null default 0,
    -- sent, or decided not to send (throttled, unsubscribed, the replier themselves).
    done_at bigint
);
create index reply_notices_due on reply_notices (done_at, locked_until);

-- the last reply e-mail a member got about a thread (its top-level comment): one an hour at most.
create table reply_notice_throttle (
    user_id bigint not null references users (id) on delete cascade,
    thread_id bigint not null references comments (id) on delete cascade,
    last_sent_at bigint not null,
    primary key (user_id, thread_id)
);
