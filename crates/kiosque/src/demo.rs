//! The demo content loaded into an empty site on its first start: the archive page the project
//! was born from (imported like any other page, with its 30 videos), articles written for the
//! demo (`demo/demo.json`) in several sections, and real photographs under a free licence where
//! they honestly illustrate a story (see `demo_photos`).

use std::path::Path;

use anyhow::Context;
use kiosque_domain::{ArticleDraft, ArticleStatus, Block, CommentMode, MediaRef};
use kiosque_store::Store;
use serde::Deserialize;

use crate::demo_photos::{self, DemoPhoto};

const FIXTURE: &[u8] =
    include_bytes!("../../kiosque_import/tests/fixtures/000_0cb8e20bd6220873.txt");
const DEMO: &str = include_str!("../demo/demo.json");

/// The `site_meta` key recording that the demo was loaded, so a restart never loads it twice
/// (even if every article was deleted since).
const LOADED_KEY: &str = "demo_loaded_at";

#[derive(Deserialize)]
struct Demo {
    sections: Vec<DemoSection>,
    authors: Vec<DemoAuthor>,
    articles: Vec<DemoArticle>,
    #[serde(default)]
    photos: Vec<DemoPhoto>,
    /// Videos of the archive page that get a photograph as their poster.
    #[serde(default)]
    video_posters: Vec<DemoPoster>,
}

#[derive(Deserialize)]
struct DemoPoster {
    video: String,
    photo: String,
}

#[derive(Deserialize)]
struct DemoSection {
    slug: String,
    name: String,
    parent: Option<String>,
    description: Option<String>,
}

#[derive(Deserialize)]
struct DemoAuthor {
    name: String,
    bio: Option<String>,
}

#[derive(Deserialize)]
struct DemoArticle {
    section: String,
    title: String,
    standfirst: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    authors: Vec<String>,
    published_at: chrono::DateTime<chrono::FixedOffset>,
    updated_at: Option<chrono::DateTime<chrono::FixedOffset>>,
    hero: Option<MediaRef>,
    /// A demo photograph as the hero, when the package that ships it is installed.
    photo: Option<String>,
    body: Vec<Block>,
}

