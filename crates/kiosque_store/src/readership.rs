//! What readers read: view counts behind "Les plus lus", and the candidates for "À lire
//! aussi" (articles sharing a tag or a section with the one being read).

use kiosque_domain::change::{Key, Kind};
use kiosque_domain::readership::Candidate;
use kiosque_domain::{ArticleId, SectionId};
use sqlx::Row;

use crate::db::log_change;
use crate::rows::{card_from_row, ARTICLE_CARD_COLUMNS};
use crate::views::ArticleCard;
use crate::{Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

const HOUR_MS: i64 = 3_600_000;
/// Hours of counts kept: the ranking reads two days; a week leaves room to look back.
const KEPT_HOURS: i64 = 24 * 7;

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
        let sql = format!(
            "select {ARTICLE_CARD_COLUMNS} from \
               (select article_id, cast(sum(views) as bigint) as total from article_views \
                where hour >= $1 group by article_id) t \
             join articles a on a.id = t.article_id join sections s on s.id = a.section_id \
             where a.status = 'published' \
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
    /// sharing the most tags first, then the newest. The similarity of their text is the
    /// caller's (the search index).
    pub async fn related_candidates(
        &self,
        article: ArticleId,
        section: SectionId,
        family: &[SectionId],
        limit: i64,
    ) -> Result<Vec<Candidate>> {
        let in_family = if family.is_empty() {
            "0 = 1".to_owned()
        } else {
            format!(
                "a.section_id in ({})",
                (0..family.len())
                    .map(|i| format!("${}", i + 3))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        // Read from two small sets, not the whole family: the articles sharing a tag (through
        // the tag index), and the family's newest `limit` (through its section and date index).
        // Any family article beyond those shares no tag and is older than `limit` others that
        // share none either, so it could not make the list: the answer is the same as ranking
        // every article of the family, without reading them all (620 ms a page at 100,000
        // articles).
        let sql = format!(
            "with sharing as ( \
               select x.article_id, count(*) as shared \
               from article_tags y join article_tags x on x.tag_id = y.tag_id \
               where y.article_id = $1 and x.article_id <> $1 group by x.article_id), \
             newest as ( \
               select a.id from articles a \
               where a.status = 'published' and a.id <> $1 and ({in_family}) \
               order by a.published_at desc, a.id desc limit $2) \
             select a.id, a.section_id, a.published_at, coalesce(t.shared, 0) as shared \
             from articles a left join sharing t on t.article_id = a.id \
             where a.status = 'published' and a.id <> $1 \
               and (a.id in (select article_id from sharing) or a.id in (select id from newest)) \
             order by shared desc, a.published_at desc, a.id desc limit $2"
        );
        let mut q = sqlx::query(&sql).bind(article.get()).bind(limit);
        for s in family {
            q = q.bind(s.get());
        }
        q.fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| {
                let s = SectionId(r.try_get("section_id")?);
                Ok(Candidate {
                    id: ArticleId(r.try_get("id")?),
                    shared_tags: usize::try_from(r.try_get::<i64, _>("shared")?).unwrap_or(0),
                    same_section: s == section,
                    same_family: s != section && family.contains(&s),
                    published_at: r
                        .try_get::<Option<i64>, _>("published_at")?
                        .unwrap_or_default(),
                    similarity: None,
                })
            })
            .collect()
    }
}
