//! The composed front page: stories an editor placed in the numbered slots of a place (the
//! front page, a section's block on it, a section page's lead), in `front_slots`.
//!
//! Only published stories are read back: an unpublished one leaves its slot by itself, and the
//! page fills the slot with the newest story instead (`kiosque_domain::front::fill`). Every
//! write checks, inside its transaction, that the person is still an editor or an admin, so a
//! role taken away a moment before counts.

use kiosque_domain::change::{Key, Kind};
use kiosque_domain::front::Place;
use kiosque_domain::{ArticleId, SectionId, UserId};
use sqlx::Row;

use crate::db::{log_change, now_ms, Tx};
use crate::media_rights::actor_in;
use crate::rows::{card_from_row, ARTICLE_CARD_COLUMNS};
use crate::views::ArticleCard;
use crate::{Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

/// What the desk does to one slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotAction {
    /// Puts this published story in the slot (taking it out of another slot of the place).
    Place(ArticleId),
    /// Empties the slot: the newest story fills it again.
    Remove,
    /// Swaps the slot with the one before it.
    Up,
    /// Swaps the slot with the one after it.
    Down,
}

impl Store {
    /// The published stories placed in `place`, by slot (from 1).
    pub async fn placed_stories(&self, place: Place) -> Result<Vec<(u8, ArticleCard)>> {
        Ok(self
            .placements(Some(place))
            .await?
            .into_iter()
            .map(|(_, slot, card)| (slot, card))
            .collect())
    }

    /// Every published story placed on the front page: its own slots and its section blocks'.
    pub async fn front_placements(&self) -> Result<Vec<(Place, u8, ArticleCard)>> {
        Ok(self
            .placements(None)
            .await?
            .into_iter()
            .filter(|(p, _, _)| matches!(p, Place::Front | Place::Block(_)))
            .collect())
    }

    async fn placements(&self, only: Option<Place>) -> Result<Vec<(Place, u8, ArticleCard)>> {
        let sql = format!(
            "select f.place, f.slot, {ARTICLE_CARD_COLUMNS} from front_slots f \
             join articles a on a.id = f.article_id join sections s on s.id = a.section_id \
             where a.status = 'published' and ($1 = '' or f.place = $1) \
             order by f.place, f.slot"
        );
        let rows = sqlx::query(&sql)
            .bind(only.map(Place::key).unwrap_or_default())
            .fetch_all(&self.pool)
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let raw: String = r.try_get("place")?;
            let place = Place::parse(&raw)
                .ok_or_else(|| StoreError::Corrupt(format!("front slot place {raw:?}")))?;
            let slot = u8::try_from(r.try_get::<i64, _>("slot")?)
                .map_err(|_| StoreError::Corrupt("front slot number".into()))?;
            out.push((place, slot, card_from_row(r)?));
        }
        Ok(out)
    }

    /// Changes one slot of `place` for `by`, who must be an editor or an admin.
    pub async fn arrange_slot(
        &self,
        by: UserId,
        place: Place,
        slot: u8,
        action: SlotAction,
    ) -> Result<()> {
        if !place.has_slot(slot) {
            return Err(StoreError::Invalid(kiosque_i18n::t1(
                "err-front-slot",
                "count",
                i64::from(place.slots()),
            )));
        }
        let mut tx = self.begin_write().await?;
        if !actor_in(&mut tx, by).await?.can_manage_site() {
            return Err(StoreError::Forbidden);
        }
        if let Some(s) = place.section() {
            section_exists(&mut tx, s).await?;
        }
        match action {
            SlotAction::Place(article) => {
                placeable(&mut tx, place, article).await?;
                put(&mut tx, place, slot, article, Some(by)).await?;
            }
            SlotAction::Remove => clear(&mut tx, place, slot).await?,
            SlotAction::Up | SlotAction::Down => {
                let other = if action == SlotAction::Up {
                    slot.checked_sub(1)
                } else {
                    slot.checked_add(1)
                };
                // The first slot cannot go up, nor the last down: nothing to do.
                if let Some(other) = other.filter(|o| place.has_slot(*o)) {
                    let here = occupant(&mut tx, place, slot).await?;
                    let there = occupant(&mut tx, place, other).await?;
                    clear(&mut tx, place, slot).await?;
                    clear(&mut tx, place, other).await?;
                    if let Some(a) = here {
                        put(&mut tx, place, other, a, Some(by)).await?;
                    }
                    if let Some(a) = there {
                        put(&mut tx, place, slot, a, Some(by)).await?;
                    }
                }
            }
        }
        let mut keys = vec![Key::Front];
        if let Place::Section(s) = place {
            keys.push(Key::Section(s));
        }
        log_change(&mut tx, Kind::Front, &keys).await?;
        tx.commit().await?;
        self.committed();
        Ok(())
    }

    /// Moves a top-level section's block one step up or down the front page (and the
    /// navigation, which follows the same order), for `by`, an editor or an admin. The
    /// top-level sections are numbered again 10 apart, so that equal positions stop tying.
    pub async fn move_section_block(&self, by: UserId, section: SectionId, up: bool) -> Result<()> {
        let mut tx = self.begin_write().await?;
        if !actor_in(&mut tx, by).await?.can_manage_site() {
            return Err(StoreError::Forbidden);
        }
        let mut order: Vec<i64> =
            sqlx::query("select id from sections where parent_id is null order by position, name")
                .fetch_all(&mut *tx)
                .await?
                .iter()
                .map(|r| r.try_get("id"))
                .collect::<std::result::Result<_, _>>()?;
        let at = order
            .iter()
            .position(|id| *id == section.get())
            .ok_or(StoreError::NotFound)?;
        let other = if up { at.checked_sub(1) } else { Some(at + 1) };
        if let Some(other) = other.filter(|o| *o < order.len()) {
            order.swap(at, other);
        }
        let mut keys = vec![Key::Nav, Key::Front];
        for (i, id) in order.iter().enumerate() {
            sqlx::query("update sections set position = $1 where id = $2")
                .bind(
                    i64::try_from(i)
                        .unwrap_or(i64::MAX)
                        .saturating_mul(10)
                        .min(crate::MAX_SECTION_POSITION),
                )
                .bind(*id)
                .execute(&mut *tx)
                .await?;
            keys.push(Key::Section(SectionId(*id)));
        }
        log_change(&mut tx, Kind::Section, &keys).await?;
        tx.commit().await?;
        self.committed();
        Ok(())
    }

    /// Pins an article as the front page's lead story, slot 1 (`None` empties it: the newest
    /// leads). For the command line and the demo; the desk goes through
    /// [`Store::arrange_slot`], which checks the person's role.
    pub async fn pin_lead(&self, article: Option<ArticleId>) -> Result<()> {
        let mut tx = self.begin_write().await?;
        match article {
            Some(id) => put(&mut tx, Place::Front, 1, id, None).await?,
            None => clear(&mut tx, Place::Front, 1).await?,
        }
        log_change(&mut tx, Kind::Front, &[Key::Front]).await?;
        tx.commit().await?;
        self.committed();
        Ok(())
    }

    /// The pinned lead story, if one is pinned and still published.
    pub async fn pinned_lead(&self) -> Result<Option<ArticleCard>> {
        Ok(self
            .placed_stories(Place::Front)
            .await?
            .into_iter()
            .find(|(slot, _)| *slot == 1)
            .map(|(_, card)| card))
    }
}

