//! Rights on shared media. A library image's alt text, caption and credit, and a video entry's
//! fields, show in every public article that uses them, whatever its section: changing them
//! rewrites those articles. So the change is allowed to whoever may publish in every section of
//! those articles, or to editors and admins (`Actor::may_describe_media`), decided inside the
//! write's transaction from the uses and the person's rights read in it, so that an article
//! published or a right taken away a moment before counts.
//!
//! "Public" here means published or scheduled: a scheduled article goes online by itself with
//! whatever the library says then. Drafts and articles in review are not counted, since the desk
//! reads them again before they go out.
//!
//! Every accepted change that alters something is kept as a revision (author, time, the texts as
//! they became) in `media_revisions` or `video_revisions`.

use kiosque_domain::account::Roles;
use kiosque_domain::newsroom::Actor;
use kiosque_domain::{Block, MediaRef, SectionId, UserId};
use sqlx::Row;

use crate::db::{now_ms, Tx};
use crate::{Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

/// The statuses whose articles readers see, now or by themselves later.
const PUBLIC: &str = "a.status in ('published', 'scheduled')";

/// What became of a change to a shared medium.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MediumEdit<T> {
    Done(T),
    /// Public articles of these sections (names) use the medium, and the person may not
    /// publish there: nothing was written.
    Refused {
        sections: Vec<String>,
    },
}

/// One accepted change of a medium's public text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediumRevision {
    /// The author's display name; `None` once their account is deleted.
    pub author: Option<String>,
    pub at: i64,
}

/// Which medium a revision is about.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Medium {
    Image(i64),
    Video(i64),
}

impl Medium {
    fn table(self) -> (&'static str, &'static str, i64) {
        match self {
            Medium::Image(id) => ("media_revisions", "media_id", id),
            Medium::Video(id) => ("video_revisions", "video_id", id),
        }
    }
}

/// The person as the newsroom's rules see them, read in the transaction; an unknown or closed
/// account has no role.
pub(crate) async fn actor_in(tx: &mut Tx<'_>, by: UserId) -> Result<Actor> {
    let roles = sqlx::query("select roles, deactivated_at from users where id = $1")
        .bind(by.get())
        .fetch_optional(&mut **tx)
        .await?
        .map(|r| -> Result<Roles> {
            let closed: Option<i64> = r.try_get("deactivated_at")?;
            Ok(match closed {
                None => Roles::parse(&r.try_get::<String, _>("roles")?),
                Some(_) => Roles::member(),
            })
        })
        .transpose()?
        .unwrap_or_else(Roles::member);
    let publish_sections = sqlx::query("select section_id from user_sections where user_id = $1")
        .bind(by.get())
        .fetch_all(&mut **tx)
        .await?
        .iter()
        .map(|r| Ok(SectionId(r.try_get("section_id")?)))
        .collect::<Result<Vec<_>>>()?;
    Ok(Actor {
        user_id: by,
        roles,
        publish_sections,
    })
}

/// Whether `by` may change a medium used by public articles of `used_in`: `Ok(None)` when
/// allowed, `Ok(Some(names))` with the sections that stop them, `Forbidden` when their role
/// alone does.
pub(crate) async fn check(
    tx: &mut Tx<'_>,
    by: UserId,
    used_in: &[SectionId],
) -> Result<Option<Vec<String>>> {
    let actor = actor_in(tx, by).await?;
    let outside = match actor.may_describe_media(used_in) {
        Ok(()) => return Ok(None),
        Err(outside) if outside.is_empty() => return Err(StoreError::Forbidden),
        Err(outside) => outside,
    };
    let mut names = Vec::with_capacity(outside.len());
    for s in outside {
        let name: String = sqlx::query("select name from sections where id = $1")
            .bind(s.get())
            .fetch_one(&mut **tx)
            .await?
            .try_get("name")?;
        names.push(name);
    }
    Ok(Some(names))
}

