//! A newsletter's digest: what was published since its last send, rendered once as an HTML and
//! a plain-text e-mail (askama templates, the catalogue's words) that every recipient shares;
//! only the unsubscribe link differs, put in by the mail queue's sender at
//! [`UNSUBSCRIBE_MARK`].
//!
//! The daily digest takes the front page's top stories in its order, then the newest; a
//! section's digest the section's newest (its sub-sections included). The HTML is built for
//! mail clients, not browsers: tables for layout, inline styles, images with a `width`, light
//! and dark colour schemes declared.

use askama::Template;
use kiosque_domain::newsletter::{MAX_ARTICLES, UNSUBSCRIBE_MARK};
use kiosque_domain::typography::typeset;
use kiosque_store::{ArticleCard, EditionDraft, NewsletterRow, Store};

use crate::figures::LibraryFigures;
use crate::i18n::t;
use crate::AppError;

/// The dark-mode rules of the HTML part: mail clients that follow `prefers-color-scheme` get
/// dark backgrounds; the others keep the light inline colours. A constant, not template text.
const DARK_CSS: &str = "@media (prefers-color-scheme: dark) { \
     .nl-page { background: #121212 !important; } \
     .nl-card { background: #1e1e1e !important; } \
     .nl-text, .nl-title a { color: #eeeeee !important; } \
     .nl-muted { color: #b0b0b0 !important; } \
     .nl-brand, .nl-label { color: #8ab4f8 !important; } \
     .nl-row { border-color: #3a3f46 !important; } }";

/// Width of the mail's column, in CSS pixels.
const WIDTH: u32 = 600;
/// Width of the lead picture and of the others' thumbnails.
const LEAD_IMAGE: u32 = 552;
const THUMB: u32 = 120;

pub struct Item {
    pub href: String,
    pub title: String,
    pub standfirst: Option<String>,
    pub section: String,
    pub time: String,
    pub image: Option<Image>,
}

pub struct Image {
    pub src: String,
    pub alt: String,
    pub width: u32,
    pub height: Option<u32>,
}

#[derive(Template)]
#[template(path = "mail/digest.html")]
pub struct DigestHtml<'a> {
    pub lang: String,
    pub heading: &'a str,
    pub date: &'a str,
    pub items: &'a [Item],
    pub site: &'a str,
    pub base: &'a str,
    pub unsubscribe: &'a str,
    pub dark_css: &'a str,
    pub width: u32,
}

#[derive(Template)]
#[template(path = "mail/digest.txt")]
pub struct DigestText<'a> {
    pub heading: &'a str,
    pub site: &'a str,
    pub date: &'a str,
    pub items: &'a [Item],
    pub base: &'a str,
    pub unsubscribe: &'a str,
}

/// The articles a newsletter's next edition brings, published after `since`, at most
/// [`MAX_ARTICLES`].
async fn articles(
    store: &Store,
    n: &NewsletterRow,
    since: i64,
) -> Result<Vec<ArticleCard>, AppError> {
    let mut picked: Vec<ArticleCard> = Vec::new();
    let add = |c: ArticleCard, picked: &mut Vec<ArticleCard>| {
        if c.published_at > since
            && picked.len() < MAX_ARTICLES
            && !picked.iter().any(|p| p.id == c.id)
        {
            picked.push(c);
        }
    };
    match n.section_id {
        None => {
            let placements = store.front_placements().await?;
            let (lead, secondary, _) =
                crate::handlers::site::front::top_stories(store, &placements).await?;
            for c in lead
                .into_iter()
                .chain(secondary.into_iter().map(|(_, c)| c))
            {
                add(c, &mut picked);
            }
            let (newest, _) = store.published_articles(None, 0, 40).await?;
            for c in newest {
                add(c, &mut picked);
            }
        }
        Some(section) => {
            let ids = kiosque_store::subtree(&store.sections().await?, section);
            let (newest, _) = store
                .published_articles(Some(&ids), 0, MAX_ARTICLES as i64)
                .await?;
            for c in newest {
                add(c, &mut picked);
            }
        }
    }
    Ok(picked)
}

/// Builds the next edition of a newsletter at `now`: `None` when nothing was published since
/// its last send.
pub async fn build(
    store: &Store,
    public_url: &str,
    n: &NewsletterRow,
    now: i64,
) -> Result<Option<EditionDraft>, AppError> {
    // A first edition brings the latest stories, however old: a new subscriber's welcome.
    let since = n.last_sent_at.unwrap_or(0);
    let cards = articles(store, n, since).await?;
    if cards.is_empty() {
        return Ok(None);
    }
    let base = public_url.trim_end_matches('/');
    let mut paths: Vec<String> = cards
        .iter()
        .flat_map(|c| crate::figures::image_paths(c.hero.as_ref(), &[]))
        .collect();
    paths.sort();
    paths.dedup();
    let figures = LibraryFigures::load(store, &paths).await?;
    let items: Vec<Item> = cards
        .iter()
        .enumerate()
        .map(|(i, c)| item(c, i == 0, base, &figures))
        .collect();
    let heading = super::names::title(n);
    let date = kiosque_domain::dates::paris_date(now);
    let site = t("site-name");
    let html = DigestHtml {
        lang: t("html-lang"),
        heading: &heading,
        date: &date,
        items: &items,
        site: &site,
        base,
        unsubscribe: UNSUBSCRIBE_MARK,
        dark_css: DARK_CSS,
        width: WIDTH,
    }
    .render()?;
    let text = DigestText {
        heading: &heading,
        site: &site,
        date: &date,
        items: &items,
        base,
        unsubscribe: UNSUBSCRIBE_MARK,
    }
    .render()?;
    let lead = typeset(&cards[0].title);
    Ok(Some(EditionDraft {
        subject: crate::i18n::t2("nl-subject", "newsletter", &heading, "lead", &lead),
        text,
        html,
        articles: items.len() as i64,
        since_at: since,
    }))
}

fn item(c: &ArticleCard, lead: bool, base: &str, figures: &LibraryFigures) -> Item {
    let image = c.hero.as_ref().and_then(|h| {
        let f = figures.figure(h, &c.title);
        let src = f.src?;
        let width = if lead { LEAD_IMAGE } else { THUMB };
        let height = match (f.width, f.height) {
            (Some(w), Some(h)) if w > 0 => Some(h * width / w),
            _ => None,
        };
        Some(Image {
            src: format!("{base}{src}"),
            alt: f.alt,
            width,
            height,
        })
    });
    Item {
        href: format!("{base}{}", c.path()),
        title: typeset(&c.title),
        standfirst: c.standfirst.as_deref().map(typeset),
        section: typeset(&c.section_name),
        time: kiosque_domain::dates::published_label(c.published_at, c.published_time_known),
        image,
    }
}
