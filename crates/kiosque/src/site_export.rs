//! `kiosque export DIR` and `kiosque import site DIR`: a whole site as files, to move it to
//! another database (SQLite ↔ PostgreSQL), another host, or another tool.
//!
//! The folder holds `export.json` (the format, its version, the schema, and each file's line
//! count and SHA-256), `tables/{table}.jsonl` (every row of every table a site needs, one JSON
//! object per line: articles with their revisions, sections, tags, authors, pages, videos,
//! comments with their edits and moderation log, members…), `media.jsonl` (every file of the
//! media store with its size and SHA-256) and `media/` (the files). Password hashes, the
//! site's signing keys and webhook secrets are left out unless `--with-secrets`; API keys,
//! sessions and queues never go in. The same site exports to the same bytes from SQLite and
//! from PostgreSQL.
//!
//! An import goes into a site without content, checks every file against `export.json` and
//! `media.jsonl` before writing, and loads every table in one transaction: a bad line stops
//! it with its file and line, and nothing is left half-written.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, ensure, Context as _};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::Env;

const FORMAT: &str = "kiosque-export";
const VERSION: u32 = 1;
const HEADER: &str = "export.json";
const MEDIA_LIST: &str = "media.jsonl";

#[derive(Serialize, Deserialize)]
struct Header {
    format: String,
    version: u32,
    /// The last migration of the exporting site.
    schema: i64,
    created_at: String,
    with_secrets: bool,
    files: Vec<FileSum>,
}

#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Debug)]
struct FileSum {
    name: String,
    lines: u64,
    sha256: String,
}

#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Debug)]
struct MediaSum {
    path: String,
    bytes: u64,
    sha256: String,
}

/// Writes through, counting lines and hashing.
struct Summing<W: Write> {
    inner: W,
    hasher: Sha256,
    lines: u64,
}

impl<W: Write> Write for Summing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.lines += buf[..n].iter().filter(|b| **b == b'\n').count() as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// A folder only its owner reads: an export holds members' addresses (and, with
/// `--with-secrets`, their password hashes).
fn private_dir(dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

fn summing(path: &Path) -> anyhow::Result<Summing<BufWriter<File>>> {
    let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    Ok(Summing {
        inner: BufWriter::new(file),
        hasher: Sha256::new(),
        lines: 0,
    })
}

fn finish(name: &str, mut w: Summing<BufWriter<File>>) -> anyhow::Result<FileSum> {
    w.flush()?;
    w.inner.get_ref().sync_all()?;
    Ok(FileSum {
        name: name.to_owned(),
        lines: w.lines,
        sha256: hex::encode(w.hasher.finalize()),
    })
}

pub async fn export(env: &Env, dir: &Path, with_secrets: bool) -> anyhow::Result<ExitCode> {
    let empty = !dir.exists()
        || std::fs::read_dir(dir)
            .with_context(|| format!("cannot read {}", dir.display()))?
            .next()
            .is_none();
    ensure!(
        empty,
        "{} is not empty: export into a new folder",
        dir.display()
    );
    let store = env.open_store().await?;
    let unplaced = store.unplaced_tables().await?;
    ensure!(
        unplaced.is_empty(),
        "the database has tables this kiosque cannot export: {}",
        unplaced.join(", ")
    );
    private_dir(dir)?;
    private_dir(&dir.join("tables"))?;
    let mut files = Vec::new();
    let mut rows = 0;
    // Every table as it stood at one moment, while the server goes on writing.
    let mut dump = store.begin_dump(with_secrets).await?;
    for (table, _) in kiosque_store::DUMP_TABLES {
        let name = format!("tables/{table}.jsonl");
        let mut out = summing(&dir.join(&name))?;
        rows += dump
            .table(table, |row| {
                serde_json::to_writer(&mut out, &row)?;
                out.write_all(b"\n")
            })
            .await?;
        files.push(finish(&name, out)?);
    }
    dump.finish().await?;
    let media = export_media(env, dir).await?;
    files.push(media.0);
    let header = Header {
        format: FORMAT.to_owned(),
        version: VERSION,
        schema: store.schema_version().await?,
        created_at: chrono::Utc::now().to_rfc3339(),
        with_secrets,
        files,
    };
    store.close().await;
    std::fs::write(dir.join(HEADER), serde_json::to_vec_pretty(&header)?)?;
    eprintln!(
        "exported: {} rows of {} tables and {} media files into {}{}",
        rows,
        kiosque_store::DUMP_TABLES.len(),
        media.1,
        dir.display(),
        if with_secrets {
            " (with password hashes and keys: keep it safe)"
        } else {
            ""
        }
    );
    Ok(ExitCode::SUCCESS)
}

/// Copies every file of the media store under `dir/media`, and lists them with their sums.
async fn export_media(env: &Env, dir: &Path) -> anyhow::Result<(FileSum, usize)> {
    use object_store::ObjectStoreExt;
    let mut listed = env
        .media
        .list_all()
        .await
        .context("cannot list the media store")?;
    listed.sort();
    let mut list = summing(&dir.join(MEDIA_LIST))?;
    for (path, _) in &listed {
        let to = dir.join("media").join(path);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let mut stream = env
            .media
            .object_store()
            .get(&object_store::path::Path::from(path.as_str()))
            .await
            .with_context(|| format!("cannot read the media file {path}"))?
            .into_stream();
        let mut out = BufWriter::new(File::create(&to)?);
        let (mut hasher, mut bytes) = (Sha256::new(), 0u64);
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.with_context(|| format!("cannot read the media file {path}"))?;
            hasher.update(&chunk);
            bytes += chunk.len() as u64;
            out.write_all(&chunk)?;
        }
        out.flush()?;
        let sum = MediaSum {
            path: path.clone(),
            bytes,
            sha256: hex::encode(hasher.finalize()),
        };
        serde_json::to_writer(&mut list, &sum)?;
        list.write_all(b"\n")?;
    }
    Ok((finish(MEDIA_LIST, list)?, listed.len()))
}

