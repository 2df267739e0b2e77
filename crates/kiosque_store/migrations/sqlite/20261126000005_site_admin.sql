-- Site administration by the desk: an author's page shows a photo from the media library.

-- the photo's media path (`/2016/12/23/portrait.jpg`), as articles reference images; null for
-- none. A path rather than a media id, so that a photo placed in the media folder by hand works
-- too, as for article images.
alter table authors add column photo text;
