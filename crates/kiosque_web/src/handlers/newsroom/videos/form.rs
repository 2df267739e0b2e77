//! The video form as typed, its checks, and what every handler of the videos' back office
//! shares: who may use it, the id in the path, and why a form is refused.

use axum::http::StatusCode;
use kiosque_domain::MediaRef;
use kiosque_store::VideoAdminRow;

use super::checks::{
    format_duration, media_file, normalize_embed_url, parse_article_ref, parse_duration,
    parse_video_day, poster_path, video_day,
};
use crate::handlers::newsroom::articles::Newsroom;
use crate::{AppError, AppState};
use kiosque_domain::video::VideoDetails;

/// Longest poster alt text, in characters (as in the media library).
const MAX_ALT_CHARS: usize = 300;

/// A video goes online as soon as it is saved: journalists and up, not contributors (whose
/// work goes through review).
pub(super) fn require_media(n: &Newsroom) -> Result<(), AppError> {
    if n.actor.can_publish_media() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

pub(super) fn video_id(raw: &str) -> Result<i64, AppError> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or(AppError::NotFound)
}

/// Why the form is refused, and with which status.
pub(super) struct Refusal {
    pub(super) status: StatusCode,
    pub(super) message: String,
}

impl Refusal {
    pub(super) fn bad(message: impl Into<String>) -> Self {
        Refusal {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }
}

/// What the form holds, as typed (shown again when it is refused).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct VideoForm {
    pub title: String,
    pub section: String,
    pub duration: String,
    pub poster_path: String,
    /// A poster chosen among the library's latest images; wins over `poster_path`.
    pub poster_pick: String,
    pub poster_alt: String,
    /// The credit of a poster sent with the form.
    pub poster_credit: String,
    pub embed_url: String,
    /// The video's own day, `2016-12-22`.
    pub recorded_on: String,
    pub description: String,
    /// The article tied to it: its number or address.
    pub article: String,
}

impl VideoForm {
    pub(super) fn of(v: &VideoAdminRow) -> Self {
        // What the video does not have yet shows as empty fields.
        let poster = v.poster.clone().unwrap_or_default();
        VideoForm {
            title: v.title.clone(),
            section: v.section.as_ref().map(|s| s.0.clone()).unwrap_or_default(),
            duration: v.duration_seconds.map(format_duration).unwrap_or_default(),
            poster_path: poster.path,
            poster_pick: String::new(),
            poster_alt: poster.alt.unwrap_or_default(),
            poster_credit: String::new(),
            embed_url: v.embed_url.clone().unwrap_or_default(),
            recorded_on: v.details.recorded_at.map(video_day).unwrap_or_default(),
            description: v.details.description.clone().unwrap_or_default(),
            article: v
                .details
                .article
                .map(|a| a.get().to_string())
                .unwrap_or_default(),
        }
    }

    pub(super) fn slot(&mut self, name: &str) -> Option<&mut String> {
        Some(match name {
            "title" => &mut self.title,
            "section" => &mut self.section,
            "duration" => &mut self.duration,
            "poster_path" => &mut self.poster_path,
            "poster_pick" => &mut self.poster_pick,
            "poster_alt" => &mut self.poster_alt,
            "poster_credit" => &mut self.poster_credit,
            "embed_url" => &mut self.embed_url,
            "recorded_on" => &mut self.recorded_on,
            "description" => &mut self.description,
            "article" => &mut self.article,
            _ => return None,
        })
    }
}

/// The checked fields, all but the source.
pub(super) struct Checked {
    pub(super) title: String,
    pub(super) section: Option<String>,
    pub(super) duration: Option<u32>,
    pub(super) poster: Option<MediaRef>,
    pub(super) embed_url: Option<String>,
    pub(super) details: VideoDetails,
}

