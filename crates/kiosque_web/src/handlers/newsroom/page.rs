//! The back office's page skeleton, written once: every admin page is the site's layout with
//! no section of the public site highlighted, rendered and sent as a personal page (it holds
//! the member's CSRF token, so no cache may keep it).

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::CookieJar;

use crate::layout::layout;
use crate::pages::Layout;
use crate::respond::personal;
use crate::views::Here;
use crate::{AppError, AppState};

/// A back-office page: `build` wraps the layout titled `title` in the page's template, which
/// is rendered and answered with `status`.
pub(crate) async fn admin_page<T: Template>(
    state: &AppState,
    title: &str,
    status: StatusCode,
    jar: CookieJar,
    build: impl FnOnce(Layout) -> T,
) -> Result<Response, AppError> {
    let page = build(layout(state, title, None, None, Here::Elsewhere).await?);
    Ok(personal(status, jar, page.render()?))
}
