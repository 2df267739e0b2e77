-- The write API: each key has scopes and an owner. A key acts for its owner (a staff account)
-- and never does more than the owner may; its writes are revisions by the owner.
-- space-separated scopes (content:read content:write media:write live:write comments:moderate).
-- keys made before scopes existed were read-only, and stay so.
alter table api_keys add column scopes text not null default 'content:read';
-- who the key acts for. keys made in the back office before owners existed belong to the
-- admin who made them; a key whose owner is deleted can no longer write.
alter table api_keys add column owner_id integer references users (id) on delete set null;
update api_keys set owner_id = created_by;
