//! The one store interface over SQLite and PostgreSQL.

use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use kiosque_domain::slug::{is_valid_slug, slugify, RESERVED_SECTION_SLUGS};
use kiosque_domain::{ArticleDraft, ArticleStatus, Block, CommentMode, MediaRef, VideoDraft};
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor, Row};

use crate::views::{ArticleCard, ArticleView, AuthorRef, SectionRow, TagRef, VideoCard};
use crate::StoreError;

type Result<T> = std::result::Result<T, StoreError>;
pub(crate) type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The result of an upsert: the row's id and whether it was created (false: updated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upserted {
    pub id: i64,
    pub created: bool,
    /// The public path of what was written.
    pub path: String,
}

/// A handle on the database; cheap to clone (it wraps a pool).
#[derive(Clone)]
pub struct Store {
    pub(crate) pool: AnyPool,
    backend: Backend,
    local: Arc<LocalWrites>,
}

/// Writes committed by this process: followers of the change log (the page cache) check the
/// counter before serving, so a node reads its own writes at once; writes by other processes
/// are picked up by polling `changes_since`.
struct LocalWrites {
    count: AtomicU64,
    /// Every follower (page cache, search index) watches this to wake early.
    notify: tokio::sync::watch::Sender<u64>,
}

impl Default for LocalWrites {
    fn default() -> Self {
        LocalWrites {
            count: AtomicU64::new(0),
            notify: tokio::sync::watch::channel(0).0,
        }
    }
}

impl std::fmt::Debug for Store {
    // Never print the URL: it may hold a password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("backend", &self.backend)
            .finish_non_exhaustive()
    }
}

/// The SQLite URL of a database file, created if missing.
pub fn sqlite_url(path: &std::path::Path) -> String {
    format!("sqlite://{}?mode=rwc", path.display())
}

pub(crate) fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// The `site_meta` key holding the pinned lead story's id.
const LEAD_KEY: &str = "front.lead";

pub(crate) const ARTICLE_CARD_COLUMNS: &str =
    "a.id, a.slug, s.slug as section_slug, s.name as section_name, \
     a.title, a.standfirst, a.hero, a.published_at, a.published_time_known";

