//! Reading published articles: one article, the lists of the site (sections, tags, authors),
//! the sitemap and the cards of search results.

use kiosque_domain::{ArticleId, ArticleStatus, Block, CommentMode, SectionId};
use sqlx::Row;

use crate::db::placeholders;
use crate::rows::{card_from_row, parse_media, ARTICLE_CARD_COLUMNS};
use crate::views::{ArticleCard, ArticleView, AuthorRef, SectionRow, TagRef};
use crate::{Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

impl Store {
    /// One article with its section, tags and bylines, whatever its status (callers decide
    /// who may see what).
    pub async fn article(&self, id: ArticleId) -> Result<Option<ArticleView>> {
        let Some(row) = sqlx::query(
            "select a.id, a.slug, a.section_id, a.title, a.standfirst, a.hero, a.hero_video_id, \
               a.body, a.status, \
               a.published_at, a.published_time_known, a.updated_at, a.comment_mode, \
               a.seo_title, a.seo_description \
             from articles a where a.id = $1",
        )
        .bind(id.get())
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        let section_id = SectionId(row.try_get("section_id")?);
        let section = self.section_by_id(section_id).await?;
        let parent_section = match section.parent_id {
            Some(p) => Some(self.section_by_id(p).await?),
            None => None,
        };
        let tags = sqlx::query_as::<_, TagRef>(
            "select t.id, t.slug, t.name from article_tags at join tags t on t.id = at.tag_id \
             where at.article_id = $1 order by at.position",
        )
        .bind(id.get())
        .fetch_all(&self.pool)
        .await?;
        let authors = sqlx::query_as::<_, AuthorRef>(
            "select au.id, au.slug, au.name from article_authors aa \
             join authors au on au.id = aa.author_id where aa.article_id = $1 order by aa.position",
        )
        .bind(id.get())
        .fetch_all(&self.pool)
        .await?;
        let status: String = row.try_get("status")?;
        let mode: String = row.try_get("comment_mode")?;
        let body: String = row.try_get("body")?;
        Ok(Some(ArticleView {
            id,
            slug: row.try_get("slug")?,
            section,
            parent_section,
            title: row.try_get("title")?,
            standfirst: row.try_get("standfirst")?,
            hero: parse_media(row.try_get("hero")?)?,
            hero_video: match row.try_get::<Option<i64>, _>("hero_video_id")? {
                Some(v) => self.video(v).await?,
                None => None,
            },
            body: serde_json::from_str::<Vec<Block>>(&body)
                .map_err(|e| StoreError::Corrupt(format!("article {id} body: {e}")))?,
            status: ArticleStatus::parse(&status)
                .ok_or_else(|| StoreError::Corrupt(format!("article {id} status {status:?}")))?,
            published_at: row.try_get("published_at")?,
            published_time_known: row.try_get::<i64, _>("published_time_known")? != 0,
            updated_at: row.try_get("updated_at")?,
            comment_mode: CommentMode::parse(&mode).ok_or_else(|| {
                StoreError::Corrupt(format!("article {id} comment mode {mode:?}"))
            })?,
            tags,
            authors,
            seo_title: row.try_get("seo_title")?,
            seo_description: row.try_get("seo_description")?,
        }))
    }

    async fn section_by_id(&self, id: SectionId) -> Result<SectionRow> {
        Ok(sqlx::query_as::<_, SectionRow>(
            "select id, slug, name, parent_id, description, position, listed from sections where id = $1",
        )
        .bind(id.get())
        .fetch_one(&self.pool)
        .await?)
    }

    /// Published articles, newest first, optionally within some sections; with the total count.
    pub async fn published_articles(
        &self,
        sections: Option<&[SectionId]>,
        offset: i64,
        limit: i64,
    ) -> Result<(Vec<ArticleCard>, i64)> {
        let filter = match sections {
            Some([]) => return Ok((Vec::new(), 0)),
            Some(ids) => format!(" and a.section_id in ({})", placeholders(3, ids.len())),
            None => String::new(),
        };
        let list_sql = format!(
            "select {ARTICLE_CARD_COLUMNS} from articles a join sections s on s.id = a.section_id \
             where a.status = 'published'{filter} \
             order by a.published_at desc, a.id desc limit $1 offset $2"
        );
        let mut q = sqlx::query(&list_sql).bind(limit).bind(offset);
        for id in sections.into_iter().flatten() {
            q = q.bind(id.get());
        }
        let cards = q
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(card_from_row)
            .collect::<Result<Vec<_>>>()?;
        // The count query numbers its parameters from $1.
        let count_filter = match sections {
            Some(ids) => format!(" and a.section_id in ({})", placeholders(1, ids.len())),
            None => String::new(),
        };
        let count_sql = format!(
            "select count(*) as n from articles a where a.status = 'published'{count_filter}"
        );
        let mut q = sqlx::query(&count_sql);
        for id in sections.into_iter().flatten() {
            q = q.bind(id.get());
        }
        let total: i64 = q.fetch_one(&self.pool).await?.try_get("n")?;
        Ok((cards, total))
    }

    /// An author by slug: (id, name, bio).
    pub async fn author_by_slug(
        &self,
        slug: &str,
    ) -> Result<Option<(i64, String, Option<String>)>> {
        let row = sqlx::query("select id, name, bio from authors where slug = $1")
            .bind(slug)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| Ok((r.try_get("id")?, r.try_get("name")?, r.try_get("bio")?)))
            .transpose()
    }

    /// Published articles signed by an author, newest first, with the total count.
    pub async fn author_articles(
        &self,
        author_id: i64,
        offset: i64,
        limit: i64,
    ) -> Result<(Vec<ArticleCard>, i64)> {
        let sql = format!(
            "select {ARTICLE_CARD_COLUMNS} from articles a join sections s on s.id = a.section_id \
             join article_authors aa on aa.article_id = a.id \
             where a.status = 'published' and aa.author_id = $1 \
             order by a.published_at desc, a.id desc limit $2 offset $3"
        );
        let cards = sqlx::query(&sql)
            .bind(author_id)
            .bind(limit)
            .bind(offset)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(card_from_row)
            .collect::<Result<Vec<_>>>()?;
        let total: i64 = sqlx::query(
            "select count(*) as n from articles a join article_authors aa on aa.article_id = a.id \
             where a.status = 'published' and aa.author_id = $1",
        )
        .bind(author_id)
        .fetch_one(&self.pool)
        .await?
        .try_get("n")?;
        Ok((cards, total))
    }

    /// Published articles with a tag, newest first, with the total count.
    pub async fn tagged_articles(
        &self,
        tag_slug: &str,
        offset: i64,
        limit: i64,
    ) -> Result<(Vec<ArticleCard>, i64)> {
        let sql = format!(
            "select {ARTICLE_CARD_COLUMNS} from articles a join sections s on s.id = a.section_id \
             join article_tags at on at.article_id = a.id join tags t on t.id = at.tag_id \
             where a.status = 'published' and t.slug = $1 \
             order by a.published_at desc, a.id desc limit $2 offset $3"
        );
        let cards = sqlx::query(&sql)
            .bind(tag_slug)
            .bind(limit)
            .bind(offset)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(card_from_row)
            .collect::<Result<Vec<_>>>()?;
        let total: i64 = sqlx::query(
            "select count(*) as n from articles a join article_tags at on at.article_id = a.id \
             join tags t on t.id = at.tag_id where a.status = 'published' and t.slug = $1",
        )
        .bind(tag_slug)
        .fetch_one(&self.pool)
        .await?
        .try_get("n")?;
        Ok((cards, total))
    }

    /// Ids of published articles after `after`, in id order (rebuilding the search index).
    pub async fn published_article_ids(
        &self,
        after: ArticleId,
        limit: i64,
    ) -> Result<Vec<ArticleId>> {
        sqlx::query(
            "select id from articles where status = 'published' and id > $1 order by id limit $2",
        )
        .bind(after.get())
        .bind(limit)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| Ok(ArticleId(r.try_get("id")?)))
        .collect()
    }

    /// Cards of these articles, published ones only, in the order of `ids` (search results).
    pub async fn article_cards(&self, ids: &[ArticleId]) -> Result<Vec<ArticleCard>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let placeholders = (1..=ids.len())
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "select {ARTICLE_CARD_COLUMNS} from articles a join sections s on s.id = a.section_id \
             where a.status = 'published' and a.id in ({placeholders})"
        );
        let mut q = sqlx::query(&sql);
        for id in ids {
            q = q.bind(id.get());
        }
        let mut cards = q
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(card_from_row)
            .collect::<Result<Vec<_>>>()?;
        cards.sort_by_key(|c| ids.iter().position(|i| *i == c.id));
        Ok(cards)
    }

    /// Published articles for the sitemap, oldest first: (path, last modified ms), with the
    /// total count.
    pub async fn sitemap_entries(
        &self,
        offset: i64,
        limit: i64,
    ) -> Result<(Vec<(String, i64)>, i64)> {
        let rows = sqlx::query(
            "select a.id, a.slug, s.slug as section_slug, \
               coalesce(a.updated_at, a.published_at, a.modified_at) as lastmod \
             from articles a join sections s on s.id = a.section_id \
             where a.status = 'published' order by a.id limit $1 offset $2",
        )
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        let entries = rows
            .iter()
            .map(|r| {
                Ok((
                    kiosque_domain::slug::article_path(
                        &r.try_get::<String, _>("section_slug")?,
                        &r.try_get::<String, _>("slug")?,
                        r.try_get("id")?,
                    ),
                    r.try_get::<i64, _>("lastmod")?,
                ))
            })
            .collect::<Result<Vec<_>>>()?;
        let total: i64 =
            sqlx::query("select count(*) as n from articles where status = 'published'")
                .fetch_one(&self.pool)
                .await?
                .try_get("n")?;
        Ok((entries, total))
    }

    /// Published articles since `since_ms`, newest first (Google News sitemap).
    pub async fn published_since(&self, since_ms: i64, limit: i64) -> Result<Vec<ArticleCard>> {
        let sql = format!(
            "select {ARTICLE_CARD_COLUMNS} from articles a join sections s on s.id = a.section_id \
             where a.status = 'published' and a.published_at >= $1 \
             order by a.published_at desc, a.id desc limit $2"
        );
        sqlx::query(&sql)
            .bind(since_ms)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(card_from_row)
            .collect()
    }
}
