//! Reader accounts ("mon espace"): sign-up with e-mail verification, log-in and log-out,
//! forgotten password, profile changes, "my comments", data export and account deletion.
//!
//! No account enumeration: sign-up, log-in and reset answer the same whether the address is
//! known or not; what differs goes only to the address's owner, by e-mail.

pub mod pages;
pub mod profile;
pub mod session;
pub mod signup;

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;

use crate::auth::{MaybeMember, Member};
use crate::{AppError, AppState};

/// The client's address (for rate limits), from the connection.
pub struct ClientIp(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0.ip())
                .unwrap_or(IpAddr::from([0, 0, 0, 0])),
        ))
    }
}

/// A logged-in member, or a redirect to the log-in page that comes back here.
pub struct RequireMember(pub Member, pub CookieJar);

impl FromRequestParts<AppState> for RequireMember {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let maybe = MaybeMember::from_request_parts(parts, state).await?;
        match maybe.member {
            Some(m) => Ok(RequireMember(m, maybe.jar)),
            None => Err(AppError::LoginRequired(
                parts
                    .uri
                    .path_and_query()
                    .map(|p| p.as_str().to_owned())
                    .unwrap_or_else(|| "/".into()),
            )),
        }
    }
}

/// Percent-encodes a value for a query string.
pub fn encode_query(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Personal pages are never stored by a shared cache.
pub fn personal(status: StatusCode, jar: CookieJar, html: String) -> Response {
    let mut res = (status, jar, html).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// 303 to `to` after a form, with cookies.
pub fn see_other(jar: CookieJar, to: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        jar,
        [(header::LOCATION, to.to_owned())],
    )
        .into_response()
}

/// Sends a mail; a failure is logged and the page answers as usual (the user can ask again),
/// so that a broken mail server does not reveal which addresses exist.
///
/// Over SMTP the message is sent by a background task: the answer must not wait on a mail
/// server, and must take as long whether a message was sent or not (sign-up and password
/// reset would otherwise tell which addresses have an account by their response time).
pub async fn send_mail(state: &AppState, to: &str, subject: &str, text: &str) {
    let mailer = state.config().mailer.clone();
    let (to, subject, text) = (to.to_owned(), subject.to_owned(), text.to_owned());
    let send = async move {
        if let Err(e) = mailer.send(&to, &subject, &text).await {
            tracing::error!(error = %e, mail.subject = %subject, "mail not sent");
        }
    };
    if state.config().mailer.is_remote() {
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
        layout: crate::handlers::site::layout(
            state,
            &format!("{heading} — Kiosque"),
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

#[cfg(test)]
mod tests {
    #[test]
    fn query_values_are_encoded() {
        assert_eq!(
            super::encode_query("/monde/a_1.html?page=2#c"),
            "/monde/a_1.html%3Fpage%3D2%23c"
        );
    }
}
