//! The pages of the newsletters' public side: the subscription form, and the small pages of
//! the links in mail (confirm, unsubscribe) with their one button.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::CookieJar;
use kiosque_store::NewsletterRow;

use crate::i18n::t;
use crate::newsletters::names;
use crate::pages::Layout;
use crate::respond::personal;
use crate::views::Here;
use crate::{AppError, AppState};

/// A newsletter offered by a form.
pub struct Choice {
    pub name: String,
    pub title: String,
    pub blurb: String,
    pub checked: bool,
    /// Already confirmed (Mon espace) or waiting for its confirmation.
    pub state: Option<String>,
}

impl Choice {
    pub fn of(n: &NewsletterRow, checked: bool) -> Self {
        Choice {
            name: n.name.clone(),
            title: names::title(n),
            blurb: names::blurb(n),
            checked,
            state: None,
        }
    }
}

#[derive(Template)]
#[template(path = "site/newsletters.html")]
pub struct SubscribePage {
    pub layout: Layout,
    pub csrf: String,
    pub email: String,
    pub error: Option<String>,
    pub choices: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "site/newsletter_action.html")]
pub struct ActionPage {
    pub layout: Layout,
    pub heading: String,
    pub paragraphs: Vec<String>,
    /// Where the button posts, with its hidden fields; `None`: a page without a button.
    pub action: Option<String>,
    pub fields: Vec<(String, String)>,
    pub button: String,
    pub links: Vec<(String, String)>,
}

/// Renders a page of this area (never cached: it may hold a form token or an address).
pub async fn render<T: Template>(
    state: &AppState,
    jar: CookieJar,
    status: StatusCode,
    title: &str,
    build: impl FnOnce(Layout) -> T,
) -> Result<Response, AppError> {
    let layout = crate::layout::layout(
        state,
        &crate::i18n::t1("site-title", "title", title),
        None,
        None,
        Here::Elsewhere,
    )
    .await?;
    Ok(personal(status, jar, build(layout).render()?))
}

/// A page's one button: where it posts, its hidden fields, its label.
pub type Button = (String, Vec<(String, String)>, String);

/// A page saying what happened, with a button when `action` is given.
pub async fn action_page(
    state: &AppState,
    jar: CookieJar,
    status: StatusCode,
    heading: String,
    paragraphs: Vec<String>,
    action: Option<Button>,
) -> Result<Response, AppError> {
    let (action, fields, button) = match action {
        Some((a, f, b)) => (Some(a), f, b),
        None => (None, Vec::new(), String::new()),
    };
    let title = heading.clone();
    render(state, jar, status, &title, |layout| ActionPage {
        layout,
        heading,
        paragraphs,
        action,
        fields,
        button,
        links: vec![
            ("/lettres".to_owned(), t("nl-link-all")),
            ("/".to_owned(), t("nl-link-front")),
        ],
    })
    .await
}
