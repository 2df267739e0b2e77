-- Agency wire items (IPTC ninjs, issue 15): each item lands as a draft of the "Dépêches"
-- section; this row keeps what the agency says of it, for the wire desk's list.
create table wire_items (
    -- the agency's identifier of the item, the same across its versions.
    uri text primary key,
    article_id bigint references articles (id) on delete set null,
    agency text not null,
    -- 1 (most urgent) to 9; null when the agency gives none.
    urgency integer,
    located text not null,
    -- usable, withheld, canceled: the last two are flagged to editors.
    pubstatus text not null,
    version text,
    -- unix ms of the version, as the agency dates it.
    version_created bigint,
    -- the item's pictures and other files, JSON [{name, href, mimetype, width, height}].
    renditions text not null,
    -- unix ms of the first and the last version received, and how many were.
    first_received_at bigint not null,
    received_at bigint not null,
    versions integer not null
);
create index wire_items_by_received on wire_items (received_at);

-- a section left out of the site's navigation (the wire desk's drafts live in one).
alter table sections add column listed integer not null default 1;
