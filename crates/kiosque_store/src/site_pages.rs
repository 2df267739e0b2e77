//! The site's own pages (legal notice, privacy policy, moderation charter, contact): read by
//! the public site, edited by admins. The set of pages is fixed (the migration creates them
//! with a template text, shown in the site's language until a first edit); an edit changes a
//! title and a body, never a slug.

use sqlx::Row;

use kiosque_domain::account::Roles;
use kiosque_domain::change::{Key, Kind};
use kiosque_domain::UserId;
use kiosque_domain::{page_template, site_page};

use crate::db::{log_change, now_ms};
use crate::{Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

/// A site page as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitePageRow {
    pub slug: String,
    pub title: String,
    /// The newsroom's body syntax (`kiosque_domain::markup`).
    pub body: String,
    /// Unix ms of the last edit; `None` while the template text was never edited.
    pub updated_at: Option<i64>,
    /// Who edited it last, when known.
    pub updated_by: Option<String>,
}

fn page_from_row(r: &sqlx::any::AnyRow) -> Result<SitePageRow> {
    let at: i64 = r.try_get("updated_at")?;
    let slug: String = r.try_get("slug")?;
    // Never edited: the template of the site's language, not the French one the migration
    // stored.
    let (title, body) = match page_template::template(&slug).filter(|_| at == 0) {
        Some(template) => template,
        None => (r.try_get("title")?, r.try_get("body")?),
    };
    Ok(SitePageRow {
        slug,
        title,
        body,
        updated_at: (at > 0).then_some(at),
        updated_by: r.try_get("display_name")?,
    })
}

const PAGE_SELECT: &str = "select p.slug, p.title, p.body, p.updated_at, u.display_name \
                           from site_pages p left join users u on u.id = p.updated_by";

impl Store {
    /// Every site page, in the newsroom's order.
    pub async fn site_pages(&self) -> Result<Vec<SitePageRow>> {
        sqlx::query(&format!("{PAGE_SELECT} order by p.position, p.slug"))
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(page_from_row)
            .collect()
    }

    /// One site page by its slug.
    pub async fn site_page(&self, slug: &str) -> Result<Option<SitePageRow>> {
        sqlx::query(&format!("{PAGE_SELECT} where p.slug = $1"))
            .bind(slug)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(page_from_row)
            .transpose()
    }

    /// Saves a site page's title and body, written by `by`, who must be an active admin as
    /// read in the same transaction (a role taken away a second ago counts).
    /// `StoreError::Invalid` carries the reason for a refused text, in the site's language.
    pub async fn save_site_page(
        &self,
        slug: &str,
        title: &str,
        body: &str,
        by: UserId,
    ) -> Result<()> {
        // An imported page is one too: the update below finds whether the slug names a page.
        let page = site_page::check_text(title, body).map_err(|e| match e {
            site_page::SitePageError::Unknown => StoreError::NotFound,
            e => StoreError::Invalid(e.to_string()),
        })?;
        let mut tx = self.begin_write().await?;
        let admin = sqlx::query("select roles, deactivated_at from users where id = $1")
            .bind(by.get())
            .fetch_optional(&mut *tx)
            .await?
            .map(|r| -> Result<bool> {
                let roles = Roles::parse(&r.try_get::<String, _>("roles")?);
                let closed: Option<i64> = r.try_get("deactivated_at")?;
                Ok(roles.is_admin() && closed.is_none())
            })
            .transpose()?
            .unwrap_or(false);
        if !admin {
            return Err(StoreError::Forbidden);
        }
        let done = sqlx::query(
            "update site_pages set title = $1, body = $2, updated_at = $3, updated_by = $4 \
             where slug = $5",
        )
        .bind(&page.title)
        .bind(&page.body)
        .bind(now_ms())
        .bind(by.get())
        .bind(slug)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        log_change(&mut tx, Kind::Page, &[Key::Pages]).await?;
        tx.commit().await?;
        self.committed();
        Ok(())
    }
}
