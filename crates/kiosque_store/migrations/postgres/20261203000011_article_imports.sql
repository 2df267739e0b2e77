-- Safe re-import of archive pages. What the last import of an article brought (a digest of the
-- page's content) and the article version that import left: importing the page again compares
-- with them, so an unchanged page writes nothing, and a page re-imported over edits made in the
-- newsroom since (the version moved on) is refused unless forced. Null for articles imported
-- before this migration (their next import is taken as a change) and for newsroom articles.
alter table articles add column import_digest text;
alter table articles add column import_version bigint;
