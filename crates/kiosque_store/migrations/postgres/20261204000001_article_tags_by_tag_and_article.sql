-- "À lire aussi" reads the newest articles of each tag: with the article id in the index, that
-- is a short range of it, not every article of the tag looked up and sorted.
create index article_tags_by_tag_and_article on article_tags (tag_id, article_id);
