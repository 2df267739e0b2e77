//! `kiosque user …`: accounts from the command line (the first admin, moderators).

use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;

use anyhow::Context;
use kiosque_domain::account::{self, Role, Roles};

use crate::Env;

#[derive(clap::Subcommand)]
pub enum UserCommand {
    /// Create an account (verified). The password is read from a prompt, or from standard input
    /// when it is not a terminal; never from an argument, which other users could see.
    Create {
        #[arg(long)]
        email: String,
        /// Name shown under comments (default: the part of the address before @).
        #[arg(long)]
        name: Option<String>,
        /// Make the account an administrator.
        #[arg(long)]
        admin: bool,
        /// Other roles to give: contributor, journalist, editor, moderator, admin.
        #[arg(long = "role", value_name = "ROLE")]
        roles: Vec<String>,
        /// A section (slug) where this journalist may publish their own articles; repeatable.
        #[arg(long = "section", value_name = "SLUG")]
        sections: Vec<String>,
    },
}

pub async fn run(env: &Env, cmd: UserCommand) -> anyhow::Result<ExitCode> {
    let UserCommand::Create {
        email,
        name,
        admin,
        roles: extra,
        sections,
    } = cmd;
    let email = account::normalize_email(&email).map_err(|e| anyhow::anyhow!("{e}"))?;
    let name = account::normalize_display_name(
        name.as_deref()
            .unwrap_or_else(|| email.split('@').next().unwrap_or("admin")),
    )
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut roles = Roles::member();
    if admin {
        roles = roles.with(Role::Admin);
    }
    for r in &extra {
        let role = Role::parse(r).with_context(|| {
            format!(
                "unknown role {r:?}; roles: {}",
                Role::ALL.map(|r| r.as_str()).join(", ")
            )
        })?;
        roles = roles.with(role);
    }
    let password = read_password()?;
    account::check_password(&password, &[&email, &name]).map_err(|e| anyhow::anyhow!("{e}"))?;
    let store = env.open_store().await?;
    if store.user_by_email(&email).await?.is_some() {
        anyhow::bail!("an account already exists for {email}");
    }
    for slug in &sections {
        if store.section_by_slug(slug).await?.is_none() {
            anyhow::bail!("there is no section {slug:?}");
        }
    }
    let hash = tokio::task::spawn_blocking(move || hash(&password))
        .await
        .context("hashing")??;
    let user = store
        .create_user(&email, &name, &hash, &roles, true)
        .await?;
    if !sections.is_empty() {
        store.set_publish_sections(user.id, &sections).await?;
    }
    store.close().await;
    println!(
        "created user {} <{}> with roles: {}",
        user.id,
        user.email,
        user.roles.to_stored()
    );
    Ok(ExitCode::SUCCESS)
}

fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ").context("reading the password")?;
        let again = rpassword::prompt_password("Again: ").context("reading the password")?;
        anyhow::ensure!(first == again, "the two passwords differ");
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("reading the password from standard input")?;
        Ok(line.trim_end_matches(['\r', '\n']).to_owned())
    }
}

fn hash(password: &str) -> anyhow::Result<String> {
    use argon2::password_hash::{PasswordHasher, SaltString};
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    argon2::Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("argon2: {e}"))
}
