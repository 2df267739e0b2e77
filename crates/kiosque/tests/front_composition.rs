//! The composed front page, on both backends: an editor places stories in the front page's
//! slots (lead and secondary), moves and removes them with plain buttons; empty slots show the
//! newest stories, never one twice; an unpublished story leaves its slot by itself. Per section,
//! the editor chooses the stories of its block on the front page and its own page's lead, and
//! moves its block up the page. A journalist may do none of it, even straight to the store.

use kiosque_test_utils::both_backends;
use kiosque_test_utils::server as common;

use common::{select, Member, Page, Site};
use kiosque_domain::front::Place;
use kiosque_domain::{ArticleId, UserId};
use kiosque_store::{ArticleCard, SlotAction, Store, StoreError};

/// The links of the story headings matching `css` (inside `main`), in page order.
fn story_links(page: &Page, css: &str) -> Vec<String> {
    let html = page.html();
    select(&html, css)
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .map(str::to_owned)
        .collect()
}

/// The front page's lead, then its secondary slots by number: (slot, href).
fn top_of_front(page: &Page) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = story_links(page, "main article.lead h2 a")
        .into_iter()
        .map(|h| ("1".to_owned(), h))
        .collect();
    let html = page.html();
    for li in select(&html, "main .front-slots > li[data-slot]") {
        let slot = li.value().attr("data-slot").unwrap_or_default().to_owned();
        let href = li
            .select(&scraper::Selector::parse("h3 a").expect("selector"))
            .next()
            .and_then(|a| a.value().attr("href"))
            .unwrap_or_default()
            .to_owned();
        out.push((slot, href));
    }
    out
}

/// Every story heading of the front page's own lists (lead, slots, latest, section blocks).
fn front_stories(page: &Page) -> Vec<String> {
    story_links(
        page,
        "main article.lead h2 a, main ul.front-cards article.card h3 a",
    )
}

fn in_slot(page: &Page, slot: &str) -> Option<String> {
    top_of_front(page)
        .into_iter()
        .find(|(s, _)| s == slot)
        .map(|(_, h)| h)
}

struct Desk {
    store: Store,
    editor: Member,
    csrf: String,
}

impl Desk {
    async fn place(&self, article: ArticleId, target: &str) -> Page {
        self.editor
            .browser
            .post(
                "/admin/une",
                &[
                    ("csrf", self.csrf.as_str()),
                    ("lead", &article.get().to_string()),
                    ("target", target),
                ],
            )
            .await
    }

    async fn slot(&self, place: &str, slot: &str, action: &str) -> Page {
        self.editor
            .browser
            .post(
                "/admin/une/emplacements",
                &[
                    ("csrf", self.csrf.as_str()),
                    ("place", place),
                    ("slot", slot),
                    ("action", action),
                ],
            )
            .await
    }

    /// Published articles, newest first, from the `skip`-th.
    async fn published(&self, section: Option<&str>, skip: i64, n: i64) -> Vec<ArticleCard> {
        let ids = match section {
            Some(slug) => {
                let all = self.store.sections().await.expect("sections");
                let s = all.iter().find(|s| s.slug == slug).expect("section");
                Some(kiosque_store::subtree(&all, s.id))
            }
            None => None,
        };
        self.store
            .published_articles(ids.as_deref(), skip, n)
            .await
            .expect("articles")
            .0
    }
}

async fn desk(site: &Site) -> (common::Server, Desk) {
    let server = site.start_relaxed();
    let store = Store::open(&site.store_url()).await.expect("store");
    let editor = server
        .staff(site, "Édith", "edith@kiosque.test", &["--role", "editor"])
        .await;
    let csrf = editor.browser.csrf("/admin/une").await;
    (
        server,
        Desk {
            store,
            editor,
            csrf,
        },
    )
}

