//! The back office's own frame and dashboard, on both backends: the header names who is logged
//! in with their role and logs them out; `/admin` shows each staff member their own drafts,
//! what waits for review (to those who publish), what is scheduled, and the comments waiting
//! for a moderator.

use kiosque_test_utils::both_backends;
use kiosque_test_utils::server as common;

use common::{norm, select, text, Member, Page, Site};
use kiosque_domain::{markup, ArticleDraft, ArticleId, ArticleStatus, CommentMode, UserId};
use kiosque_store::Store;

/// The text of the first element matching `css` in the page.
fn first_text(page: &Page, css: &str) -> String {
    let html = page.html();
    select(&html, css)
        .first()
        .map(|e| norm(&text(e)))
        .unwrap_or_else(|| panic!("nothing matches {css} in: {}", page.body))
}

/// The editor links listed under the dashboard panel headed `heading`; `None` when the page
/// has no such panel.
fn panel(page: &Page, heading: &str) -> Option<Vec<String>> {
    let html = page.html();
    let found = select(&html, "section.dash-panel").into_iter().find(|s| {
        s.select(&scraper::Selector::parse("h2").expect("selector"))
            .next()
            .is_some_and(|h| norm(&text(&h)) == heading)
    })?;
    Some(
        found
            .select(&scraper::Selector::parse("li a[href]").expect("selector"))
            .filter_map(|a| a.value().attr("href"))
            .map(str::to_owned)
            .collect(),
    )
}

fn editor_link(id: ArticleId) -> String {
    format!("/admin/articles/{id}")
}

/// An article `by` wrote in `monde`, brought to `status` the way the workflow would (the store
/// checks each step's starting point).
async fn article_in(store: &Store, by: &Member, title: &str, status: ArticleStatus) -> ArticleId {
    let body = markup::parse("Un paragraphe pour le tableau de bord.").expect("body");
    let draft = ArticleDraft {
        source_key: None,
        section: "monde".into(),
        title: title.into(),
        standfirst: None,
        hero: None,
        hero_video: None,
        body,
        tags: vec![],
        authors: vec![by.name.clone()],
        status: ArticleStatus::Draft,
        published_at: None,
        published_time_known: true,
        updated_at: None,
        comment_mode: CommentMode::Open,
        slug: None,
        seo_title: None,
        seo_description: None,
    };
    let id = store
        .create_article(&draft, UserId(by.id().await))
        .await
        .expect("draft")
        .id;
    let tomorrow = chrono::Utc::now().timestamp_millis() + 86_400_000;
    let steps: &[(ArticleStatus, ArticleStatus, Option<i64>)] = match status {
        ArticleStatus::Draft => &[],
        ArticleStatus::InReview => &[(ArticleStatus::Draft, ArticleStatus::InReview, None)],
        ArticleStatus::Scheduled => &[
            (ArticleStatus::Draft, ArticleStatus::InReview, None),
            (
                ArticleStatus::InReview,
                ArticleStatus::Scheduled,
                Some(tomorrow),
            ),
        ],
        other => panic!("no test path to {other:?}"),
    };
    for (from, to, at) in steps {
        store
            .change_status(id, *from, *to, *at)
            .await
            .expect("status");
    }
    id
}

async fn the_header_names_the_member_and_logs_out(site: Site) {
    let server = site.start_relaxed();
    let lea = server
        .staff(
            &site,
            "Léa Reporter",
            "lea@kiosque.test",
            &["--role", "journalist", "--section", "monde"],
        )
        .await;
    for path in ["/admin", "/admin/articles", "/admin/medias"] {
        let page = lea.browser.get(path).await;
        assert_eq!(page.status, 200, "{path}: {}", page.main_text());
        assert_eq!(
            first_text(&page, "header.admin-header .admin-name"),
            "Léa Reporter",
            "{path}"
        );
        assert_eq!(
            first_text(&page, "header.admin-header .admin-role"),
            "Journaliste",
            "{path}"
        );
        let html = page.html();
        assert!(
            select(&html, "header.site-header").is_empty(),
            "{path} wears the public site's header"
        );
        assert!(
            !select(
                &html,
                "header.admin-header nav.admin-nav a[href='/admin/articles']"
            )
            .is_empty(),
            "{path}: the newsroom's menu is in the header"
        );
        assert!(
            !select(&html, "header.admin-header a.brand[href='/']").is_empty(),
            "{path}: the site's name leads back to the public site"
        );
    }
    // An admin's header says so.
    let admin = server
        .staff(&site, "Ada Admin", "ada@kiosque.test", &["--admin"])
        .await;
    let page = admin.browser.get("/admin/articles").await;
    assert_eq!(first_text(&page, ".admin-role"), "Administrateur");

    // The header's log-out form ends the session: the back office then asks to log in.
    let page = lea.browser.get("/admin/articles").await;
    let html = page.html();
    let form = select(&html, "header.admin-header form.admin-logout");
    let form = form.first().expect("a log-out form in the header");
    assert_eq!(form.value().attr("method"), Some("post"));
    let action = form.value().attr("action").expect("action");
    let csrf = form
        .select(&scraper::Selector::parse("input[name=csrf]").expect("selector"))
        .next()
        .and_then(|i| i.value().attr("value"))
        .expect("the form carries the session's CSRF token")
        .to_owned();
    assert!(!csrf.is_empty());
    // Without the token, nothing happens.
    let refused = lea.browser.post(action, &[("csrf", "faux")]).await;
    assert_ne!(refused.status, 303, "log-out without the CSRF token");
    assert_eq!(lea.browser.get("/admin").await.status, 200);
    let out = lea.browser.post(action, &[("csrf", csrf.as_str())]).await;
    assert_eq!(out.status, 303, "{}", out.main_text());
    let after = lea.browser.get("/admin").await;
    assert_eq!(after.status, 303);
    assert!(
        after
            .location
            .as_deref()
            .is_some_and(|l| l.starts_with("/compte/connexion")),
        "{:?}",
        after.location
    );
}