/// Loads the demo when the store holds no article and never had the demo, with the
/// photographs found in `photo_dir` stored in the environment's media store. Returns whether it loaded
/// anything.
pub async fn load_if_empty(
    store: &Store,
    env: &crate::Env,
    photo_dir: &Path,
    sounds: bool,
) -> anyhow::Result<bool> {
    if store.meta(LOADED_KEY).await?.is_some() || store.count_articles().await? > 0 {
        return Ok(false);
    }
    let demo: Demo = serde_json::from_str(DEMO).context("demo.json is malformed")?;
    for (position, s) in demo.sections.iter().enumerate() {
        store
            .upsert_section(
                &s.slug,
                &s.name,
                s.parent.as_deref(),
                s.description.as_deref(),
                position as i64,
            )
            .await
            .with_context(|| format!("demo section {}", s.slug))?;
    }
    for a in &demo.authors {
        store.upsert_author(&a.name, a.bio.as_deref()).await?;
    }

    let photos = demo_photos::import(store, &env.media, photo_dir, &demo.photos).await?;

    // The founding page, through the same importer a newsroom would use.
    let page = kiosque_import::parse_page(FIXTURE).context("the demo archive page")?;
    let now = chrono::Utc::now().timestamp_millis();
    let mut videos = page.video_drafts(now);
    for p in &demo.video_posters {
        if let Some(v) = videos.iter_mut().find(|v| v.title == p.video) {
            v.poster = photos.poster(&p.photo).or(v.poster.take());
        }
    }
    // Recorded as an import, so importing the page again later finds it unchanged.
    let digest = crate::import::digest(&page).map_err(anyhow::Error::msg)?;
    let founding = match store
        .import_page(kiosque_store::PageImport {
            draft: &page.to_draft("monde", now),
            videos: &videos,
            digest: &digest,
            section: Some("monde"),
            new_section: "monde",
            force: false,
            undated: page.published_on.is_none(),
        })
        .await
        .context("importing the demo archive page")?
    {
        kiosque_store::PageImported::Created { id, .. }
        | kiosque_store::PageImported::Unchanged { id, .. }
        | kiosque_store::PageImported::Updated { id, .. }
        | kiosque_store::PageImported::Refused { id, .. } => id,
    };

    for a in &demo.articles {
        let draft = ArticleDraft {
            source_key: Some(format!("demo:{}", kiosque_domain::slug::slugify(&a.title))),
            section: a.section.clone(),
            title: a.title.clone(),
            standfirst: a.standfirst.clone(),
            hero: a
                .photo
                .as_deref()
                .and_then(|p| photos.hero(p))
                .or_else(|| a.hero.clone()),
            hero_video: None,
            body: a.body.clone(),
            tags: a.tags.clone(),
            authors: a.authors.clone(),
            status: ArticleStatus::Published,
            published_at: Some(a.published_at.timestamp_millis()),
            published_time_known: true,
            updated_at: a.updated_at.map(|u| u.timestamp_millis()),
            comment_mode: CommentMode::Open,
            slug: None,
            seo_title: None,
            seo_description: None,
        };
        store
            .upsert_article(&draft)
            .await
            .with_context(|| format!("demo article {:?}", a.title))?;
    }
    crate::demo_live::load(store, now).await?;
    let artwork = demo.photos.first().and_then(|p| photos.hero(&p.name));
    if sounds {
        crate::demo_podcasts::load(store, env, artwork).await?;
    }
    // The page Kiosque was born from leads the demo's front page.
    store.pin_lead(Some(founding)).await?;
    store.set_meta(LOADED_KEY, &now.to_string()).await?;
    tracing::info!(
        articles = demo.articles.len() + 1,
        photographs = photos.len(),
        "demo content loaded"
    );
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_file_is_well_formed_and_valid() {
        let demo: Demo = serde_json::from_str(DEMO).expect("demo.json parses");
        let slugs: Vec<&str> = demo.sections.iter().map(|s| s.slug.as_str()).collect();
        let authors: Vec<&str> = demo.authors.iter().map(|a| a.name.as_str()).collect();
        assert!(demo.articles.len() >= 20);
        for a in &demo.articles {
            assert!(slugs.contains(&a.section.as_str()), "{}", a.section);
            for au in &a.authors {
                assert!(authors.contains(&au.as_str()), "{au}");
            }
            assert!(!a.body.is_empty(), "{}", a.title);
            if let Some(p) = &a.photo {
                assert!(demo.photos.iter().any(|x| &x.name == p), "{p}");
            }
        }
        // Every photograph is described and credited with its licence, and its file is one
        // that mate-backgrounds ships.
        for p in &demo.photos {
            assert!(p.alt.len() > 20, "{}", p.name);
            assert!(p.credit.starts_with("Photo : ") && p.credit.ends_with(", GPL-2+"));
            assert!(
                p.file.ends_with(".jpg") && !p.file.contains('/'),
                "{}",
                p.file
            );
        }
        let page = kiosque_import::parse_page(FIXTURE).expect("the archive page");
        let videos = page.video_drafts(0);
        for p in &demo.video_posters {
            assert!(videos.iter().any(|v| v.title == p.video), "{}", p.video);
            assert!(demo.photos.iter().any(|x| x.name == p.photo), "{}", p.photo);
        }
        // Enough articles in one section tree to paginate (10 a page).
        let monde_tree = demo
            .articles
            .iter()
            .filter(|a| {
                a.section == "monde"
                    || demo
                        .sections
                        .iter()
                        .any(|s| s.slug == a.section && s.parent.as_deref() == Some("monde"))
            })
            .count();
        assert!(monde_tree + 1 > 10, "monde has {monde_tree} demo articles");
    }
}
