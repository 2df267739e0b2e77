//! Comments: what a valid comment is, how its text is shown, who may do what with it and when.
//!
//! A comment body is plain text. It is never rendered as HTML: it is split into paragraphs and
//! runs of text and links ([`render`]), and the template escapes every run.

use std::fmt;
use std::sync::OnceLock;

use thiserror::Error;

use crate::CommentMode;

pub const MIN_COMMENT_CHARS: usize = 2;
pub const MAX_COMMENT_CHARS: usize = 3_000;
/// More links than this and the comment is refused: long lists of links are spam.
pub const MAX_LINKS: usize = 2;
/// A member may edit their comment for this long after posting (configurable per site).
pub const DEFAULT_EDIT_WINDOW_MS: i64 = 15 * 60 * 1000;
/// Reports from this many members hide a comment until a moderator reviews it.
pub const DEFAULT_REPORT_THRESHOLD: i64 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentStatus {
    Published,
    /// Held for review: pre-moderated article, banned word.
    Pending,
    Rejected,
    /// Deleted by its author.
    Deleted,
    /// Removed by a moderator, with a statement of reasons.
    Removed,
    /// Reported by several members; hidden until reviewed.
    Hidden,
}

impl CommentStatus {
    /// Every status, in the order of their declaration.
    pub const ALL: [CommentStatus; 6] = [
        Self::Published,
        Self::Pending,
        Self::Rejected,
        Self::Deleted,
        Self::Removed,
        Self::Hidden,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Published => "published",
            Self::Pending => "pending",
            Self::Rejected => "rejected",
            Self::Deleted => "deleted",
            Self::Removed => "removed",
            Self::Hidden => "hidden",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "published" => Self::Published,
            "pending" => Self::Pending,
            "rejected" => Self::Rejected,
            "deleted" => Self::Deleted,
            "removed" => Self::Removed,
            "hidden" => Self::Hidden,
            _ => return None,
        })
    }

    /// The label shown to the author and to moderators, in the site's language.
    pub fn label(self) -> &'static str {
        // The site's language is installed once, at start, before anything is shown: labels
        // are worded once and kept, so callers hold them like the constants they were.
        static LABELS: OnceLock<[String; 6]> = OnceLock::new();
        &LABELS.get_or_init(|| Self::ALL.map(Self::word))[self as usize]
    }

    fn word(self) -> String {
        match self {
            Self::Published => kiosque_i18n::t("cm-status-published"),
            Self::Pending => kiosque_i18n::t("cm-status-pending"),
            Self::Rejected => kiosque_i18n::t("cm-status-rejected"),
            Self::Deleted => kiosque_i18n::t("cm-status-deleted"),
            Self::Removed => kiosque_i18n::t("cm-status-removed"),
            Self::Hidden => kiosque_i18n::t("cm-status-hidden"),
        }
    }
}

/// Why a member reports a comment (EU Digital Services Act: illegal content among them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportReason {
    Spam,
    Abuse,
    OffTopic,
    Illegal,
}

impl ReportReason {
    pub const ALL: [ReportReason; 4] = [Self::Spam, Self::Abuse, Self::OffTopic, Self::Illegal];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Spam => "spam",
            Self::Abuse => "abuse",
            Self::OffTopic => "off_topic",
            Self::Illegal => "illegal",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The label shown in the report form and to moderators, in the site's language.
    pub fn label(self) -> &'static str {
        // Worded once and kept: see `CommentStatus::label`.
        static LABELS: OnceLock<[String; 4]> = OnceLock::new();
        &LABELS.get_or_init(|| Self::ALL.map(Self::word))[self as usize]
    }

    fn word(self) -> String {
        match self {
            Self::Spam => kiosque_i18n::t("cm-reason-spam"),
            Self::Abuse => kiosque_i18n::t("cm-reason-abuse"),
            Self::OffTopic => kiosque_i18n::t("cm-reason-off-topic"),
            Self::Illegal => kiosque_i18n::t("cm-reason-illegal"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CommentError {
    Empty,
    TooShort,
    TooLong,
    TooManyLinks,
    Closed,
    ReplyToReply,
    EditWindowOver,
    NotYours,
    Banned,
    Unverified,
    UnknownParent,
    ParentNotPublished,
}

/// What the member reads, in the site's language.
impl fmt::Display for CommentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use kiosque_i18n::{t, t1};
        let message = match self {
            CommentError::Empty => t("cm-err-empty"),
            CommentError::TooShort => t1("cm-err-too-short", "min", MIN_COMMENT_CHARS),
            CommentError::TooLong => t1("cm-err-too-long", "max", MAX_COMMENT_CHARS),
            CommentError::TooManyLinks => t1("cm-err-too-many-links", "max", MAX_LINKS),
            CommentError::Closed => t("cm-closed"),
            CommentError::ReplyToReply => t("cm-err-reply-to-reply"),
            CommentError::EditWindowOver => t("cm-err-edit-window-over"),
            CommentError::NotYours => t("cm-err-not-yours"),
            CommentError::Banned => t("cm-banned"),
            CommentError::Unverified => t("cm-err-unverified"),
            CommentError::UnknownParent => t("cm-err-unknown-comment"),
            CommentError::ParentNotPublished => t("cm-err-parent-not-published"),
        };
        f.write_str(&message)
    }
}

impl CommentError {
    /// A stable code for programs (the site's scripts, the API, logs).
    pub fn code(&self) -> &'static str {
        match self {
            CommentError::Empty => "comment.empty",
            CommentError::TooShort => "comment.too_short",
            CommentError::TooLong => "comment.too_long",
            CommentError::TooManyLinks => "comment.too_many_links",
            CommentError::Closed => "comment.closed",
            CommentError::ReplyToReply => "comment.reply_to_reply",
            CommentError::EditWindowOver => "comment.edit_window_over",
            CommentError::NotYours => "comment.not_yours",
            CommentError::Banned => "comment.banned",
            CommentError::Unverified => "comment.unverified",
            CommentError::UnknownParent => "comment.unknown_parent",
            CommentError::ParentNotPublished => "comment.parent_not_published",
        }
    }
}