async fn the_dashboard_lists_each_persons_work(site: Site) {
    let server = site.start_relaxed();
    let journalist = ["--role", "journalist", "--section", "monde"];
    let lea = server
        .staff(&site, "Léa Reporter", "lea@kiosque.test", &journalist)
        .await;
    let marc = server
        .staff(&site, "Marc Pigiste", "marc@kiosque.test", &journalist)
        .await;
    let eve = server
        .staff(
            &site,
            "Ève Éditrice",
            "eve@kiosque.test",
            &["--role", "editor"],
        )
        .await;
    let mo = server
        .staff(
            &site,
            "Mo Dérateur",
            "mo@kiosque.test",
            &["--role", "moderator"],
        )
        .await;
    let reader = server.member("Lou Lectrice", "lou@kiosque.test").await;

    let store = Store::open(&site.store_url()).await.expect("store");
    let lea_draft = article_in(&store, &lea, "Le brouillon de Léa", ArticleStatus::Draft).await;
    let marc_draft = article_in(&store, &marc, "Le brouillon de Marc", ArticleStatus::Draft).await;
    let in_review = article_in(&store, &marc, "Le papier à relire", ArticleStatus::InReview).await;
    let scheduled = article_in(
        &store,
        &lea,
        "Le papier de demain",
        ArticleStatus::Scheduled,
    )
    .await;
    let article = common::fixture_article(&server).await;
    store
        .post_comment(
            ArticleId(article.id),
            UserId(reader.id().await),
            None,
            "Un commentaire qui attend son modérateur.",
            kiosque_domain::comment::CommentStatus::Pending,
        )
        .await
        .expect("comment");
    store.close().await;

    // A journalist sees their own draft and scheduled article, not a colleague's draft.
    let page = lea.browser.get("/admin").await;
    assert_eq!(page.status, 200, "{}", page.main_text());
    let drafts = panel(&page, "Mes brouillons").expect("a drafts panel");
    assert!(drafts.contains(&editor_link(lea_draft)), "{drafts:?}");
    assert!(!drafts.contains(&editor_link(marc_draft)), "{drafts:?}");
    let planned = panel(&page, "Programmés").expect("a scheduled panel");
    assert!(planned.contains(&editor_link(scheduled)), "{planned:?}");
    assert!(panel(&page, "Publiés récemment").is_some());
    assert!(
        select(&page.html(), ".dash-count").is_empty(),
        "a journalist does not moderate"
    );
    // Their list of drafts leads to their drafts only.
    let marcs = panel(&marc.browser.get("/admin").await, "Mes brouillons").expect("drafts");
    assert!(marcs.contains(&editor_link(marc_draft)) && !marcs.contains(&editor_link(lea_draft)));

    // An editor sees what waits for review and everything scheduled, with links that open.
    let page = eve.browser.get("/admin").await;
    assert_eq!(page.status, 200, "{}", page.main_text());
    let review = panel(&page, "En attente de relecture").expect("a review panel");
    assert!(review.contains(&editor_link(in_review)), "{review:?}");
    let planned = panel(&page, "Programmés").expect("a scheduled panel");
    assert!(planned.contains(&editor_link(scheduled)), "{planned:?}");
    let published = panel(&page, "Publiés récemment").expect("a published panel");
    assert!(!published.is_empty(), "the demo's articles were published");
    assert_eq!(eve.browser.get(&editor_link(in_review)).await.status, 200);

    // A moderator sees the count of comments waiting, with the way to the queue.
    let page = mo.browser.get("/admin").await;
    assert_eq!(page.status, 200, "{}", page.main_text());
    assert_eq!(
        first_text(&page, ".dash-count a[href='/admin/moderation']"),
        "1 commentaire attend une décision"
    );
    assert!(
        panel(&page, "Mes brouillons").is_none(),
        "a moderator writes nothing"
    );

    // A reader has no back office.
    assert_eq!(reader.browser.get("/admin").await.status, 403);
}

both_backends!(
    the_header_names_the_member_and_logs_out,
    the_dashboard_lists_each_persons_work
);
