//! Live blogs ("En direct"): the rules of a post (its title, its body in the editor's syntax,
//! its flags), who may write on a live blog, and how a post's time is shown. The store keeps
//! them; the web layer shows them and streams them to open pages.

use crate::account::Role;
use crate::markup::{self, MarkupError};
use crate::newsroom::Actor;
use crate::{Block, SectionId};

/// Longest post title, in characters: a live post's title is one line on a phone.
pub const MAX_TITLE: usize = 160;
/// Longest post body, in characters of the editor's text: a post is short; a long text is an
/// article.
pub const MAX_BODY: usize = 20_000;

/// What is wrong with a post, or with writing it now.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LiveError {
    #[error("post title is empty")]
    EmptyTitle,
    #[error("post title is too long")]
    LongTitle,
    #[error("post body is empty")]
    EmptyBody,
    #[error("post body is too long")]
    LongBody,
    #[error("post body: {0}")]
    Markup(MarkupError),
    /// The live blog is closed: nothing more is posted on it.
    #[error("the live blog is closed")]
    Closed,
    /// The article is not a live blog.
    #[error("the article is not a live blog")]
    NotLive,
}

impl LiveError {
    /// The form field the error belongs to (`None`: the whole form).
    pub fn field(&self) -> Option<&'static str> {
        match self {
            LiveError::EmptyTitle | LiveError::LongTitle => Some("title"),
            LiveError::EmptyBody | LiveError::LongBody | LiveError::Markup(_) => Some("body"),
            LiveError::Closed | LiveError::NotLive => None,
        }
    }

    /// A stable code for programs (the API).
    pub fn code(&self) -> &'static str {
        match self {
            LiveError::EmptyTitle => "live.title_empty",
            LiveError::LongTitle => "live.title_too_long",
            LiveError::EmptyBody => "live.body_empty",
            LiveError::LongBody => "live.body_too_long",
            LiveError::Markup(_) => "live.body_markup",
            LiveError::Closed => "live.closed",
            LiveError::NotLive => "live.not_live",
        }
    }

    /// The message in the site's language.
    pub fn message(&self) -> String {
        use kiosque_i18n::{t, t1};
        match self {
            LiveError::EmptyTitle => t("live-err-title-empty"),
            LiveError::LongTitle => t1("live-err-title-long", "max", MAX_TITLE as i64),
            LiveError::EmptyBody => t("live-err-body-empty"),
            LiveError::LongBody => t1("live-err-body-long", "max", MAX_BODY as i64),
            LiveError::Markup(e) => e.to_string(),
            LiveError::Closed => t("live-err-closed"),
            LiveError::NotLive => t("live-err-not-live"),
        }
    }
}

/// A post as written, checked: the title trimmed, the body read by the editor's parser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostDraft {
    pub title: String,
    pub body: Vec<Block>,
    /// Highlighted in the stream.
    pub important: bool,
    /// Listed in "L'essentiel" at the top of the page.
    pub key_point: bool,
}

impl PostDraft {
    /// Checks what a journalist typed. Every error found, title first.
    pub fn new(
        title: &str,
        body: &str,
        important: bool,
        key_point: bool,
    ) -> Result<Self, Vec<LiveError>> {
        let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut errors = Vec::new();
        if title.is_empty() {
            errors.push(LiveError::EmptyTitle);
        } else if title.chars().count() > MAX_TITLE {
            errors.push(LiveError::LongTitle);
        }
        // The editor's text arrives with the browser's line ends.
        let body = body.replace("\r\n", "\n");
        let mut blocks = Vec::new();
        if body.trim().is_empty() {
            errors.push(LiveError::EmptyBody);
        } else if body.chars().count() > MAX_BODY {
            errors.push(LiveError::LongBody);
        } else {
            match markup::parse(&body) {
                Ok(b) if b.is_empty() => errors.push(LiveError::EmptyBody),
                Ok(b) => blocks = b,
                Err(e) => errors.push(LiveError::Markup(e)),
            }
        }
        if errors.is_empty() {
            Ok(PostDraft {
                title,
                body: blocks,
                important,
                key_point,
            })
        } else {
            Err(errors)
        }
    }
}

