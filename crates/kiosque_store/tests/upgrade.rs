//! Upgrades: a database created by an earlier build opens with this one, migrates, and keeps
//! its content, on both backends.
//!
//! The fixtures in `tests/fixtures/` were made once by `make_upgrade_fixtures` (below) with the
//! migrations shipped at the time and are never regenerated: they stand for the databases that
//! sites already run. A shipped migration edited in place fails here (sqlx refuses a database
//! whose recorded checksum differs), and so does a new migration that loses data.
//!
//! To add fixtures for a later schema (keep the old ones):
//! `TEST_DATABASE_URL=… cargo test -p kiosque_store --test upgrade -- --ignored`

use kiosque_domain::comment::CommentStatus;
use kiosque_domain::{ArticleDraft, ArticleStatus, Block, CommentMode, VideoDraft};
use kiosque_store::Store;

/// The newest migration the fixtures were made with.
const MADE_WITH: &str = "20261126000005";

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn article(key: &str, title: &str, section: &str, tags: &[&str], at: i64) -> ArticleDraft {
    ArticleDraft {
        source_key: Some(key.into()),
        section: section.into(),
        title: title.into(),
        standfirst: Some("Un chapô d’avant la mise à jour.".into()),
        hero: None,
        hero_video: None,
        body: vec![
            Block::Paragraph {
                text: "Premier paragraphe, écrit avant la mise à jour.".into(),
            },
            Block::Intertitle {
                text: "Un intertitre".into(),
            },
        ],
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        authors: vec!["Claire Dubois".into()],
        status: ArticleStatus::Published,
        published_at: Some(at),
        published_time_known: true,
        updated_at: None,
        comment_mode: CommentMode::Open,
        slug: None,
        seo_title: None,
        seo_description: None,
    }
}

/// The sample content every fixture holds.
async fn fill(store: &Store) {
    store
        .upsert_section(
            "monde",
            "Monde",
            None,
            Some("L’actualité internationale"),
            1,
        )
        .await
        .expect("monde");
    store
        .upsert_section("europe", "Europe", Some("monde"), None, 1)
        .await
        .expect("europe");
    store
        .upsert_section("culture", "Culture", None, None, 2)
        .await
        .expect("culture");
    let syrie = store
        .upsert_article(&article(
            "page:2016-12-23:alep",
            "Alep : l’évacuation reprend",
            "monde",
            &["Syrie", "Diplomatie"],
            1_482_500_000_000,
        ))
        .await
        .expect("article");
    store
        .upsert_article(&article(
            "demo:berlin",
            "Berlin : un marché rouvre",
            "europe",
            &["Allemagne"],
            1_482_600_000_000,
        ))
        .await
        .expect("article");
    let mut draft = article(
        "demo:brouillon",
        "Un brouillon jamais publié",
        "culture",
        &[],
        0,
    );
    draft.status = ArticleStatus::Draft;
    draft.published_at = None;
    store.upsert_article(&draft).await.expect("draft");
    store.pin_lead(Some(syrie.id)).await.expect("lead");
    store
        .upsert_video(&VideoDraft {
            source_key: Some("video:alep".into()),
            title: "Alep vue du ciel".into(),
            section: Some("monde".into()),
            poster: None,
            duration_seconds: Some(95),
            file_path: None,
            embed_url: Some("https://video.example/alep".into()),
            published_at: 1_482_500_000_000,
        })
        .await
        .expect("video");
    let roles = kiosque_domain::account::Roles::member();
    let alice = store
        .create_user("alice@exemple.fr", "Alice", "argon2-hash", &roles, true)
        .await
        .expect("alice");
    let bob = store
        .create_user("bob@exemple.fr", "Bob", "argon2-hash", &roles, true)
        .await
        .expect("bob");
    let top = store
        .post_comment(
            syrie.id,
            alice.id,
            None,
            "Un commentaire d’avant.",
            CommentStatus::Published,
        )
        .await
        .expect("comment");
    store
        .post_comment(
            syrie.id,
            bob.id,
            Some(top.id),
            "Une réponse.",
            CommentStatus::Published,
        )
        .await
        .expect("reply");
}

