//! Users, sessions and one-time tokens.

use kiosque_domain::account::Roles;
use sqlx::Row;

use kiosque_domain::change::{Key, Kind};
use kiosque_domain::{ArticleId, UserId};

use crate::db::{log_change, now_ms};
use crate::{Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRow {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub roles: Roles,
    pub email_verified_at: Option<i64>,
    pub banned_until: Option<i64>,
    pub ban_reason: Option<String>,
    pub created_at: i64,
    /// Closed by an admin: no log-in, no session.
    pub deactivated_at: Option<i64>,
}

impl UserRow {
    pub fn is_banned(&self, now_ms: i64) -> bool {
        self.banned_until.is_some_and(|until| until > now_ms)
    }

    pub fn is_verified(&self) -> bool {
        self.email_verified_at.is_some()
    }
}

/// What a one-time token is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenPurpose {
    Verify,
    Reset,
    ChangeEmail,
}

impl TokenPurpose {
    fn as_str(self) -> &'static str {
        match self {
            Self::Verify => "verify",
            Self::Reset => "reset",
            Self::ChangeEmail => "change_email",
        }
    }
}

pub(crate) const USER_COLUMNS: &str =
    "id, email, display_name, password_hash, roles, email_verified_at, \
                            banned_until, ban_reason, created_at, deactivated_at";

pub(crate) fn user_from_row(r: &sqlx::any::AnyRow) -> Result<UserRow> {
    Ok(UserRow {
        id: UserId(r.try_get("id")?),
        email: r.try_get("email")?,
        display_name: r.try_get("display_name")?,
        password_hash: r.try_get("password_hash")?,
        roles: Roles::parse(&r.try_get::<String, _>("roles")?),
        email_verified_at: r.try_get("email_verified_at")?,
        banned_until: r.try_get("banned_until")?,
        ban_reason: r.try_get("ban_reason")?,
        created_at: r.try_get("created_at")?,
        deactivated_at: r.try_get("deactivated_at")?,
    })
}

impl Store {
    /// Creates a user. The e-mail must already be normalised; a taken address is
    /// `StoreError::Conflict`.
    pub async fn create_user(
        &self,
        email: &str,
        display_name: &str,
        password_hash: &str,
        roles: &Roles,
        verified: bool,
    ) -> Result<UserRow> {
        self.insert_user(email, display_name, password_hash, roles, verified, false)
            .await
    }

    /// A reader's sign-up: a member, unverified, who accepted the moderation charter now (the
    /// date is stored with the account, in the same write).
    pub async fn create_member_accepting_charter(
        &self,
        email: &str,
        display_name: &str,
        password_hash: &str,
    ) -> Result<UserRow> {
        self.insert_user(
            email,
            display_name,
            password_hash,
            &Roles::member(),
            false,
            true,
        )
        .await
    }

