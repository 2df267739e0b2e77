//! Attachments → the media library. Each image is read from `--media-dir` (WordPress's
//! `wp-content/uploads`, where `_wp_attached_file` names it) and goes through the library
//! exactly as an upload does (checked, WebP variants, placeholder), with its alt text and
//! caption. An attachment whose file is absent, or that is not an image, stays where it is:
//! bodies keep a link to its original address, and the report says so.

use std::collections::HashMap;
use std::path::{Component, Path};

use kiosque_domain::MediaRef;
use kiosque_import::wordpress::{source_key, Site};
use kiosque_media::{store_upload, Limits};
use kiosque_store::{NewMedia, Store};

use super::gather::{uploads_path, Attachment, Gathered};
use super::tally::Tally;
use crate::Env;

/// The imported images, as posts refer to them.
#[derive(Default)]
pub struct Library {
    /// The hero made of an attachment, by its id.
    by_id: HashMap<i64, MediaRef>,
    /// The library's path of an image address, by [`url_key`].
    by_url: HashMap<String, String>,
}

impl Library {
    pub fn hero(&self, attachment: i64) -> Option<MediaRef> {
        self.by_id.get(&attachment).map(|m| MediaRef {
            // Only the path: the library's alt text, caption and credit are shown.
            path: m.path.clone(),
            ..MediaRef::default()
        })
    }

    /// The library's path of an image address found in a body, in any of WordPress's sizes.
    pub fn path_of(&self, url: &str) -> Option<String> {
        self.by_url.get(&url_key(url)).cloned()
    }

    fn add(&mut self, a: &Attachment, path: String) {
        self.by_url.insert(url_key(&a.url), path.clone());
        if !a.file.is_empty() {
            self.by_url
                .insert(url_key(&format!("/{}", a.file)), path.clone());
        }
        self.by_id.insert(
            a.id,
            MediaRef {
                path,
                ..MediaRef::default()
            },
        );
    }
}

/// What identifies an image address across WordPress's spellings of it: the path after
/// `uploads/` (or the whole path), without the query, nor the `-300x200` of a resized copy.
pub fn url_key(url: &str) -> String {
    let path = uploads_path(url);
    let (stem, ext) = path.rsplit_once('.').unwrap_or((&path, ""));
    let stem = match stem.rsplit_once('-') {
        Some((base, size)) if is_size(size) => base,
        _ => stem,
    };
    format!("{stem}.{ext}")
}

/// `300x200`: the suffix WordPress gives resized copies.
fn is_size(s: &str) -> bool {
    s.split_once('x').is_some_and(|(w, h)| {
        !w.is_empty() && !h.is_empty() && (w.bytes().chain(h.bytes())).all(|b| b.is_ascii_digit())
    })
}

pub async fn import_all(
    store: &Store,
    env: &Env,
    g: &Gathered,
    media_dir: Option<&Path>,
    tally: &mut Tally,
) -> anyhow::Result<Library> {
    let mut library = Library::default();
    for a in &g.attachments {
        let key = source_key(&g.site, a.id);
        if let Some((_, path)) = store.media_by_source_key(&key).await? {
            tally.media_existing += 1;
            library.add(a, format!("/{path}"));
            continue;
        }
        match import_one(store, env, &g.site, a, media_dir).await? {
            Ok(path) => {
                tally.media_imported += 1;
                library.add(a, format!("/{path}"));
            }
            Err(Absent(why)) => {
                tally.media_external += 1;
                if media_dir.is_some() {
                    eprintln!("note: attachment {} ({}): {why}", a.id, a.url);
                }
            }
        }
    }
    if media_dir.is_none() && tally.media_external > 0 {
        eprintln!(
            "note: no --media-dir: {} attachments stay at their original addresses",
            tally.media_external
        );
    }
    Ok(library)
}

/// Why an attachment stays an external reference.
struct Absent(String);

/// Stores one attachment's file in the library: its path in the media store, or why it
/// stays where it is. Only a failure of the database or the media store is an error.
async fn import_one(
    store: &Store,
    env: &Env,
    site: &Site,
    a: &Attachment,
    media_dir: Option<&Path>,
) -> anyhow::Result<Result<String, Absent>> {
    let Some(dir) = media_dir else {
        return Ok(Err(Absent("no --media-dir".into())));
    };
    let rel = Path::new(&a.file);
    // The name comes from the export: it must stay inside the folder given.
    if a.file.is_empty() || !rel.components().all(|c| matches!(c, Component::Normal(_))) {
        return Ok(Err(Absent(format!("unusable file name {:?}", a.file))));
    }
    let file = dir.join(rel);
    let limits = Limits::default();
    let bytes = match crate::wire::read_bounded(&file, limits.max_bytes).await {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            return Ok(Err(Absent(format!(
                "{}: over the library's {} MiB",
                file.display(),
                limits.max_bytes >> 20
            ))))
        }
        Err(e) => return Ok(Err(Absent(format!("{}: {e}", file.display())))),
    };
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let date = a.date.unwrap_or_else(|| chrono::Utc::now().date_naive());
    let stored = match store_upload(&env.media, bytes, &name, date, &limits).await {
        Ok(stored) => stored,
        Err(e) => return Ok(Err(Absent(format!("{}: {e}", file.display())))),
    };
    kiosque_web::record_image(store, &stored).await?;
    let new = NewMedia {
        path: stored.path.clone(),
        mime: stored.mime.to_owned(),
        width: i64::from(stored.width),
        height: i64::from(stored.height),
        alt: Some(a.alt.clone()).filter(|s| !s.is_empty()),
        caption: Some(a.caption.clone()).filter(|s| !s.is_empty()),
        credit: None,
        variants: stored.variants.clone(),
        placeholder: stored.placeholder.clone(),
    };
    store
        .insert_media_from(&new, None, Some(&source_key(site, a.id)))
        .await?;
    Ok(Ok(stored.path))
}

#[cfg(test)]
mod tests {
    use super::url_key;
    use crate::wordpress::gather::uploads_path;

    #[test]
    fn an_address_gives_the_file_under_uploads() {
        assert_eq!(
            uploads_path("https://example.org/wp-content/uploads/2011/01/a.jpg"),
            "2011/01/a.jpg"
        );
        assert_eq!(
            uploads_path("https://example.files.wordpress.com/2008/06/b.jpg?w=300"),
            "2008/06/b.jpg"
        );
    }

    #[test]
    fn every_size_of_an_image_finds_the_original() {
        let original = url_key("https://example.files.wordpress.com/2008/06/dsc04563.jpg");
        assert_eq!(original, "2008/06/dsc04563.jpg");
        assert_eq!(
            url_key("http://example.org/wp-content/uploads/2008/06/dsc04563-300x225.jpg?w=300"),
            original
        );
        assert_eq!(url_key("/2008/06/dsc04563.jpg"), original);
        assert_eq!(
            url_key("https://example.org/2008/06/a-b-c.jpg"),
            "2008/06/a-b-c.jpg"
        );
    }
}
