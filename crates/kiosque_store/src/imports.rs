//! Importing archive pages, again and again, without losing the newsroom's work: each article
//! remembers what its last import brought (a digest) and the version that import left, so an
//! unchanged page writes nothing, a changed one becomes a revision, and one re-imported over
//! edits made in the newsroom since is refused unless forced.

use kiosque_domain::{ArticleDraft, ArticleId, ArticleStatus, VideoDraft};
use sqlx::Row;

use crate::articles::write_article;
use crate::db::{now_ms, Tx};
use crate::newsroom::status_of;
use crate::videos::{validate_video, write_video};
use crate::{Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

/// The revision kind (and, shown in the history, the author) of what an import wrote.
pub const IMPORT_REVISION: &str = "import";

/// One archive page to import.
#[derive(Debug, Clone, Copy)]
pub struct PageImport<'a> {
    /// The article the page gives; its `section` is ignored (see `section` and `new_section`)
    /// and so is its status when the article exists (the newsroom decides whether it is online).
    pub draft: &'a ArticleDraft,
    pub videos: &'a [VideoDraft],
    /// What identifies the page's content: equal digests mean nothing to import.
    pub digest: &'a str,
    /// The section asked for (`--section`); an existing article otherwise keeps its own.
    pub section: Option<&'a str>,
    /// The section of an article created without `section`.
    pub new_section: &'a str,
    /// Replace the article even if it was edited in the newsroom since its last import.
    pub force: bool,
    /// The page gives no date (the draft's is the day of the import): an existing article
    /// keeps its publication time instead of moving to the top of every listing.
    pub undated: bool,
}

/// What importing a page did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageImported {
    Created {
        id: ArticleId,
        path: String,
    },
    /// Same content as the last import (and no other section asked): nothing was written.
    Unchanged {
        id: ArticleId,
        path: String,
    },
    /// A new revision, `version`, authored by the import.
    Updated {
        id: ArticleId,
        path: String,
        version: i64,
    },
    /// Edited in the newsroom since the last import (`imported_version` → `version`): nothing
    /// was written.
    Refused {
        id: ArticleId,
        path: String,
        title: String,
        version: i64,
        imported_version: i64,
    },
}

/// The stored state of an article an import finds.
struct Found {
    id: ArticleId,
    version: i64,
    status: ArticleStatus,
    section: String,
    slug: String,
    title: String,
    digest: Option<String>,
    imported_version: i64,
    published_at: Option<i64>,
}