/// Trims and checks a comment body. Returns the text to store.
pub fn validate_body(raw: &str) -> Result<String, CommentError> {
    // Normalise line ends and strip control characters other than newlines.
    let text: String = raw
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| *c == '\n' || !c.is_control())
        .collect();
    let text = text.trim().to_owned();
    let n = text.chars().count();
    if n == 0 {
        return Err(CommentError::Empty);
    }
    if n < MIN_COMMENT_CHARS {
        return Err(CommentError::TooShort);
    }
    if n > MAX_COMMENT_CHARS {
        return Err(CommentError::TooLong);
    }
    if count_links(&text) > MAX_LINKS {
        return Err(CommentError::TooManyLinks);
    }
    Ok(text)
}

/// Whether a body contains a banned word (case- and accent-insensitive, whole words): such a
/// comment is held for review rather than refused, so that a moderator decides.
pub fn has_banned_word(body: &str, banned: &[String]) -> bool {
    if banned.is_empty() {
        return false;
    }
    let words: Vec<String> = body
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(fold)
        .collect();
    banned
        .iter()
        .map(|b| fold(b.trim()))
        .any(|b| !b.is_empty() && words.contains(&b))
}

fn fold(word: &str) -> String {
    crate::slug::slugify(word)
}

/// The effective comment mode of an article: the article's own, unless its section closes
/// comments after an age and that age is past.
pub fn effective_mode(
    article_mode: CommentMode,
    published_at: Option<i64>,
    close_after_days: Option<i64>,
    now_ms: i64,
) -> CommentMode {
    match (close_after_days, published_at) {
        (Some(days), Some(published)) if now_ms > published + days * 86_400_000 => {
            CommentMode::Closed
        }
        _ => article_mode,
    }
}

/// Whether the author may still edit a comment posted at `created_at`.
pub fn can_edit(created_at: i64, now_ms: i64, window_ms: i64) -> bool {
    now_ms - created_at <= window_ms
}

/// What the posting rule needs to know of a member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    pub verified: bool,
    pub banned_until: Option<i64>,
}

impl Standing {
    pub fn is_banned(self, now_ms: i64) -> bool {
        self.banned_until.is_some_and(|until| until > now_ms)
    }
}

/// What becomes of a comment a member sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Posting {
    /// Not accepted: [`CommentError::Banned`], [`CommentError::Unverified`] or
    /// [`CommentError::Closed`].
    Refused(CommentError),
    Publish,
    /// Accepted but held until a moderator reads it.
    Hold,
}

/// May this member post under the article's mode now, and is the comment held for review?
///
/// The member's own standing is judged before the article's mode: a suspended member learns of
/// the suspension wherever they try. A banned word holds a comment rather than refusing it, so
/// that a moderator decides.
pub fn posting(
    standing: Standing,
    now_ms: i64,
    mode: CommentMode,
    hits_banned_word: bool,
) -> Posting {
    if standing.is_banned(now_ms) {
        Posting::Refused(CommentError::Banned)
    } else if !standing.verified {
        Posting::Refused(CommentError::Unverified)
    } else if mode == CommentMode::Closed {
        Posting::Refused(CommentError::Closed)
    } else if mode == CommentMode::PreModerated || hits_banned_word {
        Posting::Hold
    } else {
        Posting::Publish
    }
}

