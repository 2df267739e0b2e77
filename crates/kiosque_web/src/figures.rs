//! Figures: an article's image reference turned into what a page shows, from the files the
//! database records in the media store or, for library images, with their variants, placeholder and focal point.

use kiosque_domain::change::Key;
use kiosque_domain::typography::typeset;
use kiosque_domain::MediaId;
use kiosque_domain::{Block, MediaRef};
use kiosque_store::MediaRow;

/// A figure: an image whose file exists (`src`). Without `src` (a lost file, or a path known
/// only from an archive page) pages show nothing at all rather than an empty box. An image of
/// the media library also has its responsive WebP variants (`srcset`, `sizes`) and, for
/// photographs, a tiny blurred placeholder shown while it loads.
pub struct FigureView {
    pub src: Option<String>,
    pub alt: String,
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// `/media/….webp 320w, …`: the library's variants, narrowest first.
    pub srcset: Option<String>,
    /// The `sizes` attribute going with `srcset`.
    pub sizes: Option<&'static str>,
    /// A `data:` URI shown under the real image until it loads: an image in the same grid cell,
    /// because the Content-Security-Policy forbids inline styles (`style-src 'self'`) but allows
    /// `data:` images.
    pub placeholder: Option<String>,
    /// The first picture a reader sees (the front page's lead, an article's hero): loaded at
    /// once and first (`loading="eager" fetchpriority="high"`); every other image is lazy.
    pub priority: bool,
    /// The stylesheet's classes that keep the image's focal point in view when it is cropped
    /// (`fx-30 fy-20`); `None` for a centred point or an image outside the library.
    pub focus: Option<String>,
}

/// Turns an image reference of an article into a figure. [`Figures`] knows only the files on
/// disk; [`LibraryFigures`] also knows the media library.
pub trait FigureSource {
    fn figure(&self, media: &MediaRef, fallback_alt: &str) -> FigureView;
}

/// Builds figures, knowing which media files exist: those the database records in the media
/// store (never a node's own disk, which another node's upload does not reach).
#[derive(Default)]
pub struct Figures {
    /// Paths of recorded files, without their leading slash.
    pub stored: std::collections::HashSet<String>,
}

impl Figures {
    /// The files among `paths` (images a page shows) that the media store holds.
    pub async fn load(
        store: &kiosque_store::Store,
        paths: &[String],
    ) -> Result<Self, kiosque_store::StoreError> {
        Ok(Figures {
            stored: store.media_files(paths).await?.into_keys().collect(),
        })
    }

    /// The same, for the images of blocks (and a hero).
    pub async fn of_blocks(
        store: &kiosque_store::Store,
        hero: Option<&MediaRef>,
        body: &[Block],
    ) -> Result<Self, kiosque_store::StoreError> {
        Self::load(store, &image_paths(hero, body)).await
    }
}

/// The URL of a file whose row records it (a video's file): `/2026/05/01/a.mp4` →
/// `/media/2026/05/01/a.mp4`, if it is a plain relative path.
pub fn recorded_src(path: &str) -> Option<String> {
    media_rel(path).map(|rel| format!("/media/{rel}"))
}

/// Only plain relative paths map into the media folder: `/2016/12/23/a.jpg` → `2016/12/23/a.jpg`.
fn media_rel(path: &str) -> Option<&str> {
    let rel = path.trim_start_matches('/');
    let safe = !rel.is_empty()
        && rel
            .split('/')
            .all(|seg| !seg.is_empty() && seg != ".." && seg != ".");
    safe.then_some(rel)
}

impl Figures {
    pub fn figure(&self, media: &MediaRef, fallback_alt: &str) -> FigureView {
        // Anything that is not a plain relative path is a placeholder.
        let exists = media_rel(&media.path)
            .filter(|rel| self.stored.contains(*rel))
            .map(|rel| format!("/media/{rel}"));
        FigureView {
            src: exists,
            alt: typeset(media.alt.as_deref().unwrap_or(fallback_alt)),
            caption: media.caption.as_deref().map(typeset),
            credit: media.credit.as_deref().map(typeset),
            width: media.width,
            height: media.height,
            srcset: None,
            sizes: None,
            placeholder: None,
            priority: false,
            focus: None,
        }
    }
}

impl FigureSource for Figures {
    fn figure(&self, media: &MediaRef, fallback_alt: &str) -> FigureView {
        Figures::figure(self, media, fallback_alt)
    }
}

