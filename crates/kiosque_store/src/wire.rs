//! The wire desk: what the agencies say of each item received (`wire_items`), beside the
//! draft the item became (written by `import_page`, whose revisions keep every version).

use kiosque_domain::change::{Key, Kind};
use kiosque_domain::{slug, ArticleId, ArticleStatus};
use sqlx::Row;

use crate::db::{log_change, now_ms};
use crate::newsroom::status_of;
use crate::{Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

/// What the agency says of an item, as received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireRecord<'a> {
    pub uri: &'a str,
    pub article_id: Option<ArticleId>,
    pub agency: &'a str,
    pub urgency: Option<u8>,
    pub located: &'a str,
    /// `usable`, `withheld` or `canceled`.
    pub pubstatus: &'a str,
    pub version: Option<&'a str>,
    pub version_created: Option<i64>,
    /// JSON list of the item's files.
    pub renditions: &'a str,
}

/// The version of an item last received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireVersion {
    pub version: Option<String>,
    pub version_created: Option<i64>,
    pub article_id: Option<ArticleId>,
}

/// One line of the wire desk's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireRow {
    pub uri: String,
    pub agency: String,
    pub urgency: Option<i64>,
    pub located: String,
    pub pubstatus: String,
    pub version: Option<String>,
    pub versions: i64,
    pub received_at: i64,
    pub renditions: String,
    /// The draft (id, title, status, public path), unless it was deleted.
    pub article: Option<(ArticleId, String, ArticleStatus, String)>,
}

impl Store {
    /// The version of `uri` last received, if any.
    pub async fn wire_version(&self, uri: &str) -> Result<Option<WireVersion>> {
        sqlx::query("select version, version_created, article_id from wire_items where uri = $1")
            .bind(uri)
            .fetch_optional(&self.pool)
            .await?
            .map(|r| {
                Ok(WireVersion {
                    version: r.try_get("version")?,
                    version_created: r.try_get("version_created")?,
                    article_id: r.try_get::<Option<i64>, _>("article_id")?.map(ArticleId),
                })
            })
            .transpose()
    }

    /// Records a version of an item (the first, or a newer one).
    pub async fn record_wire_item(&self, w: &WireRecord<'_>) -> Result<()> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "insert into wire_items (uri, article_id, agency, urgency, located, pubstatus, \
               version, version_created, renditions, first_received_at, received_at, versions) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, 1) \
             on conflict (uri) do update set article_id = excluded.article_id, \
               agency = excluded.agency, urgency = excluded.urgency, \
               located = excluded.located, pubstatus = excluded.pubstatus, \
               version = excluded.version, version_created = excluded.version_created, \
               renditions = excluded.renditions, received_at = excluded.received_at, \
               versions = wire_items.versions + 1",
        )
        .bind(w.uri)
        .bind(w.article_id.map(ArticleId::get))
        .bind(w.agency)
        .bind(w.urgency.map(i64::from))
        .bind(w.located)
        .bind(w.pubstatus)
        .bind(w.version)
        .bind(w.version_created)
        .bind(w.renditions)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if let Some(id) = w.article_id {
            log_change(&mut tx, Kind::Article, &[Key::Article(id)]).await?;
        }
        tx.commit().await?;
        self.committed();
        Ok(())
    }

    /// The items received, newest first.
    pub async fn wire_items(&self, limit: i64) -> Result<Vec<WireRow>> {
        sqlx::query(
            "select w.uri, w.agency, w.urgency, w.located, w.pubstatus, w.version, w.versions, \
               w.received_at, w.renditions, a.id, a.title, a.status, a.slug, \
               s.slug as section_slug \
             from wire_items w left join articles a on a.id = w.article_id \
             left join sections s on s.id = a.section_id \
             order by w.received_at desc, w.uri limit $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            let article = match r.try_get::<Option<i64>, _>("id")? {
                Some(id) => Some((
                    ArticleId(id),
                    r.try_get("title")?,
                    status_of(&r.try_get::<String, _>("status")?)?,
                    slug::article_path(
                        &r.try_get::<String, _>("section_slug")?,
                        &r.try_get::<String, _>("slug")?,
                        id,
                    ),
                )),
                None => None,
            };
            Ok(WireRow {
                uri: r.try_get("uri")?,
                agency: r.try_get("agency")?,
                urgency: r.try_get("urgency")?,
                located: r.try_get("located")?,
                pubstatus: r.try_get("pubstatus")?,
                version: r.try_get("version")?,
                versions: r.try_get("versions")?,
                received_at: r.try_get("received_at")?,
                renditions: r.try_get("renditions")?,
                article,
            })
        })
        .collect()
    }

    /// Creates a section left out of the site's navigation, unless one has the slug, in one
    /// write (never shown, not even for a moment).
    pub async fn create_unlisted_section(&self, slug: &str, name: &str) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "insert into sections (slug, name, position, listed) \
             values ($1, $2, (select coalesce(max(position), 0) + 1 from sections), 0) \
             on conflict (slug) do nothing",
        )
        .bind(slug)
        .bind(name)
        .execute(&mut *tx)
        .await?;
        log_change(&mut tx, Kind::Section, &[Key::Nav]).await?;
        tx.commit().await?;
        self.committed();
        Ok(())
    }
}
