//! Uploaded video files: recognised by their first bytes (MP4 or WebM, whatever their name),
//! then streamed chunk by chunk to a local staging file, never held in memory, and copied into
//! the media store (see `staged.rs`) as `YYYY/MM/DD/{stem}-{tag}.mp4|webm` once complete.
//! Until [`StoredVideo::keep`] is called, dropping it deletes it, so whatever fails after the
//! first byte (a refused field, a database error, a dropped connection) leaves no file behind.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use tokio::io::AsyncWriteExt;

use crate::staged::{store_staged, StoredFile, TempFile};
use crate::storage::{random_tag, MediaStorage};
use crate::MediaError;

/// The heaviest video file accepted: 500 MiB.
pub const MAX_VIDEO_BYTES: u64 = 500 * 1024 * 1024;
/// How many leading bytes [`sniff_video`] needs to recognise an MP4.
pub const VIDEO_SNIFF_BYTES: usize = 12;

/// The two kinds of file a browser plays in `<video>` that we accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VideoFormat {
    Mp4,
    WebM,
}

impl VideoFormat {
    pub fn extension(self) -> &'static str {
        match self {
            VideoFormat::Mp4 => "mp4",
            VideoFormat::WebM => "webm",
        }
    }
}

/// Major brands of the `ftyp` box that are still images (HEIF, AVIF), not videos.
const IMAGE_BRANDS: [&[u8; 4]; 8] = [
    b"heic", b"heix", b"heim", b"heis", b"mif1", b"msf1", b"avif", b"avis",
];

/// What the first bytes of a file say it is: an MP4 (an ISO media file: `ftyp` at bytes 4..8,
/// and a major brand that is not a still image) or a WebM (the EBML magic `1A 45 DF A3`).
/// Anything else — a text file renamed `.mp4`, an image — is `None`.
pub fn sniff_video(head: &[u8]) -> Option<VideoFormat> {
    if head.starts_with(&[0x1A, 0x45, 0xDF, 0xA3]) {
        return Some(VideoFormat::WebM);
    }
    if head.len() >= VIDEO_SNIFF_BYTES && &head[4..8] == b"ftyp" {
        let brand = &head[8..12];
        if IMAGE_BRANDS.iter().any(|b| b.as_slice() == brand) {
            return None;
        }
        return Some(VideoFormat::Mp4);
    }
    None
}

/// A video file in the media store, deleted when dropped unless [`StoredVideo::keep`] was
/// called.
#[derive(Debug)]
pub struct StoredVideo {
    file: StoredFile,
    format: VideoFormat,
    bytes: u64,
}

impl StoredVideo {
    /// Its path in the media store, as stored on the video: `/2026/05/01/alep-ab12.mp4`.
    pub fn path(&self) -> &str {
        &self.file.path
    }

    pub fn format(&self) -> VideoFormat {
        self.format
    }

    /// Its exact size.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// The file is recorded: it stays.
    pub fn keep(self) {
        self.file.keep();
    }
}

/// One video upload, fed chunk by chunk as they arrive ([`VideoUpload::push`]), then
/// [`VideoUpload::finish`]ed. Nothing is written until the first [`VIDEO_SNIFF_BYTES`] have
/// come and say the file is a video.
///
/// After an error the upload is spent: the caller drops it (deleting any partial file) and
/// reads what is left of the request, keeping nothing.
pub struct VideoUpload {
    storage: MediaStorage,
    staging: PathBuf,
    day: NaiveDate,
    stem: String,
    max_bytes: u64,
    head: Vec<u8>,
    size: u64,
    open: Option<(tokio::fs::File, TempFile, VideoFormat)>,
}

impl VideoUpload {
    /// An upload to store as `YYYY/MM/DD/{stem}-{tag}.{ext}` in `storage` (`day` is the
    /// newsroom's date), staged in the local folder `staging` while it arrives, refused beyond
    /// `max_bytes` (usually [`MAX_VIDEO_BYTES`]).
    pub fn new(
        storage: &MediaStorage,
        staging: &Path,
        day: NaiveDate,
        stem: &str,
        max_bytes: u64,
    ) -> Self {
        VideoUpload {
            storage: storage.clone(),
            staging: staging.to_owned(),
            day,
            stem: stem.to_owned(),
            max_bytes,
            head: Vec::new(),
            size: 0,
            open: None,
        }
    }

