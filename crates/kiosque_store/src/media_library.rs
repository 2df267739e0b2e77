//! The media library: uploaded images with their variants, alt text, caption and credit.

use kiosque_domain::change::{Key, Kind};
use kiosque_domain::{MediaId, UserId};
use sqlx::Row;

use crate::db::{log_change, now_ms};
use crate::media_rights::{check, image_uses, record, Medium, MediumEdit};
use crate::{Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

/// An image of the media library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaRow {
    pub id: MediaId,
    pub path: String,
    pub mime: String,
    pub width: i64,
    pub height: i64,
    pub alt: Option<String>,
    pub caption: Option<String>,
    pub credit: Option<String>,
    /// (width, path), narrowest first.
    pub variants: Vec<(u32, String)>,
    pub placeholder: String,
    pub created_at: i64,
    /// The spot every crop of the image keeps in view.
    pub focal: kiosque_domain::focal::FocalPoint,
}

/// A new image, as the upload handler stored its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMedia {
    pub path: String,
    pub mime: String,
    pub width: i64,
    pub height: i64,
    pub alt: Option<String>,
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub variants: Vec<(u32, String)>,
    pub placeholder: String,
}

fn media_from_row(r: &sqlx::any::AnyRow) -> Result<MediaRow> {
    let variants: String = r.try_get("variants")?;
    Ok(MediaRow {
        id: MediaId(r.try_get("id")?),
        path: r.try_get("path")?,
        mime: r.try_get("mime")?,
        width: r.try_get("width")?,
        height: r.try_get("height")?,
        alt: r.try_get("alt")?,
        caption: r.try_get("caption")?,
        credit: r.try_get("credit")?,
        variants: serde_json::from_str(&variants)
            .map_err(|e| StoreError::Corrupt(format!("media variants: {e}")))?,
        placeholder: r.try_get("placeholder")?,
        created_at: r.try_get("created_at")?,
        focal: crate::media_focal::focal_from_row(r)?,
    })
}

const MEDIA_COLUMNS: &str =
    "id, path, mime, width, height, alt, caption, credit, variants, placeholder, created_at, \
     focal_x, focal_y";

impl Store {
    /// Records an image whose files are stored. `by` is `None` for the demo's photographs,
    /// which nobody uploaded.
    pub async fn insert_media(&self, m: &NewMedia, by: Option<UserId>) -> Result<MediaId> {
        self.insert_media_from(m, by, None).await
    }

    /// Records an imported image under the key of where it came from
    /// ([`Store::media_by_source_key`] finds it on the next import).
    pub async fn insert_media_from(
        &self,
        m: &NewMedia,
        by: Option<UserId>,
        source_key: Option<&str>,
    ) -> Result<MediaId> {
        let variants =
            serde_json::to_string(&m.variants).map_err(|e| StoreError::Invalid(e.to_string()))?;
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(
            "insert into media (path, mime, width, height, alt, caption, credit, variants, \
               placeholder, uploaded_by, created_at, source_key) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id",
        )
        .bind(&m.path)
        .bind(&m.mime)
        .bind(m.width)
        .bind(m.height)
        .bind(m.alt.as_deref())
        .bind(m.caption.as_deref())
        .bind(m.credit.as_deref())
        .bind(variants)
        .bind(&m.placeholder)
        .bind(by.map(|u| u.get()))
        .bind(now_ms())
        .bind(source_key)
        .fetch_one(&mut *tx)
        .await?;
        let id = MediaId(row.try_get("id")?);
        log_change(&mut tx, Kind::Media, &[Key::Media(id)]).await?;
        tx.commit().await?;
        self.committed();
        Ok(id)
    }

    pub async fn media(&self, id: MediaId) -> Result<Option<MediaRow>> {
        sqlx::query(&format!("select {MEDIA_COLUMNS} from media where id = $1"))
            .bind(id.get())
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(media_from_row)
            .transpose()
    }

