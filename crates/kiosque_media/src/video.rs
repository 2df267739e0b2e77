//! Uploaded video files: recognised by their first bytes (MP4 or WebM, whatever their name),
//! then streamed to disk chunk by chunk, never held in memory.
//!
//! Unlike images, videos bypass [`crate::MediaStorage`]: they are written straight into the
//! media folder, because `object_store`'s local backend takes a whole payload at once and the
//! folder's static server must answer `Range` requests on the finished file. A file is written
//! under a hidden temporary name and renamed to `YYYY/MM/DD/{stem}-{tag}.mp4|webm` once
//! complete; until [`StoredVideo::keep`] is called, dropping it deletes it, so whatever fails
//! after the first byte (a refused field, a database error, a dropped connection) leaves no
//! file behind.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use tokio::io::AsyncWriteExt;

use crate::storage::{dated_path, random_tag};
use crate::MediaError;

/// The heaviest video file accepted: 500 MiB.
pub const MAX_VIDEO_BYTES: u64 = 500 * 1024 * 1024;
/// How many leading bytes [`sniff_video`] needs to recognise an MP4.
pub const VIDEO_SNIFF_BYTES: usize = 12;
/// How many fresh names are tried before giving up: a collision needs the same stem, day and
/// four random characters, so a second draw practically never happens.
const NAME_ATTEMPTS: usize = 16;

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

/// A video file on disk, deleted when dropped unless [`StoredVideo::keep`] was called.
#[derive(Debug)]
pub struct StoredVideo {
    /// Where the file is now (its temporary name until complete).
    disk: PathBuf,
    path: String,
    format: VideoFormat,
    kept: bool,
}

impl StoredVideo {
    /// Its path in the media folder, as stored on the video: `/2026/05/01/alep-ab12.mp4`.
    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn format(&self) -> VideoFormat {
        self.format
    }

    /// The file is recorded: it stays.
    pub fn keep(mut self) {
        self.kept = true;
    }
}

impl Drop for StoredVideo {
    fn drop(&mut self) {
        if !self.kept {
            if let Err(e) = std::fs::remove_file(&self.disk) {
                if e.kind() != ErrorKind::NotFound {
                    tracing::warn!(file = %self.disk.display(), error = %e, "could not delete a refused video");
                }
            }
        }
    }
}

/// The file being written: its handle, its guard, and the name it gets once complete.
struct Open {
    file: tokio::fs::File,
    stored: StoredVideo,
    target: PathBuf,
}

/// One video upload, fed chunk by chunk as they arrive ([`VideoUpload::push`]), then
/// [`VideoUpload::finish`]ed. Nothing is written until the first [`VIDEO_SNIFF_BYTES`] have
/// come and say the file is a video.
///
/// After an error the upload is spent: the caller drops it (deleting any partial file) and
/// reads what is left of the request, keeping nothing.
pub struct VideoUpload {
    media_dir: PathBuf,
    day: NaiveDate,
    stem: String,
    max_bytes: u64,
    head: Vec<u8>,
    size: u64,
    open: Option<Open>,
}

impl VideoUpload {
    /// An upload to store under `media_dir/YYYY/MM/DD/{stem}-{tag}.{ext}` (`day` is the
    /// newsroom's date), refused beyond `max_bytes` (usually [`MAX_VIDEO_BYTES`]).
    pub fn new(media_dir: &Path, day: NaiveDate, stem: &str, max_bytes: u64) -> Self {
        VideoUpload {
            media_dir: media_dir.to_owned(),
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
            Some(open) => write(&mut open.file, chunk).await,
            None => {
                self.head.extend_from_slice(chunk);
                if self.head.len() >= VIDEO_SNIFF_BYTES {
                    self.start(random_tag).await?;
                }
                Ok(())
            }
        }
    }

    /// The complete file under its final name, or `None` if no byte came (a form sent without
    /// choosing a file).
    pub async fn finish(mut self) -> Result<Option<StoredVideo>, MediaError> {
        if self.open.is_none() {
            if self.head.is_empty() {
                return Ok(None);
            }
            // A file shorter than the sniffed prefix: its few bytes still decide.
            self.start(random_tag).await?;
        }
        let Some(Open {
            mut file,
            mut stored,
            target,
        }) = self.open.take()
        else {
            return Err(no_free_name());
        };
        file.flush()
            .await
            .map_err(io("could not write the video file"))?;
        file.sync_all()
            .await
            .map_err(io("could not write the video file"))?;
        drop(file);
        tokio::fs::rename(&stored.disk, &target)
            .await
            .map_err(io("could not name the video file"))?;
        stored.disk = target;
        tracing::info!(path = %stored.path, bytes = self.size, "video file received");
        Ok(Some(stored))
    }

