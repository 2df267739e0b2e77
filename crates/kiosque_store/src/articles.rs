//! Writing articles: upserts (imports, the CLI), status changes, and the one function that
//! writes an article's rows, its tags and bylines, its change-log row and its webhook events.

use kiosque_domain::change::{Key, Kind};
use kiosque_domain::slug::slugify;
use kiosque_domain::{ArticleDraft, ArticleStatus, VideoDraft};
use kiosque_domain::{ArticleId, AuthorId, SectionId, TagId};
use sqlx::Row;

use crate::db::{log_change, now_ms, Tx};
use crate::{Store, StoreError, Upserted};

type Result<T> = std::result::Result<T, StoreError>;
use crate::structure::{author_id, section_id, tag_id};
use crate::videos::{validate_video, write_video};

impl Store {
    /// Writes an article: updates the one with the same `source_key` if there is one, else
    /// creates it. Validation runs first; everything is one transaction with its change-log row.
    pub async fn upsert_article(&self, draft: &ArticleDraft) -> Result<Upserted<ArticleId>> {
        draft.validate()?;
        let mut tx = self.begin_write().await?;
        let up = write_article(&mut tx, draft, None).await?;
        tx.commit().await?;
        self.committed();
        Ok(up)
    }

    /// Writes an article and videos found with it (an archive page and its video rail) in one
    /// transaction: either all of it is stored or none.
    pub async fn upsert_article_with_videos(
        &self,
        draft: &ArticleDraft,
        videos: &[VideoDraft],
    ) -> Result<(Upserted<ArticleId>, Vec<Upserted>)> {
        draft.validate()?;
        for v in videos {
            validate_video(v)?;
        }
        let mut tx = self.begin_write().await?;
        let article = write_article(&mut tx, draft, None).await?;
        let mut written = Vec::with_capacity(videos.len());
        for v in videos {
            written.push(write_video(&mut tx, v).await?);
        }
        tx.commit().await?;
        self.committed();
        Ok((article, written))
    }

    /// Publishes or takes down an article (status only). Publishing an article never published
    /// before stamps its publication time. Pages, feeds, the index and webhooks follow.
    pub async fn set_article_status(&self, id: ArticleId, status: ArticleStatus) -> Result<String> {
        let mut tx = self.begin_write().await?;
        let Some(row) = sqlx::query(
            "select a.status, a.slug, a.section_id, s.slug as section_slug \
             from articles a join sections s on s.id = a.section_id where a.id = $1",
        )
        .bind(id.get())
        .fetch_optional(&mut *tx)
        .await?
        else {
            return Err(StoreError::NotFound);
        };
        let before = ArticleStatus::parse(&row.try_get::<String, _>("status")?);
        let now = now_ms();
        sqlx::query(
            "update articles set status = $1, modified_at = $2, \
               published_at = case when $3 = 1 and published_at is null then $4 \
                              else published_at end \
             where id = $5",
        )
        .bind(status.as_str())
        .bind(now)
        .bind(i64::from(status == ArticleStatus::Published))
        .bind(now)
        .bind(id.get())
        .execute(&mut *tx)
        .await?;
        let section: i64 = row.try_get("section_id")?;
        let mut keys = vec![
            Key::Article(id),
            Key::Section(SectionId(section)),
            Key::Front,
        ];
        keys.extend(listing_keys(&mut tx, id).await?);
        log_change(&mut tx, Kind::Article, &keys).await?;
        crate::hooks::enqueue_article_event(&mut tx, id, before, status).await?;
        tx.commit().await?;
        self.committed();
        Ok(kiosque_domain::slug::article_path(
            &row.try_get::<String, _>("section_slug")?,
            &row.try_get::<String, _>("slug")?,
            id.get(),
        ))
    }
}

