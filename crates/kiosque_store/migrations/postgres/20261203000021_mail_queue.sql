-- The durable mail queue: every outgoing message (account mail, reply notices, newsletter
-- editions) is a row here before anything is sent. A sender claims due rows with a lease
-- (`locked_until`), so two nodes never send the same row at once, marks each one `sent` once
-- the server accepted it (so a restart never sends it again), and on failure puts it back with
-- a later `next_at` (back-off) until it gives up (`failed`). Newsletter rows keep only their
-- recipient: the text lives once in their edition (`edition_id`). Times in milliseconds.
create table mail_queue (
    id bigserial primary key,
    recipient text not null,
    subject text not null,
    body_text text not null default '',
    body_html text,
    -- Extra header fields, one `Name: value` per line.
    headers text not null default '',
    edition_id bigint,
    subscriber_id bigint,
    status text not null default 'queued',
    attempts bigint not null default 0,
    next_at bigint not null,
    locked_until bigint not null default 0,
    last_error text,
    created_at bigint not null,
    sent_at bigint
);
create index mail_queue_due on mail_queue (status, next_at);
create index mail_queue_edition on mail_queue (edition_id, status);
