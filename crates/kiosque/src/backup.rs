//! `kiosque backup FILE.tar.zst` and `kiosque restore FILE.tar.zst`.
//!
//! A backup is a zstd-compressed tar holding, in this order: `kiosque-backup.json` (what the
//! file is), `kiosque.db` (a consistent copy of the SQLite database, taken while the server
//! writes), `media/…` (every file of the media store) and `manifest.json` (each file's size
//! and SHA-256). The database is copied first, so every image it names was written before
//! the media are listed. Files pass through one at a time, on disk: memory stays flat
//! whatever the site's size.
//!
//! A restore goes into an empty data folder and an empty media store. It unpacks everything
//! beside them and checks it against the manifest first; only a backup found whole is put in
//! place (media first, the database last), so a file that is not a backup, or one that fails
//! its checksums, leaves nothing behind.
//!
//! On PostgreSQL the database is backed up with `pg_dump` (see the README); `backup` then
//! says so.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, ensure, Context as _};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::Env;

/// What the first entry says: the format and its version.
const HEADER_NAME: &str = "kiosque-backup.json";
const FORMAT: &str = "kiosque-backup";
const VERSION: u32 = 1;
const DB_NAME: &str = "kiosque.db";
const MANIFEST_NAME: &str = "manifest.json";
/// zstd's level: a fast one, since most of a site's bytes are images already compressed.
const LEVEL: i32 = 3;

#[derive(Serialize, Deserialize)]
struct Header {
    format: String,
    version: u32,
    created_at: String,
    kiosque_version: String,
}

#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Debug)]
struct Entry {
    path: String,
    bytes: u64,
    sha256: String,
}

#[derive(Serialize, Deserialize)]
struct Manifest {
    files: Vec<Entry>,
}

/// Reads through, counting and hashing what passes.
struct Hashing<R> {
    inner: R,
    hasher: Sha256,
    bytes: u64,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
}

impl<R> Hashing<R> {
    fn new(inner: R) -> Self {
        Hashing {
            inner,
            hasher: Sha256::new(),
            bytes: 0,
        }
    }

    fn entry(self, path: &str) -> Entry {
        Entry {
            path: path.to_owned(),
            bytes: self.bytes,
            sha256: hex::encode(self.hasher.finalize()),
        }
    }
}

/// A work folder removed however the command ends.
struct WorkDir(PathBuf);

impl WorkDir {
    fn new(path: PathBuf) -> anyhow::Result<Self> {
        if path.exists() {
            // Left by an interrupted run: nothing in it was put in place.
            std::fs::remove_dir_all(&path)
                .with_context(|| format!("cannot clear {}", path.display()))?;
        }
        std::fs::create_dir_all(&path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        Ok(WorkDir(path))
    }
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        if let Err(e) = std::fs::remove_dir_all(&self.0) {
            eprintln!("warning: cannot remove {}: {e}", self.0.display());
        }
    }
}

fn append(
    tar: &mut tar::Builder<impl Write>,
    name: &str,
    size: u64,
    data: impl Read,
) -> anyhow::Result<Entry> {
    let mut header = tar::Header::new_gnu();
    header.set_size(size);
    header.set_mode(0o644);
    header.set_mtime(0);
    header.set_entry_type(tar::EntryType::Regular);
    let mut reading = Hashing::new(data);
    tar.append_data(&mut header, name, &mut reading)
        .with_context(|| format!("cannot write {name} into the backup"))?;
    ensure!(
        reading.bytes == size,
        "{name} changed size while it was backed up"
    );
    Ok(reading.entry(name))
}

fn append_json(
    tar: &mut tar::Builder<impl Write>,
    name: &str,
    value: &impl Serialize,
) -> anyhow::Result<()> {
    let bytes = serde_json::to_vec_pretty(value)?;
    append(tar, name, bytes.len() as u64, bytes.as_slice())?;
    Ok(())
}

