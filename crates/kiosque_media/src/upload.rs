//! The whole upload: process, then store, all or nothing.

use bytes::Bytes;
use chrono::NaiveDate;

use crate::storage::{dated_path, random_tag, upload_stem, MediaStorage};
use crate::validate::Limits;
use crate::variants::{process, Processed};
use crate::MediaError;

/// Tries at a fresh name when the random tag collides with a stored file: with 1.7 million
/// tags, a second collision in a row means something else is wrong.
const NAME_ATTEMPTS: usize = 3;

/// A stored upload: what the media library records about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredImage {
    /// The original, as uploaded: `2016/12/23/photo-ab12.jpg`.
    pub path: String,
    /// As displayed (after EXIF orientation).
    pub width: u32,
    pub height: u32,
    /// The original's type, from its content.
    pub mime: &'static str,
    /// `(width, path)` of each WebP variant, narrowest first: `(320, "2016/12/23/photo-ab12-320w.webp")`.
    pub variants: Vec<(u32, String)>,
    /// A `data:` URI to show while the image loads.
    pub placeholder: String,
    /// `(path, bytes)` of every file written, the original first: what the site records of
    /// the media store.
    pub sizes: Vec<(String, u64)>,
}

/// Validates and processes `bytes` on a blocking thread, then stores the original (unchanged,
/// under the extension of its real format) and its variants under `date`'s folder.
///
/// A refused file writes nothing. If a write fails midway, the files already written are
/// deleted, so the storage never holds half an upload.
pub async fn store_upload(
    storage: &MediaStorage,
    bytes: impl Into<Bytes>,
    original_name: &str,
    date: NaiveDate,
    limits: &Limits,
) -> Result<StoredImage, MediaError> {
    store_upload_tagged(
        storage,
        bytes.into(),
        original_name,
        date,
        limits,
        random_tag,
    )
    .await
}

pub(crate) async fn store_upload_tagged(
    storage: &MediaStorage,
    bytes: Bytes,
    original_name: &str,
    date: NaiveDate,
    limits: &Limits,
    mut next_tag: impl FnMut() -> String,
) -> Result<StoredImage, MediaError> {
    let processed = {
        let bytes = bytes.clone();
        let limits = *limits;
        // Decoding and encoding take up to seconds of CPU and hundreds of megabytes: off the
        // async workers, so that pages keep being served meanwhile, and a few at a time.
        let turn = crate::decoding::turn().await;
        let processed = tokio::task::spawn_blocking(move || process(&bytes, &limits))
            .await
            .map_err(|error| MediaError::Processing {
                detail: format!("the processing thread failed: {error}"),
            })??;
        drop(turn);
        processed
    };

    let mut attempt = 0;
    loop {
        attempt += 1;
        let stem = upload_stem(original_name, &next_tag());
        let files = files_to_write(&processed, &bytes, date, &stem);
        match write_all(storage, &files).await {
            Ok(()) => return Ok(stored_image(&processed, files)),
            Err(object_store::Error::AlreadyExists { .. }) if attempt < NAME_ATTEMPTS => continue,
            Err(error) => return Err(MediaError::from(error)),
        }
    }
}

struct File {
    path: String,
    bytes: Bytes,
    width: u32,
}

/// The original first: it is the file the media library points at.
fn files_to_write(
    processed: &Processed,
    original: &Bytes,
    date: NaiveDate,
    stem: &str,
) -> Vec<File> {
    let mut files = vec![File {
        path: dated_path(date, stem, "", processed.info.format.extension()),
        bytes: original.clone(),
        width: processed.info.width,
    }];
    files.extend(processed.variants.iter().map(|variant| File {
        path: dated_path(date, stem, &format!("-{}w", variant.width), "webp"),
        bytes: variant.bytes.clone(),
        width: variant.width,
    }));
    files
}

/// Every file is created, never overwritten: a name taken by another upload fails the whole
/// write (and the caller tries another name) instead of replacing someone else's picture.
async fn write_all(storage: &MediaStorage, files: &[File]) -> Result<(), object_store::Error> {
    for (written, file) in files.iter().enumerate() {
        if let Err(error) = storage.put_new(&file.path, file.bytes.clone()).await {
            for done in &files[..written] {
                if let Err(cleanup) = storage.delete(&done.path).await {
                    tracing::warn!(path = %done.path, error = %cleanup, "could not delete part of a failed upload");
                }
            }
            return Err(error);
        }
    }
    Ok(())
}