/// Writes an article: the one with id `target` if given, else the one with the draft's
/// `source_key`, else a new one. Tags and bylines are replaced whole; the change-log row names
/// the old ones too, so their pages drop the article, and the webhook outbox gets its event.
pub(crate) async fn write_article(
    tx: &mut Tx<'_>,
    draft: &ArticleDraft,
    target: Option<ArticleId>,
) -> Result<Upserted<ArticleId>> {
    let row = Stored::of(tx, draft).await?;
    let (id, created, old_section, old_status) = match existing(tx, draft, target).await? {
        Some(id) => {
            let (old_section, old_status) = update_row(tx, id, &row).await?;
            (id, false, Some(old_section), old_status)
        }
        None => (insert_row(tx, &row).await?, true, None, None),
    };
    let mut keys = vec![
        Key::Article(id),
        Key::Section(SectionId(row.section)),
        Key::Front,
    ];
    if let Some(old) = old_section.filter(|o| *o != row.section) {
        keys.push(Key::Section(SectionId(old)));
    }
    keys.extend(listing_keys(tx, id).await?);
    keys.extend(replace_tags(tx, id, &draft.tags).await?);
    keys.extend(replace_bylines(tx, id, &draft.authors).await?);
    keys.sort();
    keys.dedup();
    log_change(tx, Kind::Article, &keys).await?;
    crate::hooks::enqueue_article_event(tx, id, old_status, draft.status).await?;
    Ok(Upserted {
        id,
        created,
        path: kiosque_domain::slug::article_path(&draft.section, &row.slug, id.get()),
    })
}

/// A draft in its stored form: what the insert and the update bind.
struct Stored<'a> {
    draft: &'a ArticleDraft,
    slug: String,
    section: i64,
    hero: Option<String>,
    body: String,
}

impl<'a> Stored<'a> {
    async fn of(tx: &mut Tx<'_>, draft: &'a ArticleDraft) -> Result<Stored<'a>> {
        let body =
            serde_json::to_string(&draft.body).map_err(|e| StoreError::Invalid(e.to_string()))?;
        let hero = draft
            .hero
            .as_ref()
            .map(serde_json::to_string)
            .transpose()
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        Ok(Stored {
            draft,
            slug: draft.slug.clone().unwrap_or_else(|| slugify(&draft.title)),
            section: section_id(tx, &draft.section).await?,
            hero,
            body,
        })
    }
}

/// The article a write replaces: the one named, else the one imported from the same source.
async fn existing(
    tx: &mut Tx<'_>,
    draft: &ArticleDraft,
    target: Option<ArticleId>,
) -> Result<Option<ArticleId>> {
    Ok(match (target, &draft.source_key) {
        (Some(id), _) => Some(id),
        (None, Some(key)) => sqlx::query("select id from articles where source_key = $1")
            .bind(key)
            .fetch_optional(&mut **tx)
            .await?
            .map(|r| r.try_get("id").map(ArticleId))
            .transpose()?,
        (None, None) => None,
    })
}

/// Updates the article's row; returns its section and status before the write.
async fn update_row(
    tx: &mut Tx<'_>,
    id: ArticleId,
    row: &Stored<'_>,
) -> Result<(i64, Option<ArticleStatus>)> {
    let before = sqlx::query("select section_id, status from articles where id = $1")
        .bind(id.get())
        .fetch_one(&mut **tx)
        .await?;
    let old_section: i64 = before.try_get("section_id")?;
    let old_status = ArticleStatus::parse(&before.try_get::<String, _>("status")?);
    let draft = row.draft;
    sqlx::query(
        "update articles set slug = $1, section_id = $2, title = $3, standfirst = $4, \
           hero = $5, body = $6, status = $7, published_at = $8, \
           published_time_known = $9, updated_at = $10, comment_mode = $11, \
           modified_at = $12, hero_video_id = $14, seo_title = $15, seo_description = $16 \
         where id = $13",
    )
    .bind(&row.slug)
    .bind(row.section)
    .bind(draft.title.trim())
    .bind(draft.standfirst.as_deref())
    .bind(row.hero.as_deref())
    .bind(&row.body)
    .bind(draft.status.as_str())
    .bind(draft.published_at)
    .bind(i64::from(draft.published_time_known))
    .bind(draft.updated_at)
    .bind(draft.comment_mode.as_str())
    .bind(now_ms())
    .bind(id.get())
    .bind(draft.hero_video)
    .bind(draft.seo_title.as_deref())
    .bind(draft.seo_description.as_deref())
    .execute(&mut **tx)
    .await?;
    Ok((old_section, old_status))
}

