//! Uploaded audio files (podcast episodes): recognised by their first bytes and their headers
//! (MP3, M4A, Ogg Vorbis or Opus, WAV — whatever their name), streamed to disk chunk by chunk,
//! never held in memory, and measured (length in seconds, size in bytes) before they are kept.
//!
//! Like videos, they are staged in a local file while they arrive and are measured, then copied
//! into the media store (see `staged.rs`) as `YYYY/MM/DD/{stem}-{tag}.{ext}`; the site serves
//! them with `Range` requests (podcast apps and `<audio>` seek and resume with them). Until
//! [`StoredAudio::keep`] is called, dropping it deletes the file, so a refused form or a
//! failed write leaves nothing behind.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use kiosque_domain::podcast::AudioFormat;
use tokio::io::AsyncWriteExt;

use crate::audio_meta::{audio_duration, sniff_audio, AUDIO_SNIFF_BYTES};
use crate::staged::{store_staged, StoredFile, TempFile};
use crate::storage::{random_tag, MediaStorage};
use crate::MediaError;

/// The heaviest audio file accepted: 300 MiB (three hours of MP3 at 192 kb/s is 260 MB).
pub const MAX_AUDIO_BYTES: u64 = 300 * 1024 * 1024;

/// An audio file in the media store, deleted when dropped unless [`StoredAudio::keep`] was
/// called.
#[derive(Debug)]
pub struct StoredAudio {
    file: StoredFile,
    format: AudioFormat,
    bytes: u64,
    seconds: i64,
}

impl StoredAudio {
    /// Its path in the media store: `/2026/12/03/journal-ab12.mp3`.
    pub fn path(&self) -> &str {
        &self.file.path
    }

    pub fn format(&self) -> AudioFormat {
        self.format
    }

    /// Its exact size, for the feed's enclosure.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Its length as its headers say, in whole seconds.
    pub fn seconds(&self) -> i64 {
        self.seconds
    }

    /// The file is recorded: it stays.
    pub fn keep(self) {
        self.file.keep();
    }
}

/// One audio upload, fed chunk by chunk ([`AudioUpload::push`]), then finished. Nothing is
/// written until the first bytes say the file is audio; after an error the upload is spent.
pub struct AudioUpload {
    storage: MediaStorage,
    staging: PathBuf,
    day: NaiveDate,
    stem: String,
    max_bytes: u64,
    head: Vec<u8>,
    size: u64,
    open: Option<(tokio::fs::File, TempFile, AudioFormat)>,
}