    /// Takes the next chunk: [`MediaError::VideoTooHeavy`] beyond the limit (the partial file
    /// is deleted at once), [`MediaError::NotAVideo`] as soon as the first bytes say so.
    pub async fn push(&mut self, chunk: &[u8]) -> Result<(), MediaError> {
        self.size += chunk.len() as u64;
        if self.size > self.max_bytes {
            self.open = None;
            return Err(MediaError::VideoTooHeavy {
                max_bytes: self.max_bytes,
            });
        }
        match &mut self.open {
            Some((file, _, _)) => write(file, chunk).await,
            None => {
                self.head.extend_from_slice(chunk);
                if self.head.len() >= VIDEO_SNIFF_BYTES {
                    self.start().await?;
                }
                Ok(())
            }
        }
    }

    /// The complete file in the store under its final name, or `None` if no byte came (a form
    /// sent without choosing a file).
    pub async fn finish(self) -> Result<Option<StoredVideo>, MediaError> {
        self.finish_tagged(random_tag).await
    }

    async fn finish_tagged(
        mut self,
        tags: impl FnMut() -> String,
    ) -> Result<Option<StoredVideo>, MediaError> {
        if self.open.is_none() {
            if self.head.is_empty() {
                return Ok(None);
            }
            // A file shorter than the sniffed prefix: its few bytes still decide.
            self.start().await?;
        }
        let Some((mut file, temp, format)) = self.open.take() else {
            return Err(io("could not write the video file")(
                ErrorKind::NotFound.into(),
            ));
        };
        file.flush()
            .await
            .map_err(io("could not write the video file"))?;
        drop(file);
        let stored = store_staged(
            &self.storage,
            &temp,
            self.day,
            &self.stem,
            format.extension(),
            tags,
        )
        .await?;
        tracing::info!(path = %stored.path, bytes = self.size, "video file received");
        Ok(Some(StoredVideo {
            file: stored,
            format,
            bytes: self.size,
        }))
    }

    /// Checks the first bytes, opens a staging file and writes them to it.
    async fn start(&mut self) -> Result<(), MediaError> {
        let format = sniff_video(&self.head).ok_or(MediaError::NotAVideo)?;
        let (mut file, temp) = TempFile::create(&self.staging)
            .await
            .map_err(io("could not create the video file"))?;
        let head = std::mem::take(&mut self.head);
        write(&mut file, &head).await?;
        self.open = Some((file, temp, format));
        Ok(())
    }
}

async fn write(file: &mut tokio::fs::File, bytes: &[u8]) -> Result<(), MediaError> {
    file.write_all(bytes)
        .await
        .map_err(io("could not write the video file"))
}

