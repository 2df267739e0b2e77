//! What the members' speed tests read: the database connections a route took (from the
//! node's `/metrics`), a page with its personal slots blanked out (to compare a member's bytes
//! with a visitor's), and a staff form sent with the session's token.

use std::time::{Duration, Instant};

use crate::browser::{Browser, Member};
use crate::page::Page;

/// `kiosque_http_db_acquires_total` for `route` on the node whose metrics are at `metrics_url`
/// (`http://…/metrics`): the connections requests to that route took. 0 before any.
pub async fn route_db_acquires(metrics_url: &str, route: &str) -> u64 {
    let text = reqwest::get(metrics_url)
        .await
        .unwrap_or_else(|e| panic!("GET {metrics_url}: {e}"))
        .text()
        .await
        .expect("metrics text");
    let series = format!("kiosque_http_db_acquires_total{{route=\"{route}\"}} ");
    text.lines()
        .find_map(|l| l.strip_prefix(series.as_str()))
        .map(|v| {
            v.trim()
                .parse::<f64>()
                .unwrap_or_else(|_| panic!("not a number: {v:?}")) as u64
        })
        .unwrap_or(0)
}

/// Replaces every `from … to` region (the first `to` after each `from`, both included) by
/// `[name]`.
fn blank(body: &str, from: &str, to: &str, name: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(start) = rest.find(from) {
        out.push_str(&rest[..start]);
        let after = &rest[start + from.len()..];
        let end = after
            .find(to)
            .unwrap_or_else(|| panic!("{from:?} without {to:?}"));
        out.push('[');
        out.push_str(name);
        out.push(']');
        rest = &after[end + to.len()..];
    }
    out.push_str(rest);
    out
}

/// An article page's body with its personal parts blanked: the header's account link (a
/// visitor's, markers included, or a member's), the comment area above the thread and the
/// actions under each comment. What remains is what every reader shares.
pub fn without_slots(body: &str) -> String {
    let body = blank(
        body,
        "<!--kiosque:slot account-->",
        "<!--/kiosque:slot account-->",
        "account",
    );
    let body = blank(&body, "<a class=\"account-link member\"", "</a>", "account");
    let body = blank(
        &body,
        "<div class=\"comment-slot\"",
        "<div class=\"comment-list\"",
        "area",
    );
    blank(
        &body,
        "<div class=\"comment-actions\">",
        "</div>",
        "actions",
    )
}

/// Sends a staff form (moderation, ban) at `path` with the session's token and these fields.
pub async fn staff_post(staff: &Member, path: &str, fields: &[(&str, &str)]) -> Page {
    let csrf = staff.csrf().await;
    let mut form = vec![("csrf", csrf.as_str())];
    form.extend_from_slice(fields);
    staff.browser.post(path, &form).await
}

/// GETs `path` until `done` holds, for at most `within`; the last page and the time it took.
pub async fn page_within(
    browser: &Browser,
    path: &str,
    within: Duration,
    done: impl Fn(&Page) -> bool,
) -> (Page, Duration) {
    let started = Instant::now();
    loop {
        let page = browser.get(path).await;
        if done(&page) || started.elapsed() >= within {
            return (page, started.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(40)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_blanked() {
        let visitor = "<h><!--kiosque:slot account--><a class=\"account-link\">x</a>\
                       <!--/kiosque:slot account--></h><div class=\"comment-slot\" id=\"ecrire\">\
                       <p>log in</p></div>\n<div class=\"comment-list\" data-comment-list>\
                       <div class=\"comment-actions\"><a>Reply</a></div></div>";
        let member = "<h><a class=\"account-link member\" href=\"/compte\"><span>Zoé</span></a>\
                      </h><div class=\"comment-slot\" id=\"ecrire\"><form></form></div>\n\
                      <div class=\"comment-list\" data-comment-list>\
                      <div class=\"comment-actions\"><details>…</details></div></div>";
        assert_eq!(without_slots(visitor), without_slots(member));
        assert_ne!(
            without_slots(visitor),
            without_slots(&member.replace("</h>", "</h>!"))
        );
    }
}
