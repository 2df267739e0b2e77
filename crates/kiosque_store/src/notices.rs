//! Reply notifications: the outbox of published replies whose parent's author may want an
//! e-mail, the hourly throttle per thread, the members' choice, and the site secret that signs
//! unsubscribe links.

use kiosque_domain::notice::Recipient;
use kiosque_domain::{ArticleId, CommentId, UserId};
use sqlx::Row;

use crate::db::{now_ms, Tx};
use crate::{Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

/// A published reply to tell its parent's author about, with what the e-mail says.
#[derive(Debug, Clone)]
pub struct ReplyNotice {
    pub reply_id: CommentId,
    pub replier_id: Option<UserId>,
    pub replier_name: Option<String>,
    pub reply_body: String,
    /// The reply is still published (not deleted or taken down since).
    pub reply_published: bool,
    /// The parent comment: the thread.
    pub thread_id: CommentId,
    pub article_id: ArticleId,
    pub article_title: String,
    pub article_path: String,
    /// `None` when the parent's author deleted their account.
    pub recipient: Option<Recipient>,
    pub recipient_email: String,
    pub recipient_name: String,
}

/// Queues the notice of a reply that was just published (inside the publishing transaction).
/// Once per reply: a reply hidden then approved again is not announced twice.
pub(crate) async fn queue_reply_notice(
    tx: &mut Tx<'_>,
    comment_id: CommentId,
    parent_id: Option<CommentId>,
) -> Result<()> {
    if parent_id.is_none() {
        return Ok(());
    }
    sqlx::query(
        "insert into reply_notices (comment_id, created_at) values ($1, $2) \
         on conflict (comment_id) do nothing",
    )
    .bind(comment_id.get())
    .bind(now_ms())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

impl Store {
    /// Claims up to `limit` notices not yet handled, for `lock_ms`: two senders (two nodes)
    /// never hold the same one at once.
    pub async fn claim_reply_notices(&self, lock_ms: i64, limit: i64) -> Result<Vec<ReplyNotice>> {
        let now = now_ms();
        // The lock test is repeated in the outer update so that on PostgreSQL a concurrent
        // claimer re-checks it after waiting for the row and skips rows taken meanwhile.
        let ids: Vec<i64> = sqlx::query(
            "update reply_notices set locked_until = $1 \
             where comment_id in (select comment_id from reply_notices \
                                  where done_at is null and locked_until < $2 \
                                  order by comment_id limit $3) \
               and done_at is null and locked_until < $4 \
             returning comment_id",
        )
        .bind(now + lock_ms)
        .bind(now)
        .bind(limit)
        .bind(now)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| r.try_get("comment_id"))
        .collect::<std::result::Result<_, _>>()?;
        let mut due = Vec::with_capacity(ids.len());
        for id in ids {
            match self.reply_notice(CommentId(id)).await? {
                Some(n) => due.push(n),
                // The reply or its parent is gone: nothing to say.
                None => self.finish_reply_notice(CommentId(id)).await?,
            }
        }
        Ok(due)
    }

    async fn reply_notice(&self, reply: CommentId) -> Result<Option<ReplyNotice>> {
        let Some(r) = sqlx::query(
            "select c.id, c.author_id, ru.display_name as replier_name, c.body, c.status, \
               p.id as thread_id, a.id as article_id, a.title, a.slug, s.slug as section_slug, \
               pu.id as recipient_id, pu.email, pu.display_name, pu.notify_replies, \
               pu.email_verified_at, pu.deactivated_at \
             from comments c join comments p on p.id = c.parent_id \
             join articles a on a.id = c.article_id join sections s on s.id = a.section_id \
             left join users ru on ru.id = c.author_id \
             left join users pu on pu.id = p.author_id \
             where c.id = $1",
        )
        .bind(reply.get())
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        let article_id = ArticleId(r.try_get("article_id")?);
        let recipient_id: Option<i64> = r.try_get("recipient_id")?;
        let recipient = match recipient_id {
            Some(id) => Some(Recipient {
                user_id: UserId(id),
                wants_notices: r.try_get::<i64, _>("notify_replies")? == 1,
                verified: r.try_get::<Option<i64>, _>("email_verified_at")?.is_some(),
                deactivated: r.try_get::<Option<i64>, _>("deactivated_at")?.is_some(),
            }),
            None => None,
        };
        Ok(Some(ReplyNotice {
            reply_id: reply,
            replier_id: r.try_get::<Option<i64>, _>("author_id")?.map(UserId),
            replier_name: r.try_get("replier_name")?,
            reply_body: r.try_get("body")?,
            reply_published: r.try_get::<String, _>("status")? == "published",
            thread_id: CommentId(r.try_get("thread_id")?),
            article_id,
            article_title: r.try_get("title")?,
            article_path: kiosque_domain::slug::article_path(
                &r.try_get::<String, _>("section_slug")?,
                &r.try_get::<String, _>("slug")?,
                article_id.get(),
            ),
            recipient,
            recipient_email: r.try_get::<Option<String>, _>("email")?.unwrap_or_default(),
            recipient_name: r
                .try_get::<Option<String>, _>("display_name")?
                .unwrap_or_default(),
        }))
    }

    /// Marks a notice handled (sent, or not to be sent).
    pub async fn finish_reply_notice(&self, reply: CommentId) -> Result<()> {
        sqlx::query("update reply_notices set done_at = $1 where comment_id = $2")
            .bind(now_ms())
            .bind(reply.get())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Frees a claimed notice for another try at `retry_at` (the mail could not be sent).
    pub async fn release_reply_notice(&self, reply: CommentId, retry_at: i64) -> Result<()> {
        sqlx::query("update reply_notices set locked_until = $1 where comment_id = $2")
            .bind(retry_at)
            .bind(reply.get())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Takes the member's hourly e-mail for this thread: true when none was sent in the last
    /// `kiosque_domain::notice::THROTTLE_MS` (and records this one), false when throttled. One
    /// statement, so two senders cannot both take it.
    pub async fn take_reply_mail_slot(&self, user: UserId, thread: CommentId) -> Result<bool> {
        let now = now_ms();
        let taken = sqlx::query(
            "insert into reply_notice_throttle (user_id, thread_id, last_sent_at) \
             values ($1, $2, $3) \
             on conflict (user_id, thread_id) do update set last_sent_at = excluded.last_sent_at \
             where reply_notice_throttle.last_sent_at <= $4 \
             returning user_id",
        )
        .bind(user.get())
        .bind(thread.get())
        .bind(now)
        .bind(now - kiosque_domain::notice::THROTTLE_MS)
        .fetch_optional(&self.pool)
        .await?;
        Ok(taken.is_some())
    }

    /// Gives the hourly slot back when the mail could not be sent after all.
    pub async fn return_reply_mail_slot(&self, user: UserId, thread: CommentId) -> Result<()> {
        sqlx::query("delete from reply_notice_throttle where user_id = $1 and thread_id = $2")
            .bind(user.get())
            .bind(thread.get())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Whether the member asked to be told of replies by e-mail.
    pub async fn notify_replies(&self, user: UserId) -> Result<bool> {
        let row = sqlx::query("select notify_replies from users where id = $1")
            .bind(user.get())
            .fetch_optional(&self.pool)
            .await?;
        Ok(match row {
            Some(r) => r.try_get::<i64, _>("notify_replies")? == 1,
            None => false,
        })
    }

    /// The member's choice about reply e-mails. Logged under the user: no cached page shows
    /// it, but the comment form's box does, filled from each node's memory.
    pub async fn set_notify_replies(&self, user: UserId, on: bool) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("update users set notify_replies = $1 where id = $2")
            .bind(i64::from(on))
            .bind(user.get())
            .execute(&mut *tx)
            .await?;
        crate::db::log_change(
            &mut tx,
            kiosque_domain::change::Kind::User,
            &[kiosque_domain::change::Key::User(user)],
        )
        .await?;
        tx.commit().await?;
        self.committed();
        Ok(())
    }

    /// When the member accepted the moderation charter, if they did.
    pub async fn charter_accepted_at(&self, user: UserId) -> Result<Option<i64>> {
        let row = sqlx::query("select charter_accepted_at from users where id = $1")
            .bind(user.get())
            .fetch_optional(&self.pool)
            .await?;
        Ok(match row {
            Some(r) => r.try_get("charter_accepted_at")?,
            None => None,
        })
    }

    /// A secret of the site kept in `site_meta` under `key`: the one already stored, or
    /// `fresh` stored now. Every node reads the same one.
    pub async fn site_secret(&self, key: &str, fresh: &str) -> Result<String> {
        sqlx::query(
            "insert into site_meta (key, value) values ($1, $2) on conflict (key) do nothing",
        )
        .bind(key)
        .bind(fresh)
        .execute(&self.pool)
        .await?;
        self.meta(key)
            .await?
            .ok_or_else(|| StoreError::Corrupt(format!("site secret {key} missing")))
    }
}
