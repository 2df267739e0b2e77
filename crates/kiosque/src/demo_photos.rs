//! The demo's photographs: nature pictures under a free licence (GPL-2+) shipped by the Debian
//! package `mate-backgrounds`. At first start they go through the media library exactly as an
//! upload does (validated, responsive WebP variants, blurred placeholder), with their alt text
//! and their credit. Without the package the demo loads without pictures.

use std::collections::HashMap;
use std::path::Path;

use anyhow::Context;
use kiosque_domain::MediaRef;
use kiosque_media::{store_upload, Limits, MediaStorage};
use kiosque_store::{NewMedia, Store};
use serde::Deserialize;

/// Where `mate-backgrounds` installs its photographs.
pub const PHOTO_DIR: &str = "/usr/share/backgrounds/mate/nature";

/// A photograph of the package, described for the media library.
#[derive(Deserialize)]
pub struct DemoPhoto {
    /// The name articles and videos use for it in `demo.json`.
    pub name: String,
    /// Its file in [`PHOTO_DIR`].
    pub file: String,
    /// What the picture really shows.
    pub alt: String,
    pub caption: Option<String>,
    /// Its authors and licence, as `debian/copyright` gives them.
    pub credit: String,
}

/// The photographs imported into the library, by name.
#[derive(Default)]
pub struct Photos(HashMap<String, MediaRef>);

impl Photos {
    /// An article's hero: only the path, so that the library's alt text, caption and credit
    /// are shown and follow its edits.
    pub fn hero(&self, name: &str) -> Option<MediaRef> {
        self.0.get(name).map(|m| MediaRef {
            path: m.path.clone(),
            ..MediaRef::default()
        })
    }

    /// A video's poster carries its description itself: it is also shown where the library
    /// is not read.
    pub fn poster(&self, name: &str) -> Option<MediaRef> {
        self.0.get(name).cloned()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }
}

/// Imports the photographs of `dir` that the demo uses. A missing folder or file, or a file
/// the media pipeline refuses, is logged and left out; a database failure is an error.
pub async fn import(
    store: &Store,
    storage: &MediaStorage,
    dir: &Path,
    photos: &[DemoPhoto],
) -> anyhow::Result<Photos> {
    if !dir.is_dir() {
        tracing::info!(
            folder = %dir.display(),
            "the demo's photographs are missing (Debian package mate-backgrounds): the demo has no pictures"
        );
        return Ok(Photos::default());
    }
    let today = chrono::Utc::now().date_naive();
    let mut imported = HashMap::new();
    for photo in photos {
        let file = dir.join(&photo.file);
        let bytes = match tokio::fs::read(&file).await {
            Ok(bytes) => bytes,
            Err(e) => {
                tracing::warn!(file = %file.display(), error = %e, "demo photograph left out");
                continue;
            }
        };
        let stored =
            match store_upload(storage, bytes, &photo.file, today, &Limits::default()).await {
                Ok(stored) => stored,
                Err(e) => {
                    tracing::warn!(file = %file.display(), error = %e, "demo photograph refused");
                    continue;
                }
            };
        let new = NewMedia {
            path: stored.path.clone(),
            mime: stored.mime.to_owned(),
            width: i64::from(stored.width),
            height: i64::from(stored.height),
            alt: Some(photo.alt.clone()),
            caption: photo.caption.clone(),
            credit: Some(photo.credit.clone()),
            variants: stored.variants.clone(),
            placeholder: stored.placeholder.clone(),
        };
        store
            .insert_media(&new, None)
            .await
            .with_context(|| format!("recording the demo photograph {}", photo.file))?;
        imported.insert(
            photo.name.clone(),
            MediaRef {
                path: format!("/{}", stored.path),
                alt: Some(photo.alt.clone()),
                caption: photo.caption.clone(),
                credit: Some(photo.credit.clone()),
                width: Some(stored.width),
                height: Some(stored.height),
            },
        );
    }
    tracing::info!(photographs = imported.len(), "demo photographs imported");
    Ok(Photos(imported))
}
