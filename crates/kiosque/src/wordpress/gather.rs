//! The first reading of the export: it checks the whole file and keeps what posts refer to,
//! writing nothing.

use std::path::Path;

use anyhow::Context as _;
use kiosque_import::wordpress::{plain_text, wordpress_time, Entry, Item, Site, WxrReader};

/// What the first reading keeps: the export's site, authors, categories, tags and attachments.
pub struct Gathered {
    pub site: Site,
    pub authors: Vec<kiosque_import::wordpress::Author>,
    pub categories: Vec<kiosque_import::wordpress::Category>,
    pub tags: Vec<String>,
    pub attachments: Vec<Attachment>,
    pub items: usize,
}

pub fn open(file: &Path) -> anyhow::Result<WxrReader<std::io::BufReader<std::fs::File>>> {
    let f = std::fs::File::open(file).with_context(|| format!("cannot read {}", file.display()))?;
    Ok(WxrReader::new(std::io::BufReader::with_capacity(
        1 << 16,
        f,
    )))
}

/// Reads the whole file once, writing nothing: a broken file is refused here, naming where.
pub fn gather(file: &Path) -> anyhow::Result<Gathered> {
    let mut reader = open(file)?;
    let mut g = Gathered {
        site: Site::default(),
        authors: Vec::new(),
        categories: Vec::new(),
        tags: Vec::new(),
        attachments: Vec::new(),
        items: 0,
    };
    loop {
        let entry = reader.next_entry().map_err(|e| {
            anyhow::anyhow!(
                "{} cannot be imported ({}): {e}; nothing was written",
                file.display(),
                e.code()
            )
        })?;
        let Some(entry) = entry else { break };
        match entry {
            Entry::Author(a) => g.authors.push(a),
            Entry::Category(c) => g.categories.push(c),
            Entry::Tag(t) => g.tags.push(t.name),
            Entry::Item(item) => {
                g.items += 1;
                if item.post_type == "attachment" {
                    g.attachments.push(Attachment::of(&item));
                }
            }
        }
    }
    g.site = reader.site().clone();
    Ok(g)
}

/// What the importer keeps of an attachment item.
pub struct Attachment {
    pub id: i64,
    /// Its file under `uploads` (`2011/01/photo.jpg`).
    pub file: String,
    pub url: String,
    pub alt: String,
    pub caption: String,
    pub date: Option<chrono::NaiveDate>,
}

impl Attachment {
    pub fn of(item: &Item) -> Self {
        let date = wordpress_time(&item.post_date_gmt)
            .or_else(|| wordpress_time(&item.post_date))
            .and_then(chrono::DateTime::from_timestamp_millis)
            .map(|t| t.date_naive());
        Attachment {
            id: item.post_id,
            file: match item.meta("_wp_attached_file").map(str::trim) {
                Some(file) if !file.is_empty() => file.to_owned(),
                // Older exports (and WordPress.com's) give only the address.
                _ => uploads_path(&item.attachment_url),
            },
            url: item.attachment_url.clone(),
            alt: item
                .meta("_wp_attachment_image_alt")
                .unwrap_or_default()
                .trim()
                .to_owned(),
            caption: plain_text(&item.excerpt),
            date,
        }
    }
}

/// Where an attachment's address puts its file under `uploads`: the path after
/// `/uploads/`, or the whole path when the files have a host of their own.
pub fn uploads_path(url: &str) -> String {
    let path = address_path(url);
    path.rsplit_once("/uploads/")
        .map_or(path, |(_, p)| p)
        .trim_start_matches('/')
        .to_owned()
}

/// The path of an address, without its scheme, host, query and fragment.
fn address_path(url: &str) -> &str {
    let no_query = url.split(['?', '#']).next().unwrap_or_default();
    no_query.split_once("://").map_or(no_query, |(_, rest)| {
        rest.find('/').map_or("", |i| &rest[i..])
    })
}
