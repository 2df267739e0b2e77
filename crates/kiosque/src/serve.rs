//! `kiosque serve`: open the store, load the demo on first start, listen, shut down gracefully.

use std::net::SocketAddr;

use anyhow::Context;

use crate::Env;

#[derive(clap::Args)]
pub struct ServeArgs {
    /// Address and port to listen on (port 0 picks a free one).
    #[arg(long, env = "KIOSQUE_LISTEN", default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Do not load the demo content into an empty site.
    #[arg(long, env = "KIOSQUE_NO_DEMO")]
    no_demo: bool,
    /// Folder of the demo's photographs (the Debian package mate-backgrounds); the demo loads
    /// without pictures when it is missing.
    #[arg(long, env = "KIOSQUE_DEMO_PHOTOS", default_value = crate::demo_photos::PHOTO_DIR)]
    demo_photos: std::path::PathBuf,
    /// Whether the demo has its podcast, whose episodes are generated tones written into the
    /// media folder when the demo loads (`--demo-sounds false` leaves it out).
    #[arg(long, env = "KIOSQUE_DEMO_SOUNDS", default_value_t = true, action = clap::ArgAction::Set)]
    demo_sounds: bool,
    /// The site's public address, for links in feeds, pages, webhooks and e-mails. On SQLite
    /// it defaults to the listen address. On PostgreSQL it is required once: the first node
    /// given it stores it in the database, nodes started without it read it from there, and
    /// a node given another one refuses to start. An `https://` address turns on HSTS and
    /// `__Host-` cookies marked `Secure`.
    #[arg(long, env = "KIOSQUE_PUBLIC_URL")]
    public_url: Option<String>,
    /// With --public-url: replace the public URL stored in the database by this one (the
    /// other nodes read it when they restart).
    #[arg(long, env = "KIOSQUE_REPLACE_PUBLIC_URL")]
    replace_public_url: bool,
    /// On PostgreSQL, use the listen address when no public URL is given, as on SQLite (tests
    /// and local runs; several nodes then write different links).
    #[arg(long, env = "KIOSQUE_PUBLIC_URL_FROM_LISTEN", hide = true)]
    public_url_from_listen: bool,
    /// A reverse proxy (address or CIDR block, e.g. `10.0.0.0/8`) whose `Forwarded`,
    /// `X-Forwarded-For` and `X-Forwarded-Proto` headers are believed; repeatable, or
    /// comma-separated in KIOSQUE_TRUSTED_PROXIES. Without it those headers are ignored and
    /// the connection's address is the client's.
    #[arg(
        long = "trusted-proxy",
        env = "KIOSQUE_TRUSTED_PROXIES",
        value_delimiter = ',',
        value_name = "CIDR"
    )]
    trusted_proxies: Vec<String>,
    /// SMTP server for outgoing mail (`smtps://user:pass@host:465`, or
    /// `smtp://user:pass@host:587?tls=required`). Without it,
    /// mail is written to the `outbox` folder of the data directory.
    #[arg(long, env = "KIOSQUE_SMTP_URL", hide_env_values = true)]
    smtp_url: Option<String>,
    /// Sender of the site's mail.
    #[arg(
        long,
        env = "KIOSQUE_MAIL_FROM",
        default_value = "Kiosque <noreply@kiosque.local>"
    )]
    mail_from: String,
    /// Multiplies every rate-limit quota (log-in, sign-up, reset, comments). Keep 1 in
    /// production; load tests raise it.
    #[arg(long, env = "KIOSQUE_RATE_LIMIT_FACTOR", default_value_t = 1)]
    rate_limit_factor: u32,
    /// Minutes during which a member may edit their comment.
    #[arg(long, env = "KIOSQUE_COMMENT_EDIT_MINUTES", default_value_t = 15)]
    comment_edit_minutes: i64,
    /// Reports from this many members hide a comment until a moderator reviews it.
    #[arg(long, env = "KIOSQUE_REPORT_THRESHOLD", default_value_t = 3)]
    report_threshold: i64,
    /// Content API requests allowed per key and minute.
    #[arg(long, env = "KIOSQUE_API_RATE_LIMIT", default_value_t = 600)]
    api_rate_limit: u32,
    /// Seconds before a failed webhook delivery is first retried (then ×4 each time, 8 tries).
    #[arg(long, env = "KIOSQUE_WEBHOOK_RETRY_SECONDS", default_value_t = 30.0)]
    webhook_retry_seconds: f64,
    /// FOR TESTS ONLY: let webhooks reach loopback and private addresses (a test's local
    /// receiver). Off by default: webhooks to this machine or its networks are refused.
    #[arg(long)]
    webhooks_allow_private: bool,
    /// Messages this node sends per second at most, from the mail queue (newsletters and
    /// account mail); 0 for no limit. Several nodes each send at this rate.
    #[arg(long, env = "KIOSQUE_MAIL_RATE", default_value_t = 20.0)]
    pub mail_rate: f64,
    /// Seconds before a message the mail server refused is first retried (then ×4 each
    /// time, 10 tries).
    #[arg(long, env = "KIOSQUE_MAIL_RETRY_SECONDS", default_value_t = 30.0)]
    mail_retry_seconds: f64,
    /// Read the newsroom's current time (unix ms) from this file instead of the system clock.
    /// For tests of scheduling only.
    #[arg(long, env = "KIOSQUE_TEST_CLOCK", hide = true)]
    test_clock: Option<std::path::PathBuf>,
    /// Feeds carry whole articles instead of their standfirst.
    #[arg(long, env = "KIOSQUE_FEED_FULL_CONTENT")]
    feed_full_content: bool,
    /// The language of every page, e-mail and newsroom screen: one of the catalogues in
    /// crates/kiosque_i18n/locales (`fr`, `en`). Content itself is not translated.
    #[arg(long, env = "KIOSQUE_LANGUAGE", default_value = kiosque_i18n::DEFAULT_LANGUAGE)]
    language: String,
    /// Address for the operator's `/metrics` (Prometheus text format), `/healthz` and
    /// `/readyz`, apart from the site (e.g. `127.0.0.1:9464`). Off when absent.
    #[arg(long, env = "KIOSQUE_METRICS_LISTEN")]
    metrics_listen: Option<SocketAddr>,
    /// A public base URL serving the media store's files (a CDN in front of the bucket):
    /// `/media/…` then redirects there instead of answering with the file.
    #[arg(long, env = "KIOSQUE_MEDIA_PUBLIC_URL")]
    media_public_url: Option<String>,
    #[command(flatten)]
    limits: crate::limit_args::LimitArgs,
    /// Megabytes of rendered pages this node keeps in memory (bodies with their gzip and
    /// brotli forms); past it the least useful pages are evicted.
    #[arg(long, env = "KIOSQUE_PAGE_CACHE_MB", default_value_t = 256)]
    page_cache_mb: u64,
    /// A folder agencies drop IPTC ninjs items into: each becomes a draft of the "Dépêches"
    /// section, then moves to `done/` (or `failed/`, with the reason). Off when absent.
    #[arg(long, env = "KIOSQUE_WIRE_DIR")]
    wire_dir: Option<std::path::PathBuf>,
}

