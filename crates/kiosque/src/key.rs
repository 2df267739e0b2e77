//! `kiosque key …`: API keys from the command line, for deployment scripts.

use std::process::ExitCode;

use kiosque_domain::account;
use kiosque_domain::api_scope::{may_own_key, Scope, Scopes};
use kiosque_domain::newsroom::Actor;
use kiosque_store::NewApiKey;

use crate::Env;

#[derive(clap::Subcommand)]
pub enum KeyCommand {
    /// Create an API key and print it, once, on standard output (only its hash is kept).
    Create {
        /// The e-mail address of the staff account the key acts for: it never does more than
        /// this account may, and its writes are revisions by this account.
        #[arg(long, value_name = "EMAIL")]
        owner: String,
        /// What the key may do: content:read, content:write, media:write, live:write,
        /// comments:moderate. Repeatable.
        #[arg(long = "scope", value_name = "SCOPE", required = true, num_args = 1..)]
        scopes: Vec<String>,
        /// What or whom the key is for, shown in the back office.
        #[arg(long)]
        name: String,
    },
}

fn known_scopes() -> String {
    Scope::ALL.map(|s| s.as_str()).join(", ")
}

pub async fn run(env: &Env, cmd: KeyCommand) -> anyhow::Result<ExitCode> {
    let KeyCommand::Create {
        owner,
        scopes,
        name,
    } = cmd;
    let mut parsed = Vec::new();
    for s in scopes.iter().flat_map(|s| s.split(',')) {
        let scope = Scope::parse(s)
            .ok_or_else(|| anyhow::anyhow!("unknown scope {s:?}; scopes: {}", known_scopes()))?;
        parsed.push(scope);
    }
    let scopes = Scopes::new(parsed);
    if scopes.is_empty() {
        anyhow::bail!("give at least one --scope: {}", known_scopes());
    }
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        anyhow::bail!("--name must be 1 to 100 characters");
    }
    let email = account::normalize_email(&owner).map_err(|e| anyhow::anyhow!("{e}"))?;
    let store = env.open_store().await?;
    let Some(user) = store.user_by_email(&email).await? else {
        anyhow::bail!("there is no account {email}: the owner must be an existing staff account");
    };
    if user.deactivated_at.is_some() {
        anyhow::bail!("the account {email} is closed");
    }
    if !may_own_key(&user.roles) {
        anyhow::bail!(
            "{email} is a reader (roles: {}); a key's owner must be staff",
            user.roles.to_stored()
        );
    }
    let actor = Actor::of_roles(user.id, user.roles.clone());
    if let Some(s) = scopes.iter().find(|s| !s.usable_by(&actor)) {
        anyhow::bail!(
            "{email} cannot use the scope {} (roles: {})",
            s.as_str(),
            user.roles.to_stored()
        );
    }
    let (key, hash, prefix) = kiosque_web::api::new_key();
    let id = store
        .create_scoped_api_key(&NewApiKey {
            name,
            key_hash: &hash,
            prefix: &prefix,
            scopes: &scopes,
            owner: user.id,
            created_by: None,
        })
        .await?;
    store.close().await;
    // The key alone on standard output, so that a script can capture it; the rest on standard
    // error.
    println!("{key}");
    eprintln!(
        "created API key {id} {name:?} for {email} with scopes: {} (it is shown only this once)",
        scopes.to_stored()
    );
    Ok(ExitCode::SUCCESS)
}
