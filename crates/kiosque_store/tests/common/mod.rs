//! What the store's tests share: a published article to comment on, and members.

use kiosque_domain::{ArticleDraft, ArticleStatus, Block, CommentMode, UserId};
use kiosque_store::Store;

/// A published article open to comments, in a new section "monde".
pub async fn article(store: &Store) -> kiosque_domain::ArticleId {
    store
        .upsert_section("monde", "Monde", None, None, 1)
        .await
        .expect("section");
    let draft = ArticleDraft {
        source_key: Some("k1".into()),
        section: "monde".into(),
        title: "Article".into(),
        standfirst: None,
        hero: None,
        hero_video: None,
        body: vec![Block::Paragraph {
            text: "Texte.".into(),
        }],
        tags: vec![],
        authors: vec![],
        status: ArticleStatus::Published,
        published_at: Some(1_000),
        published_time_known: true,
        updated_at: None,
        comment_mode: CommentMode::Open,
        slug: None,
        seo_title: None,
        seo_description: None,
    };
    store.upsert_article(&draft).await.expect("article").id
}

/// A verified member, `m{n}@exemple.fr`.
pub async fn member(store: &Store, n: u32) -> UserId {
    store
        .create_user(
            &format!("m{n}@exemple.fr"),
            &format!("Membre {n}"),
            "hash",
            &kiosque_domain::account::Roles::member(),
            true,
        )
        .await
        .expect("user")
        .id
}