pub async fn run(env: &Env, args: ServeArgs) -> anyhow::Result<()> {
    let listen = args.listen;
    // Before anything renders: the language is fixed for the life of the process.
    kiosque_i18n::install(&args.language).context("--language")?;
    args.limits.install_image_bounds();
    let store = env.open_store().await?;
    if !args.no_demo {
        crate::demo::load_if_empty(&store, env, &args.demo_photos, args.demo_sounds)
            .await
            .context("cannot load the demo content")?;
        store
            .optimize()
            .await
            .context("cannot gather the query planner's statistics")?;
    }
    // Before the first page: every file of the media store is known to the database.
    // A store that does not answer does not stop the node: /readyz says it is not ready.
    match env.adopt_media_files(&store).await {
        Ok(0) => {}
        Ok(adopted) => tracing::info!(files = adopted, "media files recorded from the media store"),
        Err(e) => tracing::warn!(error = %format!("{e:#}"), "the media store does not answer"),
    }
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("cannot listen on {listen}"))?;
    let addr = listener.local_addr().context("no local address")?;
    let indexer = open_search(env)?;
    let clock = match &args.test_clock {
        Some(p) => kiosque_jobs::Clock::File(p.clone()),
        None => kiosque_jobs::Clock::System,
    };
    let public_url = crate::public_url::resolve(
        &store,
        crate::public_url::Given {
            url: args.public_url.as_deref(),
            replace: args.replace_public_url,
            from_listen: args.public_url_from_listen,
        },
        &format!("http://{addr}"),
    )
    .await?;
    let config = site_config(env, &args, public_url, &indexer, &clock)?;
    let public_url = config.public_url.clone();
    let state = kiosque_web::AppState::new(store.clone(), config).await?;
    state.metrics().watch_index(indexer.position.clone());
    let metrics_at = match args.metrics_listen {
        Some(at) => Some(serve_metrics(at, state.clone()).await?),
        None => None,
    };
    // The command line's `newsletter send` writes the same links as the servers.
    store
        .set_meta(kiosque_web::PUBLIC_URL_META, &public_url)
        .await
        .context("cannot record the public URL")?;
    let postman = state.postman().clone();
    postman.set_retry_base((args.mail_retry_seconds.max(0.01) * 1000.0) as i64);
    // The background work of this node: the web layer's followers (page cache, live comments),
    // then the jobs (search index, scheduled publishing, reply e-mails, webhook delivery, the
    // mail queue and the newsletters' schedule).
    state.spawn_followers().await?;
    kiosque_jobs::indexer::spawn_indexer(store.clone(), indexer);
    kiosque_jobs::clock::spawn_scheduler(store.clone(), clock);
    kiosque_jobs::replies::spawn_sender(store.clone(), postman.clone(), &public_url).await;
    kiosque_jobs::postman::spawn(postman, args.mail_rate);
    kiosque_web::newsletters::spawn_scheduler(state.clone());
    kiosque_jobs::webhook_targets::allow_private(args.webhooks_allow_private);
    kiosque_jobs::webhooks::spawn_sender(
        store.clone(),
        public_url,
        (args.webhook_retry_seconds.max(0.01) * 1000.0) as i64,
    );
    if let Some(dir) = &args.wire_dir {
        anyhow::ensure!(dir.is_dir(), "--wire-dir {}: no such folder", dir.display());
        crate::wire_dir::spawn(store.clone(), env.media.clone(), dir.clone());
        tracing::info!(folder = %dir.display(), "wire items read from the folder");
    }
    let state_for_views = state.clone();
    let app = kiosque_web::router(state.clone());
    tracing::info!(
        data_dir = %env.data_dir.display(),
        database = env.backend_name(),
        "serving"
    );
    // The one line a person (and the tests) read to find the site.
    println!("Kiosque is serving on http://{addr}/");
    if let Some(at) = metrics_at {
        // The second line, so that port 0 can be asked for and the bound port found. A reader
        // that closed the pipe after the first line must not stop the server.
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        let _ =
            writeln!(out, "Metrics are served on http://{at}/metrics").and_then(|()| out.flush());
    }
    crate::listen::serve(
        listener,
        app,
        args.limits.connections(),
        shutdown_signal(),
        // Live comment streams end, so shutdown does not wait on open pages.
        move || state.begin_shutdown(),
    )
    .await;
    // Views counted since the last flush would be lost with the process.
    if let Err(e) = state_for_views.flush_views().await {
        tracing::warn!(error = %e, "cannot add the last view counts");
    }
    store.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// The web layer's configuration, from the flags.
