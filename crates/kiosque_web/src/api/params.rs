//! Query and path parameters shared by the API's handlers, with the 400 answers that name what
//! is wrong.

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query};
use kiosque_store::Cursor;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::error::ApiError;
use crate::AppError;

pub(super) const DEFAULT_LIMIT: i64 = 20;
const MAX_LIMIT: i64 = 100;

pub(super) fn query<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    q.map(|Query(t)| t)
        .map_err(|e| ApiError(AppError::BadRequest(e.body_text())))
}

pub(super) fn id_param(p: Result<Path<String>, PathRejection>) -> Result<i64, ApiError> {
    p.ok()
        .and_then(|Path(s)| s.parse::<i64>().ok())
        .filter(|id| *id > 0)
        .ok_or(ApiError(AppError::NotFound))
}

pub(super) fn limit(raw: Option<&str>) -> Result<i64, ApiError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(DEFAULT_LIMIT),
        Some(s) => s
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=MAX_LIMIT).contains(n))
            .ok_or_else(|| {
                ApiError(AppError::BadRequest(format!(
                    "`limit` must be a whole number from 1 to {MAX_LIMIT}."
                )))
            }),
    }
}

pub(super) fn bad_cursor() -> ApiError {
    ApiError(AppError::BadRequest(
        "`cursor` is not one this API gave: pass a page's `next_cursor` unchanged.".into(),
    ))
}

/// Cursors are `<published ms>_<id>`, but clients must treat them as opaque.
pub(super) fn parse_cursor(raw: Option<&str>) -> Result<Option<Cursor>, ApiError> {
    let Some(raw) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let (at, id) = raw.split_once('_').ok_or_else(bad_cursor)?;
    Ok(Some(Cursor {
        at: at.parse().map_err(|_| bad_cursor())?,
        id: id.parse().map_err(|_| bad_cursor())?,
    }))
}

pub(super) fn cursor_string(c: Cursor) -> String {
    format!("{}_{}", c.at, c.id)
}

pub(super) fn id_cursor(raw: Option<&str>) -> Result<i64, ApiError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(0),
        Some(s) => s.parse::<i64>().map_err(|_| bad_cursor()),
    }
}

/// A date filter: RFC 3339 (`2016-12-23T10:00:00Z`) or a day (`2016-12-23`, from midnight in
/// Paris).
pub(super) fn date_param(name: &str, raw: Option<&str>) -> Result<Option<i64>, ApiError> {
    let Some(raw) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    if let Ok(d) = chrono::DateTime::parse_from_rfc3339(raw) {
        return Ok(Some(d.timestamp_millis()));
    }
    if let Ok(d) = chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        return Ok(Some(kiosque_domain::dates::paris_millis(
            d,
            chrono::NaiveTime::from_hms_opt(0, 0, 0),
        )));
    }
    Err(ApiError(AppError::BadRequest(format!(
        "`{name}` must be a date (2016-12-23) or an RFC 3339 time (2016-12-23T10:00:00Z)."
    ))))
}

pub(super) fn slug_param(raw: Option<String>) -> Option<String> {
    raw.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub(super) struct PageParams {
    /// A page's `next_cursor`, to get the next page.
    pub cursor: Option<String>,
    /// Items per page, 1 to 100 (20 by default).
    #[param(value_type = Option<i64>)]
    pub limit: Option<String>,
}
