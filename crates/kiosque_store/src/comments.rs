//! Comments, reports, moderation decisions and their audit trail.

use kiosque_domain::comment::{CommentError, CommentStatus, ReportReason};
use sqlx::Row;

use kiosque_domain::change::{Key, Kind};
use kiosque_domain::{ArticleId, CommentId, UserId};

use crate::db::{log_change, now_ms, Tx};
use crate::{Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

/// A comment with what pages show of its author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentRow {
    pub id: i64,
    pub article_id: i64,
    /// `None` once the author deleted their account.
    pub author_id: Option<i64>,
    pub author_name: Option<String>,
    pub parent_id: Option<i64>,
    pub body: String,
    pub status: CommentStatus,
    pub created_at: i64,
    pub edited_at: Option<i64>,
    pub moderation_reason: Option<String>,
}

/// A page of a thread and the figures around it.
#[derive(Debug, Clone)]
pub struct ThreadPage {
    /// Top-level comments of the page, then their published replies.
    pub comments: Vec<CommentRow>,
    /// Published comments of the whole article.
    pub published: i64,
    /// Top-level comments readers see, for pagination.
    pub top_level: i64,
    /// The newest comment id of the article, from which live updates continue.
    pub last_id: i64,
}

/// A moderator's decision on a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moderation {
    /// Publish it (a pending comment, or a hidden one whose reports were unfounded).
    Approve,
    /// Refuse a pending comment.
    Reject,
    /// Take a published or hidden comment down.
    Remove,
}

impl Moderation {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Approve => "approve",
            Self::Reject => "reject",
            Self::Remove => "remove",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "approve" => Self::Approve,
            "reject" => Self::Reject,
            "remove" => Self::Remove,
            _ => return None,
        })
    }

    fn status(self) -> CommentStatus {
        match self {
            Self::Approve => CommentStatus::Published,
            Self::Reject => CommentStatus::Rejected,
            Self::Remove => CommentStatus::Removed,
        }
    }
}

/// A comment in a moderation queue, with its context.
#[derive(Debug, Clone)]
pub struct QueueItem {
    pub comment: CommentRow,
    pub article_title: String,
    pub article_path: String,
    /// Earlier versions, oldest first: (body, edited at).
    pub edits: Vec<(String, i64)>,
    /// Open reports: (reason, details, reporter name, at).
    pub reports: Vec<(ReportReason, Option<String>, Option<String>, i64)>,
}

const COMMENT_COLUMNS: &str = "c.id, c.article_id, c.author_id, u.display_name as author_name, \
     c.parent_id, c.body, c.status, c.created_at, c.edited_at, c.moderation_reason";

fn comment_from_row(r: &sqlx::any::AnyRow) -> Result<CommentRow> {
    let status: String = r.try_get("status")?;
    Ok(CommentRow {
        id: r.try_get("id")?,
        article_id: r.try_get("article_id")?,
        author_id: r.try_get("author_id")?,
        author_name: r.try_get("author_name")?,
        parent_id: r.try_get("parent_id")?,
        body: r.try_get("body")?,
        status: CommentStatus::parse(&status)
            .ok_or_else(|| StoreError::Corrupt(format!("comment status {status:?}")))?,
        created_at: r.try_get("created_at")?,
        edited_at: r.try_get("edited_at")?,
        moderation_reason: r.try_get("moderation_reason")?,
    })
}