/// Whether this person may write on a live blog of `section` (post, edit, delete, open, close):
/// editors and admins on every live blog; journalists on those of the sections where they may
/// publish, since a post goes online at once. Contributors never do.
pub fn may_write(actor: &Actor, section: SectionId) -> bool {
    if actor.roles.has(Role::Editor) || actor.roles.has(Role::Admin) {
        return true;
    }
    actor.roles.has(Role::Journalist) && actor.publish_sections.contains(&section)
}

/// The time shown on a post: "14:32" on the day the coverage started, "3 décembre, 14:32"
/// ("3 December, 14:32") once the day changed (Paris time). It depends on the post and the
/// live blog alone, never on the moment of reading, so cached pages and streamed posts agree.
pub fn time_label(at: i64, coverage_start: i64) -> String {
    let time = crate::dates::paris_time(at);
    if crate::dates::same_paris_day(at, coverage_start) {
        time
    } else {
        let (day, month) = crate::dates::paris_day_and_month(at);
        kiosque_i18n::t3(
            "live-day-time",
            "day",
            i64::from(day),
            "month",
            &month,
            "time",
            &time,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::account::Roles;
    use crate::UserId;

    #[test]
    fn a_post_needs_a_title_and_a_body_in_the_editors_syntax() {
        let ok = PostDraft::new(
            "  Le  vent   forcit ",
            "Rafales à 120 km/h.\n\n> « Restez chez vous »",
            true,
            false,
        )
        .expect("valid");
        assert_eq!(ok.title, "Le vent forcit");
        assert_eq!(ok.body.len(), 2);
        assert!(ok.important && !ok.key_point);
        assert_eq!(
            PostDraft::new("", " \n", false, false).expect_err("empty post"),
            vec![LiveError::EmptyTitle, LiveError::EmptyBody]
        );
        let long = "x".repeat(MAX_TITLE + 1);
        assert_eq!(
            PostDraft::new(&long, "Texte", false, false).expect_err("long title"),
            vec![LiveError::LongTitle]
        );
        let errors = PostDraft::new("Titre", "::image javascript:alert(1)", false, false)
            .expect_err("bad markup");
        assert!(matches!(errors[0], LiveError::Markup(_)), "{errors:?}");
        assert_eq!(errors[0].field(), Some("body"));
        assert_eq!(LiveError::Closed.code(), "live.closed");
    }

    #[test]
    fn journalists_write_on_live_blogs_of_their_sections_only() {
        let actor = |role: Role, sections: &[i64]| Actor {
            user_id: UserId(3),
            roles: Roles::member().with(role),
            publish_sections: sections.iter().copied().map(SectionId).collect(),
        };
        assert!(may_write(&actor(Role::Editor, &[]), SectionId(1)));
        assert!(may_write(&actor(Role::Admin, &[]), SectionId(1)));
        assert!(may_write(&actor(Role::Journalist, &[1]), SectionId(1)));
        assert!(!may_write(&actor(Role::Journalist, &[2]), SectionId(1)));
        assert!(!may_write(&actor(Role::Contributor, &[1]), SectionId(1)));
    }

    #[test]
    fn the_date_shows_once_the_day_changed_in_paris() {
        // 2026-12-03 13:32 UTC is 14:32 in Paris; 23:30 UTC is already the 4th there.
        let start = 1_796_299_200_000; // 2026-12-03 12:00 UTC
        let same_day = start + 92 * 60_000;
        assert_eq!(time_label(same_day, start), "14:32");
        let next_day = start + (11 * 60 + 30) * 60_000;
        let label = time_label(next_day, start);
        assert!(label.ends_with("00:30") && label.len() > 5, "{label}");
    }
}
