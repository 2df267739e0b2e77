//! The focal point of a library image. Moving it reframes the image in every public article
//! that shows it, so it follows the rights on shared media (`media_rights`): allowed to whoever
//! may publish in every section of those articles, or to editors and admins, decided inside the
//! write's transaction; every change is a revision with its author.

use kiosque_domain::change::{Key, Kind};
use kiosque_domain::focal::FocalPoint;
use kiosque_domain::{MediaId, UserId};
use sqlx::Row;

use crate::db::log_change;
use crate::media_rights::{check, image_uses, record, Medium, MediumEdit};
use crate::{Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

/// A stored point; anything out of range reads as the centre rather than failing a page.
pub(crate) fn focal_from_row(r: &sqlx::any::AnyRow) -> Result<FocalPoint> {
    let x: i64 = r.try_get("focal_x")?;
    let y: i64 = r.try_get("focal_y")?;
    Ok(FocalPoint::new(x, y).unwrap_or_default())
}

impl Store {
    /// Moves an image's focal point, for `by`. Pages showing the image are refreshed.
    pub async fn set_focal_point(
        &self,
        id: MediaId,
        focal: FocalPoint,
        by: UserId,
    ) -> Result<MediumEdit<()>> {
        let mut tx = self.begin_write().await?;
        let Some(before) = sqlx::query("select path, focal_x, focal_y from media where id = $1")
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
        if focal_from_row(&before)? == focal {
            return Ok(MediumEdit::Done(()));
        }
        sqlx::query("update media set focal_x = $1, focal_y = $2 where id = $3")
            .bind(i64::from(focal.x()))
            .bind(i64::from(focal.y()))
            .bind(id.get())
            .execute(&mut *tx)
            .await?;
        let content = serde_json::json!({ "focal": { "x": focal.x(), "y": focal.y() } });
        record(&mut tx, Medium::Image(id.get()), by, &content).await?;
        log_change(&mut tx, Kind::Media, &[Key::Media(id)]).await?;
        tx.commit().await?;
        self.committed();
        Ok(MediumEdit::Done(()))
    }
}
