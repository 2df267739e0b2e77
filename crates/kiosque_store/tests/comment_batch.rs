//! Many members posting at once, on both backends: every accepted comment is stored once with
//! its change-log row, and a refused one (a reply to a comment that does not exist) is refused
//! alone, whatever else was committed with it (SQLite commits waiting comments together).

mod common;

use common::{article, member};
use kiosque_domain::change::Key;
use kiosque_domain::comment::CommentStatus;
use kiosque_domain::CommentId;
use kiosque_store::{Store, StoreError};

async fn concurrent_comments_are_each_stored_once(store: Store) {
    let a = article(&store).await;
    let mut members = Vec::new();
    for n in 0..8 {
        members.push(member(&store, n).await);
    }
    let before = store.changes_since(0, 100_000).await.expect("log").len();
    let mut posts = tokio::task::JoinSet::new();
    for i in 0..80u32 {
        let (store, author) = (store.clone(), members[i as usize % members.len()]);
        posts.spawn(async move {
            // Every tenth one answers a comment that does not exist.
            let parent = (i % 10 == 9).then_some(CommentId(9_999_999));
            let body = format!("Commentaire numéro {i}.");
            let r = store
                .post_comment(a, author, parent, &body, CommentStatus::Published)
                .await;
            (i, body, r)
        });
    }
    let mut ids = std::collections::BTreeSet::new();
    while let Some(done) = posts.join_next().await {
        let (i, body, r) = done.expect("task");
        if i % 10 == 9 {
            assert!(
                matches!(r, Err(StoreError::Invalid(_))),
                "reply to nothing {i}: {r:?}"
            );
            continue;
        }
        let c = r.unwrap_or_else(|e| panic!("comment {i}: {e}"));
        assert_eq!(c.body, body, "the answer is the poster's own comment");
        assert_eq!(c.status, CommentStatus::Published);
        assert!(ids.insert(c.id), "one id per comment");
    }
    assert_eq!(ids.len(), 72);
    let page = store
        .article_comments_page(a, 0, 200)
        .await
        .expect("thread");
    assert_eq!(
        page.published, 72,
        "stored once each, the refused ones not at all"
    );
    let stored: std::collections::BTreeSet<CommentId> =
        page.comments.iter().map(|c| c.id).collect();
    assert_eq!(stored, ids);
    let changes = store.changes_since(0, 100_000).await.expect("log");
    let logged = changes[before..]
        .iter()
        .filter(|c| c.keys.iter().any(|k| matches!(k, Key::Comment(_))))
        .count();
    assert_eq!(logged, 72, "one change-log row per stored comment");
}

macro_rules! both {
    ($($name:ident),* $(,)?) => {
        mod on_sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let db = kiosque_test_utils::sqlite().await;
                    super::$name(db.store.clone()).await;
                }
            )*
        }
        mod on_postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some(db) = kiosque_test_utils::postgres().await {
                        super::$name(db.store.clone()).await;
                    }
                }
            )*
        }
    };
}

both!(concurrent_comments_are_each_stored_once);
