//! Importing an archive page again, on both backends: an unchanged page changes nothing and
//! sends no webhook; a changed one becomes one revision signed "import" in the article's
//! current section; one re-imported over a correction made in the newsroom is refused, unless
//! `--force`.

use kiosque_test_utils::both_backends;
use kiosque_test_utils::server as common;
use kiosque_test_utils::webhook_receiver::{receiver, register};

use std::path::PathBuf;
use std::process::Output;
use std::time::Duration;

use common::{select, text, Member, Server, Site};
use kiosque_domain::{ArticleId, Block};
use kiosque_store::Store;

const TITLE: &str = "Monde : le phare de Cordouan rouvre ses portes";
const FIRST: &str = "Le phare rouvre après deux ans de travaux.";
const CHANGED: &str = "Le phare rouvre après trois ans de travaux.";
const CORRECTION: &str = "Le phare rouvre après vingt-six mois de travaux.";

/// Writes the archive page with this first paragraph; the same title and date, so the same
/// article each time.
fn page(site: &Site, name: &str, first: &str) -> PathBuf {
    let file = site.dir.path().join(name);
    std::fs::write(
        &file,
        format!(
            "{TITLE}\nUn chapô sur le phare.\nPublié le 20/11/2025 à 10:00\n{first}\n\
             Le second paragraphe parle des visites.\n"
        ),
    )
    .expect("write the page");
    file
}

fn import(site: &Site, extra: &[&str], file: &PathBuf) -> Output {
    site.command()
        .args(["import", "page"])
        .args(extra)
        .arg(file)
        .output()
        .expect("run kiosque import")
}

fn out(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).trim().to_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn id_of(path: &str) -> ArticleId {
    path.rsplit('_')
        .next()
        .and_then(|s| s.strip_suffix(".html"))
        .and_then(|s| s.parse().ok())
        .map(ArticleId)
        .unwrap_or_else(|| panic!("no id in {path}"))
}

/// What the newsroom sees of an article: version, number of revisions, modification and
/// update times, section, and its text.
#[derive(Debug, PartialEq)]
struct State {
    version: i64,
    revisions: usize,
    modified_at: i64,
    updated_at: Option<i64>,
    section: String,
    body: String,
}

