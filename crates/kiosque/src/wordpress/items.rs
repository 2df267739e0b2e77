//! The second reading: posts → articles, pages → site pages, their comments, and the old
//! addresses of each. Every item is written in its own transactions and found again by its
//! source key, so that running the import again writes nothing for what is unchanged.

use kiosque_domain::comment::CommentStatus;
use kiosque_domain::{markup, ArticleId, Block};
use kiosque_import::wordpress::{
    comment_text, convert, post_draft, source_key, wordpress_time, Context, Item, PostError, Site,
};
use kiosque_store::{
    Found, ImportedComment, ImportedPage, LegacyTarget, PageImport, PageImported, PageOutcome,
    Store,
};
use sha2::{Digest, Sha256};

use super::media::Library;
use super::structure::Known;
use super::tally::Tally;

/// The section of a post without a category.
const DEFAULT_SECTION: &str = "archives";

/// Item types that are the site's machinery rather than its content: left out quietly.
const MACHINERY: &[&str] = &[
    "attachment",
    "nav_menu_item",
    "revision",
    "custom_css",
    "customize_changeset",
    "oembed_cache",
    "user_request",
    "wp_block",
    "wp_global_styles",
    "wp_navigation",
    "wp_template",
    "wp_template_part",
    "wp_font_family",
    "wp_font_face",
];

pub struct Importer<'a> {
    pub store: &'a Store,
    pub site: &'a Site,
    pub structure: &'a Known,
    pub library: &'a Library,
    pub tally: &'a mut Tally,
}