async fn comment_in(tx: &mut Tx<'_>, id: i64) -> Result<Option<CommentRow>> {
    sqlx::query(&format!(
        "select {COMMENT_COLUMNS} from comments c left join users u on u.id = c.author_id \
         where c.id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?
    .as_ref()
    .map(comment_from_row)
    .transpose()
}

async fn log_decision(
    tx: &mut Tx<'_>,
    moderator: Option<i64>,
    action: &str,
    comment: Option<i64>,
    user: Option<i64>,
    reason: Option<&str>,
) -> Result<()> {
    sqlx::query(
        "insert into moderation_log (moderator_id, action, comment_id, user_id, reason, at) \
         values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(moderator)
    .bind(action)
    .bind(comment)
    .bind(user)
    .bind(reason)
    .bind(now_ms())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

impl Store {
    /// Stores a new comment (its body already validated by the domain) with the given status.
    /// A reply must answer a published top-level comment of the same article.
    pub async fn post_comment(
        &self,
        article_id: i64,
        author_id: i64,
        parent_id: Option<i64>,
        body: &str,
        status: CommentStatus,
    ) -> Result<CommentRow> {
        let mut tx = self.begin_write().await?;
        if let Some(parent) = parent_id {
            let p = comment_in(&mut tx, parent).await?;
            match p {
                Some(p) if p.article_id == article_id && p.parent_id.is_none() => {
                    if p.status != CommentStatus::Published {
                        return Err(StoreError::Invalid(
                            "Ce commentaire n’accepte plus de réponse.".into(),
                        ));
                    }
                }
                Some(p) if p.article_id == article_id => {
                    return Err(StoreError::Invalid(CommentError::ReplyToReply.to_string()))
                }
                _ => return Err(StoreError::Invalid("Commentaire inconnu.".into())),
            }
        }
        let row = sqlx::query(
            "insert into comments (article_id, author_id, parent_id, body, status, created_at, \
               shown_at) \
             values ($1, $2, $3, $4, $5, $6, $7) returning id",
        )
        .bind(article_id)
        .bind(author_id)
        .bind(parent_id)
        .bind(body)
        .bind(status.as_str())
        .bind(now_ms())
        .bind((status == CommentStatus::Published).then(now_ms))
        .fetch_one(&mut *tx)
        .await?;
        let id: i64 = row.try_get("id")?;
        log_change(
            &mut tx,
            Kind::Comment,
            &[
                Key::Comments(ArticleId(article_id)),
                Key::Comment(CommentId(id)),
                Key::User(UserId(author_id)),
            ],
        )
        .await?;
        let comment = comment_in(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        self.committed();
        Ok(comment)
    }

    pub async fn comment(&self, id: i64) -> Result<Option<CommentRow>> {
        sqlx::query(&format!(
            "select {COMMENT_COLUMNS} from comments c left join users u on u.id = c.author_id \
             where c.id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .as_ref()
        .map(comment_from_row)
        .transpose()
    }

    /// One page of an article's thread, as readers see it: `limit` top-level comments from
    /// `offset` (published ones, and taken-down ones that keep published replies), oldest first,
    /// followed by the published replies to them. Long threads are read a page at a time.
    pub async fn article_comments_page(
        &self,
        article_id: i64,
        offset: i64,
        limit: i64,
    ) -> Result<ThreadPage> {
        let visible_top = "c.article_id = $1 and c.parent_id is null and (c.status = 'published' \
             or exists (select 1 from comments r where r.parent_id = c.id and r.status = 'published'))";
        let mut rows: Vec<CommentRow> = sqlx::query(&format!(
            "select {COMMENT_COLUMNS} from comments c left join users u on u.id = c.author_id \
             where {visible_top} order by c.created_at, c.id limit $2 offset $3"
        ))
        .bind(article_id)
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(comment_from_row)
        .collect::<Result<_>>()?;
        if !rows.is_empty() {
            let placeholders = (0..rows.len())
                .map(|i| format!("${}", i + 2))
                .collect::<Vec<_>>()
                .join(", ");
            let sql = format!(
                "select {COMMENT_COLUMNS} from comments c left join users u on u.id = c.author_id \
                 where c.article_id = $1 and c.status = 'published' and c.parent_id in ({placeholders}) \
                 order by c.created_at, c.id"
            );
            let mut q = sqlx::query(&sql).bind(article_id);
            for r in &rows {
                q = q.bind(r.id);
            }
            let replies = q
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(comment_from_row)
                .collect::<Result<Vec<_>>>()?;
            rows.extend(replies);
        }
        let counts = sqlx::query(&format!(
            "select \
               (select count(*) from comments c where c.article_id = $1 and c.status = 'published') as published, \
               (select count(*) from comments c where {visible_top}) as top_level, \
               (select coalesce(max(c.id), 0) from comments c where c.article_id = $1) as last_id"
        ))
        .bind(article_id)
        .fetch_one(&self.pool)
        .await?;
        Ok(ThreadPage {
            comments: rows,
            published: counts.try_get("published")?,
            top_level: counts.try_get("top_level")?,
            last_id: counts.try_get("last_id")?,
        })
    }

    /// A member's own comments on an article that readers do not see yet (pending, hidden).
    pub async fn own_pending_comments(
        &self,
        article_id: i64,
        author_id: i64,
    ) -> Result<Vec<CommentRow>> {
        sqlx::query(&format!(
            "select {COMMENT_COLUMNS} from comments c left join users u on u.id = c.author_id \
             where c.article_id = $1 and c.author_id = $2 and c.status in ('pending', 'hidden') \
             order by c.created_at"
        ))
        .bind(article_id)
        .bind(author_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(comment_from_row)
        .collect()
    }

    /// Published comment counts per article, for lists and pages.
    pub async fn comment_counts(&self, article_ids: &[i64]) -> Result<Vec<(i64, i64)>> {
        if article_ids.is_empty() {
            return Ok(Vec::new());
        }
        let placeholders = (1..=article_ids.len())
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "select article_id, count(*) as n from comments \
             where status = 'published' and article_id in ({placeholders}) group by article_id"
        );
        let mut q = sqlx::query(&sql);
        for id in article_ids {
            q = q.bind(*id);
        }
        q.fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| Ok((r.try_get("article_id")?, r.try_get("n")?)))
            .collect()
    }

    /// All comments of a member, newest first, whatever their status (for "my comments" and the
    /// data export), with the article's title and path.
    pub async fn user_comments(&self, author_id: i64) -> Result<Vec<(CommentRow, String, String)>> {
        sqlx::query(&format!(
            "select {COMMENT_COLUMNS}, a.title as article_title, a.slug as article_slug, \
               s.slug as section_slug \
             from comments c left join users u on u.id = c.author_id \
             join articles a on a.id = c.article_id join sections s on s.id = a.section_id \
             where c.author_id = $1 order by c.created_at desc, c.id desc"
        ))
        .bind(author_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            let c = comment_from_row(r)?;
            let path = kiosque_domain::slug::article_path(
                &r.try_get::<String, _>("section_slug")?,
                &r.try_get::<String, _>("article_slug")?,
                c.article_id,
            );
            Ok((c, r.try_get("article_title")?, path))
        })
        .collect()
    }

    /// Published comments of an article for live updates: newer than `after`, or made visible
    /// since `shown_since` (approved after newer ones were posted).
    pub async fn comments_after(
        &self,
        article_id: i64,
        after: i64,
        shown_since: i64,
    ) -> Result<Vec<CommentRow>> {
        sqlx::query(&format!(
            "select {COMMENT_COLUMNS} from comments c left join users u on u.id = c.author_id \
             where c.article_id = $1 and c.status = 'published' \
               and (c.id > $2 or c.shown_at >= $3) order by c.id limit 200"
        ))
        .bind(article_id)
        .bind(after)
        .bind(shown_since)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(comment_from_row)
        .collect()
    }

    /// The author edits their comment: the old text is kept for moderators. With `hold`, the
    /// edited comment waits for review (it now contains a banned word).
    pub async fn edit_comment(&self, id: i64, body: &str, hold: bool) -> Result<CommentRow> {
        let mut tx = self.begin_write().await?;
        let old = comment_in(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
        let now = now_ms();
        sqlx::query("insert into comment_edits (comment_id, body, edited_at) values ($1, $2, $3)")
            .bind(id)
            .bind(&old.body)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query("update comments set body = $1, edited_at = $2 where id = $3")
            .bind(body)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if hold {
            sqlx::query("update comments set status = 'pending' where id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        log_change(
            &mut tx,
            Kind::Comment,
            &[
                Key::Comments(ArticleId(old.article_id)),
                Key::Comment(CommentId(id)),
            ],
        )
        .await?;
        let c = comment_in(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        self.committed();
        Ok(c)
    }

    /// The author deletes their comment.
    pub async fn delete_comment(&self, id: i64) -> Result<()> {
        self.set_comment_status(id, CommentStatus::Deleted, None, None, "delete")
            .await
    }

    async fn set_comment_status(
        &self,
        id: i64,
        status: CommentStatus,
        moderator: Option<i64>,
        reason: Option<&str>,
        action: &str,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let c = comment_in(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
        // Only the transitions that make sense: a deleted comment is not republished, a
        // published one is removed rather than "rejected", and so on.
        use CommentStatus::*;
        let allowed: &[CommentStatus] = match status {
            Published => &[Pending, Hidden],
            Rejected => &[Pending],
            Removed => &[Published, Hidden, Pending],
            Deleted => &[Published, Pending, Hidden],
            Pending | Hidden => &[Published],
        };
        if !allowed.contains(&c.status) {
            return Err(StoreError::Invalid(format!(
                "Ce commentaire est « {} » : cette action ne s’y applique pas.",
                c.status.label()
            )));
        }
        // An author's deletion keeps a moderator's earlier statement of reasons.
        sqlx::query(
            "update comments set status = $1, moderation_reason = coalesce($2, moderation_reason), \
               shown_at = coalesce($3, shown_at) \
             where id = $4",
        )
        .bind(status.as_str())
        .bind(reason)
        .bind((status == CommentStatus::Published).then(now_ms))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if moderator.is_some() {
            sqlx::query(
                "update comment_reports set resolved_at = $1 where comment_id = $2 and resolved_at is null",
            )
            .bind(now_ms())
            .bind(id)
            .execute(&mut *tx)
            .await?;
            log_decision(&mut tx, moderator, action, Some(id), c.author_id, reason).await?;
        }
        log_change(
            &mut tx,
            Kind::Comment,
            &[
                Key::Comments(ArticleId(c.article_id)),
                Key::Comment(CommentId(id)),
            ],
        )
        .await?;
        tx.commit().await?;
        self.committed();
        Ok(())
    }

    /// A member reports a comment. Once `threshold` members have reported it, a published
    /// comment is hidden until a moderator decides. Reporting twice is refused.
    pub async fn report_comment(
        &self,
        comment_id: i64,
        reporter_id: i64,
        reason: ReportReason,
        details: Option<&str>,
        threshold: i64,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let c = comment_in(&mut tx, comment_id)
            .await?
            .ok_or(StoreError::NotFound)?;
        let exists = sqlx::query(
            "select 1 as one from comment_reports where comment_id = $1 and reporter_id = $2",
        )
        .bind(comment_id)
        .bind(reporter_id)
        .fetch_optional(&mut *tx)
        .await?;
        if exists.is_some() {
            return Err(StoreError::Invalid(
                "Vous avez déjà signalé ce commentaire.".into(),
            ));
        }
        sqlx::query(
            "insert into comment_reports (comment_id, reporter_id, reason, details, created_at) \
             values ($1, $2, $3, $4, $5)",
        )
        .bind(comment_id)
        .bind(reporter_id)
        .bind(reason.as_str())
        .bind(details)
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        let open: i64 = sqlx::query(
            "select count(*) as n from comment_reports where comment_id = $1 and resolved_at is null",
        )
        .bind(comment_id)
        .fetch_one(&mut *tx)
        .await?
        .try_get("n")?;
        if open >= threshold && c.status == CommentStatus::Published {
            sqlx::query("update comments set status = 'hidden' where id = $1")
                .bind(comment_id)
                .execute(&mut *tx)
                .await?;
            log_decision(
                &mut tx,
                None,
                "auto_hide",
                Some(comment_id),
                c.author_id,
                None,
            )
            .await?;
        }
        log_change(
            &mut tx,
            Kind::Report,
            &[
                Key::Comments(ArticleId(c.article_id)),
                Key::Comment(CommentId(comment_id)),
                Key::Moderation,
            ],
        )
        .await?;
        tx.commit().await?;
        self.committed();
        Ok(())
    }

    /// A moderator's decision, with its statement of reasons, recorded in the audit trail.
    pub async fn moderate(
        &self,
        comment_id: i64,
        moderator_id: i64,
        decision: Moderation,
        reason: Option<&str>,
    ) -> Result<CommentRow> {
        self.set_comment_status(
            comment_id,
            decision.status(),
            Some(moderator_id),
            reason,
            decision.as_str(),
        )
        .await?;
        self.comment(comment_id).await?.ok_or(StoreError::NotFound)
    }

    /// E-mail addresses of members with an open report on a comment, and the reasons given
    /// (to answer them once a moderator decides).
    pub async fn open_reporters(&self, comment_id: i64) -> Result<Vec<(String, ReportReason)>> {
        sqlx::query(
            "select u.email, r.reason from comment_reports r join users u on u.id = r.reporter_id \
             where r.comment_id = $1 and r.resolved_at is null",
        )
        .bind(comment_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            let reason: String = r.try_get("reason")?;
            Ok((
                r.try_get("email")?,
                ReportReason::parse(&reason).unwrap_or(ReportReason::Abuse),
            ))
        })
        .collect()
    }

    /// Bans a member until `until` (ms; far future for good), or lifts a ban with `None`.
    pub async fn ban_user(
        &self,
        user_id: i64,
        moderator_id: i64,
        until: Option<i64>,
        reason: Option<&str>,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query("update users set banned_until = $1, ban_reason = $2 where id = $3")
            .bind(until)
            .bind(reason)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        let action = if until.is_some() { "ban" } else { "unban" };
        log_decision(
            &mut tx,
            Some(moderator_id),
            action,
            None,
            Some(user_id),
            reason,
        )
        .await?;
        log_change(
            &mut tx,
            Kind::User,
            &[Key::User(UserId(user_id)), Key::Moderation],
        )
        .await?;
        tx.commit().await?;
        self.committed();
        Ok(())
    }

    /// The moderation queue: pending and hidden comments, and published ones with open reports,
    /// newest first.
    pub async fn moderation_queue(&self, limit: i64) -> Result<Vec<QueueItem>> {
        let rows = sqlx::query(&format!(
            "select {COMMENT_COLUMNS}, a.title as article_title, a.slug as article_slug, \
               s.slug as section_slug \
             from comments c left join users u on u.id = c.author_id \
             join articles a on a.id = c.article_id join sections s on s.id = a.section_id \
             where c.status in ('pending', 'hidden') or (c.status = 'published' and exists \
               (select 1 from comment_reports r where r.comment_id = c.id and r.resolved_at is null)) \
             order by c.created_at desc, c.id desc limit $1"
        ))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        let mut items = Vec::with_capacity(rows.len());
        for r in &rows {
            let comment = comment_from_row(r)?;
            let edits = sqlx::query(
                "select body, edited_at from comment_edits where comment_id = $1 order by edited_at, id",
            )
            .bind(comment.id)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|e| Ok((e.try_get("body")?, e.try_get("edited_at")?)))
            .collect::<Result<Vec<_>>>()?;
            let reports = sqlx::query(
                "select r.reason, r.details, u.display_name, r.created_at from comment_reports r \
                 left join users u on u.id = r.reporter_id \
                 where r.comment_id = $1 and r.resolved_at is null order by r.created_at",
            )
            .bind(comment.id)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|e| {
                let reason: String = e.try_get("reason")?;
                Ok((
                    ReportReason::parse(&reason).unwrap_or(ReportReason::Abuse),
                    e.try_get("details")?,
                    e.try_get("display_name")?,
                    e.try_get("created_at")?,
                ))
            })
            .collect::<Result<Vec<_>>>()?;
            let path = kiosque_domain::slug::article_path(
                &r.try_get::<String, _>("section_slug")?,
                &r.try_get::<String, _>("article_slug")?,
                comment.article_id,
            );
            items.push(QueueItem {
                comment,
                article_title: r.try_get("article_title")?,
                article_path: path,
                edits,
                reports,
            });
        }
        Ok(items)
    }

    /// The audit trail, newest first: (action, moderator name, comment id, user id, reason, at).
    #[allow(clippy::type_complexity)]
    pub async fn moderation_log(
        &self,
        limit: i64,
    ) -> Result<
        Vec<(
            String,
            Option<String>,
            Option<i64>,
            Option<i64>,
            Option<String>,
            i64,
        )>,
    > {
        sqlx::query(
            "select l.action, u.display_name, l.comment_id, l.user_id, l.reason, l.at \
             from moderation_log l left join users u on u.id = l.moderator_id \
             order by l.id desc limit $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            Ok((
                r.try_get("action")?,
                r.try_get("display_name")?,
                r.try_get("comment_id")?,
                r.try_get("user_id")?,
                r.try_get("reason")?,
                r.try_get("at")?,
            ))
        })
        .collect()
    }

    pub async fn banned_words(&self) -> Result<Vec<String>> {
        sqlx::query("select word from banned_words order by word")
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| Ok(r.try_get("word")?))
            .collect()
    }

    /// Replaces the banned-words list.
    pub async fn set_banned_words(&self, words: &[String], moderator_id: i64) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("delete from banned_words")
            .execute(&mut *tx)
            .await?;
        for w in words {
            sqlx::query(
                "insert into banned_words (word) values ($1) on conflict (word) do nothing",
            )
            .bind(w)
            .execute(&mut *tx)
            .await?;
        }
        log_decision(
            &mut tx,
            Some(moderator_id),
            "banned_words",
            None,
            None,
            Some(&words.join(", ")),
        )
        .await?;
        log_change(&mut tx, Kind::Moderation, &[Key::Moderation]).await?;
        tx.commit().await?;
        self.committed();
        Ok(())
    }

    /// Section settings for comments: (default mode, close after days).
    pub async fn section_comment_settings(
        &self,
        section_id: i64,
    ) -> Result<(Option<String>, Option<i64>)> {
        let r = sqlx::query(
            "select comment_mode, comments_close_after_days from sections where id = $1",
        )
        .bind(section_id)
        .fetch_one(&self.pool)
        .await?;
        Ok((
            r.try_get("comment_mode")?,
            r.try_get("comments_close_after_days")?,
        ))
    }

    pub async fn set_section_comment_settings(
        &self,
        slug: &str,
        mode: Option<kiosque_domain::CommentMode>,
        close_after_days: Option<i64>,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "update sections set comment_mode = $1, comments_close_after_days = $2 where slug = $3",
        )
        .bind(mode.map(|m| m.as_str()))
        .bind(close_after_days)
        .bind(slug)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        log_change(&mut tx, Kind::Section, &[Key::Front, Key::Nav]).await?;
        tx.commit().await?;
        self.committed();
        Ok(())
    }
}
