//! Readers of a site in any language: a member confirmed by following the link of their
//! sign-up mail whatever its wording (`Server::member` checks the French subject), comments
//! and replies posted from the article page, and mail awaited from the background sender.

use std::time::Duration;

use crate::browser::Member;
use crate::mail::Mail;
use crate::page::Page;
use crate::server::{Article, Server};

/// Follows the confirmation link of the newest mail to `email` that holds one, in a new
/// browser; returns the page the link leads to.
pub async fn follow_confirmation(server: &Server, email: &str) -> Page {
    let link = server
        .mails_to(email)
        .iter()
        .rev()
        .find_map(|m| m.link("/compte/verifier?jeton="))
        .unwrap_or_else(|| panic!("no confirmation link mailed to {email}"));
    server.browser().get(&link).await
}

/// A member who signed up, confirmed their address (whatever the site's language) and is
/// logged in.
pub async fn confirmed_member(server: &Server, name: &str, email: &str) -> Member {
    let member = server.unverified_member(name, email).await;
    let page = follow_confirmation(server, email).await;
    assert_eq!(page.status, 200, "confirmation of {email}: {}", page.body);
    member
}

/// Posts a comment, or a reply to `parent`, from the article page's token; returns its id.
pub async fn post_on_article(
    member: &Member,
    article: &Article,
    parent: Option<i64>,
    body: &str,
) -> i64 {
    let page = member.browser.get(&article.path).await;
    let csrf = page.csrf().expect("the article page has a form token");
    let article_id = article.id.to_string();
    let parent_id = parent.map(|p| p.to_string()).unwrap_or_default();
    let mut form = vec![
        ("csrf", csrf.as_str()),
        ("article_id", article_id.as_str()),
        ("body", body),
    ];
    if parent.is_some() {
        form.push(("parent_id", parent_id.as_str()));
    }
    let done = member.browser.post("/commentaires", &form).await;
    assert_eq!(done.status, 303, "comment refused: {}", done.main_text());
    let to = done.location.unwrap_or_default();
    to.rsplit_once("#commentaire-")
        .and_then(|(_, id)| id.parse().ok())
        .unwrap_or_else(|| panic!("no comment anchor in {to:?}"))
}

/// Waits (up to about 8 s) for a mail to `to` whose subject is `subject`; returns it.
pub async fn wait_for_mail(server: &Server, to: &str, subject: &str) -> Mail {
    for _ in 0..80 {
        if let Some(mail) = server
            .mails_to(to)
            .into_iter()
            .find(|m| m.subject == subject)
        {
            return mail;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "no mail {subject:?} to {to}; mails: {:?}",
        server.mails_to(to)
    )
}
