//! Reader accounts ("my account", `/compte`): sign-up with e-mail verification, log-in and log-out,
//! forgotten password, profile changes, reply e-mails (and their one-click unsubscribe),
//! "my comments", data export and account deletion.
//!
//! No account enumeration: sign-up, log-in and reset answer the same whether the address is
//! known or not; what differs goes only to the address's owner, by e-mail.

pub mod badge;
pub mod newsletters;
pub mod notifications;
pub mod pages;
pub mod profile;
pub mod session;
pub mod signup;
mod start;

use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::CookieJar;

use crate::i18n::t1;
use crate::respond::personal;
use crate::{AppError, AppState};

/// Sends a mail through the durable mail queue: stored first, then tried at once; a failure
/// is logged and retried by the queue, and the page answers as usual, so that a broken mail
/// server does not reveal which addresses exist.
///
/// Over SMTP the message is queued and sent by a background task: the answer must not wait on a
/// mail server, and must take as long whether a message was sent or not (sign-up and password
/// reset would otherwise tell which addresses have an account by their response time).
pub async fn send_mail(state: &AppState, to: &str, subject: &str, text: &str) {
    let postman = state.postman().clone();
    let mail = kiosque_store::NewMail {
        to: to.to_owned(),
        subject: subject.to_owned(),
        text: text.to_owned(),
        ..Default::default()
    };
    let send = async move {
        if let Err(e) = postman.queue_and_send(&mail).await {
            tracing::error!(error = %e, mail.subject = %mail.subject, "mail not queued");
        }
    };
    if state.postman().is_remote() {
        tokio::spawn(send);
    } else {
        send.await;
    }
}

/// A page telling the reader what happened and where to go next.
pub async fn notice(
    state: &AppState,
    jar: CookieJar,
    status: StatusCode,
    heading: &str,
    paragraphs: Vec<String>,
    links: Vec<(String, String)>,
) -> Result<Response, AppError> {
    use askama::Template;
    let page = pages::NoticePage {
        layout: crate::layout::layout(
            state,
            &t1("site-title", "title", heading),
            None,
            None,
            crate::views::Here::Elsewhere,
        )
        .await?,
        heading: heading.to_owned(),
        paragraphs,
        links,
    };
    Ok(personal(status, jar, page.typeset().render()?))
}