impl AudioUpload {
    /// An upload to store as `YYYY/MM/DD/{stem}-{tag}.{ext}` in `storage`, staged in the local
    /// folder `staging` while it arrives and is measured, refused beyond `max_bytes` (usually
    /// [`MAX_AUDIO_BYTES`]).
    pub fn new(
        storage: &MediaStorage,
        staging: &Path,
        day: NaiveDate,
        stem: &str,
        max_bytes: u64,
    ) -> Self {
        AudioUpload {
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

    /// Takes the next chunk: [`MediaError::AudioTooHeavy`] beyond the limit (the partial file
    /// is deleted at once), [`MediaError::NotAudio`] as soon as the first bytes say so.
    pub async fn push(&mut self, chunk: &[u8]) -> Result<(), MediaError> {
        self.size += chunk.len() as u64;
        if self.size > self.max_bytes {
            self.open = None;
            return Err(MediaError::AudioTooHeavy {
                max_bytes: self.max_bytes,
            });
        }
        match &mut self.open {
            Some((file, _, _)) => write(file, chunk).await,
            None => {
                self.head.extend_from_slice(chunk);
                if self.head.len() >= AUDIO_SNIFF_BYTES {
                    self.start().await?;
                }
                Ok(())
            }
        }
    }

    /// The complete, measured file in the store under its final name; `None` if no byte came.
    /// A file whose headers give no length is not the audio it looked like: refused, deleted.
    pub async fn finish(mut self) -> Result<Option<StoredAudio>, MediaError> {
        if self.open.is_none() {
            if self.head.is_empty() {
                return Ok(None);
            }
            self.start().await?;
        }
        let Some((mut file, temp, format)) = self.open.take() else {
            return Err(io("could not write the audio file")(
                ErrorKind::NotFound.into(),
            ));
        };
        file.flush()
            .await
            .map_err(io("could not write the audio file"))?;
        drop(file);
        let disk = temp.0.clone();
        let seconds = tokio::task::spawn_blocking(move || {
            let mut f = std::fs::File::open(&disk).ok()?;
            audio_duration(&mut f, format)
        })
        .await
        .ok()
        .flatten()
        .ok_or(MediaError::NotAudio)?;
        let stored = store_staged(
            &self.storage,
            &temp,
            self.day,
            &self.stem,
            format.extension(),
            random_tag,
        )
        .await?;
        tracing::info!(path = %stored.path, bytes = self.size, seconds, "audio file received");
        Ok(Some(StoredAudio {
            file: stored,
            format,
            bytes: self.size,
            seconds,
        }))
    }

    async fn start(&mut self) -> Result<(), MediaError> {
        let format = sniff_audio(&self.head).ok_or(MediaError::NotAudio)?;
        let (mut file, temp) = TempFile::create(&self.staging)
            .await
            .map_err(io("could not create the audio file"))?;
        let head = std::mem::take(&mut self.head);
        // The guard owns the file from here: an error below deletes it.
        let written = write(&mut file, &head).await;
        self.open = Some((file, temp, format));
        written
    }
}

async fn write(file: &mut tokio::fs::File, bytes: &[u8]) -> Result<(), MediaError> {
    file.write_all(bytes)
        .await
        .map_err(io("could not write the audio file"))
}

fn io(what: &'static str) -> impl FnOnce(std::io::Error) -> MediaError {
    move |source| MediaError::AudioWrite { what, source }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tone::tone_wav;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 3).expect("a valid date")
    }

    fn places(dir: &Path) -> Result<(MediaStorage, PathBuf), MediaError> {
        Ok((MediaStorage::local(dir.join("media"))?, dir.join("staging")))
    }

    fn count_files(dir: &Path) -> usize {
        std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| {
                        let p = e.path();
                        if p.is_dir() {
                            count_files(&p)
                        } else {
                            1
                        }
                    })
                    .sum()
            })
            .unwrap_or(0)
    }

    #[tokio::test]
    async fn a_sound_is_stored_and_measured() -> Result<(), MediaError> {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let (storage, staging) = places(dir.path())?;
        let wav = tone_wav(3, 440.0, 8000);
        let mut upload = AudioUpload::new(&storage, &staging, day(), "journal", 1 << 20);
        for chunk in wav.chunks(5) {
            upload.push(chunk).await?;
        }
        let stored = upload.finish().await?.expect("a stored file");
        assert_eq!(stored.format(), AudioFormat::Wav);
        assert_eq!((stored.seconds(), stored.bytes()), (3, wav.len() as u64));
        assert!(stored.path().starts_with("/2026/12/03/journal-"));
        assert!(stored.path().ends_with(".wav"));
        stored.keep();
        assert_eq!(count_files(dir.path()), 1);
        Ok(())
    }

    #[tokio::test]
    async fn refusals_leave_nothing_on_disk() -> Result<(), MediaError> {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let (storage, staging) = places(dir.path())?;
        let mut upload = AudioUpload::new(&storage, &staging, day(), "faux", 1 << 20);
        let refused = upload.push(b"hello, this is not a sound at all").await;
        assert!(matches!(refused, Err(MediaError::NotAudio)), "{refused:?}");
        // Audio-looking first bytes whose headers give no length.
        let mut upload = AudioUpload::new(&storage, &staging, day(), "faux", 1 << 20);
        upload.push(b"RIFF\0\0\0\0WAVEjunkjunkjunk").await?;
        let refused = upload.finish().await;
        assert!(matches!(refused, Err(MediaError::NotAudio)), "{refused:?}");
        let mut upload = AudioUpload::new(&storage, &staging, day(), "lourd", 100);
        let refused = upload.push(&tone_wav(1, 440.0, 8000)).await;
        assert!(matches!(refused, Err(MediaError::AudioTooHeavy { .. })));
        assert_eq!(count_files(dir.path()), 0);
        Ok(())
    }
}
