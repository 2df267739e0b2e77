//! `/direct`: the open live blogs, newest coverage first, then the recently closed ones.
//! Cached; it follows `Key::LiveBlogs` (opened, closed) and the listed articles.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use kiosque_domain::change::Key;
use kiosque_domain::dates;

use crate::cache::Deps;
use crate::pages::{render_page, Layout};
use crate::views::{self, CardView, Here};
use crate::{AppError, AppState};

/// Live blogs listed of each kind.
const LISTED: i64 = 30;

pub struct LiveCard {
    pub card: CardView,
    /// "12 posts · dernier à 14:32", "Terminé le …".
    pub line: String,
}

#[derive(Template)]
#[template(path = "site/direct.html")]
pub struct DirectPage {
    pub layout: Layout,
    pub open: Vec<LiveCard>,
    pub closed: Vec<LiveCard>,
}

pub async fn show(State(state): State<AppState>) -> Result<Response, AppError> {
    let listed = state.store().live_blogs(LISTED).await?;
    let mut deps = Deps::new([Key::Nav, Key::LiveBlogs]);
    let (mut open, mut closed) = (Vec::new(), Vec::new());
    for l in &listed {
        deps = deps
            .with(Key::Article(l.card.id))
            .with(Key::Live(l.card.id));
        let posts = crate::i18n::t1("live-index-posts", "count", l.posts);
        let line = match (l.blog.coverage_end, l.last_post_at) {
            (Some(end), _) => crate::i18n::t2(
                "live-index-ended",
                "posts",
                &posts,
                "date",
                &dates::date_time(end),
            ),
            (None, Some(last)) => crate::i18n::t2(
                "live-index-last",
                "posts",
                &posts,
                "date",
                &dates::date_time(last),
            ),
            (None, None) => posts,
        };
        let item = LiveCard {
            card: views::card(&l.card, None),
            line,
        };
        if l.blog.open {
            open.push(item);
        } else {
            closed.push(item);
        }
    }
    let layout = crate::layout::layout(
        &state,
        &crate::i18n::t("live-index-title"),
        Some(&crate::i18n::t("live-index-intro")),
        Some("/direct".to_owned()),
        Here::Elsewhere,
    )
    .await?;
    render_page(
        &DirectPage {
            layout,
            open,
            closed,
        },
        deps,
    )
}
