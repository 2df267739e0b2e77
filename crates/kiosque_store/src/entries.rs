//! What a feed entry says about an article beyond its card: the bylines, the tags and the date
//! of its last update, read for a whole list at once (three queries for fifty entries rather
//! than a full article read each).

use std::collections::HashMap;

use kiosque_domain::ArticleId;
use sqlx::Row;

use crate::db::placeholders;
use crate::views::{AuthorRef, TagRef};
use crate::{Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

/// An article's bylines and tags, in their order, and when it was last updated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntryDetails {
    pub authors: Vec<AuthorRef>,
    pub tags: Vec<TagRef>,
    /// Set when the article was updated after publication (the date its page shows).
    pub updated_at: Option<i64>,
}

fn bind_ids<'q>(
    sql: &'q str,
    ids: &[ArticleId],
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    ids.iter().fold(sqlx::query(sql), |q, id| q.bind(id.get()))
}

impl Store {
    /// The details of these articles, by id; an id that names no article is left out.
    pub async fn entry_details(
        &self,
        ids: &[ArticleId],
    ) -> Result<HashMap<ArticleId, EntryDetails>> {
        let mut out: HashMap<ArticleId, EntryDetails> = HashMap::new();
        if ids.is_empty() {
            return Ok(out);
        }
        let list = placeholders(1, ids.len());
        let sql = format!("select id, updated_at from articles where id in ({list})");
        for r in bind_ids(&sql, ids).fetch_all(&self.pool).await? {
            out.insert(
                ArticleId(r.try_get("id")?),
                EntryDetails {
                    updated_at: r.try_get("updated_at")?,
                    ..EntryDetails::default()
                },
            );
        }
        let sql = format!(
            "select aa.article_id, au.id, au.slug, au.name from article_authors aa \
             join authors au on au.id = aa.author_id where aa.article_id in ({list}) \
             order by aa.article_id, aa.position"
        );
        for r in bind_ids(&sql, ids).fetch_all(&self.pool).await? {
            if let Some(d) = out.get_mut(&ArticleId(r.try_get("article_id")?)) {
                d.authors.push(AuthorRef {
                    id: r.try_get("id")?,
                    slug: r.try_get("slug")?,
                    name: r.try_get("name")?,
                });
            }
        }
        let sql = format!(
            "select at.article_id, t.id, t.slug, t.name from article_tags at \
             join tags t on t.id = at.tag_id where at.article_id in ({list}) \
             order by at.article_id, at.position"
        );
        for r in bind_ids(&sql, ids).fetch_all(&self.pool).await? {
            if let Some(d) = out.get_mut(&ArticleId(r.try_get("article_id")?)) {
                d.tags.push(TagRef {
                    id: r.try_get("id")?,
                    slug: r.try_get("slug")?,
                    name: r.try_get("name")?,
                });
            }
        }
        Ok(out)
    }
}
