//! The comment thread under an article, rendered apart from the article as a piece of its
//! cached page (`cache/fragment.rs`): a new comment re-renders this, never the article.

use askama::Template;
use axum::response::{IntoResponse, Response};
use kiosque_domain::change::Key;
use kiosque_domain::ArticleId;

use crate::cache::{Fragment, FragmentRenderer};
use crate::pages::ThreadSection;
use crate::views;
use crate::{AppError, AppState};

/// Top-level comments per page of a long thread (each with its replies).
pub const COMMENTS_PER_PAGE: i64 = 50;

/// The thread as the page cache's renderer of pieces: the marker `thread {article} {page}`.
pub struct Thread(pub AppState);

impl FragmentRenderer for Thread {
    fn render<'a>(
        &'a self,
        kind: &'a str,
        args: &'a str,
        path: &'a str,
    ) -> futures_util::future::BoxFuture<'a, Result<Fragment, Response>> {
        Box::pin(async move {
            match kind {
                "thread" => thread(&self.0, args, path)
                    .await
                    .map_err(IntoResponse::into_response),
                _ => {
                    tracing::error!(kind, "a page asked for a piece nobody renders");
                    Err(AppError::Internal("unknown page piece".into()).into_response())
                }
            }
        })
    }
}

/// One page of the thread of the article at `path` (its canonical path: the article's handler
/// answered for it); a page past the last is a 404.
async fn thread(state: &AppState, args: &str, path: &str) -> Result<Fragment, AppError> {
    let (id, page) = parse(args).ok_or(AppError::NotFound)?;
    let thread = state
        .store()
        .article_comments_page(id, (page - 1) * COMMENTS_PER_PAGE, COMMENTS_PER_PAGE)
        .await?;
    if page > 1 && thread.comments.is_empty() {
        return Err(AppError::NotFound);
    }
    let section = ThreadSection {
        article_id: id,
        comments: views::thread(&thread.comments),
        comment_count: thread.published,
        comment_pages: views::Pagination::new(path, page, thread.top_level, COMMENTS_PER_PAGE),
        last_comment_id: thread.last_id,
        rendered_at: chrono::Utc::now().timestamp_millis(),
    };
    Ok(Fragment {
        html: section.render()?,
        deps: vec![Key::Comments(id)],
    })
}

/// `42 3`: the article and the page of its thread.
fn parse(args: &str) -> Option<(ArticleId, i64)> {
    let (id, page) = args.split_once(' ')?;
    let page: i64 = page.parse().ok().filter(|p| *p >= 1)?;
    Some((ArticleId(id.parse().ok()?), page))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_marker_names_an_article_and_a_page() {
        assert_eq!(parse("42 3"), Some((ArticleId(42), 3)));
        for bad in ["42", "42 0", "x 1", "42 -1", "42 1 2", ""] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
