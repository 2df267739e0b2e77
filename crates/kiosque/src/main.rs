//! The Kiosque binary: `kiosque serve`, `kiosque import …` and the other subcommands.
//! Configuration comes from flags and their environment variables; errors end here as `anyhow`.

mod alert;
mod article;
mod backup;
mod demo;
mod demo_live;
mod demo_photos;
mod demo_podcasts;
mod env;
mod generate;
mod import;
mod key;
mod limit_args;
mod listen;
mod newsletter;
mod public_url;
mod reindex;
mod section;
mod serve;
mod site_export;
mod user;
mod wire;
mod wire_dir;
mod wordpress;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

pub use env::Env;

/// A cached page is served with a few dozen small allocations (headers, the request's parts,
/// a member's fragments): glibc's allocator took about a tenth of that time, mimalloc's
/// per-thread pages take less.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Kiosque, a news publishing platform.
#[derive(Parser)]
#[command(name = "kiosque", version, about)]
struct Cli {
    /// Folder for the SQLite database and the media library (created if missing).
    #[arg(
        long,
        global = true,
        env = "KIOSQUE_DATA_DIR",
        default_value = "./data"
    )]
    data_dir: PathBuf,

    /// PostgreSQL URL (postgres://user:pass@host/db). Without it, Kiosque uses the SQLite file
    /// `kiosque.db` in the data folder.
    #[arg(long, global = true, env = "DATABASE_URL", hide_env_values = true)]
    database_url: Option<String>,

    /// Where media files live: `file:///srv/kiosque/media` (default: the data folder's `media`
    /// folder) or `s3://bucket/prefix` on any S3-compatible store, configured by the standard
    /// `AWS_*` variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION,
    /// AWS_ENDPOINT_URL…). Every node of a site must use the same one.
    #[arg(long, global = true, env = "KIOSQUE_MEDIA_URL")]
    media_url: Option<String>,

    /// With no subcommand, `kiosque` serves: these are `serve`'s options.
    #[command(flatten)]
    serve: serve::ServeArgs,

    #[command(subcommand)]
    command: Option<Command>,
}

// Parsed once at start: the size of `serve`'s many flags costs nothing worth a box.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum Command {
    /// Serve the site (the default command).
    Serve(serve::ServeArgs),
    /// Import content from outside formats.
    #[command(subcommand)]
    Import(import::ImportCommand),
    /// Run the database migrations and exit (every command also runs them at start).
    Migrate,
    /// Manage accounts.
    #[command(subcommand)]
    User(user::UserCommand),
    /// Rebuild the search index from the database (the server keeps it up to date, and
    /// rebuilds it by itself when it is missing).
    Reindex,
    /// Section settings.
    #[command(subcommand)]
    Section(section::SectionCommand),
    /// Publish or unpublish an article.
    #[command(subcommand)]
    Article(article::ArticleCommand),
    /// API keys (for deployment scripts).
    #[command(subcommand)]
    Key(key::KeyCommand),
    /// The breaking-news banner.
    #[command(subcommand)]
    Alert(alert::AlertCommand),
    /// Newsletters: list them, send a digest now.
    #[command(subcommand)]
    Newsletter(newsletter::NewsletterCommand),
    /// Export the whole site into a new folder: every table as JSON Lines, the media files,
    /// and their checksums (password hashes and keys only with --with-secrets). `kiosque
    /// import site DIR` reads it back into an empty site, on either database.
    Export {
        /// The folder to write (new or empty).
        dir: std::path::PathBuf,
        /// Include password hashes, the site's signing keys and webhook secrets.
        #[arg(long)]
        with_secrets: bool,
    },
    /// Back the site up while it runs: a consistent copy of the SQLite database and every
    /// media file, with their checksums, in one `.tar.zst` file (PostgreSQL: see pg_dump).
    Backup {
        /// The file to write (`.tar.zst`); written beside as `.partial`, then renamed.
        file: std::path::PathBuf,
    },
    /// Restore a backup into an empty data folder (and empty media store), after checking
    /// every file against its manifest.
    Restore {
        /// The backup (`.tar.zst`) written by `kiosque backup`.
        file: std::path::PathBuf,
    },
    /// Fill the site with generated articles and comments, for the benchmarks.
    #[command(hide = true)]
    Generate(generate::GenerateArgs),
}

fn main() -> std::process::ExitCode {
    // mimalloc asks for transparent huge pages on its arenas: a 2 MiB page then stands for a
    // few kilobytes in use, which cost a page-cache crawl a third more memory (295 MB against
    // 259 MB after 1,000 pages) and served no faster. Before the first request allocates.
    #[cfg(target_os = "linux")]
    if let Err(e) = rustix::thread::disable_transparent_huge_pages(true) {
        eprintln!("warning: cannot turn transparent huge pages off: {e}");
    }
    let cli = Cli::parse();
    let logs = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("KIOSQUE_LOG").unwrap_or_else(|_| {
                tracing_subscriber::EnvFilter::new("info,sqlx=warn,tantivy=warn,html5ever=error")
            }),
        )
        .with_writer(std::io::stderr);
    // One JSON object per line for log collectors; text for a person at a terminal.
    match std::env::var("KIOSQUE_LOG_FORMAT").as_deref() {
        Ok("json") => logs.json().init(),
        Ok("text") | Err(std::env::VarError::NotPresent) => logs.init(),
        Ok(other) => {
            eprintln!("error: KIOSQUE_LOG_FORMAT is {other:?}: use `json` or `text`");
            return std::process::ExitCode::FAILURE;
        }
        Err(std::env::VarError::NotUnicode(_)) => {
            eprintln!("error: KIOSQUE_LOG_FORMAT is not valid text: use `json` or `text`");
            return std::process::ExitCode::FAILURE;
        }
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<std::process::ExitCode> {
    let env = Env::new(
        &cli.data_dir,
        cli.database_url.as_deref(),
        cli.media_url.as_deref(),
    )?;
    match cli.command {
        None => serve::run(&env, cli.serve).await?,
        Some(Command::Serve(args)) => serve::run(&env, args).await?,
        Some(Command::Import(cmd)) => return import::run(&env, cmd).await,
        Some(Command::User(cmd)) => return user::run(&env, cmd).await,
        Some(Command::Section(cmd)) => return section::run(&env, cmd).await,
        Some(Command::Article(cmd)) => return article::run(&env, cmd).await,
        Some(Command::Key(cmd)) => return key::run(&env, cmd).await,
        Some(Command::Alert(cmd)) => return alert::run(&env, cmd).await,
        Some(Command::Newsletter(cmd)) => return newsletter::run(&env, cmd).await,
        Some(Command::Generate(args)) => return generate::run(&env, args).await,
        Some(Command::Reindex) => return reindex::run(&env).await,
        Some(Command::Export { dir, with_secrets }) => {
            return site_export::export(&env, &dir, with_secrets).await
        }
        Some(Command::Backup { file }) => return backup::backup(&env, &file).await,
        Some(Command::Restore { file }) => return backup::restore(&env, &file).await,
        Some(Command::Migrate) => {
            let store = env.open_store().await?;
            store.close().await;
            println!("migrations are up to date ({})", env.backend_name());
        }
    }
    Ok(std::process::ExitCode::SUCCESS)
}
