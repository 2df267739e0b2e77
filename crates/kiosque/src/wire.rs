//! Wire ingest: agency items in IPTC ninjs become drafts of the "Dépêches" section, by
//! `kiosque import ninjs FILE…` or from a watched folder (`serve --wire-dir`, `wire_dir.rs`).
//!
//! An item is found again by its `uri`: a newer version updates its draft (the article's
//! history keeps every version, and a draft edited in the newsroom since is kept), an older
//! or the same version writes nothing. `withheld` and `canceled` are recorded and flagged on
//! the wire desk's list (`/admin/depeches`); the draft stays a draft. A picture delivered as a
//! file beside the item goes through the media library and becomes the hero; renditions
//! elsewhere are listed for the editors.

use std::path::Path;

use anyhow::Context as _;
use kiosque_domain::MediaRef;
use kiosque_import::ninjs::{self, WireItem, WIRE_SECTION};
use kiosque_media::{store_upload, Limits, MediaStorage};
use kiosque_store::{NewMedia, PageImport, PageImported, Store, WireRecord};
use sha2::{Digest, Sha256};

/// What importing one item did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ingested {
    Created {
        path: String,
    },
    Updated {
        path: String,
    },
    /// The same content as the version before.
    Unchanged {
        path: String,
    },
    /// Edited in the newsroom since the last version: the newsroom's text is kept.
    Kept {
        path: String,
    },
    /// An older or the same version than the one received before: nothing written.
    Stale,
}

/// A file's bytes, or `None` when it is larger than `max` (checked before reading, so that
/// a wrong file of gigabytes is never loaded).
pub async fn read_bounded(file: &Path, max: usize) -> std::io::Result<Option<Vec<u8>>> {
    let size = tokio::fs::metadata(file).await?.len();
    if size > max as u64 {
        return Ok(None);
    }
    tokio::fs::read(file).await.map(Some)
}

/// Reads and imports one file; the error is a message naming what is wrong with it.
pub async fn ingest_file(
    store: &Store,
    media: &MediaStorage,
    file: &Path,
) -> anyhow::Result<(WireItem, Ingested)> {
    let bytes = read_bounded(file, ninjs::MAX_ITEM_BYTES)
        .await
        .with_context(|| format!("cannot read {}", file.display()))?
        .ok_or_else(|| {
            anyhow::anyhow!(
                "{} (ninjs_too_large): over {} bytes",
                file.display(),
                ninjs::MAX_ITEM_BYTES
            )
        })?;
    let item = ninjs::parse(&bytes)
        .map_err(|e| anyhow::anyhow!("{} ({}): {e}", file.display(), e.code()))?;
    let beside = file.parent().unwrap_or(Path::new("."));
    let done = ingest(store, media, &item, beside).await?;
    Ok((item, done))
}

/// Imports one item; files its renditions name are looked for in `beside`.
pub async fn ingest(
    store: &Store,
    media: &MediaStorage,
    item: &WireItem,
    beside: &Path,
) -> anyhow::Result<Ingested> {
    if let Some(seen) = store.wire_version(&item.uri).await? {
        if !ninjs::is_newer(seen.version.as_deref(), seen.version_created, item) {
            return Ok(Ingested::Stale);
        }
    }
    ensure_section(store).await?;
    let hero = picture(store, media, item, beside).await?;
    let now = chrono::Utc::now().timestamp_millis();
    let draft = ninjs::to_draft(item, hero, now);
    let digest = hex::encode(Sha256::digest(serde_json::to_vec(&draft)?));
    let imported = store
        .import_page(PageImport {
            draft: &draft,
            videos: &[],
            digest: &digest,
            section: None,
            new_section: WIRE_SECTION,
            force: false,
            undated: false,
        })
        .await
        .with_context(|| format!("item {}", item.uri))?;
    let (id, done) = match imported {
        PageImported::Created { id, path } => (id, Ingested::Created { path }),
        PageImported::Updated { id, path, .. } => (id, Ingested::Updated { path }),
        PageImported::Unchanged { id, path } => (id, Ingested::Unchanged { path }),
        PageImported::Refused { id, path, .. } => (id, Ingested::Kept { path }),
    };
    let renditions = renditions_json(item);
    store
        .record_wire_item(&WireRecord {
            uri: &item.uri,
            article_id: Some(id),
            agency: &item.agency,
            urgency: item.urgency,
            located: &item.located,
            pubstatus: item.pubstatus.as_str(),
            version: item.version.as_deref(),
            version_created: item.versioncreated,
            renditions: &renditions,
        })
        .await?;
    Ok(done)
}

/// The wire desk's section, out of the site's navigation; made at the first item. A section
/// of that slug the newsroom made itself is used as it is.
async fn ensure_section(store: &Store) -> anyhow::Result<()> {
    if store.section_by_slug(WIRE_SECTION).await?.is_some() {
        return Ok(());
    }
    let name = kiosque_i18n::t("wire-section-name");
    store.create_unlisted_section(WIRE_SECTION, &name).await?;
    Ok(())
}