/// May this member report a comment? Reports hide comments once enough members file them,
/// so they count only from members in good standing: verified (a throwaway address that never
/// confirmed counts for nothing) and not suspended.
pub fn may_report(standing: Standing, now_ms: i64) -> Result<(), CommentError> {
    if standing.is_banned(now_ms) {
        Err(CommentError::Banned)
    } else if !standing.verified {
        Err(CommentError::Unverified)
    } else {
        Ok(())
    }
}

/// What the reply rule needs to know of the comment answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parent {
    pub article_id: i64,
    pub parent_id: Option<i64>,
    pub status: CommentStatus,
}

/// Threads are one level deep: a reply answers a published top-level comment of the same
/// article. `parent` is `None` when the comment answered does not exist.
pub fn check_reply(article_id: i64, parent: Option<Parent>) -> Result<(), CommentError> {
    match parent {
        Some(p) if p.article_id != article_id => Err(CommentError::UnknownParent),
        None => Err(CommentError::UnknownParent),
        Some(p) if p.parent_id.is_some() => Err(CommentError::ReplyToReply),
        Some(p) if p.status != CommentStatus::Published => Err(CommentError::ParentNotPublished),
        Some(_) => Ok(()),
    }
}

/// A run of a rendered comment paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Run {
    Text(String),
    /// An `http(s)://` URL, shown as a `rel="nofollow ugc"` link.
    Link(String),
}

/// Splits a plain-text body into paragraphs (blank lines; single line breaks are kept as
/// spaces) of text and link runs. No HTML is ever produced here.
pub fn render(body: &str) -> Vec<Vec<Run>> {
    body.split("\n\n")
        .map(|p| p.split('\n').map(str::trim).collect::<Vec<_>>().join(" "))
        .filter(|p| !p.trim().is_empty())
        .map(|p| runs(&p))
        .collect()
}

fn runs(paragraph: &str) -> Vec<Run> {
    let mut out = Vec::new();
    let mut text = String::new();
    for (i, word) in paragraph.split(' ').enumerate() {
        if i > 0 {
            text.push(' ');
        }
        match link_in(word) {
            Some((url, rest)) => {
                if !text.is_empty() {
                    out.push(Run::Text(std::mem::take(&mut text)));
                }
                out.push(Run::Link(url.to_owned()));
                text.push_str(rest);
            }
            None => text.push_str(word),
        }
    }
    if !text.is_empty() {
        out.push(Run::Text(text));
    }
    out
}

/// A word that is a URL, with trailing punctuation split off: `https://a.fr/x).` gives
/// (`https://a.fr/x`, `).`).
fn link_in(word: &str) -> Option<(&str, &str)> {
    if !(word.starts_with("https://") || word.starts_with("http://")) {
        return None;
    }
    let end = word
        .trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '»', '"', '\''])
        .len();
    let (url, rest) = word.split_at(end);
    let host = url.split_once("://").map(|(_, h)| h).unwrap_or_default();
    (!host.is_empty()).then_some((url, rest))
}

