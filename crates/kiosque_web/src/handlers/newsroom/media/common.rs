//! What the media library's pages share: who may use it, how an image is shown and the texts
//! that describe it.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::HeaderMap;
use axum_extra::extract::CookieJar;
use kiosque_domain::newsroom::Actor;
use kiosque_domain::{Block, MediaRef};
use kiosque_store::MediaRow;

use crate::auth::{MaybeMember, Member};
use crate::extract::RequireMember;
use crate::handlers::newsroom::when;
use crate::{AppError, AppState};

/// Longest alt text, caption and credit, in characters.
const MAX_ALT: usize = 300;
const MAX_CAPTION: usize = 1000;
const MAX_CREDIT: usize = 200;

/// A member who may use the media library (contributors and above); any other member gets
/// 403, a visitor the log-in page.
pub struct RequireMediaUser(pub Member, pub CookieJar);

impl FromRequestParts<AppState> for RequireMediaUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let RequireMember(member, jar) = RequireMember::from_request_parts(parts, state).await?;
        let actor = Actor::of_roles(member.user.id, member.user.roles.clone());
        if !actor.can_use_media() {
            return Err(AppError::Forbidden);
        }
        Ok(RequireMediaUser(member, jar))
    }
}

impl RequireMediaUser {
    pub(super) fn check_csrf(&self, headers: &HeaderMap, token: &str) -> Result<(), AppError> {
        MaybeMember {
            member: Some(self.0.clone()),
            jar: self.1.clone(),
        }
        .check_csrf(headers, token)
    }
}

/// An image as the library shows it.
pub struct MediaItemView {
    pub id: kiosque_domain::MediaId,
    pub href: String,
    /// The smallest variant (the original if there is none).
    pub thumb: String,
    /// The original file, as uploaded.
    pub original: String,
    /// The path to write in an article: `/2016/12/23/photo-ab12.jpg`.
    pub path: String,
    pub width: i64,
    pub height: i64,
    pub mime: String,
    pub alt: String,
    pub caption: String,
    pub credit: String,
    /// The body syntax that inserts it: `![alt](/2016/… "Légende" "Crédit")`.
    pub snippet: String,
    pub created: String,
    /// The classes that keep its focal point in view in the library's cropped tiles.
    pub focus: Option<String>,
}

pub(super) fn item_view(row: &MediaRow) -> MediaItemView {
    MediaItemView {
        id: row.id,
        href: format!("/admin/medias/{}", row.id),
        thumb: format!("/media/{}", thumb_path(row)),
        original: format!("/media/{}", row.path),
        path: format!("/{}", row.path),
        width: row.width,
        height: row.height,
        mime: row.mime.clone(),
        // A description not written yet shows as an empty field.
        alt: row.alt.clone().unwrap_or_default(),
        caption: row.caption.clone().unwrap_or_default(),
        credit: row.credit.clone().unwrap_or_default(),
        snippet: snippet(row),
        created: when(row.created_at),
        focus: row.focal.classes(),
    }
}

/// The narrowest variant (variants are stored narrowest first), else the original.
pub(crate) fn thumb_path(row: &MediaRow) -> &str {
    row.variants
        .iter()
        .min_by_key(|(w, _)| *w)
        .map_or(row.path.as_str(), |(_, p)| p.as_str())
}

/// The article body's image line, written by the body syntax's own writer so that the editor
/// reads it back as this image: `![alt](/2016/12/23/photo-ab12.jpg "Légende" "Crédit")`.
pub fn snippet(row: &MediaRow) -> String {
    let present = |s: &Option<String>| {
        s.as_deref()
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|s| !s.is_empty())
    };
    kiosque_domain::markup::render(&[Block::Image {
        media: MediaRef {
            path: format!("/{}", row.path),
            alt: present(&row.alt),
            caption: present(&row.caption),
            credit: present(&row.credit),
            ..MediaRef::default()
        },
    }])
}

/// What was typed in the upload or edit form, shown again when it is refused.
#[derive(Default, Clone)]
pub struct MediaTexts {
    pub alt: String,
    pub caption: String,
    pub credit: String,
}

