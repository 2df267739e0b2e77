//! The desk's administration of tags (rename) and authors (name, bio, photo). Each write is one
//! transaction with its change-log row, so that the pages showing what changed refresh and the
//! search index follows. Sections have their own module, `section_admin`.
//!
//! `StoreError::Invalid` messages of this module are in the site's language and meant for the
//! editor: the back office shows them as they are.

use sqlx::Row;

use kiosque_domain::change::{Key, Kind};
use kiosque_domain::{ArticleId, AuthorId, TagId};

use kiosque_i18n::t;

use crate::admin_input::{invalid, name_of, text_of, NameOf, TextOf};
use crate::db::log_change;
use crate::{Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

/// Longest tag name, in characters.
pub const MAX_TAG_NAME_CHARS: usize = 100;
/// Longest author name, in characters.
pub const MAX_AUTHOR_NAME_CHARS: usize = 100;
/// Longest author bio, in characters.
pub const MAX_AUTHOR_BIO_CHARS: usize = 2_000;

/// A tag with the number of published articles carrying it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagAdminRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub published: i64,
}

/// An author's profile: what their public page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorProfile {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub bio: Option<String>,
    /// A media path (`/2016/12/23/portrait.jpg`).
    pub photo: Option<String>,
    /// Published articles signed by them.
    pub published: i64,
}

/// A media path as articles store them (`/2016/12/23/a.jpg`), or why it is not one.
pub fn media_path_of(path: &str) -> std::result::Result<String, String> {
    let rel = path.trim().trim_start_matches('/');
    if rel.is_empty()
        || rel.contains("://")
        || rel.contains('\\')
        || rel.chars().any(|c| c.is_control() || c.is_whitespace())
        || rel
            .split('/')
            .any(|s| s.is_empty() || s == ".." || s == ".")
    {
        return Err(t("err-author-photo-path"));
    }
    Ok(format!("/{rel}"))
}

impl Store {
    // ------------------------------------------------------------------ tags