    async fn insert_user(
        &self,
        email: &str,
        display_name: &str,
        password_hash: &str,
        roles: &Roles,
        verified: bool,
        accepts_charter: bool,
    ) -> Result<UserRow> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(&format!(
            "insert into users (email, display_name, password_hash, roles, email_verified_at, \
               created_at, charter_accepted_at) values ($1, $2, $3, $4, $5, $6, $7) \
             returning {USER_COLUMNS}"
        ))
        .bind(email)
        .bind(display_name)
        .bind(password_hash)
        .bind(roles.to_stored())
        .bind(verified.then_some(now))
        .bind(now)
        .bind(accepts_charter.then_some(now))
        .fetch_one(&mut *tx)
        .await?;
        let user = user_from_row(&row)?;
        log_change(&mut tx, Kind::User, &[Key::User(user.id)]).await?;
        tx.commit().await?;
        self.committed();
        Ok(user)
    }

    pub async fn user_by_email(&self, email: &str) -> Result<Option<UserRow>> {
        sqlx::query(&format!(
            "select {USER_COLUMNS} from users where email = $1"
        ))
        .bind(email)
        .fetch_optional(&self.pool)
        .await?
        .as_ref()
        .map(user_from_row)
        .transpose()
    }

    pub async fn user_by_id(&self, id: UserId) -> Result<Option<UserRow>> {
        sqlx::query(&format!("select {USER_COLUMNS} from users where id = $1"))
            .bind(id.get())
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(user_from_row)
            .transpose()
    }

    /// Updates one or more profile fields of a user.
    pub async fn update_user(
        &self,
        id: UserId,
        display_name: Option<&str>,
        email: Option<&str>,
        password_hash: Option<&str>,
        verified_now: bool,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        if let Some(name) = display_name {
            sqlx::query("update users set display_name = $1 where id = $2")
                .bind(name)
                .bind(id.get())
                .execute(&mut *tx)
                .await?;
        }
        if let Some(email) = email {
            sqlx::query("update users set email = $1 where id = $2")
                .bind(email)
                .bind(id.get())
                .execute(&mut *tx)
                .await?;
        }
        if let Some(hash) = password_hash {
            sqlx::query("update users set password_hash = $1 where id = $2")
                .bind(hash)
                .bind(id.get())
                .execute(&mut *tx)
                .await?;
        }
        if verified_now {
            sqlx::query(
                "update users set email_verified_at = coalesce(email_verified_at, $1) where id = $2",
            )
            .bind(now_ms())
            .bind(id.get())
            .execute(&mut *tx)
            .await?;
        }
        // A display name appears under comments: their pages follow. Other changes touch no page.
        let mut keys = vec![Key::User(id)];
        if display_name.is_some() {
            keys.push(Key::Names);
        }
        log_change(&mut tx, Kind::User, &keys).await?;
        tx.commit().await?;
        self.committed();
        Ok(())
    }

    pub async fn set_roles(&self, id: UserId, roles: &Roles) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query("update users set roles = $1 where id = $2")
            .bind(roles.to_stored())
            .bind(id.get())
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        log_change(&mut tx, Kind::User, &[Key::User(id)]).await?;
        tx.commit().await?;
        self.committed();
        Ok(())
    }

    /// Deletes an account: its sessions and tokens go with it; its comments stay, shown as from
    /// a deleted account (their author becomes null), so that threads keep their sense.
    pub async fn delete_user(&self, id: UserId) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let articles: Vec<i64> =
            sqlx::query("select distinct article_id from comments where author_id = $1")
                .bind(id.get())
                .fetch_all(&mut *tx)
                .await?
                .iter()
                .map(|r| r.try_get("article_id"))
                .collect::<std::result::Result<_, _>>()?;
        sqlx::query("delete from users where id = $1")
            .bind(id.get())
            .execute(&mut *tx)
            .await?;
        let mut keys = vec![Key::User(id)];
        keys.extend(articles.iter().map(|a| Key::Comments(ArticleId(*a))));
        log_change(&mut tx, Kind::User, &keys).await?;
        tx.commit().await?;
        self.committed();
        Ok(())
    }

    // ---------------------------------------------------------------- sessions

    pub async fn create_session(
        &self,
        id_hash: &str,
        user_id: UserId,
        csrf_token: &str,
        expires_at: i64,
    ) -> Result<()> {
        sqlx::query(
            "insert into sessions (id_hash, user_id, csrf_token, created_at, expires_at) \
             values ($1, $2, $3, $4, $5)",
        )
        .bind(id_hash)
        .bind(user_id.get())
        .bind(csrf_token)
        .bind(now_ms())
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The user of a live session, with the session's CSRF token.
    pub async fn session_user(&self, id_hash: &str) -> Result<Option<(UserRow, String)>> {
        let row = sqlx::query(&format!(
            "select s.csrf_token, {} from sessions s join users u on u.id = s.user_id \
             where s.id_hash = $1 and s.expires_at > $2 and u.deactivated_at is null",
            USER_COLUMNS
                .split(", ")
                .map(|c| format!("u.{c}"))
                .collect::<Vec<_>>()
                .join(", ")
        ))
        .bind(id_hash)
        .bind(now_ms())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok((user_from_row(&r)?, r.try_get("csrf_token")?)))
            .transpose()
    }

    /// Ends one session (a log-out). The change log names its user, so that every node's
    /// cache of sessions forgets it within a poll.
    pub async fn delete_session(&self, id_hash: &str) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let user: Option<i64> =
            sqlx::query("delete from sessions where id_hash = $1 returning user_id")
                .bind(id_hash)
                .fetch_optional(&mut *tx)
                .await?
                .map(|r| r.try_get("user_id"))
                .transpose()?;
        if let Some(user) = user {
            log_change(&mut tx, Kind::User, &[Key::User(UserId(user))]).await?;
        }
        tx.commit().await?;
        self.committed();
        Ok(())
    }

    /// Ends every session of a user (after a password change or reset), but `keep`; logged
    /// under the user, so that no node keeps serving the ended sessions from memory.
    pub async fn delete_user_sessions(&self, user_id: UserId, keep: Option<&str>) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("delete from sessions where user_id = $1 and id_hash <> $2")
            .bind(user_id.get())
            .bind(keep.unwrap_or(""))
            .execute(&mut *tx)
            .await?;
        log_change(&mut tx, Kind::User, &[Key::User(user_id)]).await?;
        tx.commit().await?;
        self.committed();
        Ok(())
    }

    // ---------------------------------------------------------------- one-time tokens

    pub async fn create_token(
        &self,
        hash: &str,
        user_id: UserId,
        purpose: TokenPurpose,
        data: Option<&str>,
        expires_at: i64,
    ) -> Result<()> {
        sqlx::query(
            "insert into tokens (hash, user_id, purpose, data, expires_at) values ($1, $2, $3, $4, $5)",
        )
        .bind(hash)
        .bind(user_id.get())
        .bind(purpose.as_str())
        .bind(data)
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Cancels every unused one-time link of a user (after a password or e-mail change).
    pub async fn delete_user_tokens(&self, user_id: UserId) -> Result<()> {
        sqlx::query("delete from tokens where user_id = $1 and used_at is null")
            .bind(user_id.get())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Uses a token once: returns its user and data if it exists, has this purpose, has not
    /// expired and was never used; marks it used in the same statement.
    pub async fn use_token(
        &self,
        hash: &str,
        purpose: TokenPurpose,
    ) -> Result<Option<(UserId, Option<String>)>> {
        let now = now_ms();
        let row = sqlx::query(
            "update tokens set used_at = $1 \
             where hash = $2 and purpose = $3 and used_at is null and expires_at > $1 \
             returning user_id, data",
        )
        .bind(now)
        .bind(hash)
        .bind(purpose.as_str())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok((UserId(r.try_get("user_id")?), r.try_get("data")?)))
            .transpose()
    }
}

