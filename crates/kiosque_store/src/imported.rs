//! What an import from another platform writes besides its articles (`imports.rs`): comments
//! with their guests, pages, images and staff accounts, each under the key of where it came
//! from so that a second import finds it instead of duplicating it, and the old site's
//! addresses, answered with a permanent redirect.

use kiosque_domain::account::Roles;
use kiosque_domain::change::{Key, Kind};
use kiosque_domain::comment::CommentStatus;
use kiosque_domain::{site_page, slug, ArticleId, CommentId, MediaId, UserId};
use sqlx::Row;

use crate::db::{log_change, now_ms, Tx};
use crate::{Store, StoreError, UserRow};

type Result<T> = std::result::Result<T, StoreError>;

/// Whether an import wrote something or found it from an earlier import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found<T> {
    Created(T),
    /// Imported before: left as it is (the newsroom may have moderated or edited it since).
    Existing(T),
}

impl<T: Copy> Found<T> {
    pub fn get(&self) -> T {
        match *self {
            Found::Created(t) | Found::Existing(t) => t,
        }
    }
}

/// A comment from another platform.
#[derive(Debug, Clone)]
pub struct ImportedComment<'a> {
    pub source_key: &'a str,
    pub article_id: ArticleId,
    /// The source key of the comment it answers. Replies here are one level deep: a reply to
    /// a reply hangs under the thread's first comment. An answer to a comment not imported
    /// (spam, trash) stands on its own.
    pub parent_key: Option<&'a str>,
    /// The account of a staff member who wrote it; `None` for a guest.
    pub author_id: Option<UserId>,
    /// The name a guest signed with.
    pub guest_name: Option<&'a str>,
    /// The comment syntax (`kiosque_domain::comment`).
    pub body: &'a str,
    pub status: CommentStatus,
    pub created_at: i64,
}

/// A page from another site, shown at `/pages/{slug}` beside the site's own.
#[derive(Debug, Clone)]
pub struct ImportedPage<'a> {
    pub source_key: &'a str,
    /// The slug wanted; another is found when a page already has it.
    pub slug: &'a str,
    pub title: &'a str,
    /// The newsroom's body syntax.
    pub body: &'a str,
}

/// How an imported page ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageOutcome {
    Created(String),
    Updated(String),
    /// Same text as the last import, or edited by an admin since: left as it is.
    Kept(String),
}

/// What an old address leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LegacyTarget {
    Article(ArticleId),
    Page(String),
}

/// How many pages a slug may be tried with a number before the import gives up on it.
const SLUG_TRIES: usize = 50;

impl Store {
    /// Stores an imported comment, unless a comment with its source key exists. The comment
    /// never notifies anyone: its replies were read long ago.
    pub async fn import_comment(&self, c: &ImportedComment<'_>) -> Result<Found<CommentId>> {
        if c.body.trim().is_empty() {
            return Err(StoreError::Invalid(format!(
                "the comment {} has no text",
                c.source_key
            )));
        }
        let mut tx = self.begin_write().await?;
        if let Some(id) = comment_by_key(&mut tx, c.source_key).await? {
            tx.rollback().await?;
            return Ok(Found::Existing(id));
        }
        let parent = match c.parent_key {
            Some(key) => thread_of(&mut tx, key, c.article_id).await?,
            None => None,
        };
        let shown = (c.status == CommentStatus::Published).then_some(c.created_at);
        let row = sqlx::query(
            "insert into comments (article_id, author_id, guest_name, parent_id, body, status, \
               created_at, shown_at, source_key) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id",
        )
        .bind(c.article_id.get())
        .bind(c.author_id.map(UserId::get))
        .bind(c.guest_name)
        .bind(parent.map(CommentId::get))
        .bind(c.body)
        .bind(c.status.as_str())
        .bind(c.created_at)
        .bind(shown)
        .bind(c.source_key)
        .fetch_one(&mut *tx)
        .await?;
        let id = CommentId(row.try_get("id")?);
        let mut keys = vec![Key::Comments(c.article_id), Key::Comment(id)];
        keys.extend(c.author_id.map(Key::User));
        log_change(&mut tx, Kind::Comment, &keys).await?;
        tx.commit().await?;
        self.committed();
        Ok(Found::Created(id))
    }

