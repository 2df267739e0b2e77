//! An account's address changed by its confirmation link: in one transaction the new address
//! becomes the account's, and whatever the old address could still do stops working — unused
//! one-time links (a reset link sent there, a pending verification) and every other session.
//! Whoever took over the old mailbox, or a session, loses the account with it.

use kiosque_domain::change::{Key, Kind};
use kiosque_domain::UserId;
use sqlx::Row;

use crate::db::{log_change, now_ms};
use crate::{Store, StoreError};

impl Store {
    /// Makes `email` the address of `user`, verified now; cancels their unused one-time links
    /// and ends their sessions but `keep` (the browser that opened the link, if it is theirs).
    /// Returns the old address, to be told. A taken address is `Conflict` and changes nothing.
    pub async fn confirm_email_change(
        &self,
        user: UserId,
        email: &str,
        keep: Option<&str>,
    ) -> Result<String, StoreError> {
        let mut tx = self.begin_write().await?;
        let old: String = sqlx::query("select email from users where id = $1")
            .bind(user.get())
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?
            .try_get("email")?;
        sqlx::query(
            "update users set email = $1, \
               email_verified_at = coalesce(email_verified_at, $2) where id = $3",
        )
        .bind(email)
        .bind(now_ms())
        .bind(user.get())
        .execute(&mut *tx)
        .await?;
        sqlx::query("delete from tokens where user_id = $1 and used_at is null")
            .bind(user.get())
            .execute(&mut *tx)
            .await?;
        sqlx::query("delete from sessions where user_id = $1 and id_hash <> $2")
            .bind(user.get())
            .bind(keep.unwrap_or(""))
            .execute(&mut *tx)
            .await?;
        log_change(&mut tx, Kind::User, &[Key::User(user)]).await?;
        tx.commit().await?;
        self.committed();
        Ok(old)
    }
}