fn io(what: &'static str) -> impl FnOnce(std::io::Error) -> MediaError {
    move |source| MediaError::VideoWrite { what, source }
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;

    use super::*;

    #[test]
    fn files_are_recognised_by_their_content() {
        let mut mp4 = vec![0, 0, 0, 0x18];
        mp4.extend_from_slice(b"ftypisom\0\0\x02\0isomiso2");
        assert_eq!(sniff_video(&mp4), Some(VideoFormat::Mp4));
        assert_eq!(
            sniff_video(&[0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81]),
            Some(VideoFormat::WebM)
        );
        assert_eq!(sniff_video(b"hello, this is not a video"), None);
        assert_eq!(sniff_video(b"\0\0\0\x18ftyp"), None, "too short to say");
        let mut heic = vec![0, 0, 0, 0x18];
        heic.extend_from_slice(b"ftypheic\0\0\0\0mif1heic");
        assert_eq!(sniff_video(&heic), None, "a HEIF still image");
        assert_eq!(sniff_video(&[]), None);
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 5, 1).expect("a valid date")
    }

    fn mp4_head() -> Vec<u8> {
        let mut mp4 = vec![0, 0, 0, 0x18];
        mp4.extend_from_slice(b"ftypisom\0\0\x02\0");
        mp4
    }

    fn files_under(dir: &Path) -> Vec<String> {
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

    /// A media store and a staging folder, both empty.
    fn places() -> (tempfile::TempDir, MediaStorage, PathBuf) {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let storage = MediaStorage::local(dir.path().join("media")).expect("a media folder");
        let staging = dir.path().join("staging");
        (dir, storage, staging)
    }

    /// Lets the background deletion of a dropped file run.
    async fn settle() {
        for _ in 0..20 {
            tokio::task::yield_now().await;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }

    #[tokio::test]
    async fn a_video_is_streamed_to_its_dated_name() -> Result<(), MediaError> {
        let (dir, storage, staging) = places();
        let mut upload = VideoUpload::new(&storage, &staging, day(), "alep", 1024);
        // Chunks smaller than the sniffed prefix are gathered first.
        let head = mp4_head();
        upload.push(&head[..5]).await?;
        upload.push(&head[5..]).await?;
        upload.push(b"rest of the file").await?;
        let stored = upload.finish().await?.expect("a stored file");
        assert_eq!(stored.format(), VideoFormat::Mp4);
        assert!(
            stored.path().starts_with("/2026/05/01/alep-"),
            "{}",
            stored.path()
        );
        assert!(stored.path().ends_with(".mp4"));
        let rel = stored.path().trim_start_matches('/').to_owned();
        let mut expected = head.clone();
        expected.extend_from_slice(b"rest of the file");
        assert_eq!(storage.get(&rel).await?.as_ref(), expected.as_slice());
        stored.keep();
        settle().await;
        assert!(storage.exists(&rel).await?, "a kept file stays");
        assert!(files_under(&staging).is_empty(), "nothing left in staging");
        drop(dir);
        Ok(())
    }

    #[tokio::test]
    async fn a_short_webm_and_an_empty_part() -> Result<(), MediaError> {
        let (dir, storage, staging) = places();
        let upload = VideoUpload::new(&storage, &staging, day(), "clip", 1024);
        assert!(upload.finish().await?.is_none(), "no byte, no file");
        let mut upload = VideoUpload::new(&storage, &staging, day(), "clip", 1024);
        upload.push(&[0x1A, 0x45, 0xDF, 0xA3, 0x9F]).await?;
        let stored = upload.finish().await?.expect("a stored file");
        assert_eq!(stored.format(), VideoFormat::WebM);
        drop(stored);
        settle().await;
        assert!(
            files_under(dir.path()).is_empty(),
            "a file not kept is deleted"
        );
        Ok(())
    }

    #[tokio::test]
    async fn refusals_leave_nothing_on_disk() -> Result<(), MediaError> {
        let (dir, storage, staging) = places();
        let mut upload = VideoUpload::new(&storage, &staging, day(), "faux", 1024);
        let refused = upload.push(b"hello, this is not a video").await;
        assert!(matches!(refused, Err(MediaError::NotAVideo)), "{refused:?}");
        assert!(files_under(dir.path()).is_empty());

        let mut upload = VideoUpload::new(&storage, &staging, day(), "lourd", 64);
        upload.push(&mp4_head()).await?;
        upload.push(&[0; 40]).await?;
        let refused = upload.push(&[0; 40]).await;
        assert!(
            matches!(refused, Err(MediaError::VideoTooHeavy { max_bytes: 64 })),
            "{refused:?}"
        );
        assert!(
            files_under(dir.path()).is_empty(),
            "the partial file is gone"
        );
        drop(upload);
        Ok(())
    }

    #[tokio::test]
    async fn a_taken_name_is_never_overwritten() -> Result<(), MediaError> {
        let (_dir, storage, staging) = places();
        storage
            .put(
                "2026/05/01/alep-aaaa.mp4",
                bytes::Bytes::from_static(b"already here"),
            )
            .await?;
        let mut upload = VideoUpload::new(&storage, &staging, day(), "alep", 1024);
        upload.push(&mp4_head()).await?;
        let mut tags: VecDeque<&str> = ["aaaa", "bbbb"].into();
        let stored = upload
            .finish_tagged(|| tags.pop_front().expect("enough tags").to_owned())
            .await?
            .expect("a stored file");
        assert_eq!(stored.path(), "/2026/05/01/alep-bbbb.mp4");
        assert_eq!(
            storage.get("2026/05/01/alep-aaaa.mp4").await?.as_ref(),
            b"already here"
        );
        Ok(())
    }
}