pub async fn import(env: &Env, dir: &Path) -> anyhow::Result<ExitCode> {
    let header: Header = serde_json::from_slice(
        &std::fs::read(dir.join(HEADER))
            .with_context(|| format!("{} is not a Kiosque export: no {HEADER}", dir.display()))?,
    )
    .with_context(|| format!("{}: {HEADER} is not one of Kiosque's", dir.display()))?;
    ensure!(
        header.format == FORMAT,
        "{}: not a Kiosque export (format {:?})",
        dir.display(),
        header.format
    );
    ensure!(
        header.version <= VERSION,
        "{}: an export of version {}, newer than this kiosque reads ({VERSION})",
        dir.display(),
        header.version
    );
    // Only the files the header lists, inside the folder, each whole before anything is
    // written.
    for f in &header.files {
        let listed = f.name == MEDIA_LIST
            || f.name.strip_prefix("tables/").is_some_and(|t| {
                kiosque_store::DUMP_TABLES
                    .iter()
                    .any(|(name, _)| t == format!("{name}.jsonl"))
            });
        ensure!(
            listed,
            "{}: {HEADER} lists {:?}, which is no file of an export",
            dir.display(),
            f.name
        );
        let (_, lines, sha) = sums(&dir.join(&f.name))?;
        let got = (lines, sha);
        ensure!(
            got == (f.lines, f.sha256.clone()),
            "{}: {} fails its checksum ({} lines, SHA-256 {} where {HEADER} says {} lines, {}); \
             nothing was imported",
            dir.display(),
            f.name,
            got.0,
            got.1,
            f.lines,
            f.sha256
        );
    }
    let media = media_list(dir)?;
    for m in &media {
        let file = dir.join("media").join(&m.path);
        let (bytes, _, sha) = sums(&file)?;
        ensure!(
            (bytes, sha) == (m.bytes, m.sha256.clone()),
            "{}: media/{} fails its checksum; nothing was imported",
            dir.display(),
            m.path
        );
    }
    let store = env.open_store().await?;
    let schema = store.schema_version().await?;
    ensure!(
        header.schema <= schema,
        "{}: exported by a newer Kiosque (schema {}, this one {schema}): update first",
        dir.display(),
        header.schema
    );
    crate::backup::ensure_no_media(&env.media, "import into an empty site").await?;
    let mut loader = store.begin_load().await?;
    let mut rows = 0u64;
    for (table, _) in kiosque_store::DUMP_TABLES {
        let name = format!("tables/{table}.jsonl");
        // A table the export does not list (an older Kiosque's) stays empty.
        if !header.files.iter().any(|f| f.name == name) {
            continue;
        }
        let path = dir.join(&name);
        let reader = BufReader::new(File::open(&path)?);
        for (n, line) in reader.lines().enumerate() {
            let line = line.with_context(|| format!("{name} line {}", n + 1))?;
            let row: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&line)
                .with_context(|| format!("{name} line {}: not a row", n + 1))?;
            loader
                .row(table, row)
                .await
                .map_err(|e| anyhow::anyhow!("{name} line {}: {e}; nothing was imported", n + 1))?;
            rows += 1;
        }
    }
    // The files first: a site whose rows are in always finds its images. If anything fails,
    // the files written are taken back, and the transaction is not committed.
    let files: Vec<(&str, std::path::PathBuf)> = media
        .iter()
        .map(|m| (m.path.as_str(), dir.join("media").join(&m.path)))
        .collect();
    let mut done = crate::backup::put_media(&env.media, &files).await;
    if done.is_ok() {
        done = loader.finish().await.map_err(Into::into);
        if done.is_err() {
            crate::backup::take_back(&env.media, files.iter().map(|(p, _)| *p)).await;
        }
    }
    if let Err(e) = done {
        return Err(e.context("nothing was imported"));
    }
    store.close().await;
    eprintln!(
        "imported: {rows} rows and {} media files from {}{}; the search index takes them in \
         as the server runs",
        media.len(),
        dir.display(),
        if header.with_secrets {
            ""
        } else {
            " (without secrets: each member sets a password through \"forgotten password\")"
        }
    );
    Ok(ExitCode::SUCCESS)
}

fn media_list(dir: &Path) -> anyhow::Result<Vec<MediaSum>> {
    let mut all = Vec::new();
    for (n, line) in BufReader::new(File::open(dir.join(MEDIA_LIST))?)
        .lines()
        .enumerate()
    {
        let m: MediaSum =
            serde_json::from_str(&line?).with_context(|| format!("{MEDIA_LIST} line {}", n + 1))?;
        let safe = Path::new(&m.path)
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
        if !safe {
            bail!(
                "{MEDIA_LIST} line {}: the path {:?} leaves the folder",
                n + 1,
                m.path
            );
        }
        all.push(m);
    }
    Ok(all)
}

/// (bytes, lines, SHA-256) of a file, read in chunks.
fn sums(path: &Path) -> anyhow::Result<(u64, u64, String)> {
    let mut f = File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let (mut hasher, mut bytes, mut lines) = (Sha256::new(), 0u64, 0u64);
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        bytes += n as u64;
        lines += buf[..n].iter().filter(|b| **b == b'\n').count() as u64;
    }
    Ok((bytes, lines, hex::encode(hasher.finalize())))
}