    /// Stores an imported page, or updates the one an earlier import of it made (unless an
    /// admin edited it since). Its title and body are checked as an admin's would be.
    pub async fn import_site_page(&self, p: &ImportedPage<'_>) -> Result<PageOutcome> {
        let page = site_page::check_text(p.title, p.body)
            .map_err(|e| StoreError::Invalid(format!("{}: {e}", p.source_key)))?;
        let mut tx = self.begin_write().await?;
        let found = sqlx::query(
            "select slug, title, body, updated_by from site_pages where source_key = $1",
        )
        .bind(p.source_key)
        .fetch_optional(&mut *tx)
        .await?;
        let outcome = match found {
            Some(r) => {
                let slug: String = r.try_get("slug")?;
                let edited = r.try_get::<Option<i64>, _>("updated_by")?.is_some();
                let same = r.try_get::<String, _>("title")? == page.title
                    && r.try_get::<String, _>("body")? == page.body;
                if edited || same {
                    tx.rollback().await?;
                    return Ok(PageOutcome::Kept(slug));
                }
                sqlx::query(
                    "update site_pages set title = $1, body = $2, updated_at = $3 where slug = $4",
                )
                .bind(&page.title)
                .bind(&page.body)
                .bind(now_ms())
                .bind(&slug)
                .execute(&mut *tx)
                .await?;
                PageOutcome::Updated(slug)
            }
            None => {
                let slug = free_page_slug(&mut tx, p.slug).await?;
                sqlx::query(
                    "insert into site_pages (slug, position, title, body, updated_at, source_key) \
                     values ($1, (select coalesce(max(position), 0) + 1 from site_pages), \
                       $2, $3, $4, $5)",
                )
                .bind(&slug)
                .bind(&page.title)
                .bind(&page.body)
                .bind(now_ms())
                .bind(p.source_key)
                .execute(&mut *tx)
                .await?;
                PageOutcome::Created(slug)
            }
        };
        log_change(&mut tx, Kind::Page, &[Key::Pages]).await?;
        tx.commit().await?;
        self.committed();
        Ok(outcome)
    }