/// What a site expects to find again after the upgrade.
async fn check(store: &Store) {
    let sections = store.sections().await.expect("sections");
    let mut slugs: Vec<&str> = sections.iter().map(|s| s.slug.as_str()).collect();
    slugs.sort_unstable();
    assert_eq!(slugs, ["culture", "europe", "monde"]);
    let europe = sections
        .iter()
        .find(|s| s.slug == "europe")
        .expect("europe");
    let monde = sections.iter().find(|s| s.slug == "monde").expect("monde");
    assert_eq!(europe.parent_id, Some(monde.id));
    assert_eq!(store.count_articles().await.expect("count"), 3);
    let lead = store.pinned_lead().await.expect("lead").expect("pinned");
    assert_eq!(lead.title, "Alep : l’évacuation reprend");
    let a = store
        .article(lead.id)
        .await
        .expect("read")
        .expect("article");
    assert_eq!(a.section.slug, "monde");
    assert_eq!(a.body.len(), 2);
    assert_eq!(
        a.tags.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
        ["Syrie", "Diplomatie"]
    );
    assert_eq!(a.authors[0].name, "Claire Dubois");
    assert_eq!(a.published_at, Some(1_482_500_000_000));
    assert_eq!(
        a.path(),
        format!("/monde/alep-l-evacuation-reprend_{}.html", a.id)
    );
    let videos = store.latest_videos(10).await.expect("videos");
    assert_eq!(videos.len(), 1);
    assert_eq!(videos[0].duration_seconds, Some(95));
    let alice = store
        .user_by_email("alice@exemple.fr")
        .await
        .expect("user")
        .expect("alice");
    assert_eq!(alice.display_name, "Alice");
    assert!(alice.is_verified());
    let thread = store
        .article_comments_page(a.id, 0, 10)
        .await
        .expect("thread");
    assert_eq!(thread.published, 2);
    assert_eq!(thread.comments[0].body, "Un commentaire d’avant.");
    assert_eq!(thread.comments[1].parent_id, Some(thread.comments[0].id));
    // The change log goes on from where it was: followers keep their place.
    assert!(store.last_change_id().await.expect("log") >= 10);
}

#[tokio::test]
async fn an_older_sqlite_database_upgrades_with_its_content() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("kiosque.db");
    std::fs::copy(fixture(&format!("{MADE_WITH}.sqlite")), &path).expect("copy the fixture");
    let store = Store::open(&kiosque_store::sqlite_url(&path))
        .await
        .expect("the older database opens and migrates");
    check(&store).await;
    // Still writable after the upgrade.
    store
        .upsert_section("sport", "Sport", None, None, 3)
        .await
        .expect("write after upgrade");
}

#[tokio::test]
async fn an_older_postgres_database_upgrades_with_its_content() {
    use sqlx::Connection;
    let Some(url) = kiosque_test_utils::fresh_postgres_url().await else {
        return;
    };
    let dump = std::fs::read_to_string(fixture(&format!("{MADE_WITH}.postgres.sql")))
        .expect("read the fixture");
    let mut conn = sqlx::PgConnection::connect(&url).await.expect("connect");
    sqlx::raw_sql(&dump)
        .execute(&mut conn)
        .await
        .expect("restore the fixture");
    conn.close().await.expect("close");
    let store = Store::open(&url)
        .await
        .expect("the older database opens and migrates");
    check(&store).await;
    store
        .upsert_section("sport", "Sport", None, None, 3)
        .await
        .expect("write after upgrade");
}

/// Makes the fixtures from the current migrations (see the module's comment).
#[tokio::test]
#[ignore = "makes fixtures; run by hand when the schema changes"]
async fn make_upgrade_fixtures() {
    let sqlite = kiosque_test_utils::sqlite().await;
    fill(&sqlite.store).await;
    check(&sqlite.store).await;
    let out = fixture(&format!("{MADE_WITH}.sqlite"));
    let _ = std::fs::remove_file(&out);
    sqlx::query(&format!("vacuum into '{}'", out.display()))
        .execute(&sqlx::SqlitePool::connect(&sqlite.url).await.expect("pool"))
        .await
        .expect("vacuum into");

    let pg = kiosque_test_utils::postgres()
        .await
        .expect("TEST_DATABASE_URL must name a PostgreSQL server");
    fill(&pg.store).await;
    check(&pg.store).await;
    let dump = std::process::Command::new("pg_dump")
        .args(["--inserts", "--no-owner", "--no-privileges", &pg.url])
        .output()
        .expect("run pg_dump");
    assert!(
        dump.status.success(),
        "{}",
        String::from_utf8_lossy(&dump.stderr)
    );
    // psql's meta-commands (`\restrict`) are not SQL: the test restores with plain queries.
    let sql: String = String::from_utf8(dump.stdout)
        .expect("utf-8")
        .lines()
        .filter(|l| !l.starts_with('\\'))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(fixture(&format!("{MADE_WITH}.postgres.sql")), sql).expect("write");
}
