//! Where the media store is, from one URL: `file:///srv/kiosque/media` (a folder, today's
//! layout) or `s3://bucket/prefix` (any S3-compatible service, configured by the standard
//! `AWS_*` variables).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use object_store::aws::AmazonS3Builder;
use object_store::prefix::PrefixStore;
use object_store::{ClientOptions, RetryConfig};

use crate::storage::MediaStorage;

/// Why a media URL cannot be used; its text is shown as is by the command line.
#[derive(Debug, thiserror::Error)]
pub enum MediaUrlError {
    #[error("the media URL {url:?} is not file://… or s3://bucket/prefix: {why}")]
    Malformed { url: String, why: String },
    #[error("cannot open the media folder {dir}: {source}")]
    Folder {
        dir: String,
        #[source]
        source: crate::MediaError,
    },
    #[error("cannot configure the S3 media store {url:?}: {source} (check the AWS_* variables)")]
    S3 {
        url: String,
        #[source]
        source: object_store::Error,
    },
}

/// A parsed media URL, before anything is opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MediaLocation {
    Folder(PathBuf),
    S3 { bucket: String, prefix: String },
}

impl MediaLocation {
    pub fn parse(url: &str) -> Result<Self, MediaUrlError> {
        let bad = |why: &str| MediaUrlError::Malformed {
            url: url.to_owned(),
            why: why.to_owned(),
        };
        let url = url.trim();
        if let Some(rest) = url.strip_prefix("file://") {
            // `file:///srv/media` (absolute) or `file://media` (relative to the working folder).
            if rest.is_empty() {
                return Err(bad("the folder is missing"));
            }
            return Ok(MediaLocation::Folder(PathBuf::from(rest)));
        }
        if let Some(rest) = url.strip_prefix("s3://") {
            let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
            // S3's bucket naming rules: 3 to 63 of [a-z0-9.-].
            let valid_bucket = (3..=63).contains(&bucket.len())
                && bucket
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-');
            if !valid_bucket {
                return Err(bad("the bucket name must be 3 to 63 of a-z, 0-9, '.', '-'"));
            }
            let prefix = prefix.trim_matches('/');
            if prefix
                .split('/')
                .any(|s| s == ".." || s == "." || (s.is_empty() && !prefix.is_empty()))
            {
                return Err(bad("the prefix must be plain folder names"));
            }
            return Ok(MediaLocation::S3 {
                bucket: bucket.to_owned(),
                prefix: prefix.to_owned(),
            });
        }
        Err(bad("unknown scheme"))
    }

    /// Opens the store. A folder is created if missing.
    pub fn open(&self) -> Result<MediaStorage, MediaUrlError> {
        match self {
            MediaLocation::Folder(dir) => {
                MediaStorage::local(dir).map_err(|source| MediaUrlError::Folder {
                    dir: dir.display().to_string(),
                    source,
                })
            }
            MediaLocation::S3 { bucket, prefix } => {
                let url = format!("s3://{bucket}/{prefix}");
                let s3 = s3_builder(bucket)
                    .build()
                    .map_err(|source| MediaUrlError::S3 { url, source })?;
                let store: Arc<dyn object_store::ObjectStore> = if prefix.is_empty() {
                    Arc::new(s3)
                } else {
                    Arc::new(PrefixStore::new(s3, prefix.as_str()))
                };
                Ok(MediaStorage::new(store))
            }
        }
    }
}

/// The standard `AWS_*` variables (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
/// `AWS_REGION`, `AWS_ENDPOINT_URL`, `AWS_ALLOW_HTTP`, `AWS_VIRTUAL_HOSTED_STYLE_REQUEST`…),
/// with path-style requests (what MinIO, Garage, Ceph and moto expect; AWS accepts both) and
/// plain HTTP allowed for a loopback endpoint only.
fn s3_builder(bucket: &str) -> AmazonS3Builder {
    let mut builder = AmazonS3Builder::from_env().with_bucket_name(bucket);
    let endpoint = std::env::var("AWS_ENDPOINT_URL")
        .or_else(|_| std::env::var("AWS_ENDPOINT"))
        .unwrap_or_default();
    // A page waiting on the media store waits at most this long; a node whose store is down
    // fails fast instead of holding connections for minutes of retries.
    let mut client = ClientOptions::new()
        .with_connect_timeout(Duration::from_secs(2))
        .with_timeout(Duration::from_secs(60));
    let allow_http = std::env::var("AWS_ALLOW_HTTP").is_ok_and(|v| v.eq_ignore_ascii_case("true"));
    if allow_http || is_loopback_http(&endpoint) {
        client = client.with_allow_http(true);
    }
    if std::env::var_os("AWS_REGION").is_none() && std::env::var_os("AWS_DEFAULT_REGION").is_none()
    {
        builder = builder.with_region("us-east-1");
    }
    // Client options given whole replace those `from_env` read: allow_http is set above.
    builder.with_client_options(client).with_retry(RetryConfig {
        max_retries: 2,
        retry_timeout: Duration::from_secs(10),
        ..RetryConfig::default()
    })
}

fn is_loopback_http(endpoint: &str) -> bool {
    let Some(rest) = endpoint.strip_prefix("http://") else {
        return false;
    };
    let host = rest.split(['/', '?']).next().unwrap_or("");
    let host = match host.rsplit_once(':') {
        Some((h, port)) if port.chars().all(|c| c.is_ascii_digit()) => h,
        _ => host,
    };
    host == "localhost"
        || host == "[::1]"
        || host
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_parsed() {
        assert_eq!(
            MediaLocation::parse("file:///srv/kiosque/media").ok(),
            Some(MediaLocation::Folder(PathBuf::from("/srv/kiosque/media")))
        );
        assert_eq!(
            MediaLocation::parse("s3://journal-media/site/prod/").ok(),
            Some(MediaLocation::S3 {
                bucket: "journal-media".into(),
                prefix: "site/prod".into()
            })
        );
        assert_eq!(
            MediaLocation::parse("s3://journal-media").ok(),
            Some(MediaLocation::S3 {
                bucket: "journal-media".into(),
                prefix: String::new()
            })
        );
        for bad in [
            "",
            "/srv/media",
            "http://example.org/media",
            "s3://",
            "s3://UPPER/x",
            "s3://ab",
            "s3://bucket/a/../b",
            "s3://bucket/a//b",
            "file://",
        ] {
            let error = MediaLocation::parse(bad).expect_err(bad).to_string();
            assert!(error.contains("media URL"), "{bad}: {error}");
        }
    }

    #[test]
    fn plain_http_only_on_loopback() {
        assert!(is_loopback_http("http://127.0.0.1:59000"));
        assert!(is_loopback_http("http://localhost:9000/"));
        assert!(is_loopback_http("http://[::1]:9000"));
        assert!(!is_loopback_http("http://minio.internal:9000"));
        assert!(!is_loopback_http("https://127.0.0.1:9000"));
        assert!(!is_loopback_http("http://10.0.0.1"));
    }
}
