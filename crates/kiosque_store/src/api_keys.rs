//! The API's keys: each is stored as the SHA-256 of a random secret, with its scopes and its
//! owner, the staff account it acts for.

use kiosque_domain::account::Roles;
use kiosque_domain::api_scope::{may_own_key, Scope, Scopes};
use kiosque_domain::newsroom::Actor;
use kiosque_domain::UserId;
use sqlx::Row;

use crate::db::now_ms;
use crate::{Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

/// An API key as the back office lists it (never the key itself: only its hash is stored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiKeyRow {
    pub id: i64,
    pub name: String,
    pub prefix: String,
    pub created_by: Option<String>,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
    pub scopes: Scopes,
    /// The owner's name; `None` once their account is gone (the key then only reads).
    pub owner: Option<String>,
}

/// A key to record: its hash and prefix (the caller shows the key once and forgets it).
#[derive(Debug, Clone)]
pub struct NewApiKey<'a> {
    pub name: &'a str,
    pub key_hash: &'a str,
    pub prefix: &'a str,
    pub scopes: &'a Scopes,
    pub owner: UserId,
    /// The admin who made it in the back office; `None` from the command line.
    pub created_by: Option<UserId>,
}

/// Who is calling the API: the live key found by its hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiCaller {
    pub key_id: i64,
    pub scopes: Scopes,
    pub owner: Option<UserId>,
}

impl Store {
    /// Records a read-only key owned by the admin who made it (how keys were made before
    /// scopes existed).
    pub async fn create_api_key(
        &self,
        name: &str,
        key_hash: &str,
        prefix: &str,
        created_by: UserId,
    ) -> Result<i64> {
        self.create_scoped_api_key(&NewApiKey {
            name,
            key_hash,
            prefix,
            scopes: &Scopes::new([Scope::ContentRead]),
            owner: created_by,
            created_by: Some(created_by),
        })
        .await
    }

    /// Records a key. Refused (`Invalid`, in the site's language) without a name or a scope,
    /// for an owner who is not staff, or with a scope the owner's roles can never use.
    pub async fn create_scoped_api_key(&self, k: &NewApiKey<'_>) -> Result<i64> {
        use kiosque_i18n::{t, t1};
        let name = k.name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(StoreError::Invalid(t("err-api-key-name")));
        }
        if k.scopes.is_empty() {
            return Err(StoreError::Invalid(t("api-key-no-scope")));
        }
        let mut tx = self.begin_write().await?;
        let roles = sqlx::query("select roles from users where id = $1 and deactivated_at is null")
            .bind(k.owner.get())
            .fetch_optional(&mut *tx)
            .await?
            .map(|r| r.try_get::<String, _>("roles"))
            .transpose()?
            .map(|r| Roles::parse(&r))
            .ok_or_else(|| StoreError::Invalid(t("api-key-owner-unknown")))?;
        if !may_own_key(&roles) {
            return Err(StoreError::Invalid(t("api-key-owner-not-staff")));
        }
        let owner = Actor::of_roles(k.owner, roles);
        if let Some(s) = k.scopes.iter().find(|s| !s.usable_by(&owner)) {
            return Err(StoreError::Invalid(t1(
                "api-key-scope-not-for-owner",
                "scope",
                s.as_str(),
            )));
        }
        let row = sqlx::query(
            "insert into api_keys (name, key_hash, prefix, created_by, created_at, scopes, owner_id) \
             values ($1, $2, $3, $4, $5, $6, $7) returning id",
        )
        .bind(name)
        .bind(k.key_hash)
        .bind(k.prefix)
        .bind(k.created_by.map(|u| u.get()))
        .bind(now_ms())
        .bind(k.scopes.to_stored())
        .bind(k.owner.get())
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(row.try_get("id")?)
    }

    /// The id of the live (not revoked) key with this hash.
    pub async fn api_key_id(&self, key_hash: &str) -> Result<Option<i64>> {
        Ok(self.api_caller(key_hash).await?.map(|c| c.key_id))
    }

    /// The live (not revoked) key with this hash, with its scopes and owner.
    pub async fn api_caller(&self, key_hash: &str) -> Result<Option<ApiCaller>> {
        sqlx::query(
            "select id, scopes, owner_id from api_keys where key_hash = $1 and revoked_at is null",
        )
        .bind(key_hash)
        .fetch_optional(&self.pool)
        .await?
        .map(|r| {
            Ok(ApiCaller {
                key_id: r.try_get("id")?,
                scopes: Scopes::from_stored(&r.try_get::<String, _>("scopes")?),
                owner: r.try_get::<Option<i64>, _>("owner_id")?.map(UserId),
            })
        })
        .transpose()
    }

    /// Notes that a key was used (callers throttle this: it is a write).
    pub async fn touch_api_key(&self, id: i64) -> Result<()> {
        sqlx::query("update api_keys set last_used_at = $1 where id = $2")
            .bind(now_ms())
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn api_keys(&self) -> Result<Vec<ApiKeyRow>> {
        sqlx::query(
            "select k.id, k.name, k.prefix, u.display_name as created_by, k.created_at, \
               k.last_used_at, k.revoked_at, k.scopes, o.display_name as owner \
             from api_keys k left join users u on u.id = k.created_by \
             left join users o on o.id = k.owner_id order by k.id desc",
        )
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            Ok(ApiKeyRow {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                prefix: r.try_get("prefix")?,
                created_by: r.try_get("created_by")?,
                created_at: r.try_get("created_at")?,
                last_used_at: r.try_get("last_used_at")?,
                revoked_at: r.try_get("revoked_at")?,
                scopes: Scopes::from_stored(&r.try_get::<String, _>("scopes")?),
                owner: r.try_get("owner")?,
            })
        })
        .collect()
    }

    /// The accounts that may own a key (staff, not closed), by name: (id, name, e-mail).
    pub async fn key_owners(&self) -> Result<Vec<(UserId, String, String)>> {
        let rows = sqlx::query(
            "select id, display_name, email, roles from users \
             where deactivated_at is null and roles <> 'member' order by lower(display_name), id",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut owners = Vec::new();
        for r in &rows {
            if may_own_key(&Roles::parse(&r.try_get::<String, _>("roles")?)) {
                owners.push((
                    UserId(r.try_get("id")?),
                    r.try_get("display_name")?,
                    r.try_get("email")?,
                ));
            }
        }
        Ok(owners)
    }

    /// Revokes a key for good; `NotFound` if there is no such live key.
    pub async fn revoke_api_key(&self, id: i64) -> Result<()> {
        let done =
            sqlx::query("update api_keys set revoked_at = $1 where id = $2 and revoked_at is null")
                .bind(now_ms())
                .bind(id)
                .execute(&self.pool)
                .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }
}
