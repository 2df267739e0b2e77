//! What readers read: view counts behind "Les plus lus", and the candidates for "À lire
//! aussi" (articles sharing a tag or a section with the one being read).

use std::collections::{HashMap, HashSet};

use kiosque_domain::change::{Key, Kind};
use kiosque_domain::readership::Candidate;
use kiosque_domain::{ArticleId, SectionId};
use sqlx::Row;

use crate::db::{log_change, placeholders};
use crate::rows::{card_from_row, ARTICLE_CARD_COLUMNS};
use crate::views::ArticleCard;
use crate::{Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

const HOUR_MS: i64 = 3_600_000;
/// Hours of counts kept: the ranking reads two days; a week leaves room to look back.
const KEPT_HOURS: i64 = 24 * 7;
/// Articles read per tag for "À lire aussi": its newest.
const TAG_MATES: i64 = 100;

/// The start of the hour `at` (unix milliseconds) falls in.
pub fn hour_of(at: i64) -> i64 {
    at - at.rem_euclid(HOUR_MS)
}

impl Store {
    /// Adds view counts, `(article, views)`, to the hour `at` falls in, in one transaction;
    /// several nodes add to the same rows. Counts of an article deleted meanwhile are dropped.
    /// Hours older than a week are deleted on the way.
    pub async fn add_views(&self, counts: &[(ArticleId, i64)], at: i64) -> Result<()> {
        if counts.is_empty() {
            return Ok(());
        }
        let hour = hour_of(at);
        let mut tx = self.begin_write().await?;
        for (id, views) in counts.iter().filter(|(_, v)| *v > 0) {
            // `where` keeps a vanished article out (and SQLite needs one before `on conflict`
            // in an insert from a select).
            sqlx::query(
                "insert into article_views (article_id, hour, views) \
                 select id, $2, $3 from articles where id = $1 \
                 on conflict (article_id, hour) do update \
                 set views = article_views.views + excluded.views",
            )
            .bind(id.get())
            .bind(hour)
            .bind(*views)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("delete from article_views where hour < $1")
            .bind(hour - KEPT_HOURS * HOUR_MS)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The most read published articles since `since` (unix ms), most views first.
    pub async fn most_read(&self, since: i64, limit: i64) -> Result<Vec<ArticleCard>> {
        // The hour's counts drive the join (`cross join`): SQLite otherwise walked every
        // article in date order and looked each up among them (100 ms at 100,000 articles).
        let sql = format!(
            "select {ARTICLE_CARD_COLUMNS} from \
               (select article_id, cast(sum(views) as bigint) as total from article_views \
                where hour >= $1 group by article_id) t \
             cross join articles a join sections s on s.id = a.section_id \
             where a.id = t.article_id and a.status = 'published' \
             order by t.total desc, a.published_at desc, a.id desc limit $2"
        );
        sqlx::query(&sql)
            .bind(hour_of(since))
            .bind(limit)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(card_from_row)
            .collect()
    }

    /// Says in the change log that the ranking of "Les plus lus" changed: pages listing it
    /// are rendered again.
    pub async fn touch_most_read(&self) -> Result<()> {
        let mut tx = self.begin_write().await?;
        log_change(&mut tx, Kind::Views, &[Key::MostRead]).await?;
        tx.commit().await?;
        self.committed();
        Ok(())
    }

    /// Published articles that share a tag with `article`, or whose section is one of
    /// `family` (its own section, its parent and their children), at most `limit`, those
    /// sharing the most tags first, then the newest. Of each tag, only its newest
    /// [`TAG_MATES`] articles are considered: a tag a site has used for years may hold tens of
    /// thousands, and reading them all made an uncached article page take 100 ms at 100,000
    /// articles. The similarity of their text is the caller's (the search index).
    pub async fn related_candidates(
        &self,
        article: ArticleId,
        section: SectionId,
        family: &[SectionId],
        limit: i64,
    ) -> Result<Vec<Candidate>> {
        let tags: Vec<i64> = sqlx::query("select tag_id from article_tags where article_id = $1")
            .bind(article.get())
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| r.try_get("tag_id"))
            .collect::<std::result::Result<_, _>>()?;
        let mut shared: HashMap<i64, usize> = HashMap::new();
        for tag in tags {
            // Through the (tag, article) index: the newest mates only, without the others.
            let mates = sqlx::query(
                "select article_id from article_tags where tag_id = $1 and article_id <> $2 \
                 order by article_id desc limit $3",
            )
            .bind(tag)
            .bind(article.get())
            .bind(TAG_MATES)
            .fetch_all(&self.pool)
            .await?;
            for m in &mates {
                *shared.entry(m.try_get("article_id")?).or_default() += 1;
            }
        }
        // The candidates: those tag mates, and the family's newest `limit` (any family article
        // beyond those shares no tag and is older than `limit` others that share none either).
        let mut rows = Vec::new();
        let ids: Vec<i64> = shared.keys().copied().collect();
        for chunk in ids.chunks(500) {
            let sql = format!(
                "select a.id, a.section_id, a.published_at from articles a \
                 where a.status = 'published' and a.id in ({})",
                placeholders(1, chunk.len())
            );
            let mut q = sqlx::query(&sql);
            for id in chunk {
                q = q.bind(*id);
            }
            rows.extend(q.fetch_all(&self.pool).await?);
        }
        if !family.is_empty() {
            let sql = format!(
                "select a.id, a.section_id, a.published_at from articles a \
                 where a.status = 'published' and a.id <> $1 and a.section_id in ({}) \
                 order by a.published_at desc, a.id desc limit $2",
                placeholders(3, family.len())
            );
            let mut q = sqlx::query(&sql).bind(article.get()).bind(limit);
            for s in family {
                q = q.bind(s.get());
            }
            rows.extend(q.fetch_all(&self.pool).await?);
        }
        let mut seen = HashSet::new();
        let mut found = Vec::with_capacity(rows.len());
        for r in &rows {
            let id: i64 = r.try_get("id")?;
            if !seen.insert(id) {
                continue;
            }
            let s = SectionId(r.try_get("section_id")?);
            found.push(Candidate {
                id: ArticleId(id),
                shared_tags: shared.get(&id).copied().unwrap_or(0),
                same_section: s == section,
                same_family: s != section && family.contains(&s),
                published_at: r
                    .try_get::<Option<i64>, _>("published_at")?
                    .unwrap_or_default(),
                similarity: None,
            });
        }
        found.sort_by(|a, b| {
            (b.shared_tags, b.published_at, b.id).cmp(&(a.shared_tags, a.published_at, a.id))
        });
        found.truncate(usize::try_from(limit).unwrap_or(0));
        Ok(found)
    }
}
