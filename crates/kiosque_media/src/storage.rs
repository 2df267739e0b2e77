//! Where media files live: any `object_store` backend behind one small interface, and the
//! date-based names they are stored under.

use std::sync::Arc;

use bytes::Bytes;
use chrono::{Datelike, NaiveDate};
use object_store::local::LocalFileSystem;
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, PutMode, PutOptions, PutPayload};

use crate::MediaError;

/// The longest slug kept from an uploaded file's name.
pub const MAX_STEM_CHARS: usize = 60;

/// Media files, addressed by relative paths such as `2016/12/23/photo-ab12.jpg`.
///
/// [`MediaStorage::local`] keeps them in a folder, which the site serves at `/media/`. Any other
/// `object_store` backend plugs in through [`MediaStorage::new`]; for an S3-compatible store,
/// enable `object_store`'s `aws` feature and pass
/// `Arc::new(object_store::aws::AmazonS3Builder::from_env().with_bucket_name(…).build()?)`.
#[derive(Debug, Clone)]
pub struct MediaStorage {
    store: Arc<dyn ObjectStore>,
}

impl MediaStorage {
    pub fn new(store: Arc<dyn ObjectStore>) -> Self {
        MediaStorage { store }
    }

    /// Files under `dir`, created if missing. Writes are flushed to disk before they are
    /// acknowledged (an image a journalist saw uploaded survives a crash), and deleting a file
    /// removes the date folders it leaves empty.
    pub fn local(dir: impl AsRef<std::path::Path>) -> Result<Self, MediaError> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir).map_err(|source| {
            MediaError::Storage(object_store::Error::Generic {
                store: "LocalFileSystem",
                source: Box::new(source),
            })
        })?;
        let store = LocalFileSystem::new_with_prefix(dir)?
            .with_automatic_cleanup(true)
            .with_fsync(true);
        Ok(MediaStorage::new(Arc::new(store)))
    }

    /// The backend itself, for what this interface does not cover (listing, ranges, signed URLs).
    pub fn object_store(&self) -> &Arc<dyn ObjectStore> {
        &self.store
    }

    /// Writes `bytes` at `path`, replacing any file there, atomically.
    pub async fn put(&self, path: &str, bytes: Bytes) -> Result<(), MediaError> {
        self.store
            .put(&parse(path)?, PutPayload::from(bytes))
            .await?;
        Ok(())
    }

    /// Writes `bytes` at `path` unless a file is already there (then `AlreadyExists`).
    pub(crate) async fn put_new(
        &self,
        path: &str,
        bytes: Bytes,
    ) -> Result<(), object_store::Error> {
        let options = PutOptions {
            mode: PutMode::Create,
            ..PutOptions::default()
        };
        self.store
            .put_opts(&parse_raw(path)?, PutPayload::from(bytes), options)
            .await?;
        Ok(())
    }

    /// The file at `path`, or [`MediaError::NotFound`].
    pub async fn get(&self, path: &str) -> Result<Bytes, MediaError> {
        Ok(self.store.get(&parse(path)?).await?.bytes().await?)
    }

    /// Deletes the file at `path`. A file already gone is not an error: S3 does not report it
    /// either, and a retried delete must succeed.
    pub async fn delete(&self, path: &str) -> Result<(), MediaError> {
        match self.store.delete(&parse(path)?).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(error) => Err(MediaError::Storage(error)),
        }
    }

    /// Whether the store answers: one listing of its top level, which needs the bucket to
    /// exist and the credentials to be accepted. Bounded by `timeout`, for `/readyz`.
    pub async fn probe(&self, timeout: std::time::Duration) -> Result<(), String> {
        match tokio::time::timeout(timeout, self.store.list_with_delimiter(None)).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(error)) => Err(error.to_string()),
            Err(_) => Err(format!("no answer within {timeout:?}")),
        }
    }

    /// Copies a finished local file into the store at `path`, streamed (a multipart upload
    /// beyond a few megabytes, never the whole file in memory). `AlreadyExists` if a file is
    /// there: a streamed upload never replaces someone else's file.
    pub async fn put_file(&self, path: &str, file: &std::path::Path) -> Result<u64, MediaError> {
        use tokio::io::AsyncWriteExt;
        let location = parse(path)?;
        match self.store.head(&location).await {
            Ok(_) => {
                return Err(MediaError::Storage(object_store::Error::AlreadyExists {
                    path: path.to_owned(),
                    source: "a file is already stored there".into(),
                }))
            }
            Err(object_store::Error::NotFound { .. }) => {}
            Err(error) => return Err(MediaError::Storage(error)),
        }
        let io = |source: std::io::Error| {
            MediaError::Storage(object_store::Error::Generic {
                store: "upload",
                source: Box::new(source),
            })
        };
        let mut reader = tokio::fs::File::open(file).await.map_err(io)?;
        let mut writer = object_store::buffered::BufWriter::new(Arc::clone(&self.store), location);
        let copied = match tokio::io::copy(&mut reader, &mut writer).await {
            Ok(n) => n,
            Err(error) => {
                let _ = writer.abort().await;
                return Err(io(error));
            }
        };
        writer.shutdown().await.map_err(io)?;
        Ok(copied)
    }

    /// The size of the file at `path`, `None` if there is none.
    pub async fn size(&self, path: &str) -> Result<Option<u64>, MediaError> {
        match self.store.head(&parse(path)?).await {
            Ok(meta) => Ok(Some(meta.size)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(error) => Err(MediaError::Storage(error)),
        }
    }

    pub async fn exists(&self, path: &str) -> Result<bool, MediaError> {
        match self.store.head(&parse(path)?).await {
            Ok(_) => Ok(true),
            Err(object_store::Error::NotFound { .. }) => Ok(false),
            Err(error) => Err(MediaError::Storage(error)),
        }
    }
}

