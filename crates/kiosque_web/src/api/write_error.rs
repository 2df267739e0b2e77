//! The write API's refusals, in the API's one JSON error shape `{"error": {"code", "message"}}`,
//! with the field at fault when there is one (`"field": "title"`) and, for a stale version,
//! the version now stored (`"current_version": 4`). Codes are stable; messages are in the
//! site's language.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use kiosque_domain::api_scope::Scope;
use kiosque_store::StoreError;

use crate::error::ApiError;
use crate::i18n::{t, t1};
use crate::AppError;

#[derive(Debug)]
pub(crate) enum WriteError {
    /// What the read API would answer (unknown key, not found, rate limits, internal errors).
    Api(ApiError),
    Detail(Box<Detail>),
}

#[derive(Debug)]
pub(crate) struct Detail {
    status: StatusCode,
    code: &'static str,
    message: String,
    field: Option<String>,
    current_version: Option<i64>,
}

impl WriteError {
    pub(crate) fn new(status: StatusCode, code: &'static str, message: String) -> Self {
        WriteError::Detail(Box::new(Detail {
            status,
            code,
            message,
            field: None,
            current_version: None,
        }))
    }

    /// Bad input in one field: 400, nothing stored.
    pub(crate) fn field(code: &'static str, field: impl Into<String>, message: String) -> Self {
        WriteError::new(StatusCode::BAD_REQUEST, code, message).at(field)
    }

    pub(crate) fn at(self, field: impl Into<String>) -> Self {
        match self {
            WriteError::Detail(mut d) => {
                d.field = Some(field.into());
                WriteError::Detail(d)
            }
            other => other,
        }
    }

    /// The key lacks the scope this route needs.
    pub(crate) fn scope(scope: Scope) -> Self {
        WriteError::new(
            StatusCode::FORBIDDEN,
            "insufficient_scope",
            t1("api-err-scope", "scope", scope.as_str()),
        )
    }

    /// The key's owner may not do this (the newsroom's rules).
    pub(crate) fn owner_forbidden() -> Self {
        WriteError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            t("api-err-owner-rights"),
        )
    }

    /// Someone saved since the client read `current`: 409, nothing stored.
    pub(crate) fn stale(current: i64) -> Self {
        let mut e = WriteError::new(
            StatusCode::CONFLICT,
            "version_conflict",
            t1("api-err-stale-version", "version", current),
        )
        .at("version");
        if let WriteError::Detail(d) = &mut e {
            d.current_version = Some(current);
        }
        e
    }

    pub(crate) fn not_found() -> Self {
        WriteError::Api(ApiError(AppError::NotFound))
    }
}

impl From<StoreError> for WriteError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Forbidden => WriteError::owner_forbidden(),
            StoreError::UnknownSection(_) => {
                WriteError::field("unknown_section", "section", t("err-unknown-section"))
            }
            StoreError::Conflict { ref constraint } if constraint == "article status" => {
                WriteError::new(
                    StatusCode::CONFLICT,
                    "status_conflict",
                    t("nr-status-changed"),
                )
                .at("action")
            }
            StoreError::Invalid(m) => WriteError::new(StatusCode::BAD_REQUEST, "invalid", m),
            e => WriteError::Api(ApiError(AppError::Store(e))),
        }
    }
}

impl From<AppError> for WriteError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::Store(e) => e.into(),
            e => WriteError::Api(ApiError(e)),
        }
    }
}

impl IntoResponse for WriteError {
    fn into_response(self) -> Response {
        let d = match self {
            WriteError::Api(e) => return e.into_response(),
            WriteError::Detail(d) => d,
        };
        let mut error = serde_json::json!({ "code": d.code, "message": d.message });
        if let Some(f) = d.field {
            error["field"] = f.into();
        }
        if let Some(v) = d.current_version {
            error["current_version"] = v.into();
        }
        let mut res = (d.status, axum::Json(serde_json::json!({ "error": error }))).into_response();
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        res
    }
}