/// Every file the item and its associations name, for the wire desk's list.
fn renditions_json(item: &WireItem) -> String {
    let all: Vec<serde_json::Value> = std::iter::once(item)
        .chain(item.associations.iter())
        .flat_map(|it| it.renditions.iter())
        .map(|r| {
            serde_json::json!({
                "name": r.name, "href": r.href, "mimetype": r.mimetype,
                "width": r.width, "height": r.height,
            })
        })
        .collect();
    serde_json::Value::from(all).to_string()
}

/// The hero from the item's picture, when the agency delivered its file beside the item (a
/// relative `href`); the library keeps it under the picture's uri, so a new version of the
/// story does not store it again.
async fn picture(
    store: &Store,
    media: &MediaStorage,
    item: &WireItem,
    beside: &Path,
) -> anyhow::Result<Option<MediaRef>> {
    let Some((owner, rendition)) = item.picture() else {
        return Ok(None);
    };
    let key = ninjs::source_key(&owner.uri);
    if let Some((_, path)) = store.media_by_source_key(&key).await? {
        return Ok(Some(hero(path)));
    }
    let rel = Path::new(&rendition.href);
    let local = !rendition.href.contains("://")
        && rel
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
    if !local {
        return Ok(None);
    }
    let file = beside.join(rel);
    let limits = Limits::default();
    let bytes = match read_bounded(&file, limits.max_bytes).await {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            eprintln!(
                "note: {}: the picture {} is too large",
                item.uri,
                file.display()
            );
            return Ok(None);
        }
        Err(e) => {
            eprintln!("note: {}: the picture {}: {e}", item.uri, file.display());
            return Ok(None);
        }
    };
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let today = chrono::Utc::now().date_naive();
    let stored = match store_upload(media, bytes, &name, today, &limits).await {
        Ok(stored) => stored,
        Err(e) => {
            eprintln!(
                "note: {}: the picture {} is refused: {e}",
                item.uri,
                file.display()
            );
            return Ok(None);
        }
    };
    kiosque_web::record_image(store, &stored).await?;
    let caption = Some(owner.description.clone()).filter(|s| !s.is_empty());
    let credit = [&owner.byline, &owner.agency]
        .into_iter()
        .find(|s| !s.is_empty())
        .cloned();
    let new = NewMedia {
        path: stored.path.clone(),
        mime: stored.mime.to_owned(),
        width: i64::from(stored.width),
        height: i64::from(stored.height),
        // The agency's caption describes the picture; an editor checks it before publishing.
        alt: caption.clone().or_else(|| Some(owner.headline.clone())),
        caption,
        credit,
        variants: stored.variants.clone(),
        placeholder: stored.placeholder.clone(),
    };
    store.insert_media_from(&new, None, Some(&key)).await?;
    Ok(Some(hero(stored.path)))
}

fn hero(path: String) -> MediaRef {
    MediaRef {
        path: format!("/{}", path.trim_start_matches('/')),
        ..MediaRef::default()
    }
}

/// `kiosque import ninjs FILE…`: each file is one item; a file that is not one is reported
/// and the others still import.
pub async fn import_files(
    store: &Store,
    media: &MediaStorage,
    files: &[std::path::PathBuf],
) -> anyhow::Result<usize> {
    let mut failed = 0;
    for file in files {
        let shown = file.display();
        match ingest_file(store, media, file).await {
            Ok((item, done)) => {
                let flag = match item.pubstatus {
                    ninjs::PubStatus::Usable => String::new(),
                    other => format!(" [{}]", other.as_str()),
                };
                match done {
                    Ingested::Created { path } => {
                        println!("{path}");
                        eprintln!("created: {shown} -> {path}{flag}");
                    }
                    Ingested::Updated { path } => {
                        println!("{path}");
                        eprintln!(
                            "updated: {shown} -> {path} (version {:?}){flag}",
                            item.version
                        );
                    }
                    Ingested::Unchanged { path } => {
                        println!("{path}");
                        eprintln!("unchanged: {shown} -> {path}{flag}");
                    }
                    Ingested::Kept { path } => {
                        println!("{path}");
                        eprintln!(
                            "kept: {shown} -> {path}: edited in the newsroom since, the new \
                             version is recorded on the wire desk{flag}"
                        );
                    }
                    Ingested::Stale => eprintln!(
                        "stale: {shown}: version {:?} of {} is not newer than the one \
                         received; nothing was written",
                        item.version, item.uri
                    ),
                }
            }
            Err(e) => {
                failed += 1;
                eprintln!("error: {e:#}; nothing was written for it");
            }
        }
    }
    Ok(failed)
}
