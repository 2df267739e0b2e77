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
}

pub async fn run(env: &Env, args: ServeArgs) -> anyhow::Result<()> {
    let listen = args.listen;
    let store = env.open_store().await?;
    if !args.no_demo {
        crate::demo::load_if_empty(&store)
            .await
            .context("cannot load the demo content")?;
    }
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("cannot listen on {listen}"))?;
    let addr = listener.local_addr().context("no local address")?;
    let state = kiosque_web::AppState::start(store.clone(), env.media_dir.clone()).await?;
    let app = kiosque_web::router(state);
    tracing::info!(
        data_dir = %env.data_dir.display(),
        database = env.backend_name(),
        "serving"
    );
    // The one line a person (and the tests) read to find the site.
    println!("Kiosque is serving on http://{addr}/");
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("server error")?;
    store.close().await;
    tracing::info!("stopped");
    Ok(())
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
