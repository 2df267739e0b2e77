//! The member's name in every page's header, in place of "Mon espace": filled into cached
//! pages by the page cache and into personal pages on the way out (`slots.rs`).

use askama::Template;
use axum::response::{IntoResponse, Response};
use futures_util::future::BoxFuture;

use crate::auth;
use crate::slots::Personal;
use crate::AppState;

#[derive(Template)]
#[template(path = "site/account_link.html")]
struct AccountLink<'a> {
    name: &'a str,
}

/// The header's account link, as the slots' filler.
pub struct AccountBadge(pub AppState);

impl crate::slots::AccountFiller for AccountBadge {
    fn fill<'a>(
        &'a self,
        personal: &'a Personal,
    ) -> BoxFuture<'a, Result<Option<String>, Response>> {
        Box::pin(async move {
            let session = auth::session_cached(&self.0, personal)
                .await
                .map_err(IntoResponse::into_response)?;
            match session {
                None => Ok(None),
                Some(s) => AccountLink {
                    name: &s.member.user.display_name,
                }
                .render()
                .map(Some)
                .map_err(|e| crate::AppError::from(e).into_response()),
            }
        })
    }
}