/// Checks the typed fields; `current` is the video being edited (its poster keeps its
/// dimensions when the path is unchanged, and an unchanged path is not looked for on disk:
/// archive posters may be missing).
pub(super) async fn check_form(
    state: &AppState,
    form: &VideoForm,
    current: Option<&VideoAdminRow>,
) -> Result<Result<Checked, String>, AppError> {
    let title = form.title.trim();
    if title.is_empty() {
        return Ok(Err(crate::i18n::t("nr-video-title-missing")));
    }
    if title.chars().count() > kiosque_domain::article::MAX_TITLE_CHARS {
        return Ok(Err(crate::i18n::t1(
            "nr-video-title-too-long",
            "max",
            kiosque_domain::article::MAX_TITLE_CHARS,
        )));
    }
    let section = Some(form.section.trim().to_owned()).filter(|s| !s.is_empty());
    if let Some(slug) = &section {
        if !state
            .store()
            .sections()
            .await?
            .iter()
            .any(|s| &s.slug == slug)
        {
            return Ok(Err(crate::i18n::t("nr-video-no-section")));
        }
    }
    let details = match check_details(form) {
        Ok(d) => d,
        Err(e) => return Ok(Err(e)),
    };
    let stored = stored_posters(state, form).await?;
    Ok(
        check_rest(&stored, form, current).map(|(duration, poster, embed_url)| Checked {
            title: title.to_owned(),
            section,
            duration,
            poster,
            embed_url,
            details,
        }),
    )
}

/// The video's own day, its description and its article (whose existence the store checks in
/// its write).
fn check_details(form: &VideoForm) -> Result<VideoDetails, String> {
    VideoDetails {
        recorded_at: parse_video_day(&form.recorded_on)?,
        description: Some(form.description.clone()),
        article: parse_article_ref(&form.article)?,
    }
    .normalized()
    .map_err(|e| e.to_string())
}

type Rest = (Option<u32>, Option<MediaRef>, Option<String>);

/// Which of the posters the form may name the media store holds, as the database records it
/// (the library's images, and the files of the store).
async fn stored_posters(
    state: &AppState,
    form: &VideoForm,
) -> Result<std::collections::HashSet<String>, AppError> {
    let paths: Vec<String> = [form.poster_pick.trim(), form.poster_path.trim()]
        .iter()
        .filter_map(|p| media_file(p))
        .collect();
    let mut stored: std::collections::HashSet<String> = state
        .store()
        .media_by_paths(&paths)
        .await?
        .into_iter()
        .map(|row| row.path)
        .collect();
    stored.extend(state.store().media_files(&paths).await?.into_keys());
    Ok(stored)
}

/// The fields checked without the database: duration, poster, address.
fn check_rest(
    stored: &std::collections::HashSet<String>,
    form: &VideoForm,
    current: Option<&VideoAdminRow>,
) -> Result<Rest, String> {
    let duration = parse_duration(&form.duration)?;
    let alt = form.poster_alt.trim();
    if alt.chars().count() > MAX_ALT_CHARS {
        return Err(crate::i18n::t1(
            "nr-video-alt-too-long",
            "max",
            MAX_ALT_CHARS,
        ));
    }
    let chosen = match form.poster_pick.trim() {
        "" => &form.poster_path,
        pick => pick,
    };
    let poster = match poster_path(chosen)? {
        None => None,
        Some(path) => Some(check_poster(stored, path, alt, current)?),
    };
    let embed_url = match form.embed_url.trim() {
        "" => None,
        raw => Some(normalize_embed_url(raw)?),
    };
    Ok((duration, poster, embed_url))
}

/// A poster must be in the media library, unless it is the one the video already has.
fn check_poster(
    stored: &std::collections::HashSet<String>,
    path: String,
    alt: &str,
    current: Option<&VideoAdminRow>,
) -> Result<MediaRef, String> {
    let old = current.and_then(|c| c.poster.clone());
    let unchanged = old.as_ref().is_some_and(|o| o.path == path);
    if !unchanged && !media_file(&path).is_some_and(|rel| stored.contains(&rel)) {
        return Err(crate::i18n::t1(
            "nr-video-poster-not-in-library",
            "path",
            &path,
        ));
    }
    let mut poster = match old.filter(|_| unchanged) {
        Some(o) => o,
        None => MediaRef {
            path,
            ..MediaRef::default()
        },
    };
    poster.alt = (!alt.is_empty()).then(|| alt.to_owned());
    Ok(poster)
}