pub async fn backup(env: &Env, out: &Path) -> anyhow::Result<ExitCode> {
    let store = env.open_store().await?;
    let work = WorkDir::new(env.data_dir.join(format!(".backup-{}", std::process::id())))?;
    let db_copy = work.0.join(DB_NAME);
    store
        .snapshot_into(&db_copy)
        .await
        .map_err(|e| anyhow::anyhow!("cannot copy the database: {e}"))?;
    store.close().await;
    let media = env
        .media
        .list_all()
        .await
        .context("cannot list the media store")?;
    let partial = PathBuf::from(format!("{}.partial", out.display()));
    let written = write(env, &work, &db_copy, &media, &partial).await;
    let (db_size, media_bytes) = match written {
        Ok(sizes) => sizes,
        Err(e) => {
            // Never a half backup beside the good ones.
            if let Err(rm) = std::fs::remove_file(&partial) {
                eprintln!("warning: cannot remove {}: {rm}", partial.display());
            }
            return Err(e);
        }
    };
    std::fs::rename(&partial, out)
        .with_context(|| format!("cannot rename {} to {}", partial.display(), out.display()))?;
    eprintln!(
        "backup: {} (database {} MB, {} media files, {} MB)",
        out.display(),
        db_size / 1_000_000,
        media.len(),
        media_bytes / 1_000_000
    );
    Ok(ExitCode::SUCCESS)
}

/// Writes the backup to `partial`; the sizes of the database and of the media.
async fn write(
    env: &Env,
    work: &WorkDir,
    db_copy: &Path,
    media: &[(String, u64)],
    partial: &Path,
) -> anyhow::Result<(u64, u64)> {
    let file =
        File::create(partial).with_context(|| format!("cannot create {}", partial.display()))?;
    // It holds every member's address and password hash: for its owner's eyes only.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    let mut tar = tar::Builder::new(zstd::Encoder::new(file, LEVEL)?);
    append_json(
        &mut tar,
        HEADER_NAME,
        &Header {
            format: FORMAT.to_owned(),
            version: VERSION,
            created_at: chrono::Utc::now().to_rfc3339(),
            kiosque_version: env!("CARGO_PKG_VERSION").to_owned(),
        },
    )?;
    let mut files = Vec::with_capacity(media.len() + 1);
    let db_size = std::fs::metadata(db_copy)?.len();
    files.push(append(&mut tar, DB_NAME, db_size, File::open(db_copy)?)?);
    std::fs::remove_file(db_copy)?;
    let staged = work.0.join("file");
    let mut media_bytes = 0;
    for (path, _) in media {
        let Some(size) = fetch(env, path, &staged).await? else {
            eprintln!("note: {path} was deleted while the backup ran: left out");
            continue;
        };
        media_bytes += size;
        files.push(append(
            &mut tar,
            &format!("media/{path}"),
            size,
            File::open(&staged)?,
        )?);
    }
    append_json(&mut tar, MANIFEST_NAME, &Manifest { files })?;
    let file = tar.into_inner()?.finish()?;
    file.sync_all()?;
    Ok((db_size, media_bytes))
}

/// Copies one file of the media store to `to`, in chunks; its size, or `None` when the file
/// was deleted since the store was listed.
async fn fetch(env: &Env, path: &str, to: &Path) -> anyhow::Result<Option<u64>> {
    use object_store::ObjectStoreExt;
    use tokio::io::AsyncWriteExt;
    let location = object_store::path::Path::from(path);
    let mut stream = match env.media.object_store().get(&location).await {
        Ok(got) => got.into_stream(),
        Err(object_store::Error::NotFound { .. }) => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("cannot read the media file {path}")),
    };
    let mut file = tokio::fs::File::create(to).await?;
    let mut size = 0;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.with_context(|| format!("cannot read the media file {path}"))?;
        size += chunk.len() as u64;
        file.write_all(&chunk).await?;
    }
    file.flush().await?;
    Ok(Some(size))
}

/// Refuses a media store that holds files: a restore or an import fills an empty one, and
/// takes back what it wrote when it fails.
pub async fn ensure_no_media(
    media: &kiosque_media::MediaStorage,
    advice: &str,
) -> anyhow::Result<()> {
    let existing = media
        .list_all()
        .await
        .context("cannot list the media store")?;
    ensure!(
        existing.is_empty(),
        "the media store already holds {} files: {advice}",
        existing.len()
    );
    Ok(())
}