async fn state(site: &Site, id: ArticleId) -> State {
    let store = Store::open(&site.store_url()).await.expect("open store");
    let meta = store
        .article_meta(id)
        .await
        .expect("meta")
        .expect("article");
    let view = store.article(id).await.expect("read").expect("article");
    let revisions = store.revisions(id).await.expect("revisions").len();
    store.close().await;
    State {
        version: meta.version,
        revisions,
        modified_at: meta.modified_at,
        updated_at: view.updated_at,
        section: view.section.slug,
        body: view
            .body
            .iter()
            .map(|b| match b {
                Block::Paragraph { text } => text.clone(),
                _ => String::new(),
            })
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// The history's rows, newest first: (kind, author) as the newsroom shows them.
async fn history(editor: &Member, id: ArticleId) -> Vec<(String, String)> {
    let page = editor
        .browser
        .get(&format!("/admin/articles/{}/revisions", id.get()))
        .await;
    assert_eq!(page.status, 200);
    let html = page.html();
    select(&html, "tr[data-revision]")
        .iter()
        .map(|row| {
            let cells: Vec<String> = row
                .select(&scraper::Selector::parse("td").expect("css"))
                .map(|c| text(&c))
                .collect();
            (cells[4].clone(), cells[5].clone())
        })
        .collect()
}

/// Imports the first version of the page into "monde"; returns its path.
fn first_import(site: &Site) -> String {
    let o = import(
        site,
        &["--section", "monde"],
        &page(site, "phare.txt", FIRST),
    );
    let (path, err) = out(&o);
    assert!(o.status.success(), "{err}");
    assert!(path.starts_with("/monde/"), "{path}");
    assert!(err.contains("created:"), "{err}");
    path
}

async fn an_unchanged_page_changes_nothing_and_sends_no_webhook(site: Site) {
    // The receiver listens on loopback, which webhooks may reach only when told so.
    let server: Server =
        site.start_with(&["--rate-limit-factor", "1000", "--webhooks-allow-private"]);
    let admin = server
        .staff(&site, "Admin", "admin@kiosque.test", &["--admin"])
        .await;
    let (url, received) = receiver(0).await;
    register(
        &admin,
        &url,
        &[
            "article.published",
            "article.updated",
            "article.unpublished",
        ],
    )
    .await;
    let path = first_import(&site);
    let id = id_of(&path);
    received.wait_for(1).await;
    assert_eq!(received.events(), ["article.published"]);
    let before = state(&site, id).await;

    // Again, twice, without --section: the article stays in "monde", untouched.
    for _ in 0..2 {
        let o = import(&site, &[], &page(&site, "phare.txt", FIRST));
        let (printed, err) = out(&o);
        assert!(o.status.success(), "{err}");
        assert_eq!(printed, path, "the same article, at the same address");
        assert!(err.contains("unchanged:"), "{err}");
        assert_eq!(state(&site, id).await, before, "nothing written");
    }
    assert_eq!(server.get(&path).await.status, 200);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(
        received.events(),
        ["article.published"],
        "no webhook for an unchanged page"
    );

    // The receiver still listens: a real change is delivered, and only that.
    let o = import(&site, &[], &page(&site, "phare.txt", CHANGED));
    assert!(o.status.success(), "{}", out(&o).1);
    received.wait_for(2).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(received.events(), ["article.published", "article.updated"]);
}

async fn a_changed_page_is_one_import_revision_in_the_same_section(site: Site) {
    let server = site.start_relaxed();
    let editor = server
        .staff(&site, "Éd", "editor@kiosque.test", &["--role", "editor"])
        .await;
    let path = first_import(&site);
    let id = id_of(&path);
    let before = state(&site, id).await;

    let o = import(&site, &[], &page(&site, "phare-v2.txt", CHANGED));
    let (printed, err) = out(&o);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("updated:"), "{err}");
    assert_eq!(printed, path, "same address: the section is kept");
    let after = state(&site, id).await;
    assert_eq!(after.version, before.version + 1);
    assert_eq!(
        after.revisions,
        before.revisions + 1,
        "exactly one revision"
    );
    assert_eq!(after.section, "monde", "kept without --section");
    assert!(after.body.contains(CHANGED), "{}", after.body);

    // The newsroom's history names the import as the author of the new revision.
    let rows = history(&editor, id).await;
    assert_eq!(rows.len(), after.revisions);
    assert_eq!(rows[0].1, "import", "{rows:?}");
    // Readers get the new text at the same address.
    let served = server
        .browser()
        .get_until(&path, |p| p.body.contains(CHANGED))
        .await;
    assert_eq!(served.status, 200);
}

async fn a_page_over_a_newsroom_correction_is_refused_unless_forced(site: Site) {
    let server = site.start_relaxed();
    let editor = server
        .staff(&site, "Éd", "editor@kiosque.test", &["--role", "editor"])
        .await;
    let path = first_import(&site);
    let id = id_of(&path);

    // The newsroom corrects the first paragraph.
    let store = Store::open(&site.store_url()).await.expect("open store");
    let user = store
        .user_by_email("editor@kiosque.test")
        .await
        .expect("read")
        .expect("the editor");
    let mut draft = store
        .article(id)
        .await
        .expect("read")
        .expect("article")
        .to_draft();
    draft.body[0] = Block::Paragraph {
        text: CORRECTION.to_owned(),
    };
    let version = store
        .article_meta(id)
        .await
        .expect("meta")
        .expect("meta")
        .version;
    let saved = store
        .save_article(id, &draft, version, user.id, "save")
        .await
        .expect("save");
    assert!(
        matches!(saved, kiosque_store::Saved::Ok { .. }),
        "{saved:?}"
    );
    store.close().await;
    let corrected = state(&site, id).await;

    // A changed page would overwrite the correction: refused, by name, with the way out.
    let changed = page(&site, "phare-v2.txt", CHANGED);
    let o = import(&site, &[], &changed);
    let (printed, err) = out(&o);
    assert!(!o.status.success(), "refused is a failure: {err}");
    assert!(printed.is_empty(), "{printed}");
    assert!(err.contains("refused:"), "{err}");
    assert!(err.contains(TITLE), "names the article: {err}");
    assert!(err.contains("edited in the newsroom"), "{err}");
    assert!(err.contains("--force"), "says what to do: {err}");
    assert_eq!(state(&site, id).await, corrected, "nothing written");

    // The page as first imported brings nothing new: the correction stays.
    let o = import(&site, &[], &page(&site, "phare.txt", FIRST));
    assert!(o.status.success(), "{}", out(&o).1);
    assert!(out(&o).1.contains("unchanged:"));
    assert_eq!(state(&site, id).await, corrected);

    // Forced: the page wins, as a new revision; the correction stays in the history.
    let o = import(&site, &["--force"], &changed);
    let (printed, err) = out(&o);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("updated:"), "{err}");
    assert_eq!(printed, path);
    let forced = state(&site, id).await;
    assert_eq!(forced.version, corrected.version + 1);
    assert_eq!(forced.revisions, corrected.revisions + 1);
    assert_eq!(forced.section, "monde");
    assert!(forced.body.contains(CHANGED) && !forced.body.contains(CORRECTION));
    let rows = history(&editor, id).await;
    assert_eq!(rows[0].1, "import", "{rows:?}");
    assert!(rows.iter().any(|(_, by)| by == "Éd"), "{rows:?}");

    // Now in step with the page: importing it again is unchanged, not refused.
    let o = import(&site, &[], &changed);
    assert!(o.status.success(), "{}", out(&o).1);
    assert!(out(&o).1.contains("unchanged:"));
}

async fn an_undated_page_keeps_its_publication_time(site: Site) {
    let file = site.dir.path().join("sans-date.txt");
    let write = |first: &str| {
        std::fs::write(
            &file,
            format!("Un article d'archive sans date\n{first}\nLe second paragraphe.\n"),
        )
        .expect("write the page")
    };
    write("Le premier paragraphe, tel qu'importé.");
    let o = import(&site, &[], &file);
    let (path, err) = out(&o);
    assert!(o.status.success(), "{err}");
    assert!(path.starts_with("/archives/"), "{path}");
    let id = id_of(&path);
    let published = |store: Store| async move {
        let at = store
            .article(id)
            .await
            .expect("read")
            .expect("article")
            .published_at;
        store.close().await;
        at
    };
    let before = published(Store::open(&site.store_url()).await.expect("open")).await;

    tokio::time::sleep(Duration::from_millis(50)).await;
    write("Le premier paragraphe, corrigé depuis.");
    let o = import(&site, &[], &file);
    assert!(out(&o).1.contains("updated:"), "{}", out(&o).1);
    let after = published(Store::open(&site.store_url()).await.expect("open")).await;
    assert_eq!(after, before, "not moved to the day of the new import");
}

both_backends!(
    an_undated_page_keeps_its_publication_time,
    an_unchanged_page_changes_nothing_and_sends_no_webhook,
    a_changed_page_is_one_import_revision_in_the_same_section,
    a_page_over_a_newsroom_correction_is_refused_unless_forced,
);