impl Importer<'_> {
    /// Imports one item; an item that cannot be imported is reported and counted, and the
    /// import goes on. Only a failure of the database stops it.
    pub async fn item(&mut self, item: &Item) -> anyhow::Result<()> {
        match item.post_type.as_str() {
            "post" => self.post(item).await,
            "page" => self.page(item).await,
            kind => {
                if !MACHINERY.contains(&kind) {
                    eprintln!(
                        "note: item {} ({:?}) is a {kind:?}, a type Kiosque does not import",
                        item.post_id, item.title
                    );
                }
                if kind != "attachment" {
                    *self.tally.other_types.entry(kind.to_owned()).or_default() += 1;
                }
                Ok(())
            }
        }
    }

    async fn post(&mut self, item: &Item) -> anyhow::Result<()> {
        let library = |url: &str| self.library.path_of(url);
        let hero = |id: i64| self.library.hero(id);
        let bylines = |login: &str| self.structure.bylines.get(login).cloned();
        let cx = Context {
            site: self.site,
            author_name: &bylines,
            library: &library,
            attachment: &hero,
            default_section: DEFAULT_SECTION,
        };
        let post = match post_draft(item, &cx) {
            Ok(post) => post,
            Err(PostError::Trashed { .. }) => {
                self.tally.posts_trashed += 1;
                return Ok(());
            }
            Err(e) => {
                eprintln!("error: {e}: not imported");
                self.tally.failed += 1;
                return Ok(());
            }
        };
        for line in &post.report {
            eprintln!("report: post {}: {line}", item.post_id);
        }
        let draft = &post.draft;
        if !self.structure.sections.contains(&draft.section)
            && self.store.section_by_slug(&draft.section).await?.is_none()
        {
            let name = match post.section_name.trim() {
                "" if draft.section == DEFAULT_SECTION => "Archives",
                "" => draft.section.as_str(),
                name => name,
            };
            self.store
                .upsert_section(&draft.section, name, None, None, 1000)
                .await?;
            self.tally.sections_created += 1;
        }
        let digest = hex::encode(Sha256::digest(serde_json::to_vec(draft)?));
        let imported = self
            .store
            .import_page(PageImport {
                draft,
                videos: &[],
                digest: &digest,
                section: None,
                new_section: &draft.section,
                force: false,
                undated: draft.published_at.is_none(),
            })
            .await;
        let id = match imported {
            Ok(PageImported::Created { id, .. }) => {
                self.tally.posts_created += 1;
                id
            }
            Ok(PageImported::Updated { id, .. }) => {
                self.tally.posts_updated += 1;
                id
            }
            Ok(PageImported::Unchanged { id, .. }) => {
                self.tally.posts_unchanged += 1;
                id
            }
            Ok(PageImported::Refused { id, path, .. }) => {
                eprintln!(
                    "refused: post {} ({path}) was edited in the newsroom since its last \
                     import: the newsroom's version is kept",
                    item.post_id
                );
                self.tally.posts_refused += 1;
                id
            }
            Err(e) => {
                eprintln!(
                    "error: post {} ({:?}): {e}: not imported",
                    item.post_id, item.title
                );
                self.tally.failed += 1;
                return Ok(());
            }
        };
        let mut old = vec![format!("/?p={}", item.post_id)];
        old.extend(path_of(&item.link));
        self.old_addresses(&old, &LegacyTarget::Article(id)).await?;
        self.comments(item, id).await
    }

    async fn page(&mut self, item: &Item) -> anyhow::Result<()> {
        if item.status != "publish" {
            // Site pages are public as soon as they exist.
            eprintln!(
                "note: page {} ({:?}) is {:?}, not published: not imported",
                item.post_id, item.title, item.status
            );
            self.tally.pages_left += 1;
            return Ok(());
        }
        let library = |url: &str| self.library.path_of(url);
        let mut body = convert(&item.content, &library);
        for line in &body.report {
            eprintln!("report: page {}: {line}", item.post_id);
        }
        let title: String = match item.title.trim() {
            "" => format!("Page {}", item.post_id),
            t => t
                .chars()
                .take(kiosque_domain::site_page::MAX_TITLE_CHARS)
                .collect(),
        };
        if body.blocks.is_empty() {
            body.blocks.push(Block::Paragraph {
                text: title.clone(),
            });
        }
        let key = source_key(self.site, item.post_id);
        let slug = if item.post_name.trim().is_empty() {
            title.as_str()
        } else {
            item.post_name.as_str()
        };
        let text = markup::render(&body.blocks);
        let outcome = self
            .store
            .import_site_page(&ImportedPage {
                source_key: &key,
                slug,
                title: title.trim(),
                body: &text,
            })
            .await;
        let slug = match outcome {
            Ok(PageOutcome::Created(slug)) => {
                self.tally.pages_created += 1;
                slug
            }
            Ok(PageOutcome::Updated(slug)) => {
                self.tally.pages_updated += 1;
                slug
            }
            Ok(PageOutcome::Kept(slug)) => {
                self.tally.pages_kept += 1;
                slug
            }
            Err(e) => {
                eprintln!(
                    "error: page {} ({:?}): {e}: not imported",
                    item.post_id, item.title
                );
                self.tally.failed += 1;
                return Ok(());
            }
        };
        if !item.comments.is_empty() {
            eprintln!(
                "note: page {}'s {} comments left out: site pages take no comments",
                item.post_id,
                item.comments.len()
            );
            self.tally.comments_on_pages += item.comments.len();
        }
        let mut old = vec![format!("/?page_id={}", item.post_id)];
        old.extend(path_of(&item.link));
        self.old_addresses(&old, &LegacyTarget::Page(slug)).await
    }

    async fn old_addresses(&self, paths: &[String], target: &LegacyTarget) -> anyhow::Result<()> {
        let pairs: Vec<(&str, &LegacyTarget)> =
            paths.iter().map(|p| (p.as_str(), target)).collect();
        self.store.set_legacy_paths(&pairs).await?;
        Ok(())
    }

    /// The post's comments, oldest first so that a reply finds the comment it answers.
    async fn comments(&mut self, item: &Item, article: ArticleId) -> anyhow::Result<()> {
        let post_key = source_key(self.site, item.post_id);
        let mut comments: Vec<_> = item.comments.iter().collect();
        comments.sort_by_key(|c| c.id);
        for c in comments {
            let status = match c.approved.as_str() {
                "1" | "approve" => CommentStatus::Published,
                "0" | "hold" => CommentStatus::Pending,
                _ => {
                    self.tally.comments_left += 1;
                    continue;
                }
            };
            let body = comment_text(&c.content);
            if body.is_empty() {
                eprintln!(
                    "note: comment {} of post {} has no text: left out",
                    c.id, item.post_id
                );
                self.tally.comments_left += 1;
                continue;
            }
            let author_id = (c.user_id > 0)
                .then(|| self.structure.accounts.get(&c.user_id).copied())
                .flatten();
            let guest = match c.author.trim() {
                "" => kiosque_i18n::t("cm-guest-unnamed"),
                name => name.chars().take(80).collect(),
            };
            let key = format!("{post_key}:comment:{}", c.id);
            let parent_key = (c.parent > 0).then(|| format!("{post_key}:comment:{}", c.parent));
            let created_at = wordpress_time(&c.date_gmt)
                .or_else(|| wordpress_time(&c.date))
                .unwrap_or_else(|| chrono::Utc::now().timestamp_millis());
            let found = self
                .store
                .import_comment(&ImportedComment {
                    source_key: &key,
                    article_id: article,
                    parent_key: parent_key.as_deref(),
                    author_id,
                    guest_name: author_id.is_none().then_some(guest.as_str()),
                    body: &body,
                    status,
                    created_at,
                })
                .await?;
            match found {
                Found::Created(_) => self.tally.comments_created += 1,
                Found::Existing(_) => self.tally.comments_existing += 1,
            }
        }
        Ok(())
    }
}

/// The address part of a WordPress link (`https://site/2016/12/23/slug/` → `/2016/12/23/slug/`).
pub fn path_of(link: &str) -> Option<String> {
    let rest = link.split_once("://").map_or(link, |(_, r)| r);
    let at = rest.find('/')?;
    let path = &rest[at..];
    (path.len() > 1 && path.len() <= 2000).then(|| path.to_owned())
}

#[cfg(test)]
mod tests {
    use super::path_of;

    #[test]
    fn links_give_their_path() {
        assert_eq!(
            path_of("https://example.org/2016/12/23/slug/").as_deref(),
            Some("/2016/12/23/slug/")
        );
        assert_eq!(
            path_of("http://example.org/?p=12").as_deref(),
            Some("/?p=12")
        );
        assert_eq!(path_of("https://example.org/"), None);
        assert_eq!(path_of("https://example.org"), None);
    }
}