fn count_links(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| link_in(w).is_some())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn each_label_is_kept_for_its_own_variant() {
        for status in CommentStatus::ALL {
            assert_eq!(status.label(), status.word(), "{status:?}");
        }
        for reason in ReportReason::ALL {
            assert_eq!(reason.label(), reason.word(), "{reason:?}");
        }
        // French when no language is installed.
        assert_eq!(CommentStatus::Pending.label(), "En attente de modération");
        assert_eq!(ReportReason::OffTopic.label(), "Hors sujet");
    }

    #[test]
    fn bodies_are_trimmed_and_limited() {
        assert_eq!(
            validate_body("  Bonjour\r\n\r\nà tous  ").as_deref(),
            Ok("Bonjour\n\nà tous")
        );
        assert_eq!(validate_body("  "), Err(CommentError::Empty));
        assert_eq!(validate_body(" x "), Err(CommentError::TooShort));
        assert_eq!(validate_body(&"a".repeat(3001)), Err(CommentError::TooLong));
        assert_eq!(
            validate_body("http://a.fr https://b.fr https://c.fr"),
            Err(CommentError::TooManyLinks)
        );
        assert!(validate_body("Voir https://a.fr et https://b.fr").is_ok());
    }

    #[test]
    fn rendering_splits_paragraphs_and_links() {
        let r = render("Lisez https://exemple.fr/page).\nMerci.\n\n<b>Gras</b>");
        assert_eq!(
            r,
            vec![
                vec![
                    Run::Text("Lisez ".into()),
                    Run::Link("https://exemple.fr/page".into()),
                    Run::Text("). Merci.".into())
                ],
                vec![Run::Text("<b>Gras</b>".into())],
            ]
        );
        assert_eq!(
            render("javascript:alert(1)"),
            vec![vec![Run::Text("javascript:alert(1)".into())]]
        );
    }

    #[test]
    fn banned_words_match_whole_words_without_accents() {
        let banned = vec!["Crétin".to_owned()];
        assert!(has_banned_word("Quel CRETIN !", &banned));
        assert!(!has_banned_word(
            "Crétinisme n'est pas un mot interdit",
            &banned
        ));
        assert!(!has_banned_word("Rien à signaler", &[]));
    }

    #[test]
    fn comments_close_after_the_section_age() {
        let day = 86_400_000;
        assert_eq!(
            effective_mode(CommentMode::Open, Some(0), Some(7), 8 * day),
            CommentMode::Closed
        );
        assert_eq!(
            effective_mode(CommentMode::Open, Some(0), Some(7), 6 * day),
            CommentMode::Open
        );
        assert_eq!(
            effective_mode(CommentMode::PreModerated, Some(0), None, 999 * day),
            CommentMode::PreModerated
        );
    }

    #[test]
    fn edit_window() {
        assert!(can_edit(0, DEFAULT_EDIT_WINDOW_MS, DEFAULT_EDIT_WINDOW_MS));
        assert!(!can_edit(
            0,
            DEFAULT_EDIT_WINDOW_MS + 1,
            DEFAULT_EDIT_WINDOW_MS
        ));
    }

    const MEMBER: Standing = Standing {
        verified: true,
        banned_until: None,
    };

    #[test]
    fn posting_refuses_banned_then_unverified_then_closed() {
        let banned = Standing {
            banned_until: Some(10),
            ..MEMBER
        };
        let unverified = Standing {
            verified: false,
            ..MEMBER
        };
        let refused = |e| Posting::Refused(e);
        assert_eq!(
            posting(banned, 5, CommentMode::Closed, false),
            refused(CommentError::Banned)
        );
        assert_eq!(
            posting(
                Standing {
                    verified: false,
                    ..banned
                },
                5,
                CommentMode::Open,
                false
            ),
            refused(CommentError::Banned)
        );
        assert_eq!(
            posting(unverified, 5, CommentMode::Closed, false),
            refused(CommentError::Unverified)
        );
        assert_eq!(
            posting(MEMBER, 5, CommentMode::Closed, true),
            refused(CommentError::Closed)
        );
    }

    #[test]
    fn a_ban_ends_at_its_date() {
        let banned = Standing {
            banned_until: Some(10),
            ..MEMBER
        };
        assert_eq!(
            posting(banned, 10, CommentMode::Open, false),
            Posting::Publish
        );
        assert_eq!(
            posting(banned, 9, CommentMode::Open, false),
            Posting::Refused(CommentError::Banned)
        );
    }

    #[test]
    fn posting_holds_premoderated_and_banned_words() {
        assert_eq!(
            posting(MEMBER, 0, CommentMode::Open, false),
            Posting::Publish
        );
        assert_eq!(posting(MEMBER, 0, CommentMode::Open, true), Posting::Hold);
        assert_eq!(
            posting(MEMBER, 0, CommentMode::PreModerated, false),
            Posting::Hold
        );
        assert_eq!(
            posting(MEMBER, 0, CommentMode::PreModerated, true),
            Posting::Hold
        );
    }

    #[test]
    fn replies_answer_published_top_level_comments_of_the_article() {
        let top = Parent {
            article_id: 1,
            parent_id: None,
            status: CommentStatus::Published,
        };
        assert_eq!(check_reply(1, Some(top)), Ok(()));
        assert_eq!(check_reply(1, None), Err(CommentError::UnknownParent));
        assert_eq!(check_reply(2, Some(top)), Err(CommentError::UnknownParent));
        let reply = Parent {
            parent_id: Some(7),
            ..top
        };
        assert_eq!(check_reply(1, Some(reply)), Err(CommentError::ReplyToReply));
        assert_eq!(
            check_reply(2, Some(reply)),
            Err(CommentError::UnknownParent)
        );
        let pending_reply = Parent {
            status: CommentStatus::Pending,
            ..reply
        };
        assert_eq!(
            check_reply(1, Some(pending_reply)),
            Err(CommentError::ReplyToReply)
        );
        let pending = Parent {
            status: CommentStatus::Pending,
            ..top
        };
        assert_eq!(
            check_reply(1, Some(pending)),
            Err(CommentError::ParentNotPublished)
        );
        assert_eq!(
            CommentError::UnknownParent.to_string(),
            "Commentaire inconnu."
        );
        assert_eq!(
            CommentError::ParentNotPublished.to_string(),
            "Ce commentaire n’accepte plus de réponse."
        );
    }

    proptest! {
        #[test]
        fn render_keeps_every_word(s in "\\PC{0,300}") {
            if let Ok(body) = validate_body(&s) {
                let rendered: String = render(&body)
                    .into_iter()
                    .flatten()
                    .map(|r| match r { Run::Text(t) | Run::Link(t) => t })
                    .collect();
                let strip = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
                prop_assert_eq!(strip(&rendered), strip(&body));
            }
        }
    }
}