/// Inserts a new article's row; returns its id.
async fn insert_row(tx: &mut Tx<'_>, row: &Stored<'_>) -> Result<ArticleId> {
    let draft = row.draft;
    let now = now_ms();
    let inserted = sqlx::query(
        "insert into articles (source_key, slug, section_id, title, standfirst, hero, \
           body, status, published_at, published_time_known, updated_at, \
           comment_mode, created_at, modified_at, hero_video_id, seo_title, seo_description) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) \
         returning id",
    )
    .bind(draft.source_key.as_deref())
    .bind(&row.slug)
    .bind(row.section)
    .bind(draft.title.trim())
    .bind(draft.standfirst.as_deref())
    .bind(row.hero.as_deref())
    .bind(&row.body)
    .bind(draft.status.as_str())
    .bind(draft.published_at)
    .bind(i64::from(draft.published_time_known))
    .bind(draft.updated_at)
    .bind(draft.comment_mode.as_str())
    .bind(now)
    .bind(now)
    .bind(draft.hero_video)
    .bind(draft.seo_title.as_deref())
    .bind(draft.seo_description.as_deref())
    .fetch_one(&mut **tx)
    .await?;
    Ok(ArticleId(inserted.try_get("id")?))
}

/// Replaces the article's tags with these names (created if new, each once, in order);
/// returns the keys of the tags it now has.
async fn replace_tags(tx: &mut Tx<'_>, id: ArticleId, names: &[String]) -> Result<Vec<Key>> {
    sqlx::query("delete from article_tags where article_id = $1")
        .bind(id.get())
        .execute(&mut **tx)
        .await?;
    let mut seen = Vec::new();
    for (pos, name) in names.iter().enumerate() {
        let Some((tag, _)) = tag_id(tx, name).await? else {
            continue;
        };
        if seen.contains(&tag) {
            continue;
        }
        seen.push(tag);
        sqlx::query("insert into article_tags (article_id, tag_id, position) values ($1, $2, $3)")
            .bind(id.get())
            .bind(tag)
            .bind(pos as i64)
            .execute(&mut **tx)
            .await?;
    }
    Ok(seen.into_iter().map(|t| Key::Tag(TagId(t))).collect())
}

/// Replaces the article's bylines with these names, as [`replace_tags`] does for tags.
async fn replace_bylines(tx: &mut Tx<'_>, id: ArticleId, names: &[String]) -> Result<Vec<Key>> {
    sqlx::query("delete from article_authors where article_id = $1")
        .bind(id.get())
        .execute(&mut **tx)
        .await?;
    let mut seen = Vec::new();
    for (pos, name) in names.iter().enumerate() {
        if name.trim().is_empty() {
            continue;
        }
        let (author, _) = author_id(tx, name).await?;
        if seen.contains(&author) {
            continue;
        }
        seen.push(author);
        sqlx::query(
            "insert into article_authors (article_id, author_id, position) values ($1, $2, $3)",
        )
        .bind(id.get())
        .bind(author)
        .bind(pos as i64)
        .execute(&mut **tx)
        .await?;
    }
    Ok(seen.into_iter().map(|a| Key::Author(AuthorId(a))).collect())
}

/// The tag and author keys of an article's current tags and bylines: their pages list it.
pub(crate) async fn listing_keys(tx: &mut Tx<'_>, id: ArticleId) -> Result<Vec<Key>> {
    let mut keys = Vec::new();
    for r in sqlx::query("select tag_id from article_tags where article_id = $1")
        .bind(id.get())
        .fetch_all(&mut **tx)
        .await?
    {
        keys.push(Key::Tag(TagId(r.try_get("tag_id")?)));
    }
    for r in sqlx::query("select author_id from article_authors where article_id = $1")
        .bind(id.get())
        .fetch_all(&mut **tx)
        .await?
    {
        keys.push(Key::Author(AuthorId(r.try_get("author_id")?)));
    }
    Ok(keys)
}
