//! The site's structure: sections, tags and authors (the front page's slots are in
//! `front_page.rs`).

use kiosque_domain::change::{Key, Kind};
use kiosque_domain::slug::{is_valid_slug, slugify, RESERVED_SECTION_SLUGS};
use kiosque_domain::{AuthorId, SectionId, TagId};
use sqlx::Row;

use crate::db::{log_change, Tx};
use crate::views::{AuthorRef, SectionRow, TagRef};
use crate::{Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

impl Store {
    // ---------------------------------------------------------------- sections, tags, authors

    /// Creates the section, or updates its name, parent and description.
    pub async fn upsert_section(
        &self,
        slug: &str,
        name: &str,
        parent: Option<&str>,
        description: Option<&str>,
        position: i64,
    ) -> Result<SectionRow> {
        if !is_valid_slug(slug) || RESERVED_SECTION_SLUGS.contains(&slug) {
            return Err(StoreError::Invalid(kiosque_i18n::t1(
                "err-section-slug-unusable",
                "slug",
                slug,
            )));
        }
        if name.trim().is_empty() {
            return Err(StoreError::Invalid(kiosque_i18n::t(
                "err-name-missing-section",
            )));
        }
        let mut tx = self.begin_write().await?;
        let parent_id = match parent {
            Some(p) => Some(section_id(&mut tx, p).await?),
            None => None,
        };
        let row = sqlx::query(
            "insert into sections (slug, name, parent_id, description, position) \
             values ($1, $2, $3, $4, $5) \
             on conflict (slug) do update set name = excluded.name, \
               parent_id = excluded.parent_id, description = excluded.description, \
               position = excluded.position \
             returning id",
        )
        .bind(slug)
        .bind(name.trim())
        .bind(parent_id)
        .bind(description)
        .bind(position)
        .fetch_one(&mut *tx)
        .await?;
        let id: i64 = row.try_get("id")?;
        log_change(
            &mut tx,
            Kind::Section,
            &[Key::Section(SectionId(id)), Key::Front, Key::Nav],
        )
        .await?;
        tx.commit().await?;
        self.committed();
        self.section_by_slug(slug)
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// All sections, in navigation order (top-level by position, then children).
    pub async fn sections(&self) -> Result<Vec<SectionRow>> {
        Ok(sqlx::query_as::<_, SectionRow>(
            "select id, slug, name, parent_id, description, position, listed from sections \
             order by position, name",
        )
        .fetch_all(&self.pool)
        .await?)
    }

    pub async fn section_by_slug(&self, slug: &str) -> Result<Option<SectionRow>> {
        Ok(sqlx::query_as::<_, SectionRow>(
            "select id, slug, name, parent_id, description, position, listed from sections where slug = $1",
        )
        .bind(slug)
        .fetch_optional(&self.pool)
        .await?)
    }

    pub async fn tag_by_slug(&self, slug: &str) -> Result<Option<TagRef>> {
        Ok(
            sqlx::query_as::<_, TagRef>("select id, slug, name from tags where slug = $1")
                .bind(slug)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    /// The tag of this name, created when missing (an import brings tags no article uses
    /// yet). `None` for a blank name.
    pub async fn upsert_tag(&self, name: &str) -> Result<Option<TagRef>> {
        // Found: nothing to write (a second import changes nothing).
        if let Some(r) =
            sqlx::query("select id, slug from tags where name = $1 order by id limit 1")
                .bind(name.trim())
                .fetch_optional(&self.pool)
                .await?
        {
            return Ok(Some(TagRef {
                id: r.try_get("id")?,
                slug: r.try_get("slug")?,
                name: name.trim().to_owned(),
            }));
        }
        let mut tx = self.begin_write().await?;
        let Some((id, slug)) = tag_id(&mut tx, name).await? else {
            tx.rollback().await?;
            return Ok(None);
        };
        log_change(&mut tx, Kind::Tag, &[Key::Tag(TagId(id))]).await?;
        tx.commit().await?;
        self.committed();
        Ok(Some(TagRef {
            id,
            slug,
            name: name.trim().to_owned(),
        }))
    }

    /// Creates an author or updates their bio.
    pub async fn upsert_author(&self, name: &str, bio: Option<&str>) -> Result<AuthorRef> {
        let mut tx = self.begin_write().await?;
        let (id, slug) = author_id(&mut tx, name).await?;
        if let Some(bio) = bio {
            sqlx::query("update authors set bio = $1 where id = $2")
                .bind(bio)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        log_change(&mut tx, Kind::Author, &[Key::Author(AuthorId(id))]).await?;
        tx.commit().await?;
        self.committed();
        Ok(AuthorRef {
            id,
            slug,
            name: name.trim().to_owned(),
        })
    }
}

pub(crate) async fn section_id(tx: &mut Tx<'_>, slug: &str) -> Result<i64> {
    sqlx::query("select id from sections where slug = $1")
        .bind(slug)
        .fetch_optional(&mut **tx)
        .await?
        .map(|r| r.try_get("id"))
        .transpose()?
        .ok_or_else(|| StoreError::UnknownSection(slug.to_owned()))
}

/// The id of the tag with this name, created if new; `None` for a name with nothing sluggable.
pub(crate) async fn tag_id(tx: &mut Tx<'_>, name: &str) -> Result<Option<(i64, String)>> {
    let name = name.trim();
    if name.is_empty() {
        return Ok(None);
    }
    // A tag renamed in the back office keeps its slug: find it by its current name first, or
    // saving an article would create a second tag from the new name.
    if let Some(r) = sqlx::query("select id, slug from tags where name = $1 order by id limit 1")
        .bind(name)
        .fetch_optional(&mut **tx)
        .await?
    {
        return Ok(Some((r.try_get("id")?, r.try_get("slug")?)));
    }
    let slug = slugify(name);
    let row = sqlx::query(
        "insert into tags (slug, name) values ($1, $2) \
         on conflict (slug) do update set name = tags.name returning id",
    )
    .bind(&slug)
    .bind(name)
    .fetch_one(&mut **tx)
    .await?;
    Ok(Some((row.try_get("id")?, slug)))
}

pub(crate) async fn author_id(tx: &mut Tx<'_>, name: &str) -> Result<(i64, String)> {
    let name = name.trim();
    // As for tags: a renamed author keeps their slug and is found by their current name.
    if let Some(r) = sqlx::query("select id, slug from authors where name = $1 order by id limit 1")
        .bind(name)
        .fetch_optional(&mut **tx)
        .await?
    {
        return Ok((r.try_get("id")?, r.try_get("slug")?));
    }
    let slug = slugify(name);
    let row = sqlx::query(
        "insert into authors (slug, name) values ($1, $2) \
         on conflict (slug) do update set name = authors.name returning id",
    )
    .bind(&slug)
    .bind(name)
    .fetch_one(&mut **tx)
    .await?;
    Ok((row.try_get("id")?, slug))
}