impl MediaTexts {
    /// Trimmed; `Err` with the reason when the alt text is missing or a text too long.
    pub(crate) fn checked(&self) -> Result<(String, Option<String>, Option<String>), String> {
        let alt = self.alt.trim();
        let caption = self.caption.trim();
        let credit = self.credit.trim();
        if alt.is_empty() {
            return Err(crate::i18n::t("nr-media-alt-missing"));
        }
        for (text, max, what) in [
            (alt, MAX_ALT, "nr-media-alt-too-long"),
            (caption, MAX_CAPTION, "nr-media-caption-too-long"),
            (credit, MAX_CREDIT, "nr-media-credit-too-long"),
        ] {
            if text.chars().count() > max {
                return Err(crate::i18n::t1(what, "max", max));
            }
        }
        let optional = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        Ok((alt.to_owned(), optional(caption), optional(credit)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(alt: Option<&str>, caption: Option<&str>, credit: Option<&str>) -> MediaRow {
        MediaRow {
            id: kiosque_domain::MediaId(7),
            path: "2016/12/23/photo-ab12.jpg".into(),
            mime: "image/jpeg".into(),
            width: 700,
            height: 350,
            alt: alt.map(str::to_owned),
            caption: caption.map(str::to_owned),
            credit: credit.map(str::to_owned),
            variants: vec![
                (320, "2016/12/23/photo-ab12-320w.webp".into()),
                (640, "2016/12/23/photo-ab12-640w.webp".into()),
            ],
            placeholder: "data:image/webp;base64,AAAA".into(),
            created_at: 0,
            focal: Default::default(),
        }
    }

    #[test]
    fn snippets_follow_the_body_syntax() {
        assert_eq!(
            snippet(&row(Some("Des civils"), Some("Évacuation"), Some("AFP"))),
            "![Des civils](/2016/12/23/photo-ab12.jpg \"Évacuation\" \"AFP\")"
        );
        assert_eq!(
            snippet(&row(Some("a ] b \\ c"), None, None)),
            "![a \\] b \\\\ c](/2016/12/23/photo-ab12.jpg)"
        );
        assert_eq!(
            snippet(&row(Some("x"), None, Some("Le \"Monde\""))),
            "![x](/2016/12/23/photo-ab12.jpg \"\" \"Le \\\"Monde\\\"\")"
        );
        assert_eq!(
            snippet(&row(Some("x"), Some("deux\nlignes"), Some("  "))),
            "![x](/2016/12/23/photo-ab12.jpg \"deux lignes\")"
        );
        // The editor reads it back as the same image.
        let r = row(Some("a ] b"), Some("« Le \"Monde\" »"), Some("AFP"));
        let blocks = kiosque_domain::markup::parse(&snippet(&r)).expect("a valid line");
        assert_eq!(
            blocks,
            vec![Block::Image {
                media: MediaRef {
                    path: "/2016/12/23/photo-ab12.jpg".into(),
                    alt: Some("a ] b".into()),
                    caption: Some("« Le \"Monde\" »".into()),
                    credit: Some("AFP".into()),
                    ..MediaRef::default()
                }
            }]
        );
    }

    #[test]
    fn thumbnails_are_the_narrowest_variant() {
        assert_eq!(
            thumb_path(&row(None, None, None)),
            "2016/12/23/photo-ab12-320w.webp"
        );
        let mut bare = row(None, None, None);
        bare.variants.clear();
        assert_eq!(thumb_path(&bare), "2016/12/23/photo-ab12.jpg");
    }

    #[test]
    fn alt_text_is_required_and_texts_are_bounded() {
        let texts = |alt: &str, caption: &str| MediaTexts {
            alt: alt.into(),
            caption: caption.into(),
            credit: String::new(),
        };
        assert!(texts("  ", "").checked().is_err());
        assert_eq!(
            texts(" Une rue ", "").checked(),
            Ok(("Une rue".to_owned(), None, None))
        );
        assert!(texts("x", &"a".repeat(MAX_CAPTION + 1)).checked().is_err());
    }
}
