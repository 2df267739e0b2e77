//! A live blog's stream as an open page sees it, on both backends: a post edited or deleted in
//! the newsroom reaches the page in place (the edited post's new HTML, the deleted post named),
//! closing is announced, and a post written on one node reaches a reader of another node (same
//! database) within a second.

use std::time::{Duration, Instant};

use kiosque_test_utils::both_backends;
use kiosque_test_utils::live_blog::{demo_live_blog, edit_post, post, post_and_find};
use kiosque_test_utils::server::{select, Server, Site};

/// An open page's stream: the page's rev, then `GET /direct/{id}/flux?depuis={rev}`.
struct Stream {
    res: reqwest::Response,
    buf: String,
}

impl Stream {
    async fn open(server: &Server, id: i64, path: &str) -> Stream {
        let page = server.get(path).await;
        let html = page.html();
        let rev = select(&html, "[data-live]")
            .into_iter()
            .next()
            .and_then(|s| s.value().attr("data-rev").map(str::to_owned))
            .expect("the page's rev");
        let res = server
            .http
            .get(format!("{}/direct/{id}/flux?depuis={rev}", server.base))
            .send()
            .await
            .expect("stream");
        assert_eq!(res.status(), 200);
        Stream {
            res,
            buf: String::new(),
        }
    }

    /// The next `posts` event's data, within `limit`.
    async fn next_posts(&mut self, limit: Duration) -> serde_json::Value {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(end) = self.buf.find("\n\n") {
                let event: String = self.buf.drain(..end + 2).collect();
                if event.lines().any(|l| l == "event: posts") {
                    let data: String = event
                        .lines()
                        .filter_map(|l| l.strip_prefix("data:"))
                        .map(str::trim_start)
                        .collect::<Vec<_>>()
                        .join("\n");
                    return serde_json::from_str(&data)
                        .unwrap_or_else(|e| panic!("event data is JSON ({e}): {data}"));
                }
                continue;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            let chunk = tokio::time::timeout(left, self.res.chunk())
                .await
                .unwrap_or_else(|_| panic!("no posts event in time; got {:?}", self.buf))
                .expect("bytes")
                .expect("the stream stays open");
            self.buf.push_str(&String::from_utf8_lossy(&chunk));
        }
    }
}

fn post_of(event: &serde_json::Value, id: i64) -> Option<&serde_json::Value> {
    event["posts"]
        .as_array()?
        .iter()
        .find(|p| p["id"].as_i64() == Some(id))
}

async fn edits_deletions_and_closing_reach_an_open_page(site: Site) {
    let server = site.start_relaxed();
    let blog = demo_live_blog(&server).await;
    let editor = server
        .staff(
            &site,
            "Rédac Chef",
            "chef@kiosque.test",
            &["--role", "editor"],
        )
        .await;
    let mut stream = Stream::open(&server, blog.id, &blog.path).await;

    let id = post_and_find(&editor, blog.id, "Premier bilan", "Deux blessés légers.").await;
    let new = stream.next_posts(Duration::from_secs(2)).await;
    let p = post_of(&new, id).unwrap_or_else(|| panic!("the new post: {new}"));
    assert!(p["html"]
        .as_str()
        .unwrap_or("")
        .contains("Deux blessés légers"));

    // Edited: the same post again, with its new text and a newer rev.
    let edit = format!("/admin/direct/posts/{id}");
    let saved = edit_post(
        &editor,
        id,
        "Premier bilan officiel",
        "Trois blessés légers, selon la préfecture.",
        true,
    )
    .await;
    assert_eq!(saved.status, 303, "{}", saved.main_text());
    let edited = stream.next_posts(Duration::from_secs(2)).await;
    let p = post_of(&edited, id).unwrap_or_else(|| panic!("the edited post: {edited}"));
    let html = p["html"].as_str().unwrap_or("");
    assert!(html.contains("Trois blessés légers"), "{html}");
    assert!(!html.contains("Deux blessés"), "{html}");
    assert!(p["rev"].as_i64() > post_of(&new, id).and_then(|p| p["rev"].as_i64()));
    assert!(
        edited["essentials"]
            .as_str()
            .unwrap_or("")
            .contains("Premier bilan officiel"),
        "now a key point: {edited}"
    );

    // Deleted: named, without HTML, and gone from the key points.
    let csrf = editor.browser.csrf(&edit).await;
    let deleted = editor
        .browser
        .post(&format!("{edit}/supprimer"), &[("csrf", csrf.as_str())])
        .await;
    assert_eq!(deleted.status, 303);
    let gone = stream.next_posts(Duration::from_secs(2)).await;
    let p = post_of(&gone, id).unwrap_or_else(|| panic!("the deleted post: {gone}"));
    assert_eq!(p["deleted"], true, "{gone}");
    assert!(p.get("html").is_none(), "{gone}");
    assert!(!gone["essentials"]
        .as_str()
        .unwrap_or("")
        .contains("Premier bilan officiel"));

    // Closed: the page is told, in the site's words.
    let desk = format!("/admin/articles/{}/direct", blog.id);
    let csrf = editor.browser.csrf(&desk).await;
    let closed = editor
        .browser
        .post(&format!("{desk}/fermer"), &[("csrf", csrf.as_str())])
        .await;
    assert_eq!(closed.status, 303, "{}", closed.main_text());
    let end = stream.next_posts(Duration::from_secs(2)).await;
    assert!(
        end["closed"].as_str().unwrap_or("").contains("terminé"),
        "{end}"
    );
}

async fn a_post_on_one_node_reaches_a_reader_of_the_other_within_a_second(site: Site) {
    let a = site.start_relaxed();
    let blog = demo_live_blog(&a).await;
    let other = Site {
        dir: tempfile::tempdir().expect("temp dir"),
        database_url: Some(site.store_url()),
    };
    let b = other.start_with(&["--no-demo", "--rate-limit-factor", "1000"]);
    let mut stream = Stream::open(&b, blog.id, &blog.path).await;
    let journalist = a
        .staff(
            &site,
            "Léa Direct",
            "lea@kiosque.test",
            &["--role", "journalist", "--section", "france"],
        )
        .await;
    let sent = Instant::now();
    let posted = post(
        &journalist,
        blog.id,
        "Routes coupées",
        "La D177 est fermée.",
        &[],
    )
    .await;
    assert_eq!(posted.status, 303);
    let event = stream.next_posts(Duration::from_secs(1)).await;
    assert!(
        sent.elapsed() < Duration::from_secs(1),
        "B's reader waited {:?}",
        sent.elapsed()
    );
    let html = event["posts"][0]["html"].as_str().unwrap_or("");
    assert!(html.contains("La D177 est fermée"), "{event}");
}

both_backends!(
    edits_deletions_and_closing_reach_an_open_page,
    a_post_on_one_node_reaches_a_reader_of_the_other_within_a_second,
);
