//! The reply e-mail outbox, on both backends: published replies are queued once (a held reply
//! when approved), two claims never hold the same notice, and the hourly slot per member and
//! thread is taken once.

mod common;

use common::{article, member};
use kiosque_domain::comment::CommentStatus;
use kiosque_domain::UserId;
use kiosque_store::{Moderation, Store};

async fn replies_are_queued_once_and_claimed_once(store: Store) {
    let a = article(&store).await;
    let alice = member(&store, 1).await;
    let bob = member(&store, 2).await;
    let modo = member(&store, 3).await;
    store.set_notify_replies(alice, true).await.expect("choice");
    assert!(store.notify_replies(alice).await.expect("read"));
    assert!(!store.notify_replies(bob).await.expect("read"));
    let top = store
        .post_comment(a, alice, None, "Sujet", CommentStatus::Published)
        .await
        .expect("top");
    let reply = store
        .post_comment(a, bob, Some(top.id), "Réponse", CommentStatus::Published)
        .await
        .expect("reply");
    let held = store
        .post_comment(a, bob, Some(top.id), "Relue", CommentStatus::Pending)
        .await
        .expect("held");

    // A top-level comment is nobody's reply; a held reply waits.
    let due = store.claim_reply_notices(60_000, 10).await.expect("claim");
    assert_eq!(due.len(), 1, "{due:?}");
    let n = &due[0];
    assert_eq!(n.reply_id, reply.id);
    assert_eq!(n.thread_id, top.id);
    assert_eq!(n.replier_id, Some(bob));
    assert_eq!(n.recipient_email, "m1@exemple.fr");
    assert!(n.reply_published);
    let r = n.recipient.expect("a recipient");
    assert!(r.wants_notices && r.verified && !r.deactivated);
    assert!(
        n.article_path.starts_with("/monde/")
            && n.article_path.ends_with(&format!("_{}.html", a.get())),
        "{}",
        n.article_path
    );
    // Claimed: another sender gets nothing until the lease ends.
    assert!(store
        .claim_reply_notices(60_000, 10)
        .await
        .expect("claim")
        .is_empty());
    store.finish_reply_notice(reply.id).await.expect("finish");

    store
        .moderate(held.id, modo, Moderation::Approve, None)
        .await
        .expect("approve");
    let due = store.claim_reply_notices(60_000, 10).await.expect("claim");
    assert_eq!(
        due.iter().map(|n| n.reply_id).collect::<Vec<_>>(),
        [held.id]
    );
    // A failed send frees it for later, not at once.
    let later = chrono::Utc::now().timestamp_millis() + 60_000;
    store
        .release_reply_notice(held.id, later)
        .await
        .expect("release");
    assert!(store
        .claim_reply_notices(60_000, 10)
        .await
        .expect("claim")
        .is_empty());
}

async fn the_hourly_slot_is_taken_once(store: Store) {
    let a = article(&store).await;
    let alice = member(&store, 1).await;
    let top = store
        .post_comment(a, alice, None, "Sujet", CommentStatus::Published)
        .await
        .expect("top");
    let other = store
        .post_comment(a, alice, None, "Autre", CommentStatus::Published)
        .await
        .expect("other");
    assert!(store
        .take_reply_mail_slot(alice, top.id)
        .await
        .expect("slot"));
    assert!(
        !store
            .take_reply_mail_slot(alice, top.id)
            .await
            .expect("slot"),
        "throttled"
    );
    assert!(
        store
            .take_reply_mail_slot(alice, other.id)
            .await
            .expect("slot"),
        "per thread"
    );
    store
        .return_reply_mail_slot(alice, top.id)
        .await
        .expect("return");
    assert!(store
        .take_reply_mail_slot(alice, top.id)
        .await
        .expect("slot"));
}

async fn consent_and_secrets_are_kept(store: Store) {
    let member = store
        .create_member_accepting_charter("c@exemple.fr", "Claire", "hash")
        .await
        .expect("member");
    assert!(!member.is_verified());
    assert!(store
        .charter_accepted_at(member.id)
        .await
        .expect("read")
        .is_some());
    let staff = member_without_consent(&store).await;
    assert_eq!(store.charter_accepted_at(staff).await.expect("read"), None);
    let first = store.site_secret("s", "un").await.expect("secret");
    let again = store.site_secret("s", "deux").await.expect("secret");
    assert_eq!(
        (first.as_str(), again.as_str()),
        ("un", "un"),
        "made once, then kept"
    );
}

async fn member_without_consent(store: &Store) -> UserId {
    member(store, 9).await
}

macro_rules! both {
    ($($name:ident),* $(,)?) => {
        mod on_sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    let db = kiosque_test_utils::sqlite().await;
                    super::$name(db.store.clone()).await;
                }
            )*
        }
        mod on_postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    if let Some(db) = kiosque_test_utils::postgres().await {
                        super::$name(db.store.clone()).await;
                    }
                }
            )*
        }
    };
}

both!(
    replies_are_queued_once_and_claimed_once,
    the_hourly_slot_is_taken_once,
    consent_and_secrets_are_kept,
);
