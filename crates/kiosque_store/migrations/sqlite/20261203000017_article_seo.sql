-- What search engines and social sites show of an article, when the newsroom writes it apart
-- from the headline and standfirst (empty: the page falls back to those).
alter table articles add column seo_title text;
alter table articles add column seo_description text;
