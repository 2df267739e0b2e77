//! Display-ready view structs for templates: strings already carry French typography and Paris
//! dates, links are already paths. Templates never see store rows.

use kiosque_domain::typography::french;
use kiosque_domain::{dates, Block, MediaRef};
use kiosque_store::{ArticleCard, SectionRow, VideoCard};

pub struct NavItem {
    pub href: String,
    pub name: String,
    /// `aria-current`: "page" on the section's own page, "true" within it (an article, a
    /// child section).
    pub current: Option<&'static str>,
}

/// Where a page sits in the site, for the navigation's `aria-current`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Here {
    Elsewhere,
    /// The page of this top-level section itself.
    SectionPage(i64),
    /// A page inside this top-level section (an article, a child section).
    InSection(i64),
    VideosPage,
    InVideos,
}

pub struct Crumb {
    pub href: String,
    pub name: String,
}

/// A figure: an image whose file exists (`src`), or a neutral placeholder of the same
/// proportions when only its path is known (archive pages).
pub struct FigureView {
    pub src: Option<String>,
    pub alt: String,
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

pub struct CardView {
    pub id: i64,
    /// Published comments, shown on lists ("12 commentaires").
    pub comments: i64,
    pub href: String,
    pub title: String,
    pub standfirst: Option<String>,
    pub section_name: String,
    pub section_href: String,
    pub date_label: String,
    pub datetime: String,
    pub hero: Option<FigureView>,
}

pub struct RailItem {
    pub href: String,
    pub title: String,
}

pub struct Stamp {
    pub label: String,
    pub datetime: String,
}

pub struct TagLink {
    pub href: String,
    pub name: String,
}

pub struct Pagination {
    pub current: i64,
    pub total: i64,
    pub prev: Option<String>,
    pub next: Option<String>,
}

impl Pagination {
    /// Links for page `current` of `total_items` at `per_page`, on `base` (`/monde`).
    pub fn new(base: &str, current: i64, total_items: i64, per_page: i64) -> Self {
        let total = ((total_items + per_page - 1) / per_page).max(1);
        let link = |p: i64| {
            if p == 1 {
                base.to_owned()
            } else {
                format!("{base}?page={p}")
            }
        };
        Pagination {
            current,
            total,
            prev: (current > 1).then(|| link(current - 1)),
            next: (current < total).then(|| link(current + 1)),
        }
    }
}

pub enum BlockView {
    Paragraph {
        text: String,
    },
    Intertitle {
        text: String,
    },
    Quote {
        text: String,
        source: Option<String>,
    },
    Figure {
        figure: FigureView,
    },
    List {
        ordered: bool,
        items: Vec<String>,
    },
    Link {
        href: String,
        title: String,
        label: String,
    },
    External {
        url: String,
    },
}

pub fn section_href(slug: &str) -> String {
    format!("/{slug}")
}

pub fn nav(sections: &[SectionRow], here: Here) -> Vec<NavItem> {
    sections
        .iter()
        .filter(|s| s.parent_id.is_none())
        .map(|s| NavItem {
            href: section_href(&s.slug),
            name: french(&s.name),
            current: match here {
                Here::SectionPage(id) if id == s.id => Some("page"),
                Here::InSection(id) if id == s.id => Some("true"),
                _ => None,
            },
        })
        .collect()
}

/// Builds figures, knowing which media files exist on disk.
pub struct Figures<'a> {
    pub media_dir: &'a std::path::Path,
}

impl Figures<'_> {
    pub fn figure(&self, media: &MediaRef, fallback_alt: &str) -> FigureView {
        let rel = media.path.trim_start_matches('/');
        // Only plain relative paths map into the media folder; anything else is a placeholder.
        let safe = !rel.is_empty()
            && rel
                .split('/')
                .all(|seg| !seg.is_empty() && seg != ".." && seg != ".");
        let exists = safe && self.media_dir.join(rel).is_file();
        FigureView {
            src: exists.then(|| format!("/media/{rel}")),
            alt: french(media.alt.as_deref().unwrap_or(fallback_alt)),
            caption: media.caption.as_deref().map(french),
            credit: media.credit.clone(),
            width: media.width,
            height: media.height,
        }
    }
}

pub fn card(c: &ArticleCard, figures: Option<&Figures<'_>>) -> CardView {
    CardView {
        id: c.id,
        comments: 0,
        href: c.path(),
        title: french(&c.title),
        standfirst: c.standfirst.as_deref().map(french),
        section_name: french(&c.section_name),
        section_href: section_href(&c.section_slug),
        date_label: dates::published_label(c.published_at, c.published_time_known),
        datetime: dates::iso(c.published_at),
        hero: figures.and_then(|f| {
            c.hero
                .as_ref()
                .map(|h| f.figure(h, &format!("Illustration : {}", c.title)))
        }),
    }
}

