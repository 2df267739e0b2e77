//! Reads for the content API (keyset pagination, stable under inserts); its keys are in
//! `api_keys`.

use sqlx::Row;

use crate::public_names::{AUTHOR_IS_PUBLIC, TAG_IS_PUBLIC};
use crate::rows::{card_from_row, video_from_row, ARTICLE_CARD_COLUMNS, VIDEO_COLUMNS};
use crate::views::{ArticleCard, VideoCard};
use crate::{Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

/// Which published articles a list holds. Every filter is optional; they combine with "and".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleFilter {
    /// A section slug; its child sections are included, as on the section page.
    pub section: Option<String>,
    pub tag: Option<String>,
    pub author: Option<String>,
    /// Published at or after (unix ms).
    pub since: Option<i64>,
    /// Published strictly before (unix ms).
    pub until: Option<i64>,
}

/// Where a page of a newest-first list starts: after this (published_at, id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub at: i64,
    pub id: i64,
}

/// A page of a list and the cursor of the next one, if there is more.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<Cursor>,
}

/// A tag or an author in a list, with how many published articles carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub bio: Option<String>,
    pub articles: i64,
}

/// Builds `sql` with numbered parameters, binding in order; `$n` is never reused, which SQLite
/// and PostgreSQL would read differently.
pub(crate) struct Params {
    values: Vec<Value>,
}

enum Value {
    Int(i64),
    Text(String),
}

impl Params {
    pub(crate) fn new() -> Self {
        Params { values: Vec::new() }
    }

    pub(crate) fn int(&mut self, v: i64) -> String {
        self.values.push(Value::Int(v));
        format!("${}", self.values.len())
    }

    pub(crate) fn text(&mut self, v: &str) -> String {
        self.values.push(Value::Text(v.to_owned()));
        format!("${}", self.values.len())
    }

    pub(crate) fn bind<'q>(
        self,
        mut q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    ) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
        for v in self.values {
            q = match v {
                Value::Int(i) => q.bind(i),
                Value::Text(s) => q.bind(s),
            };
        }
        q
    }
}

fn keyset(p: &mut Params, cursor: Option<Cursor>, at_col: &str, id_col: &str) -> String {
    match cursor {
        Some(c) => format!(
            " and ({at_col} < {} or ({at_col} = {} and {id_col} < {}))",
            p.int(c.at),
            p.int(c.at),
            p.int(c.id)
        ),
        None => String::new(),
    }
}

impl Store {
    /// Published articles, newest first, filtered, one page after `cursor`.
    pub async fn article_page(
        &self,
        filter: &ArticleFilter,
        cursor: Option<Cursor>,
        limit: i64,
    ) -> Result<Page<ArticleCard>> {
        let mut p = Params { values: Vec::new() };
        let mut sql = format!(
            "select {ARTICLE_CARD_COLUMNS} from articles a join sections s on s.id = a.section_id \
             where a.status = 'published'"
        );
        if let Some(section) = &filter.section {
            let (a, b) = (p.text(section), p.text(section));
            sql.push_str(&format!(
                " and (s.slug = {a} or s.parent_id in (select id from sections where slug = {b}))"
            ));
        }
        if let Some(tag) = &filter.tag {
            sql.push_str(&format!(
                " and a.id in (select at.article_id from article_tags at \
                   join tags t on t.id = at.tag_id where t.slug = {})",
                p.text(tag)
            ));
        }
        if let Some(author) = &filter.author {
            sql.push_str(&format!(
                " and a.id in (select aa.article_id from article_authors aa \
                   join authors au on au.id = aa.author_id where au.slug = {})",
                p.text(author)
            ));
        }
        if let Some(since) = filter.since {
            sql.push_str(&format!(" and a.published_at >= {}", p.int(since)));
        }
        if let Some(until) = filter.until {
            sql.push_str(&format!(" and a.published_at < {}", p.int(until)));
        }
        sql.push_str(&keyset(&mut p, cursor, "a.published_at", "a.id"));
        sql.push_str(&format!(
            " order by a.published_at desc, a.id desc limit {}",
            p.int(limit + 1)
        ));
        let rows = p.bind(sqlx::query(&sql)).fetch_all(&self.pool).await?;
        let mut items = rows.iter().map(card_from_row).collect::<Result<Vec<_>>>()?;
        Ok(paged(&mut items, limit, |c| Cursor {
            at: c.published_at,
            id: c.id.get(),
        }))
    }

    /// Videos, newest first, one page after `cursor`.
    pub async fn video_page(&self, cursor: Option<Cursor>, limit: i64) -> Result<Page<VideoCard>> {
        let mut p = Params { values: Vec::new() };
        let mut sql = format!("select {VIDEO_COLUMNS} from videos where 1 = 1");
        sql.push_str(&keyset(&mut p, cursor, "published_at", "id"));
        sql.push_str(&format!(
            " order by published_at desc, id desc limit {}",
            p.int(limit + 1)
        ));
        let rows = p.bind(sqlx::query(&sql)).fetch_all(&self.pool).await?;
        let mut items = rows
            .iter()
            .map(video_from_row)
            .collect::<Result<Vec<_>>>()?;
        Ok(paged(&mut items, limit, |v| Cursor {
            at: v.published_at,
            id: v.id,
        }))
    }

    /// Tags on published articles (no other is public), with their published article
    /// counts; `after` is the last id seen.
    pub async fn tag_list(&self, after: i64, limit: i64) -> Result<Vec<Listed>> {
        self.listed(
            &format!(
                "select t.id, t.slug, t.name, null as bio, \
               (select count(*) from article_tags at join articles a on a.id = at.article_id \
                where at.tag_id = t.id and a.status = 'published') as articles \
             from tags t where t.id > $1 and {TAG_IS_PUBLIC} order by t.id limit $2"
            ),
            after,
            limit,
        )
        .await
    }

    /// Authors of published articles (no other is public), with their bio and published
    /// article counts; `after` is the last id seen.
    pub async fn author_list(&self, after: i64, limit: i64) -> Result<Vec<Listed>> {
        self.listed(
            &format!(
                "select au.id, au.slug, au.name, au.bio, \
               (select count(*) from article_authors aa join articles a on a.id = aa.article_id \
                where aa.author_id = au.id and a.status = 'published') as articles \
             from authors au where au.id > $1 and {AUTHOR_IS_PUBLIC} order by au.id limit $2"
            ),
            after,
            limit,
        )
        .await
    }

    async fn listed(&self, sql: &str, after: i64, limit: i64) -> Result<Vec<Listed>> {
        sqlx::query(sql)
            .bind(after)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| {
                Ok(Listed {
                    id: r.try_get("id")?,
                    slug: r.try_get("slug")?,
                    name: r.try_get("name")?,
                    bio: r.try_get("bio")?,
                    articles: r.try_get("articles")?,
                })
            })
            .collect()
    }
}

/// Cuts the extra row fetched to learn whether another page follows.
fn paged<T>(items: &mut Vec<T>, limit: i64, cursor: impl Fn(&T) -> Cursor) -> Page<T> {
    let limit = usize::try_from(limit).unwrap_or(0);
    let more = items.len() > limit;
    items.truncate(limit);
    let next = if more { items.last().map(cursor) } else { None };
    Page {
        items: std::mem::take(items),
        next,
    }
}
