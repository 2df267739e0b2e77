//! The site's structure, written before the posts: staff accounts for the authors, a section
//! per category (their tree kept), every tag.

use std::collections::{HashMap, HashSet};

use kiosque_domain::account::{self, Role, Roles};
use kiosque_domain::UserId;
use kiosque_import::wordpress::{section_slug, Category};
use kiosque_store::{Found, Store};

use super::gather::Gathered;
use super::tally::Tally;

/// Sections of imported categories follow the site's own in the navigation.
const FIRST_POSITION: i64 = 100;

/// What posts and comments need of the structure.
#[derive(Default)]
pub struct Known {
    /// An author's byline by login.
    pub bylines: HashMap<String, String>,
    /// The account of a WordPress user, by their WordPress id.
    pub accounts: HashMap<i64, UserId>,
    /// Section slugs that exist.
    pub sections: HashSet<String>,
}

pub async fn write(store: &Store, g: &Gathered, tally: &mut Tally) -> anyhow::Result<Known> {
    let mut known = Known::default();
    for a in &g.authors {
        let name = [a.display_name.trim(), a.login.trim()]
            .into_iter()
            .find(|n| !n.is_empty())
            .unwrap_or_default();
        if !name.is_empty() {
            known.bylines.insert(a.login.clone(), name.to_owned());
        }
        let (Ok(email), Ok(name)) = (
            account::normalize_email(&a.email),
            account::normalize_display_name(name),
        ) else {
            eprintln!(
                "note: author {:?} has no usable e-mail address or name: a byline, no account",
                a.login
            );
            continue;
        };
        let roles = Roles::member().with(Role::Journalist);
        let found = store.import_staff(&email, &name, &roles).await?;
        if matches!(found, Found::Created(_)) {
            tally.staff_created += 1;
        }
        if let Some(id) = a.id {
            known.accounts.insert(id, found.get());
        }
    }
    sections(store, &g.categories, &mut known, tally).await?;
    for tag in &g.tags {
        store.upsert_tag(tag).await?;
    }
    Ok(known)
}

/// A section per category, parents first. A section that exists is left as the newsroom
/// made it.
async fn sections(
    store: &Store,
    categories: &[Category],
    known: &mut Known,
    tally: &mut Tally,
) -> anyhow::Result<()> {
    for s in store.sections().await? {
        known.sections.insert(s.slug);
    }
    let slug_of: HashMap<&str, String> = categories
        .iter()
        .map(|c| (c.nicename.as_str(), section_slug(&c.nicename, &c.name)))
        .collect();
    let mut left: Vec<(usize, &Category)> = categories.iter().enumerate().collect();
    // Each round writes the categories whose parent exists: as many rounds as the tree is deep.
    while !left.is_empty() {
        let before = left.len();
        let mut waiting = Vec::new();
        for (i, c) in left {
            let parent = slug_of
                .get(c.parent.as_str())
                .filter(|_| !c.parent.is_empty());
            if parent.is_some_and(|p| !known.sections.contains(p)) {
                waiting.push((i, c));
                continue;
            }
            let slug = section_slug(&c.nicename, &c.name);
            if known.sections.contains(&slug) {
                continue;
            }
            let name = if c.name.trim().is_empty() {
                slug.clone()
            } else {
                c.name.trim().to_owned()
            };
            let description = Some(c.description.trim()).filter(|d| !d.is_empty());
            let position = FIRST_POSITION + i64::try_from(i).unwrap_or(i64::MAX - FIRST_POSITION);
            store
                .upsert_section(
                    &slug,
                    &name,
                    parent.map(String::as_str),
                    description,
                    position,
                )
                .await
                .map_err(|e| anyhow::anyhow!("category {:?}: {e}", c.nicename))?;
            known.sections.insert(slug);
            tally.sections_created += 1;
        }
        if waiting.len() == before {
            // A loop, or parents missing from the export: the rest go at the top level.
            for (_, c) in &waiting {
                eprintln!("note: category {:?} has no usable parent", c.nicename);
            }
            let orphans: Vec<Category> = waiting
                .iter()
                .map(|(_, c)| Category {
                    parent: String::new(),
                    ..(*c).clone()
                })
                .collect();
            return Box::pin(sections(store, &orphans, known, tally)).await;
        }
        left = waiting;
    }
    Ok(())
}