/// Writes files into the media store: (its path there, the file on disk). When one fails,
/// those written are taken back, and the error names it.
pub async fn put_media(
    media: &kiosque_media::MediaStorage,
    files: &[(&str, PathBuf)],
) -> anyhow::Result<()> {
    for (at, (path, file)) in files.iter().enumerate() {
        if let Err(e) = media.put_file(path, file).await {
            take_back(media, files[..at].iter().map(|(p, _)| *p)).await;
            bail!("cannot write the media file {path}: {e}");
        }
    }
    Ok(())
}

/// Deletes the media files a failed restore or import wrote, so that the store is empty again
/// for the next try (a file not written is no error).
pub async fn take_back<'a>(
    media: &kiosque_media::MediaStorage,
    written: impl Iterator<Item = &'a str>,
) {
    for path in written {
        if let Err(e) = media.delete(path).await {
            eprintln!(
                "warning: cannot delete the media file {path} written before the failure: {e}"
            );
        }
    }
}

pub async fn restore(env: &Env, from: &Path) -> anyhow::Result<ExitCode> {
    ensure!(
        env.database_url.starts_with("sqlite:"),
        "a restore writes a SQLite database; on PostgreSQL, restore the database with \
         pg_restore (see the README) and the media with the store's own tools"
    );
    let db_path = env.data_dir.join(DB_NAME);
    ensure!(
        env.database_url == kiosque_store::sqlite_url(&db_path),
        "a restore writes {}: run it without --database-url",
        db_path.display()
    );
    for leftover in [DB_NAME, "kiosque.db-wal", "kiosque.db-shm"] {
        // An old write-ahead log beside the restored file would be replayed over it.
        ensure!(
            !env.data_dir.join(leftover).exists(),
            "{} already holds a site ({leftover}): restore into an empty data folder",
            env.data_dir.display()
        );
    }
    ensure_no_media(&env.media, "restore into an empty one").await?;
    let work = WorkDir::new(env.data_dir.join(".restore-partial"))?;
    let (manifest, found) = unpack(from, &work.0)?;
    check(&manifest, &found).map_err(|e| {
        anyhow::anyhow!(
            "{} fails its checksums: {e}; nothing was restored",
            from.display()
        )
    })?;
    let files: Vec<(&str, PathBuf)> = manifest
        .files
        .iter()
        .filter_map(|e| Some((e.path.strip_prefix("media/")?, work.0.join(&e.path))))
        .collect();
    let mut done = put_media(&env.media, &files).await;
    // Last: a data folder with its database is a site; one without is still empty. A search
    // index left from before would follow the old database: the next start rebuilds it.
    if done.is_ok() {
        let index = kiosque_search::SearchIndex::dir_of(&env.data_dir);
        if index.exists() {
            done = std::fs::remove_dir_all(&index)
                .with_context(|| format!("cannot remove the old index {}", index.display()));
        }
    }
    if done.is_ok() {
        done = std::fs::rename(work.0.join(DB_NAME), &db_path)
            .with_context(|| format!("cannot move the database to {}", db_path.display()));
    }
    if let Err(e) = done {
        take_back(&env.media, files.iter().map(|(p, _)| *p)).await;
        return Err(e.context("nothing was restored"));
    }
    let media = files.len();
    eprintln!(
        "restored: {} into {} ({media} media files); the search index is rebuilt at the next \
         start",
        from.display(),
        env.data_dir.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Unpacks the backup into `dir`, hashing every file; the manifest and what was found.
fn unpack(from: &Path, dir: &Path) -> anyhow::Result<(Manifest, Vec<Entry>)> {
    let not_one =
        |why: String| anyhow::anyhow!("{} is not a Kiosque backup: {why}", from.display());
    let file = File::open(from).with_context(|| format!("cannot read {}", from.display()))?;
    let decoder = zstd::Decoder::new(file).map_err(|e| not_one(e.to_string()))?;
    let mut archive = tar::Archive::new(decoder);
    let mut entries = archive
        .entries()
        .map_err(|e| not_one(format!("not a compressed tar ({e})")))?;
    let first = entries
        .next()
        .ok_or_else(|| not_one("it is empty".into()))?
        .map_err(|e| not_one(format!("not a compressed tar ({e})")))?;
    let mut text = String::new();
    let name = first.path()?.to_string_lossy().into_owned();
    if name != HEADER_NAME {
        return Err(not_one(format!("it starts with {name:?}")));
    }
    first.take(1 << 16).read_to_string(&mut text)?;
    let header: Header =
        serde_json::from_str(&text).map_err(|e| not_one(format!("{HEADER_NAME}: {e}")))?;
    if header.format != FORMAT {
        return Err(not_one(format!("its format is {:?}", header.format)));
    }
    if header.version > VERSION {
        bail!(
            "{} is a backup of version {}, newer than this kiosque reads ({VERSION}): \
             restore it with a newer kiosque",
            from.display(),
            header.version
        );
    }
    let mut manifest = None;
    let mut found = Vec::new();
    for entry in entries {
        let mut entry = entry.map_err(|e| {
            anyhow::anyhow!("{} is damaged: {e}; nothing was restored", from.display())
        })?;
        let name = entry.path()?.to_string_lossy().into_owned();
        if name == MANIFEST_NAME {
            let mut text = String::new();
            entry.take(256 << 20).read_to_string(&mut text)?;
            manifest = Some(
                serde_json::from_str::<Manifest>(&text)
                    .map_err(|e| not_one(format!("{MANIFEST_NAME}: {e}")))?,
            );
            continue;
        }
        let safe = Path::new(&name)
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
        if !safe || !(name == DB_NAME || name.starts_with("media/")) {
            return Err(not_one(format!("it holds {name:?}")));
        }
        if found.iter().any(|f: &Entry| f.path == name) {
            return Err(not_one(format!("it holds {name:?} twice")));
        }
        let to = dir.join(&name);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let mut reading = Hashing::new(&mut entry);
        let mut out = File::create(&to)?;
        std::io::copy(&mut reading, &mut out).map_err(|e| {
            anyhow::anyhow!(
                "{} is damaged at {name}: {e}; nothing was restored",
                from.display()
            )
        })?;
        found.push(reading.entry(&name));
    }
    let manifest = manifest.ok_or_else(|| {
        anyhow::anyhow!(
            "{} has no manifest: it was cut short; nothing was restored",
            from.display()
        )
    })?;
    Ok((manifest, found))
}

/// Whether the files found are exactly those of the manifest, byte for byte.
fn check(manifest: &Manifest, found: &[Entry]) -> Result<(), String> {
    if !manifest.files.iter().any(|e| e.path == DB_NAME) {
        return Err("the manifest has no database".into());
    }
    for want in &manifest.files {
        match found.iter().find(|f| f.path == want.path) {
            None => return Err(format!("{} is missing", want.path)),
            Some(got) if got != want => {
                return Err(format!(
                    "{} differs ({} bytes, SHA-256 {} where the manifest says {} bytes, {})",
                    want.path, got.bytes, got.sha256, want.bytes, want.sha256
                ))
            }
            Some(_) => {}
        }
    }
    if let Some(extra) = found
        .iter()
        .find(|f| !manifest.files.iter().any(|m| m.path == f.path))
    {
        return Err(format!("{} is not in the manifest", extra.path));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{check, Entry, Manifest};

    fn entry(path: &str, sha: &str) -> Entry {
        Entry {
            path: path.into(),
            bytes: 3,
            sha256: sha.into(),
        }
    }

    #[test]
    fn a_backup_is_whole_only_when_every_file_matches_its_manifest() {
        let manifest = Manifest {
            files: vec![entry("kiosque.db", "a"), entry("media/x.jpg", "b")],
        };
        assert_eq!(check(&manifest, &manifest.files), Ok(()));
        let changed = [entry("kiosque.db", "a"), entry("media/x.jpg", "c")];
        assert!(check(&manifest, &changed).is_err_and(|e| e.contains("media/x.jpg differs")));
        let missing = [entry("kiosque.db", "a")];
        assert!(check(&manifest, &missing).is_err_and(|e| e.contains("missing")));
        let extra = [
            entry("kiosque.db", "a"),
            entry("media/x.jpg", "b"),
            entry("media/y.jpg", "d"),
        ];
        assert!(check(&manifest, &extra).is_err_and(|e| e.contains("not in the manifest")));
    }
}
