//! A workflow action taken from the editor (submit, publish, schedule, unpublish) together
//! with the text on the journalist's screen: the text is saved as a revision under the
//! optimistic lock, then the status changes, in one transaction. Either both happen or
//! neither, so an action can never publish a text older than the one the person saw.

use kiosque_domain::newsroom::{Action, Actor, Subject};
use kiosque_domain::{ArticleDraft, ArticleId, ArticleStatus, SectionId};
use sqlx::Row;

use crate::articles::write_article;
use crate::db::{now_ms, Tx};
use crate::newsroom::{claim_version, status_of, with_stored_state, Saved};
use crate::revisions::{insert_revision, Conflict};
use crate::workflow::transition;
use crate::{Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

/// What the editor sent with a workflow button.
#[derive(Debug, Clone)]
pub struct ActOnText<'a> {
    pub id: ArticleId,
    /// The text on the screen.
    pub draft: &'a ArticleDraft,
    /// The version the editor loaded (the optimistic lock).
    pub expected: i64,
    pub action: Action,
    /// The status the page showed: acting from a stale screen is refused.
    pub from: ArticleStatus,
    pub to: ArticleStatus,
    pub scheduled_at: Option<i64>,
}

impl Store {
    /// Saves the editor's text as a revision, then moves the article from `act.from` to
    /// `act.to`, all in one transaction. The person's rights are checked inside it, against
    /// the article and their publishing sections as they are now (not as the page read
    /// them): editing the article, and the action where the text puts it (its section may
    /// change with the text). Refused rights are `Forbidden` and write nothing; a stale
    /// version keeps the text as a "conflict" revision and changes no status; a status that
    /// changed meanwhile is `Conflict { constraint: "article status" }` and writes nothing.
    pub async fn save_and_act(&self, act: &ActOnText<'_>, actor: &Actor) -> Result<Saved> {
        let mut tx = self.begin_write().await?;
        // The version moves first, conditionally, as in `save_article`: on PostgreSQL this
        // takes the row lock, so what is read below is what this transaction acts on.
        let claimed = claim_version(&mut tx, act.id, act.expected).await?;
        lock_article(&mut tx, act.id).await?;
        let before = subject_in(&mut tx, act.id).await?;
        let actor = Actor {
            publish_sections: publish_sections_in(&mut tx, actor).await?,
            ..actor.clone()
        };
        let target = section_in(&mut tx, &act.draft.section)
            .await?
            .unwrap_or(before.section_id);
        let there = Subject {
            section_id: target,
            ..before
        };
        if !actor.may(Action::Edit, &before) || !actor.may(act.action, &there) {
            return Err(StoreError::Forbidden);
        }
        let (version, draft) = with_stored_state(&mut tx, act.id, act.draft).await?;
        draft.validate()?;
        if !claimed {
            let kept = insert_revision(&mut tx, act.id, version, "conflict", actor.user_id, &draft)
                .await?;
            tx.commit().await?;
            return Ok(Saved::Conflict(Conflict {
                current_version: version,
                kept_revision: kept,
            }));
        }
        write_article(&mut tx, &draft, Some(act.id)).await?;
        insert_revision(&mut tx, act.id, version, "save", actor.user_id, &draft).await?;
        let path = transition(
            &mut tx,
            act.id,
            act.from,
            act.to,
            act.scheduled_at,
            now_ms(),
        )
        .await?;
        tx.commit().await?;
        self.committed();
        Ok(Saved::Ok { version, path })
    }
}

impl Store {
    /// Saves the editor's text over version `expected` for this person, their rights checked
    /// inside the transaction against the article as it is now (status, section, creator) and
    /// their publishing sections as they are now: [`Actor::may_save`]. Otherwise as
    /// [`Store::save_article`]. `Forbidden` writes nothing.
    pub async fn save_article_as(
        &self,
        id: ArticleId,
        draft: &ArticleDraft,
        expected: i64,
        actor: &Actor,
        kind: &str,
    ) -> Result<Saved> {
        let mut tx = self.begin_write().await?;
        let claimed = claim_for_save(&mut tx, id, draft, expected, actor).await?;
        let (version, draft) = with_stored_state(&mut tx, id, draft).await?;
        draft.validate()?;
        if !claimed {
            let kept = if kind == "restore" {
                0
            } else {
                insert_revision(&mut tx, id, version, "conflict", actor.user_id, &draft).await?
            };
            tx.commit().await?;
            return Ok(Saved::Conflict(Conflict {
                current_version: version,
                kept_revision: kept,
            }));
        }
        let up = write_article(&mut tx, &draft, Some(id)).await?;
        insert_revision(&mut tx, id, version, kind, actor.user_id, &draft).await?;
        tx.commit().await?;
        self.committed();
        Ok(Saved::Ok {
            version,
            path: up.path,
        })
    }

