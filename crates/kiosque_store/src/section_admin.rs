//! The desk's administration of sections: create, rename, move in the tree, order. Each write
//! is one transaction with its change-log row, so that the pages showing what changed refresh
//! and the search index follows.
//!
//! `StoreError::Invalid` messages of this module are in the site's language and meant for the
//! editor: the back office shows them as they are.

use kiosque_domain::slug::{is_valid_slug, RESERVED_SECTION_SLUGS};
use sqlx::Row;

use kiosque_domain::change::{Key, Kind};
use kiosque_domain::{ArticleId, SectionId};

use kiosque_i18n::{t, t1, t2};

use crate::admin_input::{invalid, name_of, text_of, NameOf, TextOf};
use crate::db::{log_change, Tx};
use crate::views::SectionRow;
use crate::{Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

/// Longest section name, in characters.
pub const MAX_SECTION_NAME_CHARS: usize = 80;
/// Longest section description, in characters.
pub const MAX_SECTION_DESCRIPTION_CHARS: usize = 300;
/// Positions go from 0 to this.
pub const MAX_SECTION_POSITION: i64 = 9_999;

/// A section as the back office lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionAdminRow {
    pub section: SectionRow,
    /// Published articles filed in this section itself (not its children).
    pub published: i64,
    /// How many sections have this one as parent.
    pub children: i64,
}

/// Checks a new section's slug: its URL is `/{slug}`, so it must be a valid slug that no route
/// of the site uses.
pub fn check_section_slug(slug: &str) -> std::result::Result<(), String> {
    if !is_valid_slug(slug) {
        return Err(t1("err-section-slug-invalid", "slug", slug));
    }
    if RESERVED_SECTION_SLUGS.contains(&slug) {
        return Err(t1("err-section-slug-reserved", "slug", slug));
    }
    Ok(())
}

const SECTION_COLUMNS: &str = "id, slug, name, parent_id, description, position, listed";

async fn section_in(tx: &mut Tx<'_>, id: SectionId) -> Result<Option<SectionRow>> {
    Ok(sqlx::query_as::<_, SectionRow>(&format!(
        "select {SECTION_COLUMNS} from sections where id = $1"
    ))
    .bind(id.get())
    .fetch_optional(&mut **tx)
    .await?)
}

async fn children_in(tx: &mut Tx<'_>, id: SectionId) -> Result<i64> {
    Ok(
        sqlx::query("select count(*) as n from sections where parent_id = $1")
            .bind(id.get())
            .fetch_one(&mut **tx)
            .await?
            .try_get("n")?,
    )
}

/// The published articles of a section: the search index re-reads them (their documents carry
/// the section's name and ancestors).
async fn section_article_keys(tx: &mut Tx<'_>, section: SectionId) -> Result<Vec<Key>> {
    let ids: Vec<i64> = sqlx::query(
        "select id from articles where section_id = $1 and status = 'published' order by id",
    )
    .bind(section.get())
    .fetch_all(&mut **tx)
    .await?
    .iter()
    .map(|r| r.try_get("id"))
    .collect::<std::result::Result<_, _>>()?;
    Ok(ids
        .into_iter()
        .map(|id| Key::Article(ArticleId(id)))
        .collect())
}

/// Checks that `parent` may hold `id` (`None` for a new section): it exists, it is not the
/// section itself nor one of its descendants, and it is top-level, so the tree stays two levels
/// deep (Monde › Europe).
async fn check_parent(
    tx: &mut Tx<'_>,
    id: Option<SectionId>,
    parent: SectionId,
) -> Result<SectionRow> {
    let p = section_in(tx, parent)
        .await?
        .ok_or_else(|| invalid(t("err-section-parent-missing")))?;
    if Some(p.id) == id {
        return Err(invalid(t("err-section-under-itself")));
    }
    // Walk up from the parent: meeting the section means it would become its own ancestor.
    let mut up = p.parent_id;
    let mut steps = 0;
    while let Some(a) = up {
        if Some(a) == id {
            return Err(invalid(t("err-section-under-its-child")));
        }
        steps += 1;
        if steps > 64 {
            break;
        }
        up = section_in(tx, a).await?.and_then(|s| s.parent_id);
    }
    if p.parent_id.is_some() {
        return Err(invalid(t1("err-section-parent-is-child", "name", &p.name)));
    }
    Ok(p)
}

