//! The site's public URL, which every link in feeds, canonical tags, webhooks and mail is
//! made from. On SQLite (one node) it defaults to the listen address. On PostgreSQL, where a
//! site may run on several nodes, every node must write the same links: the URL is required,
//! stored in the database by the first node given it, and read from there by the nodes started
//! without it. A node given a different one refuses to start (silently preferring either would
//! leave some nodes writing the other one's links) unless told to replace it.

use anyhow::{bail, Context};
use kiosque_store::{Backend, Store};

/// Where the agreed public URL is kept (not `PUBLIC_URL_META`, which every start overwrote
/// before and may hold a node's listen address).
const SHARED_KEY: &str = "shared_public_url";

/// How the node was told its public URL.
pub struct Given<'a> {
    pub url: Option<&'a str>,
    pub replace: bool,
    /// Tests and local runs on PostgreSQL: with no public URL given nor stored, each node uses
    /// its listen address, as on SQLite.
    pub from_listen: bool,
}

/// The public URL this node writes links with.
pub async fn resolve(store: &Store, given: Given<'_>, listen: &str) -> anyhow::Result<String> {
    let url = given.url.map(|u| u.trim().to_owned());
    if let Some(u) = &url {
        check(u)?;
    }
    if store.backend() == Backend::Sqlite {
        return Ok(url.unwrap_or_else(|| listen.to_owned()));
    }
    let stored = store
        .meta(SHARED_KEY)
        .await
        .context("cannot read the stored public URL")?;
    match (url, stored) {
        (None, Some(stored)) => Ok(stored),
        (None, None) if given.from_listen => Ok(listen.to_owned()),
        (None, None) => bail!(
            "this site is on PostgreSQL, so several nodes may serve it: give its public address \
             once with --public-url https://www.example.org (or KIOSQUE_PUBLIC_URL). The first \
             node stores it in the database; nodes started later without it read it from there"
        ),
        (Some(url), Some(stored)) if url == stored => Ok(url),
        (Some(url), Some(_)) if given.replace => {
            store
                .set_meta(SHARED_KEY, &url)
                .await
                .context("cannot store the public URL")?;
            tracing::warn!(%url, "public URL replaced: restart the other nodes so they read it");
            Ok(url)
        }
        (Some(url), Some(stored)) => bail!(
            "--public-url {url} differs from the public URL stored in the database, {stored}, \
             which the other nodes use: start this node without --public-url (it then reads \
             {stored}), or change the site's address with --public-url {url} \
             --replace-public-url and restart the other nodes"
        ),
        (Some(url), None) => {
            let stored = store
                .set_meta_once(SHARED_KEY, &url)
                .await
                .context("cannot store the public URL")?;
            if stored != url {
                bail!(
                    "another node stored the public URL {stored} at the same moment: start this \
                     node with it, or without --public-url"
                );
            }
            Ok(url)
        }
    }
}

fn check(url: &str) -> anyhow::Result<()> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.contains(char::is_whitespace) => Ok(()),
        _ => bail!("--public-url {url:?}: give an address such as https://www.example.org"),
    }
}
