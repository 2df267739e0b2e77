//! The store's contract, run against both backends: every behaviour here must be the same on
//! SQLite and PostgreSQL.

use kiosque_domain::{
    ArticleDraft, ArticleStatus, Block, CommentId, CommentMode, MediaRef, UserId, VideoDraft,
};
use kiosque_store::{Store, StoreError};

fn draft(key: &str, title: &str, section: &str, published_at: i64) -> ArticleDraft {
    ArticleDraft {
        source_key: Some(key.into()),
        section: section.into(),
        title: title.into(),
        standfirst: Some("Un chapô.".into()),
        hero: Some(MediaRef {
            path: "/2016/12/23/photo.jpg".into(),
            credit: Some("AFP".into()),
            ..MediaRef::default()
        }),
        hero_video: None,
        body: vec![
            Block::Paragraph {
                text: "Premier paragraphe.".into(),
            },
            Block::Intertitle {
                text: "Un intertitre".into(),
            },
        ],
        tags: vec!["Syrie".into(), "Diplomatie".into()],
        authors: vec!["Claire Dubois".into()],
        status: ArticleStatus::Published,
        published_at: Some(published_at),
        published_time_known: true,
        updated_at: None,
        comment_mode: CommentMode::Open,
        slug: None,
        seo_title: None,
        seo_description: None,
    }
}

async fn sections(store: &Store) {
    store
        .upsert_section("monde", "Monde", None, None, 1)
        .await
        .expect("monde");
    store
        .upsert_section("europe", "Europe", Some("monde"), None, 1)
        .await
        .expect("europe");
    store
        .upsert_section("france", "France", None, None, 2)
        .await
        .expect("france");
}

async fn article_round_trip(store: Store) {
    sections(&store).await;
    let up = store
        .upsert_article(&draft("k1", "Syrie : un titre", "monde", 1_000))
        .await
        .expect("insert");
    assert!(up.created);
    assert_eq!(up.path, format!("/monde/syrie-un-titre_{}.html", up.id));
    let view = store.article(up.id).await.expect("read").expect("exists");
    assert_eq!(view.title, "Syrie : un titre");
    assert_eq!(view.section.slug, "monde");
    assert_eq!(view.body.len(), 2);
    assert_eq!(
        view.hero.as_ref().and_then(|h| h.credit.as_deref()),
        Some("AFP")
    );
    assert_eq!(
        view.tags
            .iter()
            .map(|t| t.name.as_str())
            .collect::<Vec<_>>(),
        ["Syrie", "Diplomatie"]
    );
    assert_eq!(view.authors[0].name, "Claire Dubois");
    assert_eq!(view.published_at, Some(1_000));
    assert!(store
        .article(kiosque_domain::ArticleId(up.id.get() + 1000))
        .await
        .expect("read")
        .is_none());
}

async fn same_source_key_updates(store: Store) {
    sections(&store).await;
    let first = store
        .upsert_article(&draft("k1", "Titre", "monde", 1_000))
        .await
        .expect("insert");
    let mut changed = draft("k1", "Titre corrigé", "europe", 1_000);
    changed.tags = vec!["Diplomatie".into()];
    let second = store.upsert_article(&changed).await.expect("update");
    assert_eq!(first.id, second.id);
    assert!(!second.created);
    assert_eq!(store.count_articles().await.expect("count"), 1);
    let view = store
        .article(first.id)
        .await
        .expect("read")
        .expect("exists");
    assert_eq!(view.title, "Titre corrigé");
    assert_eq!(view.slug, "titre-corrige");
    assert_eq!(view.section.slug, "europe");
    assert_eq!(
        view.parent_section.map(|p| p.slug).as_deref(),
        Some("monde")
    );
    assert_eq!(view.tags.len(), 1);
}

