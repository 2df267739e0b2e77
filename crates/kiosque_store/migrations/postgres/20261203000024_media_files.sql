-- Every file of the media store the site may link to (originals, variants, videos, audio),
-- with its size and type: pages, feeds and podcast enclosures read whether a file exists here,
-- never from a node's own disk, so that every node of a site answers alike whatever its disk
-- holds. Times in milliseconds since the epoch.
create table media_files (
    path text primary key,
    bytes bigint not null,
    mime text not null,
    created_at bigint not null
);