    /// Tags with their published-article counts, by name; `text` keeps those whose slug
    /// contains its slug (so accents and case do not matter). With the total count.
    pub async fn tags_admin(
        &self,
        text: Option<&str>,
        offset: i64,
        limit: i64,
    ) -> Result<(Vec<TagAdminRow>, i64)> {
        let pattern = match text.map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) => format!("%{}%", kiosque_domain::slug::slugify(t)),
            None => "%".to_owned(),
        };
        let rows = sqlx::query(
            "select t.id, t.slug, t.name, \
               (select count(*) from article_tags at join articles a on a.id = at.article_id \
                 where at.tag_id = t.id and a.status = 'published') as published \
             from tags t where t.slug like $1 order by t.name, t.id limit $2 offset $3",
        )
        .bind(&pattern)
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            Ok(TagAdminRow {
                id: r.try_get("id")?,
                slug: r.try_get("slug")?,
                name: r.try_get("name")?,
                published: r.try_get("published")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
        let total: i64 = sqlx::query("select count(*) as n from tags where slug like $1")
            .bind(&pattern)
            .fetch_one(&self.pool)
            .await?
            .try_get("n")?;
        Ok((rows, total))
    }

    /// Renames a tag; its slug, and so its URL, stay.
    pub async fn rename_tag(&self, id: i64, name: &str) -> Result<()> {
        let name = name_of(name, MAX_TAG_NAME_CHARS, NameOf::Tag)?;
        let mut tx = self.begin_write().await?;
        // Two tags of one name would make saving an article pick either.
        if sqlx::query("select id from tags where name = $1 and id <> $2")
            .bind(&name)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .is_some()
        {
            return Err(invalid(t("err-tag-name-taken")));
        }
        let done = sqlx::query("update tags set name = $1 where id = $2")
            .bind(&name)
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        // Article pages show tag names ("names"); the search index holds them too.
        let ids: Vec<i64> = sqlx::query(
            "select a.id from articles a join article_tags at on at.article_id = a.id \
             where at.tag_id = $1 and a.status = 'published' order by a.id",
        )
        .bind(id)
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(|r| r.try_get("id"))
        .collect::<std::result::Result<_, _>>()?;
        let mut keys = vec![Key::Names, Key::Tag(TagId(id))];
        keys.extend(ids.into_iter().map(|a| Key::Article(ArticleId(a))));
        log_change(&mut tx, Kind::Tag, &keys).await?;
        tx.commit().await?;
        self.committed();
        Ok(())
    }

    // ------------------------------------------------------------------ authors

    /// Authors with their published-article counts, by name, with the total count.
    pub async fn authors_admin(
        &self,
        offset: i64,
        limit: i64,
    ) -> Result<(Vec<AuthorProfile>, i64)> {
        let rows = sqlx::query(&format!(
            "{AUTHOR_SELECT} order by au.name, au.id limit $1 offset $2"
        ))
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(profile_of)
        .collect::<Result<Vec<_>>>()?;
        let total: i64 = sqlx::query("select count(*) as n from authors")
            .fetch_one(&self.pool)
            .await?
            .try_get("n")?;
        Ok((rows, total))
    }

    pub async fn author_profile(&self, id: i64) -> Result<Option<AuthorProfile>> {
        sqlx::query(&format!("{AUTHOR_SELECT} where au.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(profile_of)
            .transpose()
    }

    pub async fn author_profile_by_slug(&self, slug: &str) -> Result<Option<AuthorProfile>> {
        sqlx::query(&format!("{AUTHOR_SELECT} where au.slug = $1"))
            .bind(slug)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(profile_of)
            .transpose()
    }

    /// Changes an author's name, bio and photo (a media path, see [`media_path_of`]); the
    /// slug, and so the URL of their page, stays.
    pub async fn update_author(
        &self,
        id: i64,
        name: &str,
        bio: Option<&str>,
        photo: Option<&str>,
    ) -> Result<()> {
        let name = name_of(name, MAX_AUTHOR_NAME_CHARS, NameOf::Author)?;
        let bio = text_of(bio, MAX_AUTHOR_BIO_CHARS, TextOf::Bio)?;
        let photo = match photo.map(str::trim).filter(|p| !p.is_empty()) {
            Some(p) => Some(media_path_of(p).map_err(invalid)?),
            None => None,
        };
        let mut tx = self.begin_write().await?;
        if sqlx::query("select id from authors where name = $1 and id <> $2")
            .bind(&name)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .is_some()
        {
            return Err(invalid(t("err-author-name-taken")));
        }
        let done = sqlx::query("update authors set name = $1, bio = $2, photo = $3 where id = $4")
            .bind(&name)
            .bind(bio.as_deref())
            .bind(photo.as_deref())
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        let ids: Vec<i64> = sqlx::query(
            "select a.id from articles a join article_authors aa on aa.article_id = a.id \
             where aa.author_id = $1 and a.status = 'published' order by a.id",
        )
        .bind(id)
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(|r| r.try_get("id"))
        .collect::<std::result::Result<_, _>>()?;
        let mut keys = vec![Key::Names, Key::Author(AuthorId(id))];
        keys.extend(ids.into_iter().map(|a| Key::Article(ArticleId(a))));
        log_change(&mut tx, Kind::Author, &keys).await?;
        tx.commit().await?;
        self.committed();
        Ok(())
    }
}

const AUTHOR_SELECT: &str = "select au.id, au.slug, au.name, au.bio, au.photo, \
       (select count(*) from article_authors aa join articles a on a.id = aa.article_id \
         where aa.author_id = au.id and a.status = 'published') as published \
     from authors au";

fn profile_of(r: &sqlx::any::AnyRow) -> Result<AuthorProfile> {
    Ok(AuthorProfile {
        id: r.try_get("id")?,
        slug: r.try_get("slug")?,
        name: r.try_get("name")?,
        bio: r.try_get("bio")?,
        photo: r.try_get("photo")?,
        published: r.try_get("published")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_paths_are_plain_relative_paths() {
        assert_eq!(
            media_path_of("2016/12/23/a.jpg").as_deref(),
            Ok("/2016/12/23/a.jpg")
        );
        assert_eq!(
            media_path_of(" /2016/12/23/a.jpg ").as_deref(),
            Ok("/2016/12/23/a.jpg")
        );
        for bad in [
            "",
            "/",
            "../etc/passwd",
            "https://x.test/a.jpg",
            "a//b.jpg",
            "a b.jpg",
        ] {
            assert!(media_path_of(bad).is_err(), "{bad}");
        }
    }
}