/// Writes `article` in `slot`, leaving the place's other slot that held it empty.
async fn put(
    tx: &mut Tx<'_>,
    place: Place,
    slot: u8,
    article: ArticleId,
    by: Option<UserId>,
) -> Result<()> {
    sqlx::query("delete from front_slots where place = $1 and (slot = $2 or article_id = $3)")
        .bind(place.key())
        .bind(i64::from(slot))
        .bind(article.get())
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "insert into front_slots (place, slot, article_id, placed_by, placed_at) \
         values ($1, $2, $3, $4, $5)",
    )
    .bind(place.key())
    .bind(i64::from(slot))
    .bind(article.get())
    .bind(by.map(UserId::get))
    .bind(now_ms())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn clear(tx: &mut Tx<'_>, place: Place, slot: u8) -> Result<()> {
    sqlx::query("delete from front_slots where place = $1 and slot = $2")
        .bind(place.key())
        .bind(i64::from(slot))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

async fn occupant(tx: &mut Tx<'_>, place: Place, slot: u8) -> Result<Option<ArticleId>> {
    sqlx::query("select article_id from front_slots where place = $1 and slot = $2")
        .bind(place.key())
        .bind(i64::from(slot))
        .fetch_optional(&mut **tx)
        .await?
        .map(|r| Ok(ArticleId(r.try_get("article_id")?)))
        .transpose()
}

async fn section_exists(tx: &mut Tx<'_>, section: SectionId) -> Result<()> {
    sqlx::query("select id from sections where id = $1")
        .bind(section.get())
        .fetch_optional(&mut **tx)
        .await?
        .map(|_| ())
        .ok_or(StoreError::NotFound)
}

/// Whether `article` may go in `place`: it exists, is published, and belongs to the place's
/// section (or one below it). Read in the transaction, so a story unpublished a moment before
/// is refused.
async fn placeable(tx: &mut Tx<'_>, place: Place, article: ArticleId) -> Result<()> {
    let row = sqlx::query("select status, section_id from articles where id = $1")
        .bind(article.get())
        .fetch_optional(&mut **tx)
        .await?
        .ok_or_else(|| {
            StoreError::Invalid(kiosque_i18n::t1(
                "nr-front-no-such-article",
                "id",
                article.get(),
            ))
        })?;
    if row.try_get::<String, _>("status")? != "published" {
        return Err(StoreError::Invalid(kiosque_i18n::t1(
            "nr-front-not-published",
            "id",
            article.get(),
        )));
    }
    let Some(wanted) = place.section() else {
        return Ok(());
    };
    // Up the article's section tree; sections nest a few levels at most.
    let mut at: Option<i64> = Some(row.try_get("section_id")?);
    for _ in 0..64 {
        let Some(id) = at else { break };
        if id == wanted.get() {
            return Ok(());
        }
        at = sqlx::query("select parent_id from sections where id = $1")
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?
            .map(|r| r.try_get::<Option<i64>, _>("parent_id"))
            .transpose()?
            .flatten();
    }
    Err(StoreError::Invalid(kiosque_i18n::t1(
        "err-front-other-section",
        "id",
        article.get(),
    )))
}
