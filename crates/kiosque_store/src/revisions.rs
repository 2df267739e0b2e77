//! Revision history of the newsroom's articles: every save, the content a conflicting save
//! would have overwritten, and each person's autosaved working copy.

use kiosque_domain::{ArticleDraft, ArticleId, UserId};
use sqlx::Row;

use crate::db::{now_ms, Tx};
use crate::views::ArticleView;
use crate::{Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

/// A save refused because the article changed since the editor loaded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The version now stored.
    pub current_version: i64,
    /// The refused content, kept as a revision so nothing typed is lost.
    pub kept_revision: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionRow {
    pub id: i64,
    pub version: i64,
    pub kind: String,
    pub author: Option<String>,
    pub author_id: Option<UserId>,
    pub created_at: i64,
}

pub(crate) async fn insert_revision(
    tx: &mut Tx<'_>,
    article: ArticleId,
    version: i64,
    kind: &str,
    author: UserId,
    draft: &ArticleDraft,
) -> Result<i64> {
    let content = serde_json::to_string(draft).map_err(|e| StoreError::Invalid(e.to_string()))?;
    let row = sqlx::query(
        "insert into article_revisions (article_id, version, kind, author_id, created_at, content) \
         values ($1, $2, $3, $4, $5, $6) returning id",
    )
    .bind(article.get())
    .bind(version)
    .bind(kind)
    .bind(author.get())
    .bind(now_ms())
    .bind(content)
    .fetch_one(&mut **tx)
    .await?;
    Ok(row.try_get("id")?)
}

impl ArticleView {
    /// The article's content as the editor edits it.
    pub fn to_draft(&self) -> ArticleDraft {
        ArticleDraft {
            source_key: None,
            section: self.section.slug.clone(),
            title: self.title.clone(),
            standfirst: self.standfirst.clone(),
            hero: self.hero.clone(),
            hero_video: self.hero_video.as_ref().map(|v| v.id),
            body: self.body.clone(),
            tags: self.tags.iter().map(|t| t.name.clone()).collect(),
            authors: self.authors.iter().map(|a| a.name.clone()).collect(),
            status: self.status,
            published_at: self.published_at,
            published_time_known: self.published_time_known,
            updated_at: self.updated_at,
            comment_mode: self.comment_mode,
            // The stored slug, so that a save of this content keeps the address.
            slug: Some(self.slug.clone()),
            seo_title: self.seo_title.clone(),
            seo_description: self.seo_description.clone(),
        }
    }
}

impl Store {
    /// Keeps the editor's working copy without touching the article (which may be online):
    /// one autosave per article and person, replaced each time.
    pub async fn autosave(&self, id: ArticleId, draft: &ArticleDraft, by: UserId) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let version: i64 = sqlx::query("select version from articles where id = $1")
            .bind(id.get())
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?
            .try_get("version")?;
        sqlx::query(
            "delete from article_revisions where article_id = $1 and author_id = $2 \
               and kind = 'autosave'",
        )
        .bind(id.get())
        .bind(by.get())
        .execute(&mut *tx)
        .await?;
        let rev = insert_revision(&mut tx, id, version, "autosave", by, draft).await?;
        tx.commit().await?;
        Ok(rev)
    }

    /// The person's autosave of this article, if newer than the article's last save.
    pub async fn pending_autosave(&self, id: ArticleId, by: UserId) -> Result<Option<RevisionRow>> {
        let revs = self.revisions(id).await?;
        let last_save = revs
            .iter()
            .filter(|r| r.kind != "autosave" && r.kind != "conflict")
            .map(|r| r.id)
            .max()
            .unwrap_or(0);
        Ok(revs
            .into_iter()
            .find(|r| r.kind == "autosave" && r.author_id == Some(by) && r.id > last_save))
    }

    /// Every revision of an article, newest first.
    pub async fn revisions(&self, id: ArticleId) -> Result<Vec<RevisionRow>> {
        sqlx::query(
            "select r.id, r.version, r.kind, r.author_id, u.display_name as author, r.created_at \
             from article_revisions r left join users u on u.id = r.author_id \
             where r.article_id = $1 order by r.id desc",
        )
        .bind(id.get())
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            Ok(RevisionRow {
                id: r.try_get("id")?,
                version: r.try_get("version")?,
                kind: r.try_get("kind")?,
                author: r.try_get("author")?,
                author_id: r.try_get::<Option<i64>, _>("author_id")?.map(UserId),
                created_at: r.try_get("created_at")?,
            })
        })
        .collect()
    }

    /// One revision's content.
    pub async fn revision(&self, article: ArticleId, rev: i64) -> Result<Option<ArticleDraft>> {
        let Some(r) =
            sqlx::query("select content from article_revisions where id = $1 and article_id = $2")
                .bind(rev)
                .bind(article.get())
                .fetch_optional(&self.pool)
                .await?
        else {
            return Ok(None);
        };
        let content: String = r.try_get("content")?;
        serde_json::from_str(&content)
            .map(Some)
            .map_err(|e| StoreError::Corrupt(format!("revision {rev}: {e}")))
    }
}