pub fn rail(videos: &[VideoCard]) -> Vec<RailItem> {
    videos
        .iter()
        .map(|v| RailItem {
            href: v.path(),
            title: french(&v.title),
        })
        .collect()
}

pub fn blocks(body: &[Block], figures: &Figures<'_>) -> Vec<BlockView> {
    body.iter()
        .filter_map(|b| {
            Some(match b {
                Block::Paragraph { text } => BlockView::Paragraph { text: french(text) },
                Block::Intertitle { text } => BlockView::Intertitle { text: french(text) },
                Block::Quote { text, source } => BlockView::Quote {
                    text: french(text),
                    source: source.as_deref().map(french),
                },
                Block::Image { media } => BlockView::Figure {
                    figure: figures.figure(media, "Illustration"),
                },
                Block::List { ordered, items } => BlockView::List {
                    ordered: *ordered,
                    items: items.iter().map(|i| french(i)).collect(),
                },
                Block::ReadAlso { article_id, title } => BlockView::Link {
                    // The permalink of the other article redirects from any slug to its own.
                    href: format!(
                        "/a/{}_{article_id}.html",
                        kiosque_domain::slug::slugify(title)
                    ),
                    title: french(title),
                    label: "Lire aussi".into(),
                },
                Block::Video { video_id } => BlockView::Link {
                    href: format!("/videos/video_{video_id}.html"),
                    title: "Voir la vidéo".into(),
                    label: "Vidéo".into(),
                },
                Block::Embed { url } => {
                    // Only web links are shown; anything else (javascript:, data:) is dropped.
                    if url.starts_with("https://") || url.starts_with("http://") {
                        BlockView::External { url: url.clone() }
                    } else {
                        return None;
                    }
                }
            })
        })
        .collect()
}

/// A comment as readers see it. Every string is plain text, escaped by the template: nothing a
/// member writes is ever rendered as HTML.
pub struct CommentView {
    pub id: i64,
    pub author: String,
    pub deleted_author: bool,
    pub date_label: String,
    pub datetime: String,
    pub edited: bool,
    /// Paragraphs of text and link runs; empty for a comment taken down.
    pub paragraphs: Vec<Vec<kiosque_domain::comment::Run>>,
    /// Shown instead of the body when the comment was taken down but keeps its replies.
    pub placeholder: Option<&'static str>,
    pub is_reply: bool,
    pub replies: Vec<CommentView>,
}

pub fn comment(c: &kiosque_store::CommentRow) -> CommentView {
    use kiosque_domain::comment::CommentStatus;
    let placeholder = match c.status {
        CommentStatus::Published => None,
        CommentStatus::Deleted => Some("Ce commentaire a été supprimé par son auteur."),
        _ => Some("Ce commentaire a été retiré par la modération."),
    };
    CommentView {
        id: c.id,
        author: c
            .author_name
            .clone()
            .unwrap_or_else(|| "Compte supprimé".to_owned()),
        deleted_author: c.author_name.is_none(),
        date_label: format!(
            "le {} à {}",
            dates::paris_date(c.created_at),
            dates::paris_time(c.created_at)
        ),
        datetime: dates::iso(c.created_at),
        edited: c.edited_at.is_some(),
        paragraphs: if placeholder.is_some() {
            Vec::new()
        } else {
            kiosque_domain::comment::render(&c.body)
        },
        placeholder,
        is_reply: c.parent_id.is_some(),
        replies: Vec::new(),
    }
}

/// Builds the thread: top-level comments, oldest first, each with its replies.
pub fn thread(rows: &[kiosque_store::CommentRow]) -> Vec<CommentView> {
    let mut top: Vec<CommentView> = rows
        .iter()
        .filter(|c| c.parent_id.is_none())
        .map(comment)
        .collect();
    for r in rows.iter().filter(|c| c.parent_id.is_some()) {
        if let Some(parent) = top.iter_mut().find(|t| Some(t.id) == r.parent_id) {
            parent.replies.push(comment(r));
        }
    }
    top
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagination_links() {
        let p = Pagination::new("/monde", 1, 25, 10);
        assert_eq!(
            (p.total, p.prev.as_deref(), p.next.as_deref()),
            (3, None, Some("/monde?page=2"))
        );
        let p = Pagination::new("/monde", 2, 25, 10);
        assert_eq!(p.prev.as_deref(), Some("/monde"));
        let p = Pagination::new("/monde", 1, 0, 10);
        assert_eq!((p.total, p.next), (1, None));
    }

    #[test]
    fn figure_is_a_placeholder_when_the_file_is_missing_or_unsafe() {
        let dir = std::env::temp_dir();
        let f = Figures { media_dir: &dir };
        for path in ["/2016/12/23/absent.jpg", "/../etc/passwd", ""] {
            let v = f.figure(
                &MediaRef {
                    path: path.into(),
                    ..MediaRef::default()
                },
                "Alt",
            );
            assert!(v.src.is_none(), "{path}");
            assert_eq!(v.alt, "Alt");
        }
    }
}
