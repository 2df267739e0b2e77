//! Nodes whose media live on a real S3-compatible server: `scripts/test.sh` starts one on
//! loopback (moto's standalone server) with the bucket `kiosque-test` and exports its address
//! as `TEST_S3_ENDPOINT`. Without it the S3 tests fail under CI (`CI=true`), so that a broken
//! setup is never a silent pass, and are skipped elsewhere.

use crate::server::{Server, Site};

/// The bucket `scripts/s3-start.sh` creates.
pub const BUCKET: &str = "kiosque-test";

/// The S3 server's address, or `None` (skipped) when none was started.
pub fn endpoint() -> Option<String> {
    match std::env::var("TEST_S3_ENDPOINT") {
        Ok(url) if !url.trim().is_empty() => Some(url.trim().to_owned()),
        _ => {
            assert!(
                std::env::var("CI").map_or(true, |v| v != "true"),
                "CI is set but TEST_S3_ENDPOINT is not: scripts/test.sh starts the S3 server"
            );
            eprintln!("skipping an S3 test: TEST_S3_ENDPOINT is not set");
            None
        }
    }
}

/// A site's media on the S3 server: its own prefix in the test bucket, so that tests running
/// at once never see each other's files.
pub struct S3Media {
    pub endpoint: String,
    pub url: String,
}

impl S3Media {
    /// A fresh prefix on the server at `endpoint`.
    pub fn new(endpoint: &str) -> S3Media {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        S3Media {
            endpoint: endpoint.to_owned(),
            url: format!("s3://{BUCKET}/site-{}-{nanos}", std::process::id()),
        }
    }

    /// The environment of a node using it: the standard `AWS_*` variables and the media URL.
    pub fn env(&self) -> Vec<(String, String)> {
        [
            ("KIOSQUE_MEDIA_URL", self.url.as_str()),
            ("AWS_ENDPOINT_URL", self.endpoint.as_str()),
            ("AWS_ACCESS_KEY_ID", "testing"),
            ("AWS_SECRET_ACCESS_KEY", "testing"),
            ("AWS_REGION", "us-east-1"),
        ]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
    }

    /// Starts a node of `site` with its media here (and extra `serve` arguments).
    pub fn start(&self, site: &Site, args: &[&str]) -> Server {
        site.start_with_env(args, &self.env())
    }
}
