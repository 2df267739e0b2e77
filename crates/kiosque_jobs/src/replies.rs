//! Reply notifications by e-mail: claims the notices of published replies from the store's
//! outbox, decides with the domain whether the parent's author is told (they asked, it is not
//! their own reply, no e-mail about this thread in the last hour), and hands the e-mail, with a
//! signed one-click unsubscribe link (RFC 8058), to the durable mail queue, which retries it
//! when the mail server fails.

use std::sync::Arc;
use std::time::Duration;

use kiosque_domain::notice;
use kiosque_i18n::{t, t1, t2};
use kiosque_store::{NewMail, ReplyNotice, Store};

use crate::postman::Postman;

use crate::follow::Pace;

/// How long a claim holds a notice: longer than one SMTP send can take.
const CLAIM_MS: i64 = 60_000;
/// After a failed send, the notice waits this long before another try.
const RETRY_MS: i64 = 300_000;
const BATCH: i64 = 16;
/// Characters of the reply quoted in the e-mail.
const EXCERPT_CHARS: usize = 300;

/// What a sender needs besides the store.
struct Sender {
    store: Store,
    postman: Arc<Postman>,
    /// The site's address, for absolute links (no trailing slash).
    base: String,
    /// Signs unsubscribe links; the web layer checks them with the same stored secret.
    secret: String,
}

/// A fresh random secret, stored only if the site has none yet.
fn fresh_secret() -> Option<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).ok()?;
    Some(hex::encode(bytes))
}

/// Starts the sender; it runs until the store is closed. `None` when the site secret cannot
/// be read or made (the error is logged: reply e-mails are then off).
pub async fn spawn_sender(
    store: Store,
    postman: Arc<Postman>,
    public_url: &str,
) -> Option<tokio::task::JoinHandle<()>> {
    let Some(fresh) = fresh_secret() else {
        tracing::error!("no random source: reply e-mails are off");
        return None;
    };
    let secret = match store.site_secret(notice::SECRET_KEY, &fresh).await {
        Ok(s) => s,
        Err(e) => {
            tracing::error!(error = %e, "cannot read the site secret: reply e-mails are off");
            return None;
        }
    };
    let sender = Arc::new(Sender {
        store: store.clone(),
        postman,
        base: public_url.trim_end_matches('/').to_owned(),
        secret,
    });
    Some(tokio::spawn(crate::follow::every(
        store,
        // Local publishing wakes the sender at once; other nodes' replies and retries are found
        // by polling.
        Duration::from_secs(1),
        true,
        move || {
            let sender = sender.clone();
            async move { sender.step().await }
        },
    )))
}

impl Sender {
    async fn step(&self) -> Pace {
        let due = match self.store.claim_reply_notices(CLAIM_MS, BATCH).await {
            Ok(d) => d,
            Err(e) => {
                tracing::warn!(error = %e, "reply e-mails: cannot read the outbox");
                return Pace::Wait;
            }
        };
        let full = due.len() as i64 == BATCH;
        for n in due {
            if let Err(e) = self.handle(&n).await {
                tracing::warn!(error = %e, reply = n.reply_id.get(), "reply e-mail: store");
            }
        }
        if full {
            Pace::Again
        } else {
            Pace::Wait
        }
    }

    async fn handle(&self, n: &ReplyNotice) -> Result<(), kiosque_store::StoreError> {
        let recipient = match n.recipient {
            Some(r) if n.reply_published && notice::should_notify(n.replier_id, Some(r)) => r,
            _ => return self.store.finish_reply_notice(n.reply_id).await,
        };
        if !self
            .store
            .take_reply_mail_slot(recipient.user_id, n.thread_id)
            .await?
        {
            tracing::info!(reply = n.reply_id.get(), "reply e-mail throttled");
            return self.store.finish_reply_notice(n.reply_id).await;
        }
        let unsubscribe = unsubscribe_link(&self.base, &self.secret, recipient.user_id);
        let (subject, text) = message(n, &self.base, &unsubscribe);
        let headers = [
            ("List-Unsubscribe", format!("<{unsubscribe}>")),
            (
                "List-Unsubscribe-Post",
                "List-Unsubscribe=One-Click".to_owned(),
            ),
        ];
        let mail = NewMail {
            to: n.recipient_email.clone(),
            subject,
            text,
            html: None,
            headers: headers
                .into_iter()
                .map(|(name, value)| (name.to_owned(), value))
                .collect(),
        };
        match self.postman.queue_and_send(&mail).await {
            Ok(_) => self.store.finish_reply_notice(n.reply_id).await,
            Err(e) => {
                tracing::error!(error = %e, reply = n.reply_id.get(), "reply e-mail not queued");
                self.store
                    .return_reply_mail_slot(recipient.user_id, n.thread_id)
                    .await?;
                let retry_at = chrono::Utc::now().timestamp_millis() + RETRY_MS;
                self.store.release_reply_notice(n.reply_id, retry_at).await
            }
        }
    }
}

/// The one-click unsubscribe address of a member (absolute).
pub fn unsubscribe_link(base: &str, secret: &str, user: kiosque_domain::UserId) -> String {
    format!(
        "{base}/compte/desabonnement?membre={user}&signature={}",
        notice::unsubscribe_signature(secret, user)
    )
}

/// The subject and text of the e-mail, in the site's language.
fn message(n: &ReplyNotice, base: &str, unsubscribe: &str) -> (String, String) {
    let mut excerpt: String = n.reply_body.chars().take(EXCERPT_CHARS).collect();
    if n.reply_body.chars().count() > EXCERPT_CHARS {
        excerpt.push('…');
    }
    let someone = t("mail-reply-someone");
    let replier = n.replier_name.as_deref().unwrap_or(&someone);
    let link = format!("{base}{}#commentaire-{}", n.article_path, n.reply_id);
    // The title as the article page shows it: French typography belongs to French only.
    let title = if kiosque_i18n::current().french_typography() {
        kiosque_domain::typography::french(&n.article_title)
    } else {
        n.article_title.clone()
    };
    let text = format!(
        "{}\n\n{}\n\n{}\n\n{}\n{link}\n\n--\n{}\n{}\n",
        t1("mail-acc-hello-name", "name", &n.recipient_name),
        t2("mail-reply-text", "replier", replier, "title", &title),
        t1("mail-reply-quote", "excerpt", &excerpt),
        t("mail-reply-read"),
        t("mail-reply-why"),
        t1("mail-reply-unsubscribe", "link", unsubscribe),
    );
    (t("mail-reply-subject"), text)
}
