//! Drafts written straight into the store, as the newsroom's "new article" would make them:
//! for tests about what happens to a draft afterwards (who may publish it, what of it shows).

use kiosque_domain::{markup, ArticleDraft, ArticleId, ArticleStatus, CommentMode, UserId};
use kiosque_store::Store;

/// A draft created by user `by` in `section`, with these tags and bylines; its id.
pub async fn newsroom_draft(
    store: &Store,
    by: i64,
    section: &str,
    title: &str,
    tags: &[&str],
    authors: &[&str],
) -> ArticleId {
    let draft = ArticleDraft {
        source_key: None,
        section: section.into(),
        title: title.into(),
        standfirst: None,
        hero: None,
        hero_video: None,
        body: markup::parse("Un paragraphe encore sous embargo.").expect("body"),
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        authors: authors.iter().map(|a| (*a).to_owned()).collect(),
        status: ArticleStatus::Draft,
        published_at: None,
        published_time_known: true,
        updated_at: None,
        comment_mode: CommentMode::Open,
        slug: None,
        seo_title: None,
        seo_description: None,
    };
    store
        .create_article(&draft, UserId(by))
        .await
        .expect("a draft")
        .id
}