impl Store {
    /// The article imported from this source, if any.
    pub async fn article_by_source_key(&self, key: &str) -> Result<Option<ArticleId>> {
        sqlx::query("select id from articles where source_key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?
            .map(|r| r.try_get("id").map(ArticleId))
            .transpose()
            .map_err(Into::into)
    }

    /// Imports one page and its videos in one transaction (see [`PageImport`]).
    pub async fn import_page(&self, import: PageImport<'_>) -> Result<PageImported> {
        import.draft.validate()?;
        for v in import.videos {
            validate_video(v)?;
        }
        let Some(key) = import.draft.source_key.as_deref() else {
            return Err(StoreError::Invalid(
                "an imported page has a source key".into(),
            ));
        };
        let mut tx = self.begin_write().await?;
        let found = find(&mut tx, key).await?;
        let outcome = match found {
            None => create(&mut tx, &import).await?,
            Some(found) => match decide(&found, &import) {
                Some(outcome) => {
                    // Nothing to write: the transaction only read.
                    tx.rollback().await?;
                    return Ok(outcome);
                }
                None => match update(&mut tx, &import, &found).await? {
                    Some(outcome) => outcome,
                    None => {
                        // Saved in the newsroom between our read and our write.
                        tx.rollback().await?;
                        let path = kiosque_domain::slug::article_path(
                            &found.section,
                            &found.slug,
                            found.id.get(),
                        );
                        return Ok(PageImported::Refused {
                            id: found.id,
                            path,
                            title: found.title,
                            version: found.version + 1,
                            imported_version: found.imported_version,
                        });
                    }
                },
            },
        };
        for v in import.videos {
            write_video(&mut tx, v).await?;
        }
        tx.commit().await?;
        self.committed();
        Ok(outcome)
    }
}

/// Whether a found article is left alone: unchanged, or refused.
fn decide(found: &Found, import: &PageImport<'_>) -> Option<PageImported> {
    let path = kiosque_domain::slug::article_path(&found.section, &found.slug, found.id.get());
    let moves = import.section.is_some_and(|s| s != found.section);
    if found.digest.as_deref() == Some(import.digest) && !moves {
        return Some(PageImported::Unchanged { id: found.id, path });
    }
    if found.version != found.imported_version && !import.force {
        return Some(PageImported::Refused {
            id: found.id,
            path,
            title: found.title.clone(),
            version: found.version,
            imported_version: found.imported_version,
        });
    }
    None
}

async fn find(tx: &mut Tx<'_>, key: &str) -> Result<Option<Found>> {
    let Some(r) = sqlx::query(
        "select a.id, a.version, a.status, a.slug, a.title, a.import_digest, a.import_version, \
           a.published_at, s.slug as section_slug \
         from articles a join sections s on s.id = a.section_id where a.source_key = $1",
    )
    .bind(key)
    .fetch_optional(&mut **tx)
    .await?
    else {
        return Ok(None);
    };
    Ok(Some(Found {
        id: ArticleId(r.try_get("id")?),
        version: r.try_get("version")?,
        status: status_of(&r.try_get::<String, _>("status")?)?,
        section: r.try_get("section_slug")?,
        slug: r.try_get("slug")?,
        title: r.try_get("title")?,
        digest: r.try_get("import_digest")?,
        // Imported before digests were kept: imports never moved the version, so anything
        // past the first was the newsroom's.
        imported_version: r.try_get::<Option<i64>, _>("import_version")?.unwrap_or(1),
        published_at: r.try_get("published_at")?,
    }))
}

async fn create(tx: &mut Tx<'_>, import: &PageImport<'_>) -> Result<PageImported> {
    let mut draft = import.draft.clone();
    draft.section = import.section.unwrap_or(import.new_section).to_owned();
    let up = write_article(tx, &draft, None).await?;
    remember(tx, up.id, 1, import.digest, &draft).await?;
    Ok(PageImported::Created {
        id: up.id,
        path: up.path,
    })
}

/// Writes the page over the article as its next version; `None` when, unforced, the version
/// moved since `found` was read.
async fn update(
    tx: &mut Tx<'_>,
    import: &PageImport<'_>,
    found: &Found,
) -> Result<Option<PageImported>> {
    let mut draft = import.draft.clone();
    draft.section = import.section.unwrap_or(&found.section).to_owned();
    // Taken offline (or still a draft) in the newsroom: a new text does not put it online.
    draft.status = found.status;
    if import.undated && found.published_at.is_some() {
        draft.published_at = found.published_at;
    }
    // As the editor's saves do: the version moves first and only from the version read, so a
    // save committed meanwhile (PostgreSQL waits for its row lock, then sees it) is not lost.
    let claimed = sqlx::query(
        "update articles set version = version + 1 where id = $1 and (version = $2 or $3 = 1)",
    )
    .bind(found.id.get())
    .bind(found.version)
    .bind(i64::from(import.force))
    .execute(&mut **tx)
    .await?
    .rows_affected()
        == 1;
    if !claimed {
        return Ok(None);
    }
    let version: i64 = sqlx::query("select version from articles where id = $1")
        .bind(found.id.get())
        .fetch_one(&mut **tx)
        .await?
        .try_get("version")?;
    let up = write_article(tx, &draft, Some(found.id)).await?;
    remember(tx, found.id, version, import.digest, &draft).await?;
    Ok(Some(PageImported::Updated {
        id: found.id,
        path: up.path,
        version,
    }))
}

/// Records what this import brought: the digest and version compared by the next import, and
/// the content as a revision, so the history shows what came from the page.
async fn remember(
    tx: &mut Tx<'_>,
    id: ArticleId,
    version: i64,
    digest: &str,
    draft: &ArticleDraft,
) -> Result<()> {
    sqlx::query("update articles set import_digest = $1, import_version = $2 where id = $3")
        .bind(digest)
        .bind(version)
        .bind(id.get())
        .execute(&mut **tx)
        .await?;
    let content = serde_json::to_string(draft).map_err(|e| StoreError::Invalid(e.to_string()))?;
    // No author: an import is nobody's account.
    sqlx::query(
        "insert into article_revisions (article_id, version, kind, author_id, created_at, content) \
         values ($1, $2, $3, null, $4, $5)",
    )
    .bind(id.get())
    .bind(version)
    .bind(IMPORT_REVISION)
    .bind(now_ms())
    .bind(content)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
