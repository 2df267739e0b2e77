//! The demo's live blog (`demo/live.json`): an invented storm followed by the newsroom, a dozen
//! posts and two key points, dated from the moment the demo is loaded so that it reads as under
//! way. It is made through the store's own writes, like a newsroom's live blog.

use anyhow::Context;
use kiosque_domain::live::PostDraft;
use kiosque_domain::{ArticleDraft, ArticleStatus, Block, CommentMode};
use kiosque_store::Store;
use serde::Deserialize;

const LIVE: &str = include_str!("../demo/live.json");

#[derive(Deserialize)]
struct DemoLive {
    section: String,
    title: String,
    standfirst: String,
    tags: Vec<String>,
    authors: Vec<String>,
    started_minutes_ago: i64,
    body: Vec<Block>,
    posts: Vec<DemoPost>,
}

#[derive(Deserialize)]
struct DemoPost {
    minutes_ago: i64,
    title: String,
    /// In the editor's syntax.
    text: String,
    #[serde(default)]
    important: bool,
    #[serde(default)]
    key_point: bool,
}

/// Writes the demo's live blog; `now` is the demo's load time (ms).
pub async fn load(store: &Store, now: i64) -> anyhow::Result<()> {
    let demo: DemoLive = serde_json::from_str(LIVE).context("live.json is malformed")?;
    let start = now - demo.started_minutes_ago * 60_000;
    let draft = ArticleDraft {
        source_key: Some("demo:live".to_owned()),
        section: demo.section.clone(),
        title: demo.title.clone(),
        standfirst: Some(demo.standfirst.clone()),
        hero: None,
        hero_video: None,
        body: demo.body.clone(),
        tags: demo.tags.clone(),
        authors: demo.authors.clone(),
        status: ArticleStatus::Published,
        published_at: Some(start),
        published_time_known: true,
        updated_at: None,
        comment_mode: CommentMode::Open,
        slug: None,
        seo_title: None,
        seo_description: None,
    };
    let id = store
        .upsert_article(&draft)
        .await
        .context("the demo live blog")?
        .id;
    store.open_live_blog_at(None, id, start).await?;
    for p in &demo.posts {
        let post = PostDraft::new(&p.title, &p.text, p.important, p.key_point)
            .map_err(|e| anyhow::anyhow!("demo live post {:?}: {e:?}", p.title))?;
        store
            .add_live_post_at(None, id, &post, now - p.minutes_ago * 60_000)
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_live_blog_is_valid() {
        let demo: DemoLive = serde_json::from_str(LIVE).expect("live.json parses");
        assert_eq!(demo.posts.len(), 12);
        assert_eq!(demo.posts.iter().filter(|p| p.key_point).count(), 2);
        for p in &demo.posts {
            assert!(
                PostDraft::new(&p.title, &p.text, false, false).is_ok(),
                "{}",
                p.title
            );
            assert!(p.minutes_ago < demo.started_minutes_ago);
        }
    }
}