    /// Images whose original is at one of these paths (pages look up their figures' variants).
    pub async fn media_by_paths(&self, paths: &[String]) -> Result<Vec<MediaRow>> {
        if paths.is_empty() {
            return Ok(Vec::new());
        }
        let placeholders = (1..=paths.len())
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!("select {MEDIA_COLUMNS} from media where path in ({placeholders})");
        let mut q = sqlx::query(&sql);
        for p in paths {
            q = q.bind(p.trim_start_matches('/').to_owned());
        }
        q.fetch_all(&self.pool)
            .await?
            .iter()
            .map(media_from_row)
            .collect()
    }

    /// The library, newest first, optionally searched in alt text, caption, credit and path.
    pub async fn media_list(
        &self,
        text: Option<&str>,
        offset: i64,
        limit: i64,
    ) -> Result<(Vec<MediaRow>, i64)> {
        let pattern = text
            .map(|t| format!("%{}%", t.trim().to_lowercase().replace(['%', '_'], "")))
            .filter(|p| p != "%%");
        let cond = if pattern.is_some() {
            " where lower(coalesce(alt, '') || ' ' || coalesce(caption, '') || ' ' || \
               coalesce(credit, '') || ' ' || path) like $3"
        } else {
            ""
        };
        let sql = format!(
            "select {MEDIA_COLUMNS} from media{cond} order by created_at desc, id desc \
             limit $1 offset $2"
        );
        let mut q = sqlx::query(&sql).bind(limit).bind(offset);
        if let Some(p) = &pattern {
            q = q.bind(p.clone());
        }
        let rows = q
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(media_from_row)
            .collect::<Result<Vec<_>>>()?;
        let count_sql = format!(
            "select count(*) as n from media{}",
            cond.replace("$3", "$1")
        );
        let mut q = sqlx::query(&count_sql);
        if let Some(p) = &pattern {
            q = q.bind(p.clone());
        }
        let total: i64 = q.fetch_one(&self.pool).await?.try_get("n")?;
        Ok((rows, total))
    }

    /// Alt text, caption and credit of an image, written by `by`. Pages showing it are
    /// refreshed. Public articles show these texts, so the change is checked against the
    /// sections of those that use the image (see `media_rights`) in this transaction; a
    /// change that alters something is kept as a revision.
    pub async fn update_media(
        &self,
        id: MediaId,
        alt: Option<&str>,
        caption: Option<&str>,
        credit: Option<&str>,
        by: UserId,
    ) -> Result<MediumEdit<()>> {
        let mut tx = self.begin_write().await?;
        let Some(before) =
            sqlx::query("select path, alt, caption, credit from media where id = $1")
                .bind(id.get())
                .fetch_optional(&mut *tx)
                .await?
        else {
            return Err(StoreError::NotFound);
        };
        let path: String = before.try_get("path")?;
        let used_in = image_uses(&mut tx, &path).await?;
        if let Some(sections) = check(&mut tx, by, &used_in).await? {
            return Ok(MediumEdit::Refused { sections });
        }
        let texts = |alt: Option<&str>, caption: Option<&str>, credit: Option<&str>| serde_json::json!({ "alt": alt, "caption": caption, "credit": credit });
        let old = texts(
            before.try_get::<Option<String>, _>("alt")?.as_deref(),
            before.try_get::<Option<String>, _>("caption")?.as_deref(),
            before.try_get::<Option<String>, _>("credit")?.as_deref(),
        );
        let new = texts(alt, caption, credit);
        if old == new {
            return Ok(MediumEdit::Done(()));
        }
        sqlx::query("update media set alt = $1, caption = $2, credit = $3 where id = $4")
            .bind(alt)
            .bind(caption)
            .bind(credit)
            .bind(id.get())
            .execute(&mut *tx)
            .await?;
        record(&mut tx, Medium::Image(id.get()), by, &new).await?;
        log_change(&mut tx, Kind::Media, &[Key::Media(id)]).await?;
        tx.commit().await?;
        self.committed();
        Ok(MediumEdit::Done(()))
    }
}
