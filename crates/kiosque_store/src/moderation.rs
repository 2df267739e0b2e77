//! Moderation: reports, moderators' decisions and bans, the banned-words list, the queue and
//! the audit trail. Deletion by an author lives here too, as one of the status transitions.

use kiosque_domain::comment::{CommentStatus, ReportReason};
use sqlx::Row;

use kiosque_domain::change::{Key, Kind};
use kiosque_domain::{CommentId, UserId};

use crate::comments::{comment_from_row, comment_in, CommentRow, COMMENT_COLUMNS};
use crate::db::{log_change, now_ms, Tx};
use crate::{Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

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

async fn log_decision(
    tx: &mut Tx<'_>,
    moderator: Option<UserId>,
    action: &str,
    comment: Option<CommentId>,
    user: Option<UserId>,
    reason: Option<&str>,
) -> Result<()> {
    sqlx::query(
        "insert into moderation_log (moderator_id, action, comment_id, user_id, reason, at) \
         values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(moderator.map(UserId::get))
    .bind(action)
    .bind(comment.map(CommentId::get))
    .bind(user.map(UserId::get))
    .bind(reason)
    .bind(now_ms())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Hides a published comment once `threshold` open reports are filed against it.
async fn hide_if_reported(tx: &mut Tx<'_>, c: &CommentRow, threshold: i64) -> Result<()> {
    let open: i64 = sqlx::query(
        "select count(*) as n from comment_reports where comment_id = $1 and resolved_at is null",
    )
    .bind(c.id.get())
    .fetch_one(&mut **tx)
    .await?
    .try_get("n")?;
    if open >= threshold && c.status == CommentStatus::Published {
        sqlx::query("update comments set status = 'hidden' where id = $1")
            .bind(c.id.get())
            .execute(&mut **tx)
            .await?;
        log_decision(tx, None, "auto_hide", Some(c.id), c.author_id, None).await?;
    }
    Ok(())
}

impl Store {
    /// The author deletes their comment.
    pub async fn delete_comment(&self, id: CommentId) -> Result<()> {
        self.set_comment_status(id, CommentStatus::Deleted, None, None, "delete")
            .await
    }

    async fn set_comment_status(
        &self,
        id: CommentId,
        status: CommentStatus,
        moderator: Option<UserId>,
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
            return Err(StoreError::Invalid(kiosque_i18n::t1(
                "err-moderation-not-applicable",
                "status",
                c.status.label(),
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
        .bind(id.get())
        .execute(&mut *tx)
        .await?;
        if status == CommentStatus::Published {
            crate::notices::queue_reply_notice(&mut tx, id, c.parent_id).await?;
        }
        if moderator.is_some() {
            sqlx::query(
                "update comment_reports set resolved_at = $1 where comment_id = $2 and resolved_at is null",
            )
            .bind(now_ms())
            .bind(id.get())
            .execute(&mut *tx)
            .await?;
            log_decision(&mut tx, moderator, action, Some(id), c.author_id, reason).await?;
        }
        log_change(
            &mut tx,
            Kind::Comment,
            &[Key::Comments(c.article_id), Key::Comment(id)],
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
        comment_id: CommentId,
        reporter_id: UserId,
        reason: ReportReason,
        details: Option<&str>,
        threshold: i64,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let c = comment_in(&mut tx, comment_id)
            .await?
            .ok_or(StoreError::NotFound)?;
        // The reporter's standing as it is now, read in the transaction that counts the report.
        let who = sqlx::query("select email_verified_at, banned_until from users where id = $1")
            .bind(reporter_id.get())
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::Forbidden)?;
        let standing = kiosque_domain::comment::Standing {
            verified: who
                .try_get::<Option<i64>, _>("email_verified_at")?
                .is_some(),
            banned_until: who.try_get("banned_until")?,
        };
        if let Err(e) = kiosque_domain::comment::may_report(standing, now_ms()) {
            return Err(StoreError::Invalid(e.to_string()));
        }
        let exists = sqlx::query(
            "select 1 as one from comment_reports where comment_id = $1 and reporter_id = $2",
        )
        .bind(comment_id.get())
        .bind(reporter_id.get())
        .fetch_optional(&mut *tx)
        .await?;
        if exists.is_some() {
            return Err(StoreError::Invalid(kiosque_i18n::t(
                "cm-err-already-reported",
            )));
        }
        sqlx::query(
            "insert into comment_reports (comment_id, reporter_id, reason, details, created_at) \
             values ($1, $2, $3, $4, $5)",
        )
        .bind(comment_id.get())
        .bind(reporter_id.get())
        .bind(reason.as_str())
        .bind(details)
        .bind(now_ms())
        .execute(&mut *tx)
        .await
        .map_err(|e| match StoreError::from(e) {
            // Two reports of one member at once: the unique index lets one through.
            StoreError::Conflict { .. } => {
                StoreError::Invalid(kiosque_i18n::t("cm-err-already-reported"))
            }
            e => e,
        })?;
        hide_if_reported(&mut tx, &c, threshold).await?;
        log_change(
            &mut tx,
            Kind::Report,
            &[
                Key::Comments(c.article_id),
                Key::Comment(comment_id),
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
        comment_id: CommentId,
        moderator_id: UserId,
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
    pub async fn open_reporters(
        &self,
        comment_id: CommentId,
    ) -> Result<Vec<(String, ReportReason)>> {
        sqlx::query(
            "select u.email, r.reason from comment_reports r join users u on u.id = r.reporter_id \
             where r.comment_id = $1 and r.resolved_at is null",
        )
        .bind(comment_id.get())
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
        user_id: UserId,
        moderator_id: UserId,
        until: Option<i64>,
        reason: Option<&str>,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query("update users set banned_until = $1, ban_reason = $2 where id = $3")
            .bind(until)
            .bind(reason)
            .bind(user_id.get())
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
        log_change(&mut tx, Kind::User, &[Key::User(user_id), Key::Moderation]).await?;
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
            .bind(comment.id.get())
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
            .bind(comment.id.get())
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
                comment.article_id.get(),
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
            Option<CommentId>,
            Option<UserId>,
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
                r.try_get::<Option<i64>, _>("comment_id")?.map(CommentId),
                r.try_get::<Option<i64>, _>("user_id")?.map(UserId),
                r.try_get("reason")?,
                r.try_get("at")?,
            ))
        })
        .collect()
    }

    /// How many comments wait for a moderator's decision (held before publication), for the
    /// back office's dashboard.
    pub async fn pending_comments_count(&self) -> Result<i64> {
        Ok(
            sqlx::query("select count(*) as n from comments where status = 'pending'")
                .fetch_one(&self.pool)
                .await?
                .try_get("n")?,
        )
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
    pub async fn set_banned_words(&self, words: &[String], moderator_id: UserId) -> Result<()> {
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
}