/// Every file of the store with its size, by path (`2016/12/23/a.jpg`): what a scan records.
impl MediaStorage {
    pub async fn list_all(&self) -> Result<Vec<(String, u64)>, MediaError> {
        use futures_util::TryStreamExt;
        let listed: Vec<object_store::ObjectMeta> = self.store.list(None).try_collect().await?;
        Ok(listed
            .into_iter()
            .map(|meta| (meta.location.to_string(), meta.size))
            .collect())
    }
}

/// The `Content-Type` of a media file, from its extension (the site names every file by its
/// real format): what `/media/` answers with, and what feeds declare.
pub fn mime_of_path(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "avif" => "image/avif",
        "mp4" | "m4v" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        // What podcast apps expect, and what the feed declares.
        "m4a" => "audio/mp4",
        "ogg" | "oga" | "opus" => "audio/ogg",
        "wav" => "audio/wav",
        "pdf" => "application/pdf",
        "vtt" => "text/vtt",
        _ => "application/octet-stream",
    }
}

/// `object_store` refuses `..`, empty segments and the like, so no path escapes the store.
fn parse(path: &str) -> Result<Path, MediaError> {
    Ok(parse_raw(path)?)
}

fn parse_raw(path: &str) -> Result<Path, object_store::Error> {
    Ok(Path::parse(path)?)
}

/// `2016/12/23/{stem}{suffix}.{ext}`: files are kept under their upload date, as the archive's
/// `/2016/12/23/phpoTLVxE_1.jpg` were. Every part is reduced to `[a-z0-9-]`, so that whatever
/// the caller passes the result is one safe relative path.
pub fn dated_path(date: NaiveDate, stem: &str, suffix: &str, ext: &str) -> String {
    let stem = match slug::slugify(stem) {
        slug if slug.is_empty() => "image".to_owned(),
        slug => slug,
    };
    let safe = |part: &str| -> String {
        part.chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    format!(
        "{:04}/{:02}/{:02}/{stem}{}.{}",
        date.year(),
        date.month(),
        date.day(),
        safe(suffix),
        safe(ext)
    )
}

/// The stem an upload is stored under: the slug of its file name without the extension
/// (ASCII, lowercase, at most [`MAX_STEM_CHARS`]), then `-` and `tag`, which keeps two uploads
/// of `photo.jpg` on the same day apart. The name is kept because it often says what the
/// picture shows, which helps whoever browses the files.
pub fn upload_stem(original_name: &str, tag: &str) -> String {
    // Browsers may send a full client path (old Internet Explorer did).
    let file_name = original_name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(original_name);
    let without_ext = match file_name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => file_name,
    };
    let slug = slug::slugify(without_ext);
    let mut stem: String = slug.chars().take(MAX_STEM_CHARS).collect();
    while stem.ends_with('-') {
        stem.pop();
    }
    if stem.is_empty() {
        stem.push_str("image");
    }
    let tag = slug::slugify(tag);
    if tag.is_empty() {
        stem
    } else {
        format!("{stem}-{tag}")
    }
}

