-- The composed front page: an editor places stories in numbered slots of a place (`front`:
-- slot 1 is the lead, then the secondary stories; `block-{section}`: a section's block on the
-- front page; `section-{section}`: a section page's lead). Empty slots are filled with the
-- newest stories when the page is made; an unpublished story is skipped there, so it leaves
-- its slot by itself.
create table front_slots (
    place text not null,
    slot integer not null,
    article_id integer not null references articles (id) on delete cascade,
    placed_by integer references users (id) on delete set null,
    placed_at integer not null,
    primary key (place, slot),
    unique (place, article_id)
);

-- The lead pinned before slots existed becomes the front page's slot 1.
insert into front_slots (place, slot, article_id, placed_by, placed_at)
select 'front', 1, a.id, null, cast(strftime('%s', 'now') as integer) * 1000
from site_meta m join articles a on cast(a.id as text) = m.value
where m.key = 'front.lead';
delete from site_meta where key = 'front.lead';
