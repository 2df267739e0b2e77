//! Query and path parameters shared by the API's handlers, with the 400 answers that name what
//! is wrong.

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query};
use kiosque_store::Cursor;
use serde::Deserialize;
use utoipa::openapi::schema::{
    AnyOfBuilder, KnownFormat, ObjectBuilder, Schema, SchemaFormat, Type,
};
use utoipa::openapi::RefOr;
use utoipa::{IntoParams, PartialSchema, ToSchema};

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

/// A whole number as a query string carries it: ASCII digits only, so that `+5`, ` 5` or an
/// empty `limit=` are refused as the document's `integer` says, not read leniently.
fn whole_number(s: &str) -> Option<i64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

pub(super) fn limit(raw: Option<&str>) -> Result<i64, ApiError> {
    let Some(s) = raw else {
        return Ok(DEFAULT_LIMIT);
    };
    whole_number(s)
        .filter(|n| (1..=MAX_LIMIT).contains(n))
        .ok_or_else(|| {
            ApiError(AppError::BadRequest(format!(
                "`limit` must be a whole number from 1 to {MAX_LIMIT}."
            )))
        })
}

/// `page` (from 1), at most `max`.
pub(super) fn page(raw: Option<&str>, max: i64) -> Result<i64, ApiError> {
    let Some(s) = raw else {
        return Ok(1);
    };
    whole_number(s)
        .filter(|n| (1..=max).contains(n))
        .ok_or_else(|| {
            ApiError(AppError::BadRequest(format!(
                "`page` must be a whole number from 1 to {max}."
            )))
        })
}

/// One of the values a parameter's `enum` lists; absent is the first, the default.
pub(super) fn one_of(
    name: &str,
    raw: Option<&str>,
    values: &'static [&'static str],
) -> Result<&'static str, ApiError> {
    match raw {
        None => Ok(values[0]),
        Some(s) => values.iter().copied().find(|v| *v == s).ok_or_else(|| {
            let list = values
                .iter()
                .map(|v| format!("`{v}`"))
                .collect::<Vec<_>>()
                .join(", ");
            ApiError(AppError::BadRequest(format!(
                "`{name}` must be one of {list}."
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

/// `YYYY-MM-DD`, digits where digits go: JSON Schema's `date` format (RFC 3339 `full-date`).
fn is_full_date(s: &str) -> bool {
    s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

/// A date filter: a day (`2016-12-23`, from midnight in Paris) or an RFC 3339 time
/// (`2016-12-23T10:00:00Z`), exactly the `date` and `date-time` formats the document declares;
/// an empty value is neither.
pub(super) fn date_param(name: &str, raw: Option<&str>) -> Result<Option<i64>, ApiError> {
    let Some(raw) = raw else {
        return Ok(None);
    };
    let bad = || {
        ApiError(AppError::BadRequest(format!(
            "`{name}` must be a date (2016-12-23) or an RFC 3339 time (2016-12-23T10:00:00Z)."
        )))
    };
    if raw.len() > 10 {
        // chrono also reads a space between day and time, which RFC 3339 does not.
        let separated = raw
            .as_bytes()
            .get(10)
            .is_some_and(|b| *b == b'T' || *b == b't');
        if !separated || !is_full_date(&raw[..10]) {
            return Err(bad());
        }
        return chrono::DateTime::parse_from_rfc3339(raw)
            .map(|d| Some(d.timestamp_millis()))
            .map_err(|_| bad());
    }
    if !is_full_date(raw) {
        return Err(bad());
    }
    let day = chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| bad())?;
    Ok(Some(kiosque_domain::dates::paris_millis(
        day,
        chrono::NaiveTime::from_hms_opt(0, 0, 0),
    )))
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
    #[param(value_type = Option<Limit>, inline)]
    pub limit: Option<String>,
}

// The types below only name the schemas of parameters (`#[param(value_type = …, inline)]`,
// which keeps each field's description): they state what the functions above accept, bound
// for bound, and the HTTP tests check each bound against the answers.

/// `limit`: 1 to 100, 20 when absent.
pub(super) struct Limit;

impl PartialSchema for Limit {
    fn schema() -> RefOr<Schema> {
        integer(1, MAX_LIMIT, DEFAULT_LIMIT)
    }
}

impl ToSchema for Limit {}

/// `since` and `until`: a day or a time.
pub(super) struct DateOrTime;

impl PartialSchema for DateOrTime {
    fn schema() -> RefOr<Schema> {
        let string = |format| {
            ObjectBuilder::new()
                .schema_type(Type::String)
                .format(Some(SchemaFormat::KnownFormat(format)))
        };
        Schema::AnyOf(
            AnyOfBuilder::new()
                .item(string(KnownFormat::Date))
                .item(string(KnownFormat::DateTime))
                .build(),
        )
        .into()
    }
}

impl ToSchema for DateOrTime {}

/// A whole number from `min` to `max`, `default` when absent.
pub(super) fn integer(min: i64, max: i64, default: i64) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
        .minimum(Some(min))
        .maximum(Some(max))
        .default(Some(default.into()))
        .into()
}

/// A string among `values`, the first when absent.
pub(super) fn one_of_schema(values: &[&str]) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(values.iter().copied()))
        .default(values.first().map(|v| (*v).into()))
        .into()
}
