//! Display-ready view structs for templates: strings already carry the site's typography and
//! Paris dates in its language, links are already paths. Templates never see store rows.

use kiosque_domain::typography::typeset;

pub use crate::figures::{
    image_paths, library_figure, FigureSource, FigureView, Figures, LibraryFigures,
};
use crate::inline_html::html;
use kiosque_domain::{dates, Block};
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
    SectionPage(kiosque_domain::SectionId),
    /// A page inside this top-level section (an article, a child section).
    InSection(kiosque_domain::SectionId),
    VideosPage,
    InVideos,
}

pub struct Crumb {
    pub href: String,
    pub name: String,
}

impl Crumb {
    /// The section's slug (its newsletter's name).
    pub fn slug(&self) -> &str {
        self.href.trim_start_matches('/')
    }
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
    /// An open live blog: the card says "En direct".
    pub live: bool,
}

/// A video card, in the "À regarder" rail and on `/videos`.
pub struct RailItem {
    pub href: String,
    pub title: String,
    /// The poster, when its file exists (its `alt` is empty: the title is beside it).
    pub poster: Option<FigureView>,
    pub duration: Option<crate::video_views::DurationView>,
    pub date: Option<crate::video_views::VideoDate>,
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
    /// `html`: the text's inline formatting as escaped HTML (`crate::inline_html`).
    Paragraph {
        html: String,
    },
    Intertitle {
        text: String,
    },
    Quote {
        html: String,
        source: Option<String>,
    },
    Figure {
        figure: FigureView,
    },
    List {
        ordered: bool,
        /// Each item as escaped HTML, like a paragraph's.
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
    /// A podcast episode (`::audio 12`): a link to its page until the page's handler fills in
    /// the player (`handlers::site::podcasts::attach_players`).
    Audio {
        id: i64,
        href: String,
        player: Option<crate::audio_player::AudioPlayer>,
    },
}

pub fn section_href(slug: &str) -> String {
    format!("/{slug}")
}

pub fn nav(sections: &[SectionRow], here: Here) -> Vec<NavItem> {
    sections
        .iter()
        .filter(|s| s.parent_id.is_none() && s.listed)
        .map(|s| NavItem {
            href: section_href(&s.slug),
            name: typeset(&s.name),
            current: match here {
                Here::SectionPage(id) if id == s.id => Some("page"),
                Here::InSection(id) if id == s.id => Some("true"),
                _ => None,
            },
        })
        .collect()
}

/// Home is not listed: the parent section, if any, then the article's section.
pub fn article_breadcrumb(article: &kiosque_store::ArticleView) -> Vec<Crumb> {
    let mut breadcrumb = Vec::new();
    if let Some(parent) = &article.parent_section {
        breadcrumb.push(Crumb {
            href: section_href(&parent.slug),
            name: typeset(&parent.name),
        });
    }
    breadcrumb.push(Crumb {
        href: section_href(&article.section.slug),
        name: typeset(&article.section.name),
    });
    breadcrumb
}

pub fn card(c: &ArticleCard, figures: Option<&dyn FigureSource>) -> CardView {
    CardView {
        id: c.id.get(),
        comments: 0,
        href: c.path(),
        title: kiosque_domain::typography::headline(&c.title),
        standfirst: c.standfirst.as_deref().map(typeset),
        section_name: typeset(&c.section_name),
        section_href: section_href(&c.section_slug),
        live: c.live,
        date_label: dates::published_label(c.published_at, c.published_time_known),
        datetime: dates::iso(c.published_at),
        // A lost image leaves no trace on a card: the card is text only.
        hero: figures.and_then(|f| {
            c.hero
                .as_ref()
                .map(|h| {
                    f.figure(
                        h,
                        &crate::i18n::t1("site-illustration-of", "title", &c.title),
                    )
                })
                .filter(|h| h.src.is_some())
                .map(|h| FigureView {
                    sizes: h.srcset.as_ref().map(|_| CARD_SIZES),
                    ..h
                })
        }),
    }
}

/// The `sizes` of a card's thumbnail: a small square beside the headline on phones, the width
/// of a column of the card grid (`minmax(16rem, 1fr)`) above.
pub const CARD_SIZES: &str = "(min-width: 56rem) 18rem, (min-width: 36rem) 50vw, 7rem";

pub fn rail(videos: &[VideoCard], figures: &dyn FigureSource) -> Vec<RailItem> {
    videos
        .iter()
        .map(|v| RailItem {
            href: v.path(),
            title: typeset(&v.title),
            poster: v
                .poster
                .as_ref()
                .map(|p| figures.figure(p, ""))
                .filter(|f| f.src.is_some())
                .map(|f| FigureView {
                    alt: String::new(),
                    caption: None,
                    sizes: f.sizes.map(|_| crate::video_views::VIDEO_CARD_SIZES),
                    placeholder: None,
                    ..f
                }),
            duration: crate::video_views::duration(v.duration_seconds),
            date: crate::video_views::date(v),
        })
        .collect()
}

pub fn blocks(body: &[Block], figures: &dyn FigureSource) -> Vec<BlockView> {
    blocks_at(body, figures, "")
}

/// `base` goes before the site's own paths in inline links: feeds are read outside the site.
pub fn blocks_at(body: &[Block], figures: &dyn FigureSource, base: &str) -> Vec<BlockView> {
    body.iter()
        .filter_map(|b| {
            Some(match b {
                Block::Paragraph { text } => BlockView::Paragraph {
                    html: html(text, base),
                },
                Block::Intertitle { text } => BlockView::Intertitle {
                    text: typeset(text),
                },
                Block::Quote { text, source } => BlockView::Quote {
                    html: html(text, base),
                    source: source.as_deref().map(typeset),
                },
                Block::Image { media } => BlockView::Figure {
                    figure: figures.figure(media, &crate::i18n::t("site-illustration")),
                },
                Block::List { ordered, items } => BlockView::List {
                    ordered: *ordered,
                    items: items.iter().map(|i| html(i, base)).collect(),
                },
                Block::ReadAlso { article_id, title } => BlockView::Link {
                    // The permalink of the other article redirects from any slug to its own.
                    href: format!(
                        "/a/{}_{article_id}.html",
                        kiosque_domain::slug::slugify(title)
                    ),
                    title: typeset(title),
                    label: crate::i18n::t("site-block-read-also"),
                },
                Block::Video { video_id } => BlockView::Link {
                    href: format!("/videos/video_{video_id}.html"),
                    title: crate::i18n::t("site-block-watch"),
                    label: crate::i18n::t("site-video-label"),
                },
                Block::Audio { audio_id } => BlockView::Audio {
                    id: *audio_id,
                    href: format!("{base}/podcasts/episodes/episode_{audio_id}.html"),
                    player: None,
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
    pub id: kiosque_domain::CommentId,
    pub author: String,
    pub deleted_author: bool,
    pub date_label: String,
    pub datetime: String,
    pub edited: bool,
    /// Paragraphs of text and link runs; empty for a comment taken down.
    pub paragraphs: Vec<Vec<kiosque_domain::comment::Run>>,
    /// Shown instead of the body when the comment was taken down but keeps its replies.
    pub placeholder: Option<String>,
    pub is_reply: bool,
    pub replies: Vec<CommentView>,
    /// The exact time, for the `<time>` element's title (scripts show a relative time).
    pub exact: String,
    /// The reader's actions under it, when rendered for one reader; `None` in shared pages,
    /// which leave a slot for them.
    pub actions: Option<String>,
}

pub fn comment(c: &kiosque_store::CommentRow) -> CommentView {
    use kiosque_domain::comment::CommentStatus;
    let placeholder = match c.status {
        CommentStatus::Published => None,
        CommentStatus::Deleted => Some(crate::i18n::t("cm-deleted-by-author")),
        _ => Some(crate::i18n::t("cm-removed-by-moderation")),
    };
    CommentView {
        id: c.id,
        author: c
            .author_name
            .clone()
            .unwrap_or_else(|| crate::i18n::t("cm-deleted-account")),
        deleted_author: c.author_name.is_none(),
        date_label: dates::on_date_time(c.created_at),
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
        exact: dates::date_time(c.created_at),
        actions: None,
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
    use crate::figures::FIGURE_SIZES;
    use kiosque_domain::change::Key;
    use kiosque_domain::{MediaId, MediaRef};
    use kiosque_store::MediaRow;

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

    fn library_row(mime: &str) -> MediaRow {
        MediaRow {
            id: MediaId(12),
            path: "2016/12/23/photo-ab12.jpg".into(),
            mime: mime.into(),
            width: 2000,
            height: 1000,
            alt: Some("Des civils évacués d'Alep".into()),
            caption: Some("Évacuation du 22 décembre".into()),
            credit: Some("AFP".into()),
            variants: [320, 640, 960, 1280, 1920]
                .into_iter()
                .map(|w| (w, format!("2016/12/23/photo-ab12-{w}w.webp")))
                .collect(),
            placeholder: "data:image/webp;base64,UklGRg==".into(),
            created_at: 0,
            focal: Default::default(),
        }
    }

    #[test]
    fn library_figures_have_srcset_dimensions_and_placeholder() {
        let figures = LibraryFigures::new(Figures::default(), vec![library_row("image/jpeg")]);
        let in_library = MediaRef {
            path: "/2016/12/23/photo-ab12.jpg".into(),
            ..MediaRef::default()
        };
        let f = figures.figure(&in_library, &crate::i18n::t("site-illustration"));
        assert_eq!(
            f.src.as_deref(),
            Some("/media/2016/12/23/photo-ab12-1280w.webp")
        );
        assert_eq!(
            f.srcset.as_deref(),
            Some(
                "/media/2016/12/23/photo-ab12-320w.webp 320w, \
                 /media/2016/12/23/photo-ab12-640w.webp 640w, \
                 /media/2016/12/23/photo-ab12-960w.webp 960w, \
                 /media/2016/12/23/photo-ab12-1280w.webp 1280w, \
                 /media/2016/12/23/photo-ab12-1920w.webp 1920w"
            )
        );
        assert_eq!(f.sizes, Some(FIGURE_SIZES));
        assert_eq!((f.width, f.height), (Some(2000), Some(1000)));
        assert_eq!(f.alt, "Des civils évacués d’Alep");
        assert_eq!(f.credit.as_deref(), Some("AFP"));
        assert_eq!(
            f.placeholder.as_deref(),
            Some("data:image/webp;base64,UklGRg==")
        );
        assert_eq!(figures.deps(), vec![Key::Media(MediaId(12))]);

        // The article's own description wins over the library's.
        let described = MediaRef {
            alt: Some("Un bus".into()),
            caption: Some("Ailleurs".into()),
            ..in_library.clone()
        };
        let f = figures.figure(&described, &crate::i18n::t("site-illustration"));
        assert_eq!(
            (f.alt.as_str(), f.caption.as_deref()),
            ("Un bus", Some("Ailleurs"))
        );

        // A transparent format gets no placeholder: it would show through.
        let png = LibraryFigures::new(Figures::default(), vec![library_row("image/png")]);
        assert!(png.figure(&in_library, "").placeholder.is_none());

        // Images outside the library are built as before.
        let other = MediaRef {
            path: "/2016/12/23/absent.jpg".into(),
            ..MediaRef::default()
        };
        let f = figures.figure(&other, "Alt");
        assert!(f.src.is_none() && f.srcset.is_none() && f.placeholder.is_none());

        let body = [
            Block::Paragraph { text: "x".into() },
            Block::Image {
                media: in_library.clone(),
            },
            Block::Image {
                media: MediaRef {
                    path: "/../etc/passwd".into(),
                    ..MediaRef::default()
                },
            },
        ];
        assert_eq!(
            image_paths(Some(&in_library), &body),
            vec!["2016/12/23/photo-ab12.jpg".to_owned()]
        );
    }

    #[test]
    fn the_figure_macro_renders_srcset_and_the_placeholder_under_the_image() {
        use askama::Template;
        #[derive(Template)]
        #[template(
            source = "{% import \"macros.html\" as m %}{% call m::figure(f) %}",
            ext = "html"
        )]
        struct One {
            f: FigureView,
        }
        let figures = LibraryFigures::new(Figures::default(), vec![library_row("image/jpeg")]);
        let f = figures.figure(
            &MediaRef {
                path: "/2016/12/23/photo-ab12.jpg".into(),
                ..MediaRef::default()
            },
            "",
        );
        let html = One { f }.render().expect("render");
        let lqip = html.find("class=\"media-lqip\"").expect("placeholder");
        let real = html.find("srcset=").expect("srcset");
        assert!(
            lqip < real,
            "the placeholder comes first, under the image: {html}"
        );
        assert!(html.contains("class=\"media-frame media-stack\""), "{html}");
        assert!(
            html.contains("sizes=\"(min-width: 48rem) 42rem, 100vw\""),
            "{html}"
        );
        assert!(html.contains("width=\"2000\" height=\"1000\""), "{html}");
        assert!(!html.contains("style="), "no inline style (CSP): {html}");
    }

    #[test]
    fn figure_is_a_placeholder_when_the_file_is_missing_or_unsafe() {
        // Whether a file exists is what the database records, not any disk.
        let f = Figures {
            stored: ["2016/12/23/here.jpg".to_owned(), "../etc/passwd".to_owned()].into(),
        };
        let here = f.figure(
            &MediaRef {
                path: "/2016/12/23/here.jpg".into(),
                ..MediaRef::default()
            },
            "Alt",
        );
        assert_eq!(here.src.as_deref(), Some("/media/2016/12/23/here.jpg"));
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