/// The `sizes` of a library image: the text column (42rem) on wide screens, the whole width
/// on phones.
pub const FIGURE_SIZES: &str = "(min-width: 48rem) 42rem, 100vw";

/// The widest variant used as `src` (for browsers without `srcset`, and feed readers).
const SRC_MAX_WIDTH: u32 = 1280;

/// Figures of a page whose images may be in the media library (preloaded by the handler with
/// `Store::media_by_paths`): those get `srcset`, `sizes`, their real dimensions and a
/// placeholder; the others are built as [`Figures`] builds them.
pub struct LibraryFigures {
    pub files: Figures,
    /// Library rows by their path (without the leading slash).
    pub library: std::collections::HashMap<String, MediaRow>,
}

impl LibraryFigures {
    pub fn new(files: Figures, rows: Vec<MediaRow>) -> Self {
        LibraryFigures {
            files,
            library: rows.into_iter().map(|r| (r.path.clone(), r)).collect(),
        }
    }

    /// The library's rows and the stored files among `paths`: two reads for a whole page.
    pub async fn load(
        store: &kiosque_store::Store,
        paths: &[String],
    ) -> Result<Self, kiosque_store::StoreError> {
        let rows = if paths.is_empty() {
            Vec::new()
        } else {
            store.media_by_paths(paths).await?
        };
        Ok(Self::new(Figures::load(store, paths).await?, rows))
    }

    /// Cache dependencies of a page showing these figures: editing an image's alt text,
    /// caption or credit refreshes it.
    pub fn deps(&self) -> Vec<Key> {
        let mut ids: Vec<MediaId> = self.library.values().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.into_iter().map(Key::Media).collect()
    }

    pub fn figure(&self, media: &MediaRef, fallback_alt: &str) -> FigureView {
        match media_rel(&media.path).and_then(|rel| self.library.get(rel)) {
            Some(row) => library_figure(row, media, fallback_alt),
            None => self.files.figure(media, fallback_alt),
        }
    }
}

impl FigureSource for LibraryFigures {
    fn figure(&self, media: &MediaRef, fallback_alt: &str) -> FigureView {
        LibraryFigures::figure(self, media, fallback_alt)
    }
}

/// The paths of the images an article shows (hero and body), for `Store::media_by_paths`.
pub fn image_paths<'a>(hero: Option<&'a MediaRef>, body: &'a [Block]) -> Vec<String> {
    let mut paths: Vec<String> = hero
        .into_iter()
        .chain(body.iter().filter_map(|b| match b {
            Block::Image { media } => Some(media),
            _ => None,
        }))
        .filter_map(|m| media_rel(&m.path).map(str::to_owned))
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

/// A figure of a library image. The article's own alt text, caption and credit win; the
/// library's fill in what the article leaves out.
pub fn library_figure(row: &MediaRow, media: &MediaRef, fallback_alt: &str) -> FigureView {
    let src = row
        .variants
        .iter()
        .filter(|(w, _)| *w <= SRC_MAX_WIDTH)
        .max_by_key(|(w, _)| *w)
        .map(|(_, p)| p.as_str())
        .unwrap_or(&row.path);
    let srcset = (!row.variants.is_empty()).then(|| {
        row.variants
            .iter()
            .map(|(w, p)| format!("/media/{p} {w}w"))
            .collect::<Vec<_>>()
            .join(", ")
    });
    let alt = media
        .alt
        .as_deref()
        .or(row.alt.as_deref())
        .unwrap_or(fallback_alt);
    FigureView {
        src: Some(format!("/media/{src}")),
        alt: typeset(alt),
        caption: media
            .caption
            .as_deref()
            .or(row.caption.as_deref())
            .map(typeset),
        // "Photo : Charles Barbin, GPL-2+" gets its no-break space too.
        credit: media
            .credit
            .as_deref()
            .or(row.credit.as_deref())
            .map(typeset),
        width: u32::try_from(row.width).ok().filter(|w| *w > 0),
        height: u32::try_from(row.height).ok().filter(|h| *h > 0),
        sizes: srcset.as_ref().map(|_| FIGURE_SIZES),
        srcset,
        // Only under a JPEG: it cannot be transparent, so the placeholder never shows through
        // the image once it has loaded.
        placeholder: (row.mime == "image/jpeg" && row.placeholder.starts_with("data:image/"))
            .then(|| row.placeholder.clone()),
        priority: false,
        focus: row.focal.classes(),
    }
}
