-- Podcasts: shows and their audio episodes. An episode plays an uploaded file of the media
-- folder (its path, exact size and MIME type, for the feed's enclosure) or a file hosted
-- elsewhere (its https address). Images are media-library references (JSON, like video
-- posters). Times in milliseconds since the epoch, flags as 0/1.
create table podcast_shows (
    id bigserial primary key,
    slug text not null,
    title text not null,
    description text not null,
    image text,
    category text not null,
    explicit bigint not null default 0,
    author text not null,
    created_at bigint not null
);
create table audio_entries (
    id bigserial primary key,
    show_id bigint not null references podcast_shows (id),
    slug text not null,
    title text not null,
    description text not null,
    duration_seconds bigint,
    file_path text,
    file_bytes bigint,
    mime text not null,
    external_url text,
    image text,
    published_at bigint not null,
    created_at bigint not null
);
create index audio_entries_show on audio_entries (show_id, published_at);