impl Store {
    /// Every section with its counts, in navigation order (as [`Store::sections`]).
    pub async fn sections_admin(&self) -> Result<Vec<SectionAdminRow>> {
        sqlx::query(
            "select s.id, s.slug, s.name, s.parent_id, s.description, s.position, s.listed, \
               (select count(*) from articles a \
                 where a.section_id = s.id and a.status = 'published') as published, \
               (select count(*) from sections c where c.parent_id = s.id) as children \
             from sections s order by s.position, s.name",
        )
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            Ok(SectionAdminRow {
                section: SectionRow {
                    id: SectionId(r.try_get("id")?),
                    slug: r.try_get("slug")?,
                    name: r.try_get("name")?,
                    parent_id: r.try_get::<Option<i64>, _>("parent_id")?.map(SectionId),
                    description: r.try_get("description")?,
                    position: r.try_get("position")?,
                    listed: r.try_get::<i64, _>("listed")? != 0,
                },
                published: r.try_get("published")?,
                children: r.try_get("children")?,
            })
        })
        .collect()
    }

    pub async fn site_section(&self, id: SectionId) -> Result<Option<SectionRow>> {
        Ok(sqlx::query_as::<_, SectionRow>(&format!(
            "select {SECTION_COLUMNS} from sections where id = $1"
        ))
        .bind(id.get())
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Creates a section, top-level (placed after the others) or under a top-level section.
    /// The slug is its URL and never changes.
    pub async fn create_section(
        &self,
        slug: &str,
        name: &str,
        parent: Option<SectionId>,
        description: Option<&str>,
    ) -> Result<SectionRow> {
        let slug = slug.trim();
        check_section_slug(slug).map_err(invalid)?;
        let name = name_of(name, MAX_SECTION_NAME_CHARS, NameOf::Section)?;
        let description = text_of(
            description,
            MAX_SECTION_DESCRIPTION_CHARS,
            TextOf::Description,
        )?;
        let mut tx = self.begin_write().await?;
        // Logged first: on PostgreSQL the log's lock, held until commit, serialises this with
        // every other write, so the checks below see a tree nobody changes meanwhile.
        let mut keys = vec![Key::Nav, Key::Front];
        keys.extend(parent.map(Key::Section));
        log_change(&mut tx, Kind::Section, &keys).await?;
        if let Some(p) = parent {
            check_parent(&mut tx, None, p).await?;
        }
        let taken = sqlx::query("select id from sections where slug = $1")
            .bind(slug)
            .fetch_optional(&mut *tx)
            .await?
            .is_some();
        if taken {
            return Err(invalid(t1("err-section-slug-used", "slug", slug)));
        }
        let position: i64 = sqlx::query(
            "select coalesce(max(position), -1) + 1 as n from sections where parent_id is null",
        )
        .fetch_one(&mut *tx)
        .await?
        .try_get("n")?;
        let row = sqlx::query(
            "insert into sections (slug, name, parent_id, description, position) \
             values ($1, $2, $3, $4, $5) returning id",
        )
        .bind(slug)
        .bind(&name)
        .bind(parent.map(SectionId::get))
        .bind(description.as_deref())
        .bind(position.min(MAX_SECTION_POSITION))
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| match StoreError::from(e) {
            StoreError::Conflict { .. } => invalid(t1("err-section-slug-used", "slug", slug)),
            other => other,
        })?;
        let id = SectionId(row.try_get("id")?);
        let created = section_in(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        self.committed();
        Ok(created)
    }

    /// Renames a section and changes its description; its URL stays.
    pub async fn rename_section(
        &self,
        id: SectionId,
        name: &str,
        description: Option<&str>,
    ) -> Result<()> {
        let name = name_of(name, MAX_SECTION_NAME_CHARS, NameOf::Section)?;
        let description = text_of(
            description,
            MAX_SECTION_DESCRIPTION_CHARS,
            TextOf::Description,
        )?;
        let mut tx = self.begin_write().await?;
        section_in(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
        sqlx::query("update sections set name = $1, description = $2 where id = $3")
            .bind(&name)
            .bind(description.as_deref())
            .bind(id.get())
            .execute(&mut *tx)
            .await?;
        let mut keys = vec![Key::Nav, Key::Front, Key::Section(id)];
        keys.extend(section_article_keys(&mut tx, id).await?);
        log_change(&mut tx, Kind::Section, &keys).await?;
        tx.commit().await?;
        self.committed();
        Ok(())
    }

    /// Moves a section in the tree: under a top-level section, or to the top level (`None`,
    /// placed after the other top-level sections). A section with children stays top-level.
    pub async fn move_section(&self, id: SectionId, parent: Option<SectionId>) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let mut keys = vec![Key::Nav, Key::Front, Key::Section(id)];
        keys.extend(parent.map(Key::Section));
        // Logged first: see `create_section`.
        log_change(&mut tx, Kind::Section, &keys).await?;
        let section = section_in(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
        if section.parent_id == parent {
            // Nothing to move; the rolled-back log row is never seen.
            return Ok(());
        }
        match parent {
            Some(p) => {
                check_parent(&mut tx, Some(id), p).await?;
                if children_in(&mut tx, id).await? > 0 {
                    return Err(invalid(t1(
                        "err-section-has-children",
                        "name",
                        &section.name,
                    )));
                }
                sqlx::query("update sections set parent_id = $1 where id = $2")
                    .bind(p.get())
                    .bind(id.get())
                    .execute(&mut *tx)
                    .await?;
            }
            None => {
                let position: i64 = sqlx::query(
                    "select coalesce(max(position), -1) + 1 as n from sections \
                     where parent_id is null",
                )
                .fetch_one(&mut *tx)
                .await?
                .try_get("n")?;
                sqlx::query("update sections set parent_id = null, position = $1 where id = $2")
                    .bind(position.min(MAX_SECTION_POSITION))
                    .bind(id.get())
                    .execute(&mut *tx)
                    .await?;
            }
        }
        // The search documents of its articles list the section's ancestors.
        let articles = section_article_keys(&mut tx, id).await?;
        if !articles.is_empty() {
            log_change(&mut tx, Kind::Section, &articles).await?;
        }
        tx.commit().await?;
        self.committed();
        Ok(())
    }

    /// Sets the positions of sections: the order of the navigation and of the front page's
    /// section blocks (smallest first). All or nothing.
    pub async fn set_section_positions(&self, positions: &[(SectionId, i64)]) -> Result<()> {
        if positions.is_empty() {
            return Ok(());
        }
        if let Some((_, p)) = positions
            .iter()
            .find(|(_, p)| !(0..=MAX_SECTION_POSITION).contains(p))
        {
            return Err(invalid(t2(
                "err-section-position",
                "position",
                *p,
                "max",
                MAX_SECTION_POSITION,
            )));
        }
        let mut tx = self.begin_write().await?;
        let mut keys = vec![Key::Nav, Key::Front];
        for (id, position) in positions {
            let done = sqlx::query("update sections set position = $1 where id = $2")
                .bind(*position)
                .bind(id.get())
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if done == 0 {
                return Err(invalid(t("err-section-gone")));
            }
            keys.push(Key::Section(*id));
        }
        log_change(&mut tx, Kind::Section, &keys).await?;
        tx.commit().await?;
        self.committed();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_slugs_are_checked() {
        assert!(check_section_slug("proche-orient").is_ok());
        assert!(check_section_slug("Proche Orient").is_err());
        assert!(check_section_slug("admin")
            .expect_err("reserved")
            .contains("réservée"));
        assert!(check_section_slug("").is_err());
    }
}