async fn invalid_draft_writes_nothing(store: Store) {
    sections(&store).await;
    let before = store.last_change_id().await.expect("changes");
    let mut bad = draft("k1", "", "monde", 1_000);
    assert!(matches!(
        store.upsert_article(&bad).await,
        Err(StoreError::Invalid(_))
    ));
    bad.title = "Titre".into();
    bad.section = "inconnue".into();
    assert!(matches!(
        store.upsert_article(&bad).await,
        Err(StoreError::UnknownSection(s)) if s == "inconnue"
    ));
    assert_eq!(store.count_articles().await.expect("count"), 0);
    assert_eq!(store.last_change_id().await.expect("changes"), before);
}

async fn lists_are_newest_first_and_filtered(store: Store) {
    sections(&store).await;
    for i in 0..5 {
        store
            .upsert_article(&draft(&format!("m{i}"), &format!("Monde {i}"), "monde", i))
            .await
            .expect("monde");
        store
            .upsert_article(&draft(
                &format!("e{i}"),
                &format!("Europe {i}"),
                "europe",
                100 + i,
            ))
            .await
            .expect("europe");
    }
    let mut unpublished = draft("u", "Brouillon", "france", 10_000);
    unpublished.status = ArticleStatus::Draft;
    store.upsert_article(&unpublished).await.expect("draft");

    let (all, total) = store.published_articles(None, 0, 3).await.expect("all");
    assert_eq!(total, 10, "drafts are not listed");
    assert_eq!(
        all.iter().map(|c| c.title.as_str()).collect::<Vec<_>>(),
        ["Europe 4", "Europe 3", "Europe 2"]
    );
    let monde = store.section_by_slug("monde").await.expect("q").expect("s");
    let europe = store
        .section_by_slug("europe")
        .await
        .expect("q")
        .expect("s");
    let (page2, total) = store
        .published_articles(Some(&[monde.id, europe.id]), 8, 5)
        .await
        .expect("page 2");
    assert_eq!(total, 10);
    assert_eq!(page2.len(), 2);
    let (only_monde, total) = store
        .published_articles(Some(&[monde.id]), 0, 10)
        .await
        .expect("monde");
    assert_eq!(total, 5);
    assert!(only_monde.iter().all(|c| c.section_slug == "monde"));

    let (tagged, total) = store.tagged_articles("syrie", 0, 4).await.expect("tag");
    assert_eq!(total, 10);
    assert_eq!(tagged.len(), 4);
    assert!(store.tag_by_slug("syrie").await.expect("tag").is_some());
    assert!(store.tag_by_slug("absent").await.expect("tag").is_none());
}

async fn videos_keep_their_order(store: Store) {
    for i in 0..35 {
        store
            .upsert_video(&VideoDraft {
                source_key: Some(format!("video:{i}")),
                title: format!("Vidéo {i}"),
                section: None,
                poster: None,
                duration_seconds: Some(90),
                file_path: None,
                embed_url: None,
                published_at: 1_000_000 - i * 1000,
            })
            .await
            .expect("video");
    }
    // Re-importing one keeps its place.
    let again = store
        .upsert_video(&VideoDraft {
            source_key: Some("video:0".into()),
            title: "Vidéo 0 (titre corrigé)".into(),
            section: None,
            poster: None,
            duration_seconds: None,
            file_path: None,
            embed_url: None,
            published_at: 5,
        })
        .await
        .expect("update");
    assert!(!again.created);
    let rail = store.latest_videos(30).await.expect("rail");
    assert_eq!(rail.len(), 30);
    assert_eq!(rail[0].title, "Vidéo 0 (titre corrigé)");
    assert_eq!(rail[29].title, "Vidéo 29");
    let one = store.video(rail[1].id).await.expect("q").expect("video");
    assert_eq!(one.duration_seconds, Some(90));
}

async fn reserved_and_bad_section_slugs_are_refused(store: Store) {
    for slug in ["videos", "static", "Monde", "a b", ""] {
        assert!(
            store
                .upsert_section(slug, "X", None, None, 0)
                .await
                .is_err(),
            "{slug:?}"
        );
    }
    assert!(store.sections().await.expect("sections").is_empty());
}