async fn editors_place_move_and_remove_front_stories(site: Site) {
    let (server, d) = desk(&site).await;
    let b = &d.editor.browser;
    // An older story, one the front page does not show by itself.
    let shown = front_stories(&b.get("/").await);
    let older = d
        .published(None, 0, 100)
        .await
        .into_iter()
        .find(|c| !shown.contains(&c.path()))
        .expect("a story not on the front page");

    // Placed in the second slot: the front page shows it there, and only there.
    let page = d.place(older.id, "front:2").await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    let front = b
        .get_until("/", |p| in_slot(p, "2") == Some(older.path()))
        .await;
    assert_eq!(in_slot(&front, "2"), Some(older.path()));
    assert_eq!(
        front_stories(&front)
            .iter()
            .filter(|h| **h == older.path())
            .count(),
        1,
        "shown once"
    );
    // Five slots, no story twice at the top nor in the latest list.
    let top = top_of_front(&front);
    assert_eq!(
        top.iter().map(|(s, _)| s.as_str()).collect::<Vec<_>>(),
        ["1", "2", "3", "4", "5"]
    );
    let stories = front_stories(&front);
    let mut unique = stories.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), stories.len(), "no duplicates: {stories:?}");
    // The desk's page says so.
    let admin = b.get("/admin/une").await;
    let html = admin.html();
    let placed = select(
        &html,
        "li.compose-slot[data-slot=\"2\"].is-placed a.slot-title",
    );
    assert_eq!(
        placed.first().and_then(|a| a.value().attr("href")),
        Some(older.path().as_str())
    );
    drop(html);

    // Up: it leads; the story that led goes down to slot 2.
    let lead_before = in_slot(&front, "1").expect("a lead");
    let page = d.slot("front", "2", "up").await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    let front = b
        .get_until("/", |p| in_slot(p, "1") == Some(older.path()))
        .await;
    assert_eq!(in_slot(&front, "1"), Some(older.path()));
    assert_eq!(in_slot(&front, "2"), Some(lead_before.clone()));

    // Removed: the slot goes back to the newest story not shown elsewhere.
    let page = d.slot("front", "1", "remove").await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    let front = b
        .get_until("/", |p| in_slot(p, "1") != Some(older.path()))
        .await;
    assert!(!front_stories(&front).contains(&older.path()));
    let newest = d.published(None, 0, 2).await;
    let expected = newest
        .iter()
        .map(ArticleCard::path)
        .find(|p| *p != lead_before)
        .expect("a newest story");
    assert_eq!(in_slot(&front, "1"), Some(expected));
    assert_eq!(in_slot(&front, "2"), Some(lead_before));

    // Unpublished while placed: it drops out of its slot, which the newest fills.
    let page = d.place(older.id, "front:3").await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    b.get_until("/", |p| in_slot(p, "3") == Some(older.path()))
        .await;
    let page = b
        .post(
            &format!("/admin/articles/{}/statut", older.id),
            &[
                ("csrf", d.csrf.as_str()),
                ("action", "unpublish"),
                ("from", "published"),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    let front = b
        .get_until("/", |p| !front_stories(p).contains(&older.path()))
        .await;
    assert!(!front_stories(&front).contains(&older.path()));
    assert!(
        in_slot(&front, "3").is_some_and(|h| !h.is_empty()),
        "slot 3 is filled again"
    );
    let admin = b.get("/admin/une").await;
    assert_eq!(
        select(&admin.html(), "li.compose-slot[data-slot=\"3\"].is-placed").len(),
        0,
        "the desk sees slot 3 automatic again"
    );

    // An unpublished story, a story that does not exist, a slot that does not exist: refused
    // with the reason, nothing changes.
    let before = d.store.placed_stories(Place::Front).await.expect("slots");
    for (article, target, expected) in [
        (older.id, "front:4", "pas publié"),
        (ArticleId(999_999), "front:4", "Aucun article"),
        (newest[0].id, "front:9", "emplacement"),
    ] {
        let page = d.place(article, target).await;
        assert_eq!(page.status, 400, "{target}: {}", page.main_text());
        let html = page.html();
        let error = select(&html, ".form-error")
            .first()
            .map(|e| common::norm(&common::text(e)))
            .unwrap_or_default();
        assert!(error.contains(&common::norm(expected)), "{error}");
    }
    assert_eq!(
        d.store.placed_stories(Place::Front).await.expect("slots"),
        before
    );

    // A journalist: 403 on every form, and the store refuses them too.
    let journalist = server
        .staff(
            &site,
            "Jules",
            "jules@kiosque.test",
            &["--role", "journalist", "--section", "monde"],
        )
        .await;
    let jcsrf = journalist.browser.csrf("/admin").await;
    let story = newest[0].id.get().to_string();
    for (path, form) in [
        (
            "/admin/une",
            vec![("lead", story.as_str()), ("target", "front:2")],
        ),
        (
            "/admin/une/emplacements",
            vec![("place", "front"), ("slot", "2"), ("action", "remove")],
        ),
        (
            "/admin/une/blocs",
            vec![("section", "1"), ("direction", "up")],
        ),
    ] {
        let mut form = form;
        form.push(("csrf", jcsrf.as_str()));
        let page = journalist.browser.post(path, &form).await;
        assert_eq!(page.status, 403, "{path}");
    }
    assert_eq!(journalist.browser.get("/admin/une").await.status, 403);
    let jid = UserId(journalist.id().await);
    let refused = d
        .store
        .arrange_slot(jid, Place::Front, 2, SlotAction::Place(newest[0].id))
        .await;
    assert!(matches!(refused, Err(StoreError::Forbidden)), "{refused:?}");
    assert_eq!(
        d.store.placed_stories(Place::Front).await.expect("slots"),
        before
    );
}

async fn editors_compose_a_section_block_and_page(site: Site) {
    let (_server, d) = desk(&site).await;
    let b = &d.editor.browser;
    let monde = d
        .store
        .section_by_slug("monde")
        .await
        .expect("section")
        .expect("monde");
    // The section's page lists its compositions; an older "monde" story to place.
    let admin = b.get(&format!("/admin/une/rubrique/{}", monde.id)).await;
    assert_eq!(admin.status, 200, "{}", admin.main_text());
    let older = d.published(Some("monde"), 6, 1).await.remove(0);
    let block = format!("block-{}", monde.id);
    let section = format!("section-{}", monde.id);

    // First in the "monde" block of the front page.
    let page = d.place(older.id, &format!("{block}:1")).await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    assert_eq!(
        page.location.as_deref(),
        Some(format!("/admin/une/rubrique/{}?ok=place", monde.id).as_str())
    );
    let block_first = |p: &Page| {
        story_links(
            p,
            "section[aria-labelledby=\"rubrique-monde\"] article.card h3 a",
        )
        .first()
        .cloned()
    };
    let front = b
        .get_until("/", |p| block_first(p) == Some(older.path()))
        .await;
    assert_eq!(block_first(&front), Some(older.path()));

    // The lead of the section's own page.
    let other = d.published(Some("monde"), 7, 1).await.remove(0);
    let page = d.place(other.id, &format!("{section}:1")).await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    let lead = |p: &Page| story_links(p, "main article.lead h2 a").first().cloned();
    let list = b
        .get_until("/monde", |p| lead(p) == Some(other.path()))
        .await;
    assert_eq!(lead(&list), Some(other.path()));
    assert_eq!(
        story_links(&list, "main a")
            .iter()
            .filter(|h| **h == other.path())
            .count(),
        1,
        "not repeated in the list below"
    );

    // A story of another section is refused in the "monde" block.
    let elsewhere = d
        .published(None, 0, 40)
        .await
        .into_iter()
        .find(|c| c.section_slug != "monde")
        .expect("a story of another section");
    let page = d.place(elsewhere.id, &format!("{block}:2")).await;
    assert_eq!(page.status, 400, "{}", page.main_text());
    assert!(
        page.main_text().contains("rubrique"),
        "{}",
        page.main_text()
    );

    // Removing the section page's choice gives the page back its own lead.
    let page = d.slot(&section, "1", "remove").await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    let list = b
        .get_until("/monde", |p| lead(p) != Some(other.path()))
        .await;
    assert_ne!(lead(&list), Some(other.path()));

    // The blocks: the second one moves up, with a button.
    let blocks = |p: &Page| -> Vec<String> {
        let html = p.html();
        select(&html, "main section[aria-labelledby^=\"rubrique-\"]")
            .iter()
            .filter_map(|s| s.value().attr("aria-labelledby"))
            .map(str::to_owned)
            .collect()
    };
    let before = blocks(&b.get("/").await);
    assert!(before.len() >= 2, "{before:?}");
    let second = d
        .store
        .section_by_slug(before[1].trim_start_matches("rubrique-"))
        .await
        .expect("section")
        .expect("the second block's section");
    let page = b
        .post(
            "/admin/une/blocs",
            &[
                ("csrf", d.csrf.as_str()),
                ("section", &second.id.to_string()),
                ("direction", "up"),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    let front = b
        .get_until("/", |p| blocks(p).first() == before.get(1))
        .await;
    let after = blocks(&front);
    assert_eq!(after[0], before[1]);
    assert_eq!(after[1], before[0]);
}

both_backends!(
    editors_place_move_and_remove_front_stories,
    editors_compose_a_section_block_and_page,
);