    /// The image an earlier import brought from this source.
    pub async fn media_by_source_key(&self, key: &str) -> Result<Option<(MediaId, String)>> {
        sqlx::query("select id, path from media where source_key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?
            .map(|r| Ok((MediaId(r.try_get("id")?), r.try_get("path")?)))
            .transpose()
    }

    /// A staff account for an imported author: created without a password (the person sets
    /// one through "forgotten password", which also proves the address), or the account
    /// already using the address, left as it is.
    pub async fn import_staff(
        &self,
        email: &str,
        name: &str,
        roles: &Roles,
    ) -> Result<Found<UserId>> {
        if let Some(user) = self.user_by_email(email).await? {
            return Ok(Found::Existing(user.id));
        }
        let user: UserRow = self.create_user(email, name, "", roles, false).await?;
        Ok(Found::Created(user.id))
    }

    /// Makes old addresses answer with their target, in one transaction.
    pub async fn set_legacy_paths(&self, paths: &[(&str, &LegacyTarget)]) -> Result<()> {
        let mut tx = self.begin_write().await?;
        for (path, target) in paths {
            let (article, page) = match target {
                LegacyTarget::Article(id) => (Some(id.get()), None),
                LegacyTarget::Page(slug) => (None, Some(slug.as_str())),
            };
            sqlx::query(
                "insert into legacy_paths (path, article_id, page_slug) values ($1, $2, $3) \
                 on conflict (path) do update set article_id = excluded.article_id, \
                   page_slug = excluded.page_slug",
            )
            .bind(legacy_key(path))
            .bind(article)
            .bind(page)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        if let Ok(mut seen) = self.legacy_seen.lock() {
            *seen = Some((std::time::Instant::now(), true));
        }
        Ok(())
    }

    /// Where an old address leads now: the current path of its article (when it is online)
    /// or page.
    pub async fn legacy_redirect(&self, path: &str) -> Result<Option<String>> {
        // Most sites never imported one: their 404s (scanners ask for thousands) cost no
        // query beyond one every little while.
        if !self.keeps_legacy_paths().await? {
            return Ok(None);
        }
        let Some(r) = sqlx::query(
            "select l.page_slug, a.id, a.slug, a.status, s.slug as section_slug \
             from legacy_paths l left join articles a on a.id = l.article_id \
             left join sections s on s.id = a.section_id where l.path = $1",
        )
        .bind(legacy_key(path))
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        if let Some(page) = r.try_get::<Option<String>, _>("page_slug")? {
            return Ok(Some(format!("/pages/{page}")));
        }
        let id: Option<i64> = r.try_get("id")?;
        let status: Option<String> = r.try_get("status")?;
        match (id, status.as_deref()) {
            (Some(id), Some("published")) => Ok(Some(slug::article_path(
                &r.try_get::<String, _>("section_slug")?,
                &r.try_get::<String, _>("slug")?,
                id,
            ))),
            _ => Ok(None),
        }
    }
}

/// How long whether the site keeps old addresses is remembered (an import in another
/// process is seen after this).
const LEGACY_SEEN_FOR: std::time::Duration = std::time::Duration::from_secs(30);

impl Store {
    async fn keeps_legacy_paths(&self) -> Result<bool> {
        let remembered = self
            .legacy_seen
            .lock()
            .map_err(|_| StoreError::Corrupt("legacy paths cache poisoned".into()))?
            .filter(|(at, _)| at.elapsed() < LEGACY_SEEN_FOR)
            .map(|(_, keeps)| keeps);
        if let Some(keeps) = remembered {
            return Ok(keeps);
        }
        let keeps = sqlx::query("select 1 as one from legacy_paths limit 1")
            .fetch_optional(&self.pool)
            .await?
            .is_some();
        *self
            .legacy_seen
            .lock()
            .map_err(|_| StoreError::Corrupt("legacy paths cache poisoned".into()))? =
            Some((std::time::Instant::now(), keeps));
        Ok(keeps)
    }
}

/// An address as `legacy_paths` keeps it: without its trailing slash, which WordPress adds
/// and links sometimes lose.
pub fn legacy_key(path: &str) -> &str {
    match path.trim_end_matches('/') {
        "" => "/",
        trimmed => trimmed,
    }
}

async fn comment_by_key(tx: &mut Tx<'_>, key: &str) -> Result<Option<CommentId>> {
    sqlx::query("select id from comments where source_key = $1")
        .bind(key)
        .fetch_optional(&mut **tx)
        .await?
        .map(|r| r.try_get("id").map(CommentId))
        .transpose()
        .map_err(Into::into)
}

/// The top-level comment a reply to `parent_key` hangs under, on the same article.
async fn thread_of(
    tx: &mut Tx<'_>,
    parent_key: &str,
    article: ArticleId,
) -> Result<Option<CommentId>> {
    let Some(r) =
        sqlx::query("select id, parent_id, article_id from comments where source_key = $1")
            .bind(parent_key)
            .fetch_optional(&mut **tx)
            .await?
    else {
        return Ok(None);
    };
    if r.try_get::<i64, _>("article_id")? != article.get() {
        return Ok(None);
    }
    let parent: Option<i64> = r.try_get("parent_id")?;
    Ok(Some(CommentId(parent.unwrap_or(r.try_get("id")?))))
}

/// `wanted` when no page has it, else `wanted-2`, `wanted-3`…
async fn free_page_slug(tx: &mut Tx<'_>, wanted: &str) -> Result<String> {
    let base = match slug::slugify(wanted) {
        s if s.is_empty() => "page".to_owned(),
        s => s,
    };
    for n in 1..=SLUG_TRIES {
        let candidate = if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        let taken = sqlx::query("select 1 as one from site_pages where slug = $1")
            .bind(&candidate)
            .fetch_optional(&mut **tx)
            .await?
            .is_some();
        if !taken {
            return Ok(candidate);
        }
    }
    Err(StoreError::Invalid(format!(
        "no free address for the page {wanted:?}"
    )))
}

#[cfg(test)]
mod tests {
    use super::legacy_key;

    #[test]
    fn old_addresses_are_kept_without_their_trailing_slash() {
        assert_eq!(legacy_key("/2016/12/23/slug/"), "/2016/12/23/slug");
        assert_eq!(legacy_key("/2016/12/23/slug"), "/2016/12/23/slug");
        assert_eq!(legacy_key("/"), "/");
        assert_eq!(legacy_key("/?p=12"), "/?p=12");
    }
}
