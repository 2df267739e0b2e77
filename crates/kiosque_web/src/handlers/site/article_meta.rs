//! What search engines and social sites read about an article page: its layout with JSON-LD
//! (schema.org `NewsArticle`) and Open Graph. Shared by the article page and the live blog's
//! page, which is the same article with its posts.

use kiosque_domain::dates;
use kiosque_domain::typography::typeset;
use kiosque_store::ArticleView;

use crate::config::SiteConfig;
use crate::pages::{Layout, OpenGraph};
use crate::views::{Here, LibraryFigures};
use crate::{AppError, AppState};

/// The layout, with what search engines and social sites read: JSON-LD and Open Graph.
pub(super) async fn article_layout(
    state: &AppState,
    article: &ArticleView,
    canonical: &str,
    figures: &LibraryFigures,
) -> Result<Layout, AppError> {
    let modified = article.updated_at.or(article.published_at);
    article_layout_with(state, article, canonical, figures, modified, |_, _| {}).await
}

/// [`article_layout`] for a page that is an article and more (a live blog): its own last
/// change, and its own additions to the JSON-LD, given the page's absolute URL.
pub(super) async fn article_layout_with(
    state: &AppState,
    article: &ArticleView,
    canonical: &str,
    figures: &LibraryFigures,
    modified: Option<i64>,
    extend_ld: impl FnOnce(&mut serde_json::Value, &str),
) -> Result<Layout, AppError> {
    let top = article
        .parent_section
        .as_ref()
        .map_or(article.section.id, |p| p.id);
    // What search engines and social sites show: the newsroom's own words for them when it
    // wrote some, else the headline and standfirst.
    let shown_title = article.seo_title.as_deref().unwrap_or(&article.title);
    let description = article
        .seo_description
        .as_deref()
        .or(article.standfirst.as_deref());
    let mut layout = crate::layout::layout(
        state,
        &crate::i18n::t1("site-title", "title", shown_title),
        description,
        Some(canonical.to_owned()),
        Here::InSection(top),
    )
    .await?;
    let config = state.config();
    let url = config.link(canonical);
    let image = article
        .hero
        .as_ref()
        .and_then(|h| figures.figure(h, "").src)
        .map(|src| config.link(&src))
        // Shared links and search results always get a picture: the site's own when the
        // article has none or its file is lost.
        .unwrap_or_else(|| crate::metadata::site_image(config));
    let published = article.published_at.map(dates::iso);
    let modified = modified.map(dates::iso);
    let mut ld = news_article(article, config, &url, Some(image.as_str()));
    ld["dateModified"] = serde_json::json!(modified);
    extend_ld(&mut ld, &url);
    layout.json_ld = Some(crate::pages::json_ld(&ld));
    layout.og = Some(OpenGraph {
        kind: "article",
        title: typeset(shown_title),
        url,
        description: description.map(typeset),
        image: Some(image),
        published,
        modified,
    });
    Ok(layout)
}

/// schema.org NewsArticle, as search engines and aggregators read it.
fn news_article(
    article: &ArticleView,
    config: &SiteConfig,
    url: &str,
    image: Option<&str>,
) -> serde_json::Value {
    let authors: Vec<serde_json::Value> = if article.authors.is_empty() {
        vec![serde_json::json!({ "@type": "Organization", "name": "Kiosque" })]
    } else {
        article
            .authors
            .iter()
            .map(|a| serde_json::json!({ "@type": "Person", "name": a.name }))
            .collect()
    };
    let mut ld = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "mainEntityOfPage": { "@type": "WebPage", "@id": url },
        "url": url,
        "datePublished": article.published_at.map(dates::iso),
        "dateModified": article.updated_at.or(article.published_at).map(dates::iso),
        "author": authors,
        "publisher": crate::metadata::publisher(config),
        "articleSection": article.section.name,
        "inLanguage": crate::i18n::t("site-locale"),
        "keywords": article.tags.iter().map(|t| t.name.clone()).collect::<Vec<_>>(),
    });
    // The headline stays the article's own; the description is what search engines show.
    if let Some(d) = article
        .seo_description
        .as_ref()
        .or(article.standfirst.as_ref())
    {
        ld["description"] = serde_json::json!(d);
    }
    if let Some(i) = image {
        ld["image"] = serde_json::json!([i]);
    }
    ld
}