/// `files` is what `store_upload` wrote: the original first, then the variants. It always
/// holds the original, so the empty path below is never taken.
fn stored_image(processed: &Processed, files: Vec<File>) -> StoredImage {
    let sizes = files
        .iter()
        .map(|f| (f.path.clone(), f.bytes.len() as u64))
        .collect();
    let mut files = files.into_iter();
    let path = files
        .next()
        .map(|original| original.path)
        .unwrap_or_default();
    StoredImage {
        path,
        width: processed.info.width,
        height: processed.info.height,
        mime: processed.info.format.mime(),
        variants: files.map(|variant| (variant.width, variant.path)).collect(),
        placeholder: processed.placeholder.clone(),
        sizes,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;
    use std::fmt;
    use std::path::Path as FsPath;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    use async_trait::async_trait;
    use futures_util::stream::BoxStream;
    use object_store::path::Path;
    use object_store::{
        CopyOptions, GetOptions, GetResult, ListResult, MultipartUpload, ObjectMeta, ObjectStore,
        PutMultipartOptions, PutOptions, PutPayload, PutResult,
    };

    use super::*;
    use crate::test_images::{jpeg, png_header};

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2016, 12, 23).expect("a valid date")
    }

    fn files_under(dir: &FsPath) -> Vec<String> {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir).expect("a readable folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                files.extend(files_under(&path));
            } else {
                files.push(path.display().to_string());
            }
        }
        files
    }

    fn tags(list: &[&str]) -> impl FnMut() -> String {
        let mut list: VecDeque<String> = list.iter().map(|tag| tag.to_string()).collect();
        move || list.pop_front().expect("enough tags")
    }

    #[tokio::test]
    async fn stores_the_original_and_its_variants() -> Result<(), MediaError> {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let storage = MediaStorage::local(dir.path())?;
        let original = jpeg(700, 350);
        // The name says PNG; the content decides.
        let stored = store_upload(
            &storage,
            original.clone(),
            "Photo.png",
            date(),
            &Limits::default(),
        )
        .await?;

        let stem = stored
            .path
            .strip_prefix("2016/12/23/photo-")
            .and_then(|rest| rest.strip_suffix(".jpg"));
        assert!(stem.is_some_and(|tag| tag.len() == 4), "{}", stored.path);
        assert_eq!(
            (stored.width, stored.height, stored.mime),
            (700, 350, "image/jpeg")
        );
        let base = stored.path.trim_end_matches(".jpg");
        assert_eq!(
            stored.variants,
            vec![
                (320, format!("{base}-320w.webp")),
                (640, format!("{base}-640w.webp"))
            ]
        );
        assert!(stored.placeholder.starts_with("data:image/webp;base64,"));

        assert_eq!(
            storage.get(&stored.path).await?.as_ref(),
            original.as_slice()
        );
        for (_, path) in &stored.variants {
            assert!(image::guess_format(&storage.get(path).await?)
                .is_ok_and(|f| f == image::ImageFormat::WebP));
        }
        assert_eq!(files_under(dir.path()).len(), 3);
        Ok(())
    }

    #[tokio::test]
    async fn a_refused_upload_writes_nothing() -> Result<(), MediaError> {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let storage = MediaStorage::local(dir.path())?;
        for (bytes, name) in [
            (b"hello".to_vec(), "hello.jpg"),
            (png_header(30_000, 30_000), "huge.png"),
        ] {
            let result = store_upload(&storage, bytes, name, date(), &Limits::default()).await;
            assert!(result.is_err(), "{name}");
        }
        let mut truncated = jpeg(700, 350);
        truncated.truncate(truncated.len() * 3 / 4);
        let result = store_upload(&storage, truncated, "cut.jpg", date(), &Limits::default()).await;
        assert!(
            matches!(result, Err(MediaError::Unreadable { .. })),
            "{result:?}"
        );
        assert_eq!(
            std::fs::read_dir(dir.path()).expect("the folder").count(),
            0
        );
        Ok(())
    }

    #[tokio::test]
    async fn a_taken_name_is_never_overwritten() -> Result<(), MediaError> {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let storage = MediaStorage::local(dir.path())?;
        let first = jpeg(400, 200);
        let limits = Limits::default();
        let a = store_upload_tagged(
            &storage,
            first.clone().into(),
            "photo.jpg",
            date(),
            &limits,
            tags(&["ab12"]),
        )
        .await?;
        assert_eq!(a.path, "2016/12/23/photo-ab12.jpg");

        let b = store_upload_tagged(
            &storage,
            jpeg(500, 200).into(),
            "photo.jpg",
            date(),
            &limits,
            tags(&["ab12", "cd34"]),
        )
        .await?;
        assert_eq!(b.path, "2016/12/23/photo-cd34.jpg");
        assert_eq!(storage.get(&a.path).await?.as_ref(), first.as_slice());
        assert_eq!(files_under(dir.path()).len(), 4);
        Ok(())
    }

    /// A store whose `fail_at`-th write fails, like a disk filling up mid-upload.
    #[derive(Debug)]
    struct FailingStore {
        inner: Arc<dyn ObjectStore>,
        fail_at: usize,
        puts: AtomicUsize,
    }

    impl fmt::Display for FailingStore {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "FailingStore({})", self.inner)
        }
    }

    #[async_trait]
    impl ObjectStore for FailingStore {
        async fn put_opts(
            &self,
            location: &Path,
            payload: PutPayload,
            opts: PutOptions,
        ) -> object_store::Result<PutResult> {
            if self.puts.fetch_add(1, Ordering::SeqCst) + 1 == self.fail_at {
                return Err(object_store::Error::Generic {
                    store: "FailingStore",
                    source: "disk full".into(),
                });
            }
            self.inner.put_opts(location, payload, opts).await
        }

        async fn put_multipart_opts(
            &self,
            location: &Path,
            opts: PutMultipartOptions,
        ) -> object_store::Result<Box<dyn MultipartUpload>> {
            self.inner.put_multipart_opts(location, opts).await
        }

        async fn get_opts(
            &self,
            location: &Path,
            options: GetOptions,
        ) -> object_store::Result<GetResult> {
            self.inner.get_opts(location, options).await
        }

        fn delete_stream(
            &self,
            locations: BoxStream<'static, object_store::Result<Path>>,
        ) -> BoxStream<'static, object_store::Result<Path>> {
            self.inner.delete_stream(locations)
        }

        fn list(
            &self,
            prefix: Option<&Path>,
        ) -> BoxStream<'static, object_store::Result<ObjectMeta>> {
            self.inner.list(prefix)
        }

        async fn list_with_delimiter(
            &self,
            prefix: Option<&Path>,
        ) -> object_store::Result<ListResult> {
            self.inner.list_with_delimiter(prefix).await
        }

        async fn copy_opts(
            &self,
            from: &Path,
            to: &Path,
            options: CopyOptions,
        ) -> object_store::Result<()> {
            self.inner.copy_opts(from, to, options).await
        }
    }

    #[tokio::test]
    async fn a_failed_write_removes_what_was_written() -> Result<(), MediaError> {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let local = MediaStorage::local(dir.path())?;
        // The original and the 320w variant are written, then the 640w one fails.
        let failing = FailingStore {
            inner: Arc::clone(local.object_store()),
            fail_at: 3,
            puts: AtomicUsize::new(0),
        };
        let storage = MediaStorage::new(Arc::new(failing));
        let result = store_upload(
            &storage,
            jpeg(700, 350),
            "photo.jpg",
            date(),
            &Limits::default(),
        )
        .await;
        assert!(matches!(result, Err(MediaError::Storage(_))), "{result:?}");
        assert_eq!(
            result.map(|_| ()).expect_err("failed").to_string(),
            "Le stockage des médias a échoué\u{a0}; réessayez plus tard."
        );
        assert_eq!(files_under(dir.path()), Vec::<String>::new());
        Ok(())
    }
}
