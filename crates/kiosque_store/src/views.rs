//! Read views: what a page needs, already joined. They are separate from the write drafts.

use kiosque_domain::{ArticleId, ArticleStatus, Block, CommentMode, MediaRef, SectionId};
use sqlx::Row;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionRow {
    pub id: SectionId,
    pub slug: String,
    pub name: String,
    pub parent_id: Option<SectionId>,
    pub description: Option<String>,
    pub position: i64,
    /// Shown in the site's navigation (the wire desk's section is not).
    pub listed: bool,
}

// Written out rather than derived: sqlx's `try_from` cannot reach inside the `Option` of
// `parent_id`.
impl sqlx::FromRow<'_, sqlx::any::AnyRow> for SectionRow {
    fn from_row(r: &sqlx::any::AnyRow) -> Result<Self, sqlx::Error> {
        Ok(SectionRow {
            id: SectionId(r.try_get("id")?),
            slug: r.try_get("slug")?,
            name: r.try_get("name")?,
            parent_id: r.try_get::<Option<i64>, _>("parent_id")?.map(SectionId),
            description: r.try_get("description")?,
            position: r.try_get("position")?,
            listed: r.try_get::<i64, _>("listed")? != 0,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TagRef {
    pub id: i64,
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AuthorRef {
    pub id: i64,
    pub slug: String,
    pub name: String,
}

/// An article as its page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleView {
    pub id: ArticleId,
    pub slug: String,
    pub section: SectionRow,
    /// The section's parent, for the breadcrumb (Monde > Europe).
    pub parent_section: Option<SectionRow>,
    pub title: String,
    pub standfirst: Option<String>,
    pub hero: Option<MediaRef>,
    /// A video shown at the top in place of the hero image.
    pub hero_video: Option<VideoCard>,
    pub body: Vec<Block>,
    pub status: ArticleStatus,
    pub published_at: Option<i64>,
    pub published_time_known: bool,
    pub updated_at: Option<i64>,
    pub comment_mode: CommentMode,
    pub tags: Vec<TagRef>,
    pub authors: Vec<AuthorRef>,
    /// What search engines and social sites show, when the newsroom wrote it apart.
    pub seo_title: Option<String>,
    pub seo_description: Option<String>,
}

impl ArticleView {
    pub fn path(&self) -> String {
        kiosque_domain::slug::article_path(&self.section.slug, &self.slug, self.id.get())
    }
}

/// An article in a list (front page, section page).
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleCard {
    pub id: ArticleId,
    pub slug: String,
    pub section_slug: String,
    pub section_name: String,
    pub title: String,
    pub standfirst: Option<String>,
    pub hero: Option<MediaRef>,
    pub published_at: i64,
    pub published_time_known: bool,
    /// An open live blog: lists show it "En direct".
    pub live: bool,
}

impl ArticleCard {
    pub fn path(&self) -> String {
        kiosque_domain::slug::article_path(&self.section_slug, &self.slug, self.id.get())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct VideoCard {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub poster: Option<MediaRef>,
    pub duration_seconds: Option<i64>,
    pub file_path: Option<String>,
    pub embed_url: Option<String>,
    /// When it joined this site (the rail's order).
    pub published_at: i64,
    /// The video's own date, when the newsroom gave it.
    pub recorded_at: Option<i64>,
    pub description: Option<String>,
    /// The article the newsroom tied to it.
    pub article_id: Option<ArticleId>,
    /// Imported from an archive page (it has a source key): its `published_at` is the import
    /// day, not the video's.
    pub from_archive: bool,
}

impl VideoCard {
    pub fn path(&self) -> String {
        kiosque_domain::slug::video_path(&self.slug, self.id)
    }

    /// The date to show for it, and which date that is (see
    /// [`kiosque_domain::video::shown_date`]).
    pub fn shown_date(&self) -> Option<(i64, kiosque_domain::video::DateKind)> {
        kiosque_domain::video::shown_date(self.recorded_at, self.published_at, self.from_archive)
    }
}

/// The ids of a section and all its descendants: a section page lists its children's articles.
pub fn subtree(all: &[SectionRow], root: SectionId) -> Vec<SectionId> {
    let mut ids = vec![root];
    let mut i = 0;
    while i < ids.len() {
        let parent = ids[i];
        ids.extend(
            all.iter()
                .filter(|s| s.parent_id == Some(parent))
                .map(|s| s.id),
        );
        i += 1;
    }
    ids
}
