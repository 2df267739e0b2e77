//! What the article editor's pickers search: published articles to link to, and videos to
//! place in a body. Small, bounded lists by words of the title, newest first.

use sqlx::Row;

use crate::{Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

/// A published article a body may link to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkTarget {
    pub id: i64,
    pub title: String,
    /// The public path: `/monde/geneve-les-negociations_12.html`.
    pub path: String,
    pub published_at: i64,
}

/// A video a body may show (`::video 12`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VideoChoice {
    pub id: i64,
    pub title: String,
    pub published_at: i64,
}

/// `%words%` for a case-insensitive `like`, or `None` when nothing was typed. `%` and `_` are
/// dropped: a journalist's search is words, not a pattern.
fn pattern(text: Option<&str>) -> Option<String> {
    let words = text?.trim().to_lowercase().replace(['%', '_'], "");
    (!words.is_empty()).then(|| format!("%{words}%"))
}

impl Store {
    /// Published articles whose title holds `text` (all of them without it), newest first.
    /// Only published ones: a link to a draft would lead readers nowhere.
    pub async fn link_targets(&self, text: Option<&str>, limit: i64) -> Result<Vec<LinkTarget>> {
        let pattern = pattern(text);
        let cond = if pattern.is_some() {
            " and lower(a.title) like $2"
        } else {
            ""
        };
        let sql = format!(
            "select a.id, a.title, a.slug, s.slug as section_slug, a.published_at \
             from articles a join sections s on s.id = a.section_id \
             where a.status = 'published'{cond} \
             order by a.published_at desc, a.id desc limit $1"
        );
        let mut q = sqlx::query(&sql).bind(limit);
        if let Some(p) = pattern {
            q = q.bind(p);
        }
        q.fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| {
                let id: i64 = r.try_get("id")?;
                let section: String = r.try_get("section_slug")?;
                let slug: String = r.try_get("slug")?;
                Ok(LinkTarget {
                    id,
                    title: r.try_get("title")?,
                    path: kiosque_domain::slug::article_path(&section, &slug, id),
                    published_at: r.try_get::<Option<i64>, _>("published_at")?.unwrap_or(0),
                })
            })
            .collect()
    }

    /// Videos whose title holds `text` (all of them without it), newest first.
    pub async fn video_choices(&self, text: Option<&str>, limit: i64) -> Result<Vec<VideoChoice>> {
        let pattern = pattern(text);
        let cond = if pattern.is_some() {
            " where lower(title) like $2"
        } else {
            ""
        };
        let sql = format!(
            "select id, title, published_at from videos{cond} \
             order by published_at desc, id desc limit $1"
        );
        let mut q = sqlx::query(&sql).bind(limit);
        if let Some(p) = pattern {
            q = q.bind(p);
        }
        q.fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| {
                Ok(VideoChoice {
                    id: r.try_get("id")?,
                    title: r.try_get("title")?,
                    published_at: r.try_get("published_at")?,
                })
            })
            .collect()
    }

    /// Which of these library paths (`/2026/12/03/photo.jpg` or without the slash) have no
    /// image in the library, in the order given.
    pub async fn missing_media(&self, paths: &[String]) -> Result<Vec<String>> {
        let found = self.media_by_paths(paths).await?;
        Ok(paths
            .iter()
            .filter(|p| !found.iter().any(|m| m.path == p.trim_start_matches('/')))
            .cloned()
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::pattern;

    #[test]
    fn searches_are_words_not_patterns() {
        assert_eq!(pattern(Some("  Genève ")), Some("%genève%".to_owned()));
        assert_eq!(pattern(Some("100%_")), Some("%100%".to_owned()));
        assert_eq!(pattern(Some(" % ")), None);
        assert_eq!(pattern(None), None);
    }
}