impl Store {
    /// Opens the database at `url` (`sqlite://…` or `postgres://…`) and runs pending migrations.
    pub async fn open(url: &str) -> Result<Self> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(StoreError::Invalid(
                "DATABASE_URL must start with sqlite:// or postgres://".into(),
            ));
        };
        let options = AnyConnectOptions::from_str(url).map_err(StoreError::Database)?;
        let mut pool = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 8 } else { 16 })
            .acquire_timeout(Duration::from_secs(10));
        if backend == Backend::Sqlite {
            pool = pool.after_connect(|conn, _meta| {
                Box::pin(async move {
                    // WAL lets readers (the server) and a writer (an import run beside it) work at
                    // once. synchronous=FULL because an acknowledged write must survive a power
                    // cut, not only a crash of the process; writes are rare on a news site.
                    conn.execute(
                        "pragma journal_mode = wal; pragma synchronous = full; \
                         pragma foreign_keys = on; pragma busy_timeout = 10000;",
                    )
                    .await?;
                    Ok(())
                })
            });
        }
        let pool = pool.connect_with(options).await?;
        let store = Store {
            pool,
            backend,
            local: Arc::default(),
        };
        store.migrate().await?;
        Ok(store)
    }

    /// Begins a transaction that will write. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`): a deferred transaction that reads first and writes later cannot
    /// wait for another writer (the server and a CLI import, say) and fails with "database is
    /// locked" instead of waiting out `busy_timeout`.
    pub(crate) async fn begin_write(&self) -> Result<Tx<'static>> {
        Ok(match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        })
    }

    /// True once [`Store::close`] ran: background followers stop instead of logging errors.
    pub fn is_closed(&self) -> bool {
        self.pool.is_closed()
    }

    pub(crate) fn committed(&self) {
        let n = self.local.count.fetch_add(1, Ordering::Release) + 1;
        self.local.notify.send_replace(n);
    }

    /// How many writes this process has committed; changes whenever it writes.
    pub fn local_writes(&self) -> u64 {
        self.local.count.load(Ordering::Acquire)
    }

    /// A receiver that changes whenever this process commits a write. Each follower of the
    /// change log keeps one and waits on it or a timer, whichever comes first.
    pub fn watch_local_writes(&self) -> tokio::sync::watch::Receiver<u64> {
        self.local.notify.subscribe()
    }

    /// Changes after `after`, oldest first: `(id, touched keys)`.
    pub async fn changes_since(&self, after: i64, limit: i64) -> Result<Vec<(i64, String)>> {
        sqlx::query("select id, touches from changes where id > $1 order by id limit $2")
            .bind(after)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?
            .into_iter()
            .map(|r| Ok((r.try_get("id")?, r.try_get("touches")?)))
            .collect()
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Runs the embedded migrations of this backend.
    pub async fn migrate(&self) -> Result<()> {
        match self.backend {
            Backend::Sqlite => SQLITE_MIGRATIONS.run(&self.pool).await?,
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&self.pool).await?,
        }
        Ok(())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// A cheap query proving the database answers (readiness).
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("select 1").execute(&self.pool).await?;
        Ok(())
    }

    // ---------------------------------------------------------------- site meta

    pub async fn meta(&self, key: &str) -> Result<Option<String>> {
        let row = sqlx::query("select value from site_meta where key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.try_get("value")).transpose()?)
    }

    pub async fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        sqlx::query(
            "insert into site_meta (key, value) values ($1, $2) \
             on conflict (key) do update set value = excluded.value",
        )
        .bind(key)
        .bind(value)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Pins an article as the front page's lead story (`None` unpins: the latest leads).
    pub async fn pin_lead(&self, article: Option<i64>) -> Result<()> {
        let mut tx = self.begin_write().await?;
        match article {
            Some(id) => {
                sqlx::query(
                    "insert into site_meta (key, value) values ($1, $2) \
                     on conflict (key) do update set value = excluded.value",
                )
                .bind(LEAD_KEY)
                .bind(id.to_string())
                .execute(&mut *tx)
                .await?;
            }
            None => {
                sqlx::query("delete from site_meta where key = $1")
                    .bind(LEAD_KEY)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        log_change(&mut tx, "front", "front").await?;
        tx.commit().await?;
        self.committed();
        Ok(())
    }

    /// The pinned lead story, if one is pinned and still published.
    pub async fn pinned_lead(&self) -> Result<Option<ArticleCard>> {
        let Some(id) = self
            .meta(LEAD_KEY)
            .await?
            .and_then(|v| v.parse::<i64>().ok())
        else {
            return Ok(None);
        };
        let sql = format!(
            "select {ARTICLE_CARD_COLUMNS} from articles a join sections s on s.id = a.section_id \
             where a.status = 'published' and a.id = $1"
        );
        sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(card_from_row)
            .transpose()
    }

    pub async fn count_articles(&self) -> Result<i64> {
        Ok(sqlx::query("select count(*) as n from articles")
            .fetch_one(&self.pool)
            .await?
            .try_get("n")?)
    }

    /// The id of the newest change, for followers of the change log.
    pub async fn last_change_id(&self) -> Result<i64> {
        Ok(sqlx::query("select coalesce(max(id), 0) as n from changes")
            .fetch_one(&self.pool)
            .await?
            .try_get("n")?)
    }

    // ---------------------------------------------------------------- sections, tags, authors

    /// Creates the section, or updates its name, parent and description.
    pub async fn upsert_section(
        &self,
        slug: &str,
        name: &str,
        parent: Option<&str>,
        description: Option<&str>,
        position: i64,
    ) -> Result<SectionRow> {
        if !is_valid_slug(slug) || RESERVED_SECTION_SLUGS.contains(&slug) {
            return Err(StoreError::Invalid(format!(
                "{slug:?} cannot be a section slug"
            )));
        }
        if name.trim().is_empty() {
            return Err(StoreError::Invalid("a section needs a name".into()));
        }
        let mut tx = self.begin_write().await?;
        let parent_id = match parent {
            Some(p) => Some(section_id(&mut tx, p).await?),
            None => None,
        };
        let row = sqlx::query(
            "insert into sections (slug, name, parent_id, description, position) \
             values ($1, $2, $3, $4, $5) \
             on conflict (slug) do update set name = excluded.name, \
               parent_id = excluded.parent_id, description = excluded.description, \
               position = excluded.position \
             returning id",
        )
        .bind(slug)
        .bind(name.trim())
        .bind(parent_id)
        .bind(description)
        .bind(position)
        .fetch_one(&mut *tx)
        .await?;
        let id: i64 = row.try_get("id")?;
        log_change(&mut tx, "section", &format!("section:{id} front nav")).await?;
        tx.commit().await?;
        self.committed();
        self.section_by_slug(slug)
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// All sections, in navigation order (top-level by position, then children).
    pub async fn sections(&self) -> Result<Vec<SectionRow>> {
        Ok(sqlx::query_as::<_, SectionRow>(
            "select id, slug, name, parent_id, description, position from sections \
             order by position, name",
        )
        .fetch_all(&self.pool)
        .await?)
    }

    pub async fn section_by_slug(&self, slug: &str) -> Result<Option<SectionRow>> {
        Ok(sqlx::query_as::<_, SectionRow>(
            "select id, slug, name, parent_id, description, position from sections where slug = $1",
        )
        .bind(slug)
        .fetch_optional(&self.pool)
        .await?)
    }

    pub async fn tag_by_slug(&self, slug: &str) -> Result<Option<TagRef>> {
        Ok(
            sqlx::query_as::<_, TagRef>("select id, slug, name from tags where slug = $1")
                .bind(slug)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    /// Creates an author or updates their bio.
    pub async fn upsert_author(&self, name: &str, bio: Option<&str>) -> Result<AuthorRef> {
        let mut tx = self.begin_write().await?;
        let (id, slug) = author_id(&mut tx, name).await?;
        if let Some(bio) = bio {
            sqlx::query("update authors set bio = $1 where id = $2")
                .bind(bio)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        log_change(&mut tx, "author", &format!("author:{id}")).await?;
        tx.commit().await?;
        self.committed();
        Ok(AuthorRef {
            id,
            slug,
            name: name.trim().to_owned(),
        })
    }

    // ---------------------------------------------------------------- articles

    /// Writes an article: updates the one with the same `source_key` if there is one, else
    /// creates it. Validation runs first; everything is one transaction with its change-log row.
    pub async fn upsert_article(&self, draft: &ArticleDraft) -> Result<Upserted> {
        draft.validate()?;
        let mut tx = self.begin_write().await?;
        let up = write_article(&mut tx, draft, None).await?;
        tx.commit().await?;
        self.committed();
        Ok(up)
    }

    /// Writes an article and videos found with it (an archive page and its video rail) in one
    /// transaction: either all of it is stored or none.
    pub async fn upsert_article_with_videos(
        &self,
        draft: &ArticleDraft,
        videos: &[VideoDraft],
    ) -> Result<(Upserted, Vec<Upserted>)> {
        draft.validate()?;
        for v in videos {
            validate_video(v)?;
        }
        let mut tx = self.begin_write().await?;
        let article = write_article(&mut tx, draft, None).await?;
        let mut written = Vec::with_capacity(videos.len());
        for v in videos {
            written.push(write_video(&mut tx, v).await?);
        }
        tx.commit().await?;
        self.committed();
        Ok((article, written))
    }

    /// Publishes or takes down an article (status only). Publishing an article never published
    /// before stamps its publication time. Pages, feeds, the index and webhooks follow.
    pub async fn set_article_status(&self, id: i64, status: ArticleStatus) -> Result<String> {
        let mut tx = self.begin_write().await?;
        let Some(row) = sqlx::query(
            "select a.status, a.slug, a.section_id, s.slug as section_slug \
             from articles a join sections s on s.id = a.section_id where a.id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        else {
            return Err(StoreError::NotFound);
        };
        let before = ArticleStatus::parse(&row.try_get::<String, _>("status")?);
        let now = now_ms();
        sqlx::query(
            "update articles set status = $1, modified_at = $2, \
               published_at = case when $3 = 1 and published_at is null then $4 \
                              else published_at end \
             where id = $5",
        )
        .bind(status.as_str())
        .bind(now)
        .bind(i64::from(status == ArticleStatus::Published))
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let section: i64 = row.try_get("section_id")?;
        let mut touches = vec![
            format!("article:{id}"),
            format!("section:{section}"),
            "front".to_owned(),
        ];
        for r in sqlx::query(
            "select 'tag:' || tag_id as t from article_tags where article_id = $1 \
             union all select 'author:' || author_id as t from article_authors \
             where article_id = $2",
        )
        .bind(id)
        .bind(id)
        .fetch_all(&mut *tx)
        .await?
        {
            touches.push(r.try_get("t")?);
        }
        log_change(&mut tx, "article", &touches.join(" ")).await?;
        crate::hooks::enqueue_article_event(&mut tx, id, before, status).await?;
        tx.commit().await?;
        self.committed();
        Ok(kiosque_domain::slug::article_path(
            &row.try_get::<String, _>("section_slug")?,
            &row.try_get::<String, _>("slug")?,
            id,
        ))
    }

    /// One article with its section, tags and bylines, whatever its status (callers decide
    /// who may see what).
    pub async fn article(&self, id: i64) -> Result<Option<ArticleView>> {
        let Some(row) = sqlx::query(
            "select a.id, a.slug, a.section_id, a.title, a.standfirst, a.hero, a.hero_video_id, \
               a.body, a.status, \
               a.published_at, a.published_time_known, a.updated_at, a.comment_mode \
             from articles a where a.id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        let section_id: i64 = row.try_get("section_id")?;
        let section = self.section_by_id(section_id).await?;
        let parent_section = match section.parent_id {
            Some(p) => Some(self.section_by_id(p).await?),
            None => None,
        };
        let tags = sqlx::query_as::<_, TagRef>(
            "select t.id, t.slug, t.name from article_tags at join tags t on t.id = at.tag_id \
             where at.article_id = $1 order by at.position",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        let authors = sqlx::query_as::<_, AuthorRef>(
            "select au.id, au.slug, au.name from article_authors aa \
             join authors au on au.id = aa.author_id where aa.article_id = $1 order by aa.position",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        let status: String = row.try_get("status")?;
        let mode: String = row.try_get("comment_mode")?;
        let body: String = row.try_get("body")?;
        Ok(Some(ArticleView {
            id,
            slug: row.try_get("slug")?,
            section,
            parent_section,
            title: row.try_get("title")?,
            standfirst: row.try_get("standfirst")?,
            hero: parse_media(row.try_get("hero")?)?,
            hero_video: match row.try_get::<Option<i64>, _>("hero_video_id")? {
                Some(v) => self.video(v).await?,
                None => None,
            },
            body: serde_json::from_str::<Vec<Block>>(&body)
                .map_err(|e| StoreError::Corrupt(format!("article {id} body: {e}")))?,
            status: ArticleStatus::parse(&status)
                .ok_or_else(|| StoreError::Corrupt(format!("article {id} status {status:?}")))?,
            published_at: row.try_get("published_at")?,
            published_time_known: row.try_get::<i64, _>("published_time_known")? != 0,
            updated_at: row.try_get("updated_at")?,
            comment_mode: CommentMode::parse(&mode).unwrap_or_default(),
            tags,
            authors,
        }))
    }

    async fn section_by_id(&self, id: i64) -> Result<SectionRow> {
        Ok(sqlx::query_as::<_, SectionRow>(
            "select id, slug, name, parent_id, description, position from sections where id = $1",
        )
        .bind(id)
        .fetch_one(&self.pool)
        .await?)
    }

    /// Published articles, newest first, optionally within some sections; with the total count.
    pub async fn published_articles(
        &self,
        sections: Option<&[i64]>,
        offset: i64,
        limit: i64,
    ) -> Result<(Vec<ArticleCard>, i64)> {
        let filter = match sections {
            Some([]) => return Ok((Vec::new(), 0)),
            Some(ids) => format!(
                " and a.section_id in ({})",
                (0..ids.len())
                    .map(|i| format!("${}", i + 3))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            None => String::new(),
        };
        let list_sql = format!(
            "select {ARTICLE_CARD_COLUMNS} from articles a join sections s on s.id = a.section_id \
             where a.status = 'published'{filter} \
             order by a.published_at desc, a.id desc limit $1 offset $2"
        );
        let mut q = sqlx::query(&list_sql).bind(limit).bind(offset);
        for id in sections.unwrap_or_default() {
            q = q.bind(*id);
        }
        let cards = q
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(card_from_row)
            .collect::<Result<Vec<_>>>()?;
        // The count query numbers its parameters from $1.
        let count_filter = match sections {
            Some(ids) => format!(
                " and a.section_id in ({})",
                (0..ids.len())
                    .map(|i| format!("${}", i + 1))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            None => String::new(),
        };
        let count_sql = format!(
            "select count(*) as n from articles a where a.status = 'published'{count_filter}"
        );
        let mut q = sqlx::query(&count_sql);
        for id in sections.unwrap_or_default() {
            q = q.bind(*id);
        }
        let total: i64 = q.fetch_one(&self.pool).await?.try_get("n")?;
        Ok((cards, total))
    }

    /// An author by slug: (id, name, bio).
    pub async fn author_by_slug(
        &self,
        slug: &str,
    ) -> Result<Option<(i64, String, Option<String>)>> {
        let row = sqlx::query("select id, name, bio from authors where slug = $1")
            .bind(slug)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| Ok((r.try_get("id")?, r.try_get("name")?, r.try_get("bio")?)))
            .transpose()
    }

    /// Published articles signed by an author, newest first, with the total count.
    pub async fn author_articles(
        &self,
        author_id: i64,
        offset: i64,
        limit: i64,
    ) -> Result<(Vec<ArticleCard>, i64)> {
        let sql = format!(
            "select {ARTICLE_CARD_COLUMNS} from articles a join sections s on s.id = a.section_id \
             join article_authors aa on aa.article_id = a.id \
             where a.status = 'published' and aa.author_id = $1 \
             order by a.published_at desc, a.id desc limit $2 offset $3"
        );
        let cards = sqlx::query(&sql)
            .bind(author_id)
            .bind(limit)
            .bind(offset)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(card_from_row)
            .collect::<Result<Vec<_>>>()?;
        let total: i64 = sqlx::query(
            "select count(*) as n from articles a join article_authors aa on aa.article_id = a.id \
             where a.status = 'published' and aa.author_id = $1",
        )
        .bind(author_id)
        .fetch_one(&self.pool)
        .await?
        .try_get("n")?;
        Ok((cards, total))
    }

    /// Published articles with a tag, newest first, with the total count.
    pub async fn tagged_articles(
        &self,
        tag_slug: &str,
        offset: i64,
        limit: i64,
    ) -> Result<(Vec<ArticleCard>, i64)> {
        let sql = format!(
            "select {ARTICLE_CARD_COLUMNS} from articles a join sections s on s.id = a.section_id \
             join article_tags at on at.article_id = a.id join tags t on t.id = at.tag_id \
             where a.status = 'published' and t.slug = $1 \
             order by a.published_at desc, a.id desc limit $2 offset $3"
        );
        let cards = sqlx::query(&sql)
            .bind(tag_slug)
            .bind(limit)
            .bind(offset)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(card_from_row)
            .collect::<Result<Vec<_>>>()?;
        let total: i64 = sqlx::query(
            "select count(*) as n from articles a join article_tags at on at.article_id = a.id \
             join tags t on t.id = at.tag_id where a.status = 'published' and t.slug = $1",
        )
        .bind(tag_slug)
        .fetch_one(&self.pool)
        .await?
        .try_get("n")?;
        Ok((cards, total))
    }

    /// Ids of published articles after `after`, in id order (rebuilding the search index).
    pub async fn published_article_ids(&self, after: i64, limit: i64) -> Result<Vec<i64>> {
        sqlx::query(
            "select id from articles where status = 'published' and id > $1 order by id limit $2",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| Ok(r.try_get("id")?))
        .collect()
    }

    /// Cards of these articles, published ones only, in the order of `ids` (search results).
    pub async fn article_cards(&self, ids: &[i64]) -> Result<Vec<ArticleCard>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let placeholders = (1..=ids.len())
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "select {ARTICLE_CARD_COLUMNS} from articles a join sections s on s.id = a.section_id \
             where a.status = 'published' and a.id in ({placeholders})"
        );
        let mut q = sqlx::query(&sql);
        for id in ids {
            q = q.bind(*id);
        }
        let mut cards = q
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(card_from_row)
            .collect::<Result<Vec<_>>>()?;
        cards.sort_by_key(|c| ids.iter().position(|i| *i == c.id));
        Ok(cards)
    }

    /// Published articles for the sitemap, oldest first: (path, last modified ms), with the
    /// total count.
    pub async fn sitemap_entries(
        &self,
        offset: i64,
        limit: i64,
    ) -> Result<(Vec<(String, i64)>, i64)> {
        let rows = sqlx::query(
            "select a.id, a.slug, s.slug as section_slug, \
               coalesce(a.updated_at, a.published_at, a.modified_at) as lastmod \
             from articles a join sections s on s.id = a.section_id \
             where a.status = 'published' order by a.id limit $1 offset $2",
        )
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        let entries = rows
            .iter()
            .map(|r| {
                Ok((
                    kiosque_domain::slug::article_path(
                        &r.try_get::<String, _>("section_slug")?,
                        &r.try_get::<String, _>("slug")?,
                        r.try_get("id")?,
                    ),
                    r.try_get::<i64, _>("lastmod")?,
                ))
            })
            .collect::<Result<Vec<_>>>()?;
        let total: i64 =
            sqlx::query("select count(*) as n from articles where status = 'published'")
                .fetch_one(&self.pool)
                .await?
                .try_get("n")?;
        Ok((entries, total))
    }

    /// Published articles since `since_ms`, newest first (Google News sitemap).
    pub async fn published_since(&self, since_ms: i64, limit: i64) -> Result<Vec<ArticleCard>> {
        let sql = format!(
            "select {ARTICLE_CARD_COLUMNS} from articles a join sections s on s.id = a.section_id \
             where a.status = 'published' and a.published_at >= $1 \
             order by a.published_at desc, a.id desc limit $2"
        );
        sqlx::query(&sql)
            .bind(since_ms)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(card_from_row)
            .collect()
    }

    // ---------------------------------------------------------------- videos

    /// Writes a video: updates the one with the same `source_key`, else creates it. An update
    /// keeps the original publication time, so re-importing does not reorder the rail.
    pub async fn upsert_video(&self, draft: &VideoDraft) -> Result<Upserted> {
        validate_video(draft)?;
        let mut tx = self.begin_write().await?;
        let up = write_video(&mut tx, draft).await?;
        tx.commit().await?;
        self.committed();
        Ok(up)
    }

    /// The latest videos, newest first (the "À regarder" rail).
    pub async fn latest_videos(&self, limit: i64) -> Result<Vec<VideoCard>> {
        sqlx::query(
            "select id, slug, title, poster, duration_seconds, file_path, embed_url, published_at \
             from videos order by published_at desc, id asc limit $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(video_from_row)
        .collect()
    }

    pub async fn video(&self, id: i64) -> Result<Option<VideoCard>> {
        sqlx::query(
            "select id, slug, title, poster, duration_seconds, file_path, embed_url, published_at \
             from videos where id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .as_ref()
        .map(video_from_row)
        .transpose()
    }
}

// ---------------------------------------------------------------- helpers inside a transaction

/// Writes an article: the one with id `target` if given, else the one with the draft's
/// `source_key`, else a new one.
pub(crate) async fn write_article(
    tx: &mut Tx<'_>,
    draft: &ArticleDraft,
    target: Option<i64>,
) -> Result<Upserted> {
    let body =
        serde_json::to_string(&draft.body).map_err(|e| StoreError::Invalid(e.to_string()))?;
    let hero = draft
        .hero
        .as_ref()
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| StoreError::Invalid(e.to_string()))?;
    let slug = slugify(&draft.title);
    let now = now_ms();

    let section = section_id(tx, &draft.section).await?;
    let existing: Option<i64> = match (target, &draft.source_key) {
        (Some(id), _) => Some(id),
        (None, Some(key)) => sqlx::query("select id from articles where source_key = $1")
            .bind(key)
            .fetch_optional(&mut **tx)
            .await?
            .map(|r| r.try_get("id"))
            .transpose()?,
        (None, None) => None,
    };
    let (id, created, old_section, old_status) = match existing {
        Some(id) => {
            let row = sqlx::query("select section_id, status from articles where id = $1")
                .bind(id)
                .fetch_one(&mut **tx)
                .await?;
            let old: i64 = row.try_get("section_id")?;
            let old_status = ArticleStatus::parse(&row.try_get::<String, _>("status")?);
            sqlx::query(
                "update articles set slug = $1, section_id = $2, title = $3, standfirst = $4, \
                   hero = $5, body = $6, status = $7, published_at = $8, \
                   published_time_known = $9, updated_at = $10, comment_mode = $11, \
                   modified_at = $12, hero_video_id = $14 \
                 where id = $13",
            )
            .bind(&slug)
            .bind(section)
            .bind(draft.title.trim())
            .bind(draft.standfirst.as_deref())
            .bind(hero.as_deref())
            .bind(&body)
            .bind(draft.status.as_str())
            .bind(draft.published_at)
            .bind(i64::from(draft.published_time_known))
            .bind(draft.updated_at)
            .bind(draft.comment_mode.as_str())
            .bind(now)
            .bind(id)
            .bind(draft.hero_video)
            .execute(&mut **tx)
            .await?;
            (id, false, Some(old), old_status)
        }
        None => {
            let row = sqlx::query(
                "insert into articles (source_key, slug, section_id, title, standfirst, hero, \
                   body, status, published_at, published_time_known, updated_at, \
                   comment_mode, created_at, modified_at, hero_video_id) \
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) \
                 returning id",
            )
            .bind(draft.source_key.as_deref())
            .bind(&slug)
            .bind(section)
            .bind(draft.title.trim())
            .bind(draft.standfirst.as_deref())
            .bind(hero.as_deref())
            .bind(&body)
            .bind(draft.status.as_str())
            .bind(draft.published_at)
            .bind(i64::from(draft.published_time_known))
            .bind(draft.updated_at)
            .bind(draft.comment_mode.as_str())
            .bind(now)
            .bind(now)
            .bind(draft.hero_video)
            .fetch_one(&mut **tx)
            .await?;
            (row.try_get("id")?, true, None, None)
        }
    };

    // Tags and bylines are replaced whole; the old ones are touched too, so their pages
    // are refreshed.
    let mut touches = vec![
        format!("article:{id}"),
        format!("section:{section}"),
        "front".to_owned(),
    ];
    if let Some(old) = old_section.filter(|o| *o != section) {
        touches.push(format!("section:{old}"));
    }
    for r in sqlx::query("select tag_id from article_tags where article_id = $1")
        .bind(id)
        .fetch_all(&mut **tx)
        .await?
    {
        touches.push(format!("tag:{}", r.try_get::<i64, _>("tag_id")?));
    }
    sqlx::query("delete from article_tags where article_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    // Removed bylines are touched too, so their author pages and feeds drop the article.
    for r in sqlx::query("select author_id from article_authors where article_id = $1")
        .bind(id)
        .fetch_all(&mut **tx)
        .await?
    {
        touches.push(format!("author:{}", r.try_get::<i64, _>("author_id")?));
    }
    sqlx::query("delete from article_authors where article_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    let mut seen = Vec::new();
    for (pos, name) in draft.tags.iter().enumerate() {
        let Some((tag, _)) = tag_id(tx, name).await? else {
            continue;
        };
        if seen.contains(&tag) {
            continue;
        }
        seen.push(tag);
        sqlx::query("insert into article_tags (article_id, tag_id, position) values ($1, $2, $3)")
            .bind(id)
            .bind(tag)
            .bind(pos as i64)
            .execute(&mut **tx)
            .await?;
        touches.push(format!("tag:{tag}"));
    }
    let mut seen = Vec::new();
    for (pos, name) in draft.authors.iter().enumerate() {
        if name.trim().is_empty() {
            continue;
        }
        let (author, _) = author_id(tx, name).await?;
        if seen.contains(&author) {
            continue;
        }
        seen.push(author);
        sqlx::query(
            "insert into article_authors (article_id, author_id, position) values ($1, $2, $3)",
        )
        .bind(id)
        .bind(author)
        .bind(pos as i64)
        .execute(&mut **tx)
        .await?;
        touches.push(format!("author:{author}"));
    }
    touches.sort();
    touches.dedup();
    log_change(tx, "article", &touches.join(" ")).await?;
    crate::hooks::enqueue_article_event(tx, id, old_status, draft.status).await?;
    let section_slug = draft.section.clone();
    Ok(Upserted {
        id,
        created,
        path: kiosque_domain::slug::article_path(&section_slug, &slug, id),
    })
}

fn validate_video(draft: &VideoDraft) -> Result<()> {
    let title = draft.title.trim();
    if title.is_empty() || title.chars().count() > kiosque_domain::article::MAX_TITLE_CHARS {
        return Err(StoreError::Invalid(
            "a video needs a title of at most 300 characters".into(),
        ));
    }
    Ok(())
}

async fn write_video(tx: &mut Tx<'_>, draft: &VideoDraft) -> Result<Upserted> {
    let title = draft.title.trim();
    let slug = slugify(title);
    let poster = draft
        .poster
        .as_ref()
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| StoreError::Invalid(e.to_string()))?;
    let section = match &draft.section {
        Some(s) => Some(section_id(tx, s).await?),
        None => None,
    };
    let existing: Option<i64> = match &draft.source_key {
        Some(key) => sqlx::query("select id from videos where source_key = $1")
            .bind(key)
            .fetch_optional(&mut **tx)
            .await?
            .map(|r| r.try_get("id"))
            .transpose()?,
        None => None,
    };
    let duration = draft.duration_seconds.map(i64::from);
    let (id, created) = match existing {
        Some(id) => {
            sqlx::query(
                "update videos set slug = $1, title = $2, section_id = $3, poster = $4, \
                   duration_seconds = $5, file_path = $6, embed_url = $7 where id = $8",
            )
            .bind(&slug)
            .bind(title)
            .bind(section)
            .bind(poster.as_deref())
            .bind(duration)
            .bind(draft.file_path.as_deref())
            .bind(draft.embed_url.as_deref())
            .bind(id)
            .execute(&mut **tx)
            .await?;
            (id, false)
        }
        None => {
            let row = sqlx::query(
                "insert into videos (source_key, slug, title, section_id, poster, \
                   duration_seconds, file_path, embed_url, published_at, created_at) \
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id",
            )
            .bind(draft.source_key.as_deref())
            .bind(&slug)
            .bind(title)
            .bind(section)
            .bind(poster.as_deref())
            .bind(duration)
            .bind(draft.file_path.as_deref())
            .bind(draft.embed_url.as_deref())
            .bind(draft.published_at)
            .bind(now_ms())
            .fetch_one(&mut **tx)
            .await?;
            (row.try_get("id")?, true)
        }
    };
    log_change(tx, "video", &format!("video:{id} videos")).await?;
    Ok(Upserted {
        id,
        created,
        path: kiosque_domain::slug::video_path(&slug, id),
    })
}

pub(crate) async fn log_change(tx: &mut Tx<'_>, kind: &str, touches: &str) -> Result<()> {
    // Followers read the log by id. On PostgreSQL ids are taken at insert, not at commit, so a
    // later id could commit first and a follower would skip the earlier one for good. A lock held
    // until commit makes log ids commit in order (SQLite already serialises writers).
    if tx.backend_name().eq_ignore_ascii_case("postgresql") {
        sqlx::query("select pg_advisory_xact_lock(7431) as locked")
            .fetch_one(&mut **tx)
            .await?;
    }
    sqlx::query("insert into changes (kind, touches, at) values ($1, $2, $3)")
        .bind(kind)
        .bind(touches)
        .bind(now_ms())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

async fn section_id(tx: &mut Tx<'_>, slug: &str) -> Result<i64> {
    sqlx::query("select id from sections where slug = $1")
        .bind(slug)
        .fetch_optional(&mut **tx)
        .await?
        .map(|r| r.try_get("id"))
        .transpose()?
        .ok_or_else(|| StoreError::Invalid(format!("no section {slug:?}")))
}

/// The id of the tag with this name, created if new; `None` for a name with nothing sluggable.
async fn tag_id(tx: &mut Tx<'_>, name: &str) -> Result<Option<(i64, String)>> {
    let name = name.trim();
    if name.is_empty() {
        return Ok(None);
    }
    // A tag renamed in the back office keeps its slug: find it by its current name first, or
    // saving an article would create a second tag from the new name.
    if let Some(r) = sqlx::query("select id, slug from tags where name = $1 order by id limit 1")
        .bind(name)
        .fetch_optional(&mut **tx)
        .await?
    {
        return Ok(Some((r.try_get("id")?, r.try_get("slug")?)));
    }
    let slug = slugify(name);
    let row = sqlx::query(
        "insert into tags (slug, name) values ($1, $2) \
         on conflict (slug) do update set name = tags.name returning id",
    )
    .bind(&slug)
    .bind(name)
    .fetch_one(&mut **tx)
    .await?;
    Ok(Some((row.try_get("id")?, slug)))
}

async fn author_id(tx: &mut Tx<'_>, name: &str) -> Result<(i64, String)> {
    let name = name.trim();
    // As for tags: a renamed author keeps their slug and is found by their current name.
    if let Some(r) = sqlx::query("select id, slug from authors where name = $1 order by id limit 1")
        .bind(name)
        .fetch_optional(&mut **tx)
        .await?
    {
        return Ok((r.try_get("id")?, r.try_get("slug")?));
    }
    let slug = slugify(name);
    let row = sqlx::query(
        "insert into authors (slug, name) values ($1, $2) \
         on conflict (slug) do update set name = authors.name returning id",
    )
    .bind(&slug)
    .bind(name)
    .fetch_one(&mut **tx)
    .await?;
    Ok((row.try_get("id")?, slug))
}

fn parse_media(json: Option<String>) -> Result<Option<MediaRef>> {
    json.map(|j| {
        serde_json::from_str(&j).map_err(|e| StoreError::Corrupt(format!("media reference: {e}")))
    })
    .transpose()
}

pub(crate) fn card_from_row(r: &sqlx::any::AnyRow) -> Result<ArticleCard> {
    Ok(ArticleCard {
        id: r.try_get("id")?,
        slug: r.try_get("slug")?,
        section_slug: r.try_get("section_slug")?,
        section_name: r.try_get("section_name")?,
        title: r.try_get("title")?,
        standfirst: r.try_get("standfirst")?,
        hero: parse_media(r.try_get("hero")?)?,
        published_at: r
            .try_get::<Option<i64>, _>("published_at")?
            .unwrap_or_default(),
        published_time_known: r.try_get::<i64, _>("published_time_known")? != 0,
    })
}

pub(crate) fn video_from_row(r: &sqlx::any::AnyRow) -> Result<VideoCard> {
    Ok(VideoCard {
        id: r.try_get("id")?,
        slug: r.try_get("slug")?,
        title: r.try_get("title")?,
        poster: parse_media(r.try_get("poster")?)?,
        duration_seconds: r.try_get("duration_seconds")?,
        file_path: r.try_get("file_path")?,
        embed_url: r.try_get("embed_url")?,
        published_at: r.try_get("published_at")?,
    })
}