/// Sections of the public articles that show the library image at `path` (no leading slash),
/// as hero or in their body. A `like` narrows the rows (a wide match only costs parsing); the
/// JSON decides.
pub(crate) async fn image_uses(tx: &mut Tx<'_>, path: &str) -> Result<Vec<SectionId>> {
    let rows = sqlx::query(&format!(
        "select a.section_id, a.hero, a.body from articles a \
         where {PUBLIC} and (a.hero like $1 or a.body like $1)"
    ))
    .bind(format!("%{path}%"))
    .fetch_all(&mut **tx)
    .await?;
    let same = |m: &MediaRef| m.path.trim_start_matches('/') == path;
    let mut sections = Vec::new();
    for r in rows {
        let hero: Option<String> = r.try_get("hero")?;
        let hero: Option<MediaRef> = hero
            .map(|h| serde_json::from_str(&h))
            .transpose()
            .map_err(|e| StoreError::Corrupt(format!("article hero: {e}")))?;
        let body: Vec<Block> = serde_json::from_str(&r.try_get::<String, _>("body")?)
            .map_err(|e| StoreError::Corrupt(format!("article body: {e}")))?;
        let used = hero.as_ref().is_some_and(same)
            || body
                .iter()
                .any(|b| matches!(b, Block::Image { media } if same(media)));
        if used {
            sections.push(SectionId(r.try_get("section_id")?));
        }
    }
    Ok(sections)
}

/// Sections of the public articles that show video `id`, as hero or in their body.
pub(crate) async fn video_uses(tx: &mut Tx<'_>, id: i64) -> Result<Vec<SectionId>> {
    let rows = sqlx::query(&format!(
        "select a.section_id, a.hero_video_id, a.body from articles a \
         where {PUBLIC} and (a.hero_video_id = $1 or a.body like $2)"
    ))
    .bind(id)
    .bind(format!("%\"video_id\":{id}%"))
    .fetch_all(&mut **tx)
    .await?;
    let mut sections = Vec::new();
    for r in rows {
        let hero: Option<i64> = r.try_get("hero_video_id")?;
        let body: Vec<Block> = serde_json::from_str(&r.try_get::<String, _>("body")?)
            .map_err(|e| StoreError::Corrupt(format!("article body: {e}")))?;
        let used = hero == Some(id)
            || body
                .iter()
                .any(|b| matches!(b, Block::Video { video_id } if *video_id == id));
        if used {
            sections.push(SectionId(r.try_get("section_id")?));
        }
    }
    Ok(sections)
}

/// Keeps a revision of `medium`, its public fields as they became.
pub(crate) async fn record(
    tx: &mut Tx<'_>,
    medium: Medium,
    by: UserId,
    content: &serde_json::Value,
) -> Result<()> {
    let (table, column, id) = medium.table();
    sqlx::query(&format!(
        "insert into {table} ({column}, author_id, created_at, content) values ($1, $2, $3, $4)"
    ))
    .bind(id)
    .bind(by.get())
    .bind(now_ms())
    .bind(content.to_string())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

impl Store {
    /// The changes of an image's texts, newest first.
    pub async fn media_revisions(
        &self,
        id: kiosque_domain::MediaId,
    ) -> Result<Vec<MediumRevision>> {
        self.medium_revisions(Medium::Image(id.get())).await
    }

    /// The changes of a video entry, newest first.
    pub async fn video_revisions(&self, id: i64) -> Result<Vec<MediumRevision>> {
        self.medium_revisions(Medium::Video(id)).await
    }

    async fn medium_revisions(&self, medium: Medium) -> Result<Vec<MediumRevision>> {
        let (table, column, id) = medium.table();
        sqlx::query(&format!(
            "select u.display_name, r.created_at from {table} r \
             left join users u on u.id = r.author_id \
             where r.{column} = $1 order by r.id desc limit 50"
        ))
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            Ok(MediumRevision {
                author: r.try_get("display_name")?,
                at: r.try_get("created_at")?,
            })
        })
        .collect()
    }
}