fn site_config(
    env: &Env,
    args: &ServeArgs,
    public_url: String,
    indexer: &kiosque_jobs::indexer::Indexer,
    clock: &kiosque_jobs::Clock,
) -> anyhow::Result<kiosque_web::SiteConfig> {
    let mailer = match &args.smtp_url {
        Some(url) if !url.trim().is_empty() => kiosque_mail::Mailer::smtp(url, &args.mail_from),
        _ => kiosque_mail::Mailer::outbox(&env.data_dir.join("outbox"), &args.mail_from),
    }
    .context("cannot set up outgoing mail")?;
    tracing::info!(mail = %mailer.describe(), "mail");
    Ok(kiosque_web::SiteConfig {
        media: env.media.clone(),
        media_public_url: match args.media_public_url.as_deref().map(str::trim) {
            Some(url) if url.starts_with("https://") || url.starts_with("http://") => {
                Some(url.trim_end_matches('/').to_owned())
            }
            Some("") | None => None,
            Some(other) => anyhow::bail!(
                "--media-public-url must be an http:// or https:// address, not {other:?}"
            ),
        },
        staging_dir: env.staging_dir.clone(),
        public_url,
        mailer,
        rate_limit_factor: args.rate_limit_factor,
        comment_edit_window_ms: args.comment_edit_minutes.max(0) * 60_000,
        report_threshold: args.report_threshold.max(1),
        search: Some(indexer.index.clone()),
        api_requests_per_minute: args.api_rate_limit.max(1),
        feed_full_content: args.feed_full_content,
        clock: clock.clone(),
        trusted_proxies: kiosque_web::TrustedProxies::parse(
            args.trusted_proxies.iter().map(String::as_str),
        )
        .map_err(|bad| {
            anyhow::anyhow!(
                "--trusted-proxy {bad:?}: give an address or a CIDR block such as 10.0.0.0/8"
            )
        })?,
        load: args.limits.load(),
        page_cache_bytes: args.page_cache_mb.saturating_mul(1 << 20),
    })
}

/// Opens the search index under the data folder; a missing one, or one of an older schema, is
/// rebuilt from the database once the server runs.
pub fn open_search(env: &Env) -> anyhow::Result<kiosque_jobs::indexer::Indexer> {
    let dir = kiosque_search::SearchIndex::dir_of(&env.data_dir);
    let (index, fresh) = kiosque_search::SearchIndex::open(&dir)
        .with_context(|| format!("cannot open the search index in {}", dir.display()))?;
    if fresh {
        tracing::info!("the search index is new: it is being built from the database");
    }
    Ok(kiosque_jobs::indexer::Indexer {
        index: std::sync::Arc::new(index),
        rebuild: fresh,
        cursor_file: Some(dir.join("kiosque-cursor")),
        position: std::sync::Arc::default(),
    })
}

/// Listens on the operator's address and serves the metrics there, in the background, until
/// the process ends. Answers the address bound (the port chosen when 0 was asked for).
async fn serve_metrics(at: SocketAddr, state: kiosque_web::AppState) -> anyhow::Result<SocketAddr> {
    let listener = tokio::net::TcpListener::bind(at)
        .await
        .with_context(|| format!("cannot listen on {at} for --metrics-listen"))?;
    let addr = listener.local_addr().context("no local address")?;
    tracing::info!(%addr, "metrics served at /metrics");
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, kiosque_web::metrics_http::router(state)).await {
            tracing::error!(error = %e, "the metrics listener stopped");
        }
    });
    Ok(addr)
}

/// Resolves on Ctrl-C (SIGINT) or SIGTERM; in-flight requests then finish before exit.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down");
}