/// Four random characters from `[a-z0-9]`: 1.7 million values, against a handful of uploads
/// sharing a name on one day. A collision is caught anyway (see [`crate::store_upload`]).
pub fn random_tag() -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    (0..4)
        .map(|_| char::from(ALPHABET[fastrand::usize(..ALPHABET.len())]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2016, 12, 23).expect("a valid date")
    }

    #[test]
    fn paths_are_dated_and_safe() {
        assert_eq!(
            dated_path(date(), "photo-ab12", "", "jpg"),
            "2016/12/23/photo-ab12.jpg"
        );
        assert_eq!(
            dated_path(date(), "photo-ab12", "-640w", "webp"),
            "2016/12/23/photo-ab12-640w.webp"
        );
        assert_eq!(
            dated_path(date(), "../../etc/passwd", "/..", "j/pg"),
            "2016/12/23/etc-passwd.jpg"
        );
        assert_eq!(dated_path(date(), "", "", "png"), "2016/12/23/image.png");
        let early = NaiveDate::from_ymd_opt(2024, 1, 5).expect("a valid date");
        assert_eq!(dated_path(early, "a", "", "png"), "2024/01/05/a.png");
    }

    #[test]
    fn stems_come_from_the_file_name() {
        assert_eq!(upload_stem("phpoTLVxE_1.jpg", "ab12"), "phpotlvxe-1-ab12");
        assert_eq!(
            upload_stem("Été à Paris — la Seine.JPEG", "ab12"),
            "ete-a-paris-la-seine-ab12"
        );
        assert_eq!(
            upload_stem("C:\\Users\\Léa\\Mes images\\dépêche.png", "ab12"),
            "depeche-ab12"
        );
        assert_eq!(upload_stem("../../etc/passwd", "ab12"), "passwd-ab12");
        assert_eq!(upload_stem("", "ab12"), "image-ab12");
        assert_eq!(upload_stem("!!!.png", "ab12"), "image-ab12");
        assert_eq!(upload_stem(".jpg", "ab12"), "jpg-ab12");
        assert_eq!(upload_stem("archive.tar.gz", "x"), "archive-tar-x");
        let long = upload_stem(&format!("{}.jpg", "mot-".repeat(40)), "ab12");
        assert_eq!(
            long,
            format!("{}-ab12", "mot-".repeat(15).trim_end_matches('-'))
        );
        assert!(long.len() <= MAX_STEM_CHARS + 5);
    }

    #[test]
    fn random_tags_are_short_and_plain() {
        let tag = random_tag();
        assert_eq!(tag.len(), 4);
        assert!(tag
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()));
    }

    #[tokio::test]
    async fn local_storage_round_trip() -> Result<(), MediaError> {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path().join("media");
        let storage = MediaStorage::local(&root)?;
        assert!(root.is_dir());

        let path = "2016/12/23/photo-ab12.jpg";
        assert!(!storage.exists(path).await?);
        storage.put(path, Bytes::from_static(b"pixels")).await?;
        assert!(storage.exists(path).await?);
        assert_eq!(storage.get(path).await?, Bytes::from_static(b"pixels"));
        assert_eq!(
            std::fs::read(root.join(path)).expect("the file on disk"),
            b"pixels"
        );

        storage.put(path, Bytes::from_static(b"other")).await?;
        assert_eq!(storage.get(path).await?, Bytes::from_static(b"other"));

        storage.delete(path).await?;
        assert!(!storage.exists(path).await?);
        assert!(matches!(
            storage.get(path).await,
            Err(MediaError::NotFound { .. })
        ));
        storage.delete(path).await?;
        // The emptied date folders go too.
        assert_eq!(
            std::fs::read_dir(&root).expect("the media folder").count(),
            0
        );
        Ok(())
    }

    #[tokio::test]
    async fn paths_cannot_leave_the_store() -> Result<(), MediaError> {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let storage = MediaStorage::local(dir.path().join("media"))?;
        for path in ["../escape.jpg", "2016/../../escape.jpg", "a//b.jpg"] {
            let result = storage.put(path, Bytes::from_static(b"x")).await;
            assert!(
                matches!(result, Err(MediaError::Storage(_))),
                "{path}: {result:?}"
            );
        }
        assert!(!dir.path().join("escape.jpg").exists());
        Ok(())
    }
}