async fn meta_is_kept(store: Store) {
    assert_eq!(store.meta("demo").await.expect("meta"), None);
    store.set_meta("demo", "1").await.expect("set");
    store.set_meta("demo", "2").await.expect("set again");
    assert_eq!(
        store.meta("demo").await.expect("meta").as_deref(),
        Some("2")
    );
    store.ping().await.expect("ping");
}

fn video(key: &str, title: &str) -> VideoDraft {
    VideoDraft {
        source_key: Some(key.into()),
        title: title.into(),
        section: None,
        poster: None,
        duration_seconds: None,
        file_path: None,
        embed_url: None,
        published_at: 1_000,
    }
}

async fn article_with_videos_is_all_or_nothing(store: Store) {
    sections(&store).await;
    let before = store.last_change_id().await.expect("changes");
    let bad = [video("v1", "Une vidéo"), video("v2", "   ")];
    assert!(matches!(
        store
            .upsert_article_with_videos(&draft("k1", "Titre", "monde", 1_000), &bad)
            .await,
        Err(StoreError::Invalid(_))
    ));
    assert_eq!(store.count_articles().await.expect("count"), 0);
    assert!(store.latest_videos(10).await.expect("videos").is_empty());
    assert_eq!(store.last_change_id().await.expect("changes"), before);

    let good = [video("v1", "Une vidéo"), video("v2", "Une autre")];
    let (article, videos) = store
        .upsert_article_with_videos(&draft("k1", "Titre", "monde", 1_000), &good)
        .await
        .expect("write");
    assert!(article.created);
    assert_eq!(videos.len(), 2);
    assert!(store.last_change_id().await.expect("changes") > before);
    let changes = store.changes_since(before, 100).await.expect("log");
    let key = kiosque_domain::change::Key::Article(article.id);
    assert!(changes.iter().any(|c| c.keys.contains(&key)));
}

async fn pinned_lead_must_be_published(store: Store) {
    sections(&store).await;
    let a = store
        .upsert_article(&draft("k1", "Publié", "monde", 1_000))
        .await
        .expect("a");
    assert!(store.pinned_lead().await.expect("lead").is_none());
    store.pin_lead(Some(a.id)).await.expect("pin");
    assert_eq!(
        store.pinned_lead().await.expect("lead").map(|c| c.id),
        Some(a.id)
    );
    let mut unpublished = draft("k1", "Publié", "monde", 1_000);
    unpublished.status = ArticleStatus::Unpublished;
    store.upsert_article(&unpublished).await.expect("unpublish");
    assert!(store.pinned_lead().await.expect("lead").is_none());
    store.pin_lead(None).await.expect("unpin");
}

