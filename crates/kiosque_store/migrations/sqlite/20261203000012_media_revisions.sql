-- Rights on shared media: every accepted change of the public text of a library image (alt
-- text, caption, credit) or of a video entry (title, section, poster, description…) is kept
-- with its author and time, so the desk can see who rewrote what published articles show.
create table media_revisions (
    id integer primary key,
    media_id integer not null references media (id) on delete cascade,
    author_id integer references users (id) on delete set null,
    created_at integer not null,
    -- json: the texts as they became ({"alt", "caption", "credit"}).
    content text not null
);
create index media_revisions_by_media on media_revisions (media_id, id);

create table video_revisions (
    id integer primary key,
    video_id integer not null references videos (id) on delete cascade,
    author_id integer references users (id) on delete set null,
    created_at integer not null,
    -- json: the entry's public fields as they became.
    content text not null
);
create index video_revisions_by_video on video_revisions (video_id, id);