impl Store {
    /// Accounts for the admins' list, newest first, optionally searched by name or address and
    /// limited to a role; with the total count.
    pub async fn list_users(
        &self,
        text: Option<&str>,
        role: Option<kiosque_domain::account::Role>,
        offset: i64,
        limit: i64,
    ) -> Result<(Vec<UserRow>, i64)> {
        let mut p = crate::api::Params::new();
        let cond = user_conditions(text, role, &mut p);
        let sql = format!(
            "select {USER_COLUMNS} from users{cond} order by id desc limit {} offset {}",
            p.int(limit),
            p.int(offset)
        );
        let users = p
            .bind(sqlx::query(&sql))
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(user_from_row)
            .collect::<Result<Vec<_>>>()?;
        let mut p = crate::api::Params::new();
        let cond = user_conditions(text, role, &mut p);
        let total: i64 = p
            .bind(sqlx::query(&format!(
                "select count(*) as n from users{cond}"
            )))
            .fetch_one(&self.pool)
            .await?
            .try_get("n")?;
        Ok((users, total))
    }

    /// Closes or reopens an account. Closing ends its sessions and one-time links at once.
    pub async fn set_deactivated(&self, id: UserId, deactivated: bool) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query("update users set deactivated_at = $1 where id = $2")
            .bind(deactivated.then(now_ms))
            .bind(id.get())
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        if deactivated {
            for table in ["sessions", "tokens"] {
                sqlx::query(&format!("delete from {table} where user_id = $1"))
                    .bind(id.get())
                    .execute(&mut *tx)
                    .await?;
            }
        }
        // The sessions ended here must end on every node, which may hold them in memory.
        log_change(&mut tx, Kind::User, &[Key::User(id)]).await?;
        tx.commit().await?;
        self.committed();
        Ok(())
    }
}

/// The admins' user-list filters: name or address words, and a role.
fn user_conditions(
    text: Option<&str>,
    role: Option<kiosque_domain::account::Role>,
    p: &mut crate::api::Params,
) -> String {
    let mut cond = String::from(" where 1 = 1");
    if let Some(t) = text.map(str::trim).filter(|t| !t.is_empty()) {
        let pattern = format!("%{}%", t.to_lowercase().replace(['%', '_'], ""));
        cond.push_str(&format!(
            " and (lower(display_name) like {} or email like {})",
            p.text(&pattern),
            p.text(&pattern)
        ));
    }
    if let Some(r) = role {
        // Roles are space-separated names: match a whole word.
        cond.push_str(&format!(
            " and (' ' || roles || ' ') like {}",
            p.text(&format!("% {} %", r.as_str()))
        ));
    }
    cond
}