async fn member(store: &Store, n: u32) -> UserId {
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

async fn threads_are_read_a_page_at_a_time(store: Store) {
    use kiosque_domain::comment::CommentStatus;
    sections(&store).await;
    let a = store
        .upsert_article(&draft("k1", "Article", "monde", 1_000))
        .await
        .expect("article");
    let alice = member(&store, 1).await;
    let bob = member(&store, 2).await;
    let mut tops = Vec::new();
    for i in 0..5 {
        let c = store
            .post_comment(
                a.id,
                alice,
                None,
                &format!("top {i}"),
                CommentStatus::Published,
            )
            .await
            .expect("top");
        tops.push(c.id);
    }
    let reply = store
        .post_comment(a.id, bob, Some(tops[1]), "reply", CommentStatus::Published)
        .await
        .expect("reply");
    // Replies go one level deep only.
    assert!(matches!(
        store
            .post_comment(
                a.id,
                alice,
                Some(reply.id),
                "deeper",
                CommentStatus::Published
            )
            .await,
        Err(StoreError::Invalid(_))
    ));
    store
        .post_comment(a.id, bob, None, "held", CommentStatus::Pending)
        .await
        .expect("pending");
    // The second top-level comment is taken down but keeps its published reply.
    store.delete_comment(tops[1]).await.expect("delete");

    let page1 = store
        .article_comments_page(a.id, 0, 2)
        .await
        .expect("page 1");
    assert_eq!(page1.top_level, 5, "pending comments are not counted");
    assert_eq!(page1.published, 5, "4 top-level + 1 reply");
    let ids: Vec<CommentId> = page1.comments.iter().map(|c| c.id).collect();
    assert_eq!(ids, [tops[0], tops[1], reply.id]);
    assert_eq!(page1.comments[1].status, CommentStatus::Deleted);
    let page3 = store
        .article_comments_page(a.id, 4, 2)
        .await
        .expect("page 3");
    assert_eq!(
        page3.comments.iter().map(|c| c.id).collect::<Vec<_>>(),
        [tops[4]]
    );
    assert!(page3.last_id > reply.id);
}

async fn moderation_follows_legal_transitions(store: Store) {
    use kiosque_domain::comment::CommentStatus;
    use kiosque_store::Moderation;
    sections(&store).await;
    let a = store
        .upsert_article(&draft("k1", "Article", "monde", 1_000))
        .await
        .expect("article");
    let author = member(&store, 1).await;
    let modo = member(&store, 2).await;
    let c = store
        .post_comment(a.id, author, None, "texte", CommentStatus::Published)
        .await
        .expect("comment");
    let removed = store
        .moderate(c.id, modo, Moderation::Remove, Some("insultant"))
        .await
        .expect("remove");
    assert_eq!(removed.status, CommentStatus::Removed);
    // Its author cannot delete it away, and the statement of reasons stays.
    assert!(matches!(
        store.delete_comment(c.id).await,
        Err(StoreError::Invalid(_))
    ));
    // A removed comment is not "rejected", and a deleted one is not republished.
    assert!(store
        .moderate(c.id, modo, Moderation::Reject, Some("x"))
        .await
        .is_err());
    let d = store
        .post_comment(a.id, author, None, "autre", CommentStatus::Published)
        .await
        .expect("comment");
    store.delete_comment(d.id).await.expect("delete");
    assert!(store
        .moderate(d.id, modo, Moderation::Approve, None)
        .await
        .is_err());
    let kept = store.comment(c.id).await.expect("read").expect("comment");
    assert_eq!(kept.moderation_reason.as_deref(), Some("insultant"));
    // The dashboard's count: held comments only, until a moderator decides.
    assert_eq!(store.pending_comments_count().await.expect("count"), 0);
    let mut held = Vec::new();
    for body in ["en attente", "aussi"] {
        let h = store
            .post_comment(a.id, author, None, body, CommentStatus::Pending)
            .await
            .expect("held");
        held.push(h.id);
    }
    assert_eq!(store.pending_comments_count().await.expect("count"), 2);
    store
        .moderate(held[0], modo, Moderation::Approve, None)
        .await
        .expect("approve");
    assert_eq!(store.pending_comments_count().await.expect("count"), 1);
}

/// Runs one contract case on SQLite, then on PostgreSQL when available.
/// Keyset pages cover every match once, newest first, whatever the page size; filters combine.
async fn article_pages_follow_cursors(store: Store) {
    use kiosque_store::ArticleFilter;
    sections(&store).await;
    for i in 0..7 {
        let section = ["monde", "europe", "france"][i % 3];
        let mut d = draft(
            &format!("p{i}"),
            &format!("Article {i}"),
            section,
            1_000 * (i as i64 % 4),
        );
        if i == 3 {
            d.tags = vec!["Climat".into()];
        }
        store.upsert_article(&d).await.expect("write");
    }
    let mut draft_only = draft("hidden", "Brouillon", "monde", 9_000);
    draft_only.status = ArticleStatus::Draft;
    store.upsert_article(&draft_only).await.expect("draft");

    let everything = ArticleFilter::default();
    let mut seen = Vec::new();
    let mut cursor = None;
    loop {
        let page = store
            .article_page(&everything, cursor, 2)
            .await
            .expect("page");
        assert!(page.items.len() <= 2);
        seen.extend(page.items.iter().map(|c| (c.published_at, c.id)));
        match page.next {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    assert_eq!(seen.len(), 7, "published only, each once");
    let mut sorted = seen.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(seen, sorted, "newest first, ties by id");

    // A section includes its children; filters combine.
    let monde = ArticleFilter {
        section: Some("monde".into()),
        ..ArticleFilter::default()
    };
    let page = store.article_page(&monde, None, 50).await.expect("monde");
    assert!(page
        .items
        .iter()
        .all(|c| c.section_slug == "monde" || c.section_slug == "europe"));
    assert_eq!(page.items.len(), 5);
    let climat = ArticleFilter {
        tag: Some("climat".into()),
        since: Some(3_000),
        ..ArticleFilter::default()
    };
    let page = store.article_page(&climat, None, 50).await.expect("tag");
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].title, "Article 3");
    let none = ArticleFilter {
        tag: Some("climat".into()),
        until: Some(3_000),
        ..ArticleFilter::default()
    };
    assert!(store
        .article_page(&none, None, 50)
        .await
        .expect("none")
        .items
        .is_empty());
}

/// Webhook deliveries are written with the article event, claimed once, retried with back-off,
/// and given up after the last attempt.
async fn webhook_deliveries_follow_article_events(store: Store) {
    use kiosque_domain::webhook::{Event, MAX_ATTEMPTS};
    use kiosque_store::Attempt;
    sections(&store).await;
    let admin = member(&store, 1).await;
    let all = store
        .create_webhook("https://a.example/hook", "s1", &Event::ALL, admin)
        .await
        .expect("hook a");
    let only_unpublished = store
        .create_webhook("https://b.example/hook", "s2", &[Event::Unpublished], admin)
        .await
        .expect("hook b");
    assert!(store
        .create_webhook("javascript:alert(1)", "s", &Event::ALL, admin)
        .await
        .is_err());

    let up = store
        .upsert_article(&draft("w1", "Un article", "monde", 1_000))
        .await
        .expect("publish");
    let mut d = draft("w1", "Un article corrigé", "monde", 1_000);
    store.upsert_article(&d).await.expect("update");
    d.status = ArticleStatus::Draft;
    store.upsert_article(&d).await.expect("unpublish");
    store
        .upsert_article(&d)
        .await
        .expect("draft edit: no event");

    let a: Vec<String> = store
        .deliveries(all, 10)
        .await
        .expect("a")
        .into_iter()
        .rev()
        .map(|d| d.event)
        .collect();
    assert_eq!(
        a,
        [
            "article.published",
            "article.updated",
            "article.unpublished"
        ]
    );
    let b: Vec<String> = store
        .deliveries(only_unpublished, 10)
        .await
        .expect("b")
        .into_iter()
        .map(|d| d.event)
        .collect();
    assert_eq!(b, ["article.unpublished"]);

    // One claim per article and webhook at a time, oldest first; a second claim gets nothing.
    let claimed = store.claim_due_deliveries(60_000, 10).await.expect("claim");
    assert_eq!(claimed.len(), 2, "{claimed:?}");
    assert!(claimed
        .iter()
        .any(|c| c.webhook_id == all && c.event == "article.published"));
    assert!(claimed
        .iter()
        .all(|c| c.payload.contains(&format!("\"id\":{}", up.id))));
    assert!(store
        .claim_due_deliveries(60_000, 10)
        .await
        .expect("again")
        .is_empty());

    // Failures back off; the last failure gives up.
    let first = claimed
        .iter()
        .find(|c| c.webhook_id == all)
        .expect("a's delivery")
        .id;
    let failed = Attempt {
        status_code: Some(500),
        error: Some("HTTP 500".into()),
        duration_ms: 3,
    };
    for _ in 0..MAX_ATTEMPTS {
        store
            .record_attempt(first, &failed, 0)
            .await
            .expect("record");
    }
    let row = store
        .deliveries(all, 10)
        .await
        .expect("log")
        .into_iter()
        .find(|d| d.id == first)
        .expect("row");
    assert_eq!(row.status, "failed");
    assert_eq!(row.attempts, MAX_ATTEMPTS);
    assert_eq!(row.log.len() as i64, MAX_ATTEMPTS);
    // Then the next event of that article may go.
    let next = store.claim_due_deliveries(60_000, 10).await.expect("next");
    assert_eq!(
        next.iter().map(|c| c.event.as_str()).collect::<Vec<_>>(),
        ["article.updated"]
    );
    let ok = Attempt {
        status_code: Some(204),
        error: None,
        duration_ms: 2,
    };
    store.record_attempt(next[0].id, &ok, 0).await.expect("ok");
    assert_eq!(
        store
            .deliveries(all, 10)
            .await
            .expect("log")
            .iter()
            .filter(|d| d.status == "delivered")
            .count(),
        1
    );
    // Redelivery puts a failed one back in the queue.
    store.redeliver(all, first).await.expect("redeliver");
    assert!(
        store.redeliver(only_unpublished, first).await.is_err(),
        "not that hook's delivery"
    );
}

/// A tag or author renamed in the back office keeps its slug; saving an article with the new
/// name finds it instead of creating another.
async fn renamed_tags_and_authors_are_found_by_their_new_name(store: Store) {
    sections(&store).await;
    let up = store
        .upsert_article(&draft("r1", "Un article", "monde", 1_000))
        .await
        .expect("write");
    let view = store.article(up.id).await.expect("read").expect("exists");
    let tag = view.tags[0].clone();
    let author = view.authors[0].clone();
    store
        .rename_tag(tag.id, "Syrie et Proche-Orient")
        .await
        .expect("rename tag");
    store
        .update_author(author.id, "Claire Dubois-Martin", None, None)
        .await
        .expect("rename author");
    let mut d = draft("r1", "Un article", "monde", 1_000);
    d.tags = vec!["Syrie et Proche-Orient".into()];
    d.authors = vec!["Claire Dubois-Martin".into()];
    store.upsert_article(&d).await.expect("save again");
    let view = store.article(up.id).await.expect("read").expect("exists");
    assert_eq!(view.tags.len(), 1);
    assert_eq!(view.tags[0].id, tag.id);
    assert_eq!(view.tags[0].slug, tag.slug);
    assert_eq!(view.authors[0].id, author.id);
    assert_eq!(view.authors[0].slug, author.slug);
}

/// Concurrent saves of one version: exactly one wins, the others are conflicts (kept as
/// revisions). Concurrent schedulers publish a due article once (one webhook event).
async fn concurrent_saves_and_schedulers_do_not_both_win(store: Store) {
    use kiosque_domain::webhook::Event;
    use kiosque_store::Saved;
    sections(&store).await;
    let by = member(&store, 1).await;
    let up = store
        .create_article(&draft("c1", "Titre", "monde", 1_000), by)
        .await
        .expect("create");
    let mut tasks = Vec::new();
    for i in 0..6 {
        let store = store.clone();
        let mut d = draft("c1", &format!("Version {i}"), "monde", 1_000);
        d.source_key = None;
        tasks.push(tokio::spawn(async move {
            store.save_article(up.id, &d, 1, by, "save").await
        }));
    }
    let mut wins = 0;
    let mut conflicts = 0;
    for t in tasks {
        match t.await.expect("task").expect("save") {
            Saved::Ok { version, .. } => {
                wins += 1;
                assert_eq!(version, 2);
            }
            Saved::Conflict(c) => {
                conflicts += 1;
                assert_eq!(c.current_version, 2);
            }
        }
    }
    assert_eq!((wins, conflicts), (1, 5));
    let meta = store
        .article_meta(up.id)
        .await
        .expect("meta")
        .expect("exists");
    assert_eq!(meta.version, 2);

    store
        .create_webhook("https://a.example/hook", "s", &[Event::Published], by)
        .await
        .expect("hook");
    store
        .change_status(
            up.id,
            ArticleStatus::Draft,
            ArticleStatus::Scheduled,
            Some(5_000),
        )
        .await
        .expect("schedule");
    let a = store.clone();
    let b = store.clone();
    let (ra, rb) = tokio::join!(a.publish_due(10_000), b.publish_due(10_000));
    let published = ra.expect("a").len() + rb.expect("b").len();
    assert_eq!(published, 1, "published once");
    let hooks = store.webhooks().await.expect("hooks");
    let events = store.deliveries(hooks[0].id, 10).await.expect("deliveries");
    assert_eq!(events.len(), 1, "one event");
    let view = store.article(up.id).await.expect("read").expect("exists");
    assert_eq!(view.status, ArticleStatus::Published);
    assert_eq!(view.published_at, Some(5_000), "at its scheduled time");
}

/// Site pages: only an admin, as read inside the write, may change them; the change is logged
/// for the page cache; a refused text changes nothing.
async fn site_pages_are_written_by_admins_only(store: Store) {
    use kiosque_domain::account::Roles;
    use kiosque_domain::change::Key;
    let pages = store.site_pages().await.expect("pages");
    let slugs: Vec<&str> = pages.iter().map(|p| p.slug.as_str()).collect();
    assert_eq!(slugs, kiosque_domain::site_page::SLUGS);
    assert!(
        pages.iter().all(|p| p.updated_at.is_none()),
        "the template text"
    );
    let before = store
        .site_page("charte")
        .await
        .expect("read")
        .expect("charte");

    let reader = member(&store, 1).await;
    let admin = member(&store, 2).await;
    store
        .set_roles(admin, &Roles::parse("member admin"))
        .await
        .expect("admin");
    let refused = store
        .save_site_page("charte", "Charte", "Texte.", reader)
        .await;
    assert!(matches!(refused, Err(StoreError::Forbidden)), "{refused:?}");
    let bad = store
        .save_site_page("charte", "Charte", "::inconnu 1", admin)
        .await;
    assert!(matches!(bad, Err(StoreError::Invalid(_))), "{bad:?}");
    let unknown = store
        .save_site_page("autre", "Autre", "Texte.", admin)
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");
    assert_eq!(store.site_page("charte").await.expect("read"), Some(before));
    assert_eq!(store.site_page("autre").await.expect("read"), None);

    let last = store.last_change_id().await.expect("log");
    store
        .save_site_page("charte", " Règles ", "Soyez courtois.\r\n\r\nMerci.", admin)
        .await
        .expect("saved");
    let saved = store
        .site_page("charte")
        .await
        .expect("read")
        .expect("charte");
    assert_eq!(saved.title, "Règles");
    assert_eq!(saved.body, "Soyez courtois.\n\nMerci.");
    assert!(saved.updated_at.is_some());
    assert_eq!(saved.updated_by.as_deref(), Some("Membre 2"));
    let changes = store.changes_since(last, 10).await.expect("changes");
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].keys, [Key::Pages]);

    // A role taken away counts at once.
    store
        .set_roles(admin, &Roles::member())
        .await
        .expect("demoted");
    let refused = store
        .save_site_page("charte", "Autre", "Texte.", admin)
        .await;
    assert!(matches!(refused, Err(StoreError::Forbidden)), "{refused:?}");
}

macro_rules! contract {
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

contract!(
    article_round_trip,
    same_source_key_updates,
    invalid_draft_writes_nothing,
    lists_are_newest_first_and_filtered,
    videos_keep_their_order,
    reserved_and_bad_section_slugs_are_refused,
    meta_is_kept,
    article_with_videos_is_all_or_nothing,
    pinned_lead_must_be_published,
    threads_are_read_a_page_at_a_time,
    moderation_follows_legal_transitions,
    article_pages_follow_cursors,
    webhook_deliveries_follow_article_events,
    renamed_tags_and_authors_are_found_by_their_new_name,
    concurrent_saves_and_schedulers_do_not_both_win,
    site_pages_are_written_by_admins_only,
);