    /// Checks the first bytes, opens a fresh file and writes them to it.
    async fn start(&mut self, tags: impl FnMut() -> String) -> Result<(), MediaError> {
        let format = sniff_video(&self.head).ok_or(MediaError::NotAVideo)?;
        let mut open = self.open_fresh(format, tags).await?;
        let head = std::mem::take(&mut self.head);
        write(&mut open.file, &head).await?;
        self.open = Some(open);
        Ok(())
    }

    /// A new file under a fresh name: four random characters keep two uploads of the same stem
    /// apart, and a name already taken (or being written) draws again.
    async fn open_fresh(
        &self,
        format: VideoFormat,
        mut tags: impl FnMut() -> String,
    ) -> Result<Open, MediaError> {
        for _ in 0..NAME_ATTEMPTS {
            let stem = format!("{}-{}", self.stem, tags());
            let rel = dated_path(self.day, &stem, "", format.extension());
            let target = self.media_dir.join(&rel);
            let (Some(dir), Some(name)) = (target.parent(), target.file_name()) else {
                continue;
            };
            let temp = dir.join(format!(".{}.part", name.to_string_lossy()));
            if target.exists() {
                continue;
            }
            tokio::fs::create_dir_all(dir)
                .await
                .map_err(io("could not create the video folder"))?;
            let created = tokio::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&temp)
                .await;
            match created {
                Ok(file) => {
                    let stored = StoredVideo {
                        disk: temp,
                        path: format!("/{rel}"),
                        format,
                        kept: false,
                    };
                    return Ok(Open {
                        file,
                        stored,
                        target,
                    });
                }
                Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(io("could not create the video file")(e)),
            }
        }
        Err(no_free_name())
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

fn no_free_name() -> MediaError {
    MediaError::VideoWrite {
        what: "no free name for a video file",
        source: ErrorKind::AlreadyExists.into(),
    }
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

    #[tokio::test]
    async fn a_video_is_streamed_to_its_dated_name() -> Result<(), MediaError> {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let mut upload = VideoUpload::new(dir.path(), day(), "alep", 1024);
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
        let disk = dir.path().join(stored.path().trim_start_matches('/'));
        let mut expected = head.clone();
        expected.extend_from_slice(b"rest of the file");
        assert_eq!(std::fs::read(&disk).expect("the file"), expected);
        stored.keep();
        assert!(disk.is_file(), "a kept file stays");
        Ok(())
    }

    #[tokio::test]
    async fn a_short_webm_and_an_empty_part() -> Result<(), MediaError> {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let upload = VideoUpload::new(dir.path(), day(), "clip", 1024);
        assert!(upload.finish().await?.is_none(), "no byte, no file");
        let mut upload = VideoUpload::new(dir.path(), day(), "clip", 1024);
        upload.push(&[0x1A, 0x45, 0xDF, 0xA3, 0x9F]).await?;
        let stored = upload.finish().await?.expect("a stored file");
        assert_eq!(stored.format(), VideoFormat::WebM);
        drop(stored);
        assert!(
            files_under(dir.path()).is_empty(),
            "a file not kept is deleted"
        );
        Ok(())
    }

    #[tokio::test]
    async fn refusals_leave_nothing_on_disk() -> Result<(), MediaError> {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let mut upload = VideoUpload::new(dir.path(), day(), "faux", 1024);
        let refused = upload.push(b"hello, this is not a video").await;
        assert!(matches!(refused, Err(MediaError::NotAVideo)), "{refused:?}");
        assert!(files_under(dir.path()).is_empty());

        let mut upload = VideoUpload::new(dir.path(), day(), "lourd", 64);
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
        let dir = tempfile::tempdir().expect("a temporary folder");
        let taken = dir.path().join("2026/05/01/alep-aaaa.mp4");
        std::fs::create_dir_all(taken.parent().expect("a folder")).expect("a folder");
        std::fs::write(&taken, b"already here").expect("a file");
        let mut upload = VideoUpload::new(dir.path(), day(), "alep", 1024);
        upload.head = mp4_head();
        let mut tags: VecDeque<&str> = ["aaaa", "bbbb"].into();
        upload
            .start(|| tags.pop_front().expect("enough tags").to_owned())
            .await?;
        let stored = upload.finish().await?.expect("a stored file");
        assert_eq!(stored.path(), "/2026/05/01/alep-bbbb.mp4");
        assert_eq!(std::fs::read(&taken).expect("the file"), b"already here");
        Ok(())
    }
}
