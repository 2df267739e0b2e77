//! Live blogs as tests read them: the demo's live blog from `/direct`, the desk's composer, and
//! what a live blog's page shows (its posts, its key points, its JSON-LD).

use crate::browser::Member;
use crate::page::{select, text, Page};
use crate::server::{Article, Server};

/// The demo's live blog, as `/direct` lists it.
pub async fn demo_live_blog(server: &Server) -> Article {
    let page = server.get("/direct").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let html = page.html();
    let path = select(&html, ".live-index .card h3 a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .find(|h| h.contains("tempete-ilona"))
        .expect("/direct lists the demo's live blog")
        .to_owned();
    let id = path
        .rsplit('_')
        .next()
        .and_then(|s| s.strip_suffix(".html"))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no id in {path}"));
    Article { path, id }
}

/// Sends the desk's composer.
pub async fn post(m: &Member, id: i64, title: &str, body: &str, flags: &[&str]) -> Page {
    let desk = format!("/admin/articles/{id}/direct");
    let csrf = m.browser.csrf(&desk).await;
    let mut form = vec![("csrf", csrf.as_str()), ("title", title), ("body", body)];
    for f in flags {
        form.push((f, "1"));
    }
    m.browser.post(&desk, &form).await
}

/// Sends the desk's composer (which must accept it) and answers the new post's id.
pub async fn post_and_find(m: &Member, id: i64, title: &str, body: &str) -> i64 {
    assert_eq!(post(m, id, title, body, &[]).await.status, 303);
    let desk = m.browser.get(&format!("/admin/articles/{id}/direct")).await;
    desk_posts(&desk)[0]
}

/// Saves post `post_id` from its edit page, as a key point or not.
pub async fn edit_post(m: &Member, post_id: i64, title: &str, body: &str, key_point: bool) -> Page {
    let edit = format!("/admin/direct/posts/{post_id}");
    let csrf = m.browser.csrf(&edit).await;
    let mut form = vec![("csrf", csrf.as_str()), ("title", title), ("body", body)];
    if key_point {
        form.push(("key_point", "1"));
    }
    m.browser.post(&edit, &form).await
}

/// The posts' titles on a page, top first.
pub fn titles(page: &Page) -> Vec<String> {
    let html = page.html();
    select(&html, ".live-posts .live-post-title")
        .iter()
        .map(text)
        .collect()
}

/// The key points' titles ("L'essentiel"), top first.
pub fn essentials(page: &Page) -> Vec<String> {
    let html = page.html();
    select(&html, ".live-essentials li a")
        .iter()
        .map(text)
        .collect()
}

/// The post ids of the desk, top first.
pub fn desk_posts(page: &Page) -> Vec<i64> {
    let html = page.html();
    select(&html, ".live-desk-post-actions a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .filter_map(|h| h.rsplit('/').next().and_then(|s| s.parse().ok()))
        .collect()
}

/// The page's JSON-LD.
pub fn json_ld(page: &Page) -> serde_json::Value {
    let html = page.html();
    let script = select(&html, "script[type=\"application/ld+json\"]")
        .into_iter()
        .next()
        .expect("a JSON-LD script");
    serde_json::from_str(&script.text().collect::<String>()).expect("JSON-LD parses")
}
