//! Saves made through the write API for a key's owner. The owner's rights are checked inside
//! the write's transaction, as the editor's workflow buttons are (`editor_actions`); unlike
//! the editor, a stale version keeps nothing: an API client still holds its text, and a
//! refused request must leave no trace.

use kiosque_domain::newsroom::Actor;
use kiosque_domain::{ArticleDraft, ArticleId};
use sqlx::Row;

use crate::articles::write_article;
use crate::editor_actions::claim_for_save;
use crate::newsroom::{with_stored_state, Saved};
use crate::revisions::{insert_revision, Conflict};
use crate::{Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

impl Store {
    /// Saves `draft` over version `expected` as `actor`, with a revision by them. Refused
    /// rights are `Forbidden`; a stale version is [`Saved::Conflict`] with nothing written.
    /// Moving a published or scheduled article to another section publishes it there, so
    /// the person must be allowed to publish there too (as in the editor).
    pub async fn save_as(
        &self,
        id: ArticleId,
        draft: &ArticleDraft,
        expected: i64,
        actor: &Actor,
    ) -> Result<Saved> {
        let mut tx = self.begin_write().await?;
        let claimed = claim_for_save(&mut tx, id, draft, expected, actor).await?;
        // Rights first: a stale version must not tell anyone the version of an article they
        // may not touch.
        if !claimed {
            let version: i64 = sqlx::query("select version from articles where id = $1")
                .bind(id.get())
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StoreError::NotFound)?
                .try_get("version")?;
            // Dropped without a commit: nothing of the request stays.
            return Ok(Saved::Conflict(Conflict {
                current_version: version,
                kept_revision: 0,
            }));
        }
        let (version, draft) = with_stored_state(&mut tx, id, draft).await?;
        draft.validate()?;
        let up = write_article(&mut tx, &draft, Some(id)).await?;
        insert_revision(&mut tx, id, version, "save", actor.user_id, &draft).await?;
        tx.commit().await?;
        self.committed();
        Ok(Saved::Ok {
            version,
            path: up.path,
        })
    }
}