    /// A workflow action without text (a caller that has none): the status moves from `from`
    /// to `to` if the person may take `action` on the article as it is now, checked in the
    /// same transaction as the change. `Forbidden` writes nothing.
    pub async fn act_as(
        &self,
        id: ArticleId,
        action: Action,
        (from, to): (ArticleStatus, ArticleStatus),
        scheduled_at: Option<i64>,
        actor: &Actor,
    ) -> Result<String> {
        let mut tx = self.begin_write().await?;
        lock_article(&mut tx, id).await?;
        let subject = subject_in(&mut tx, id).await?;
        let actor = Actor {
            publish_sections: publish_sections_in(&mut tx, actor).await?,
            ..actor.clone()
        };
        if !actor.may(action, &subject) {
            return Err(StoreError::Forbidden);
        }
        let path = transition(&mut tx, id, from, to, scheduled_at, now_ms()).await?;
        tx.commit().await?;
        self.committed();
        Ok(path)
    }
}

/// The first step of every save, inside its write transaction: claims `expected` (the
/// conditional version bump takes the row lock on PostgreSQL, so a publish of the same article
/// waits for this save, or this save for it, and the reads below see its outcome), then checks
/// the person's rights on the article as it is now and on the section the draft moves it to.
/// Whether the version was claimed (false: a stale version); `Forbidden` before anything else.
pub(crate) async fn claim_for_save(
    tx: &mut Tx<'_>,
    id: ArticleId,
    draft: &ArticleDraft,
    expected: i64,
    actor: &Actor,
) -> Result<bool> {
    let claimed = claim_version(tx, id, expected).await?;
    lock_article(tx, id).await?;
    let before = subject_in(tx, id).await?;
    let actor = Actor {
        publish_sections: publish_sections_in(tx, actor).await?,
        ..actor.clone()
    };
    let target = section_in(tx, &draft.section)
        .await?
        .unwrap_or(before.section_id);
    if !actor.may_save(&before, target) {
        return Err(StoreError::Forbidden);
    }
    Ok(claimed)
}

/// Takes the article's row lock on PostgreSQL (`FOR UPDATE`), so that what this transaction
/// reads next (status, section, creator) cannot change before it commits: a save that moves
/// the article waits, or is waited for. SQLite's write transactions already run one at a time.
pub(crate) async fn lock_article(tx: &mut Tx<'_>, id: ArticleId) -> Result<()> {
    if tx.backend_name().eq_ignore_ascii_case("postgresql") {
        sqlx::query("select id from articles where id = $1 for update")
            .bind(id.get())
            .fetch_optional(&mut **tx)
            .await?;
    }
    Ok(())
}

pub(crate) async fn subject_in(tx: &mut Tx<'_>, id: ArticleId) -> Result<Subject> {
    let row = sqlx::query("select created_by, section_id, status from articles where id = $1")
        .bind(id.get())
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok(Subject {
        created_by: row
            .try_get::<Option<i64>, _>("created_by")?
            .map(kiosque_domain::UserId),
        section_id: SectionId(row.try_get("section_id")?),
        status: status_of(&row.try_get::<String, _>("status")?)?,
    })
}

/// The sections where the person may publish, read in the transaction: a right withdrawn
/// while the editor was open no longer counts.
pub(crate) async fn publish_sections_in(tx: &mut Tx<'_>, actor: &Actor) -> Result<Vec<SectionId>> {
    sqlx::query("select section_id from user_sections where user_id = $1 order by section_id")
        .bind(actor.user_id.get())
        .fetch_all(&mut **tx)
        .await?
        .iter()
        .map(|r| Ok(SectionId(r.try_get("section_id")?)))
        .collect()
}

/// A section's id by slug; `None` when unknown (the write refuses it with its own message).
pub(crate) async fn section_in(tx: &mut Tx<'_>, slug: &str) -> Result<Option<SectionId>> {
    sqlx::query("select id from sections where slug = $1")
        .bind(slug.trim())
        .fetch_optional(&mut **tx)
        .await?
        .map(|r| Ok(SectionId(r.try_get("id")?)))
        .transpose()
}
