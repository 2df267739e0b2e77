-- What a video page says about the video itself, set by the newsroom.

-- the video's own date (shot or first shown), Unix milliseconds; null when unknown. published_at
-- stays the time it joined this site (the rail's order): for archive imports that is the import
-- day, which says nothing about the video.
alter table videos add column recorded_at integer;
-- a short text shown under the player; null for none.
alter table videos add column description text;
-- the article the newsroom ties to the video ("l'article lié"); an article that opens with the
-- video (articles.hero_video_id) is found without it.
alter table videos add column article_id integer references articles (id) on delete set null;
create index videos_by_article on videos (article_id);
-- a video page looks for the article that opens with it.
create index articles_by_hero_video on articles (hero_video_id);
