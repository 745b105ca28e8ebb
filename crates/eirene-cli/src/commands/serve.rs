//! `eirene serve`: the web application, until SIGINT or SIGTERM.

use std::path::Path;

use crate::cli::ServeArgs;
use crate::commands::block_on;

pub fn run(data_dir: &Path, args: ServeArgs) -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_target(false)
        .init();
    block_on(async move {
        let ready = |address| {
            eprintln!(
                "Eirene is serving {} on http://{address}/",
                data_dir.display()
            )
        };
        eirene_web::serve(data_dir, args.bind, ready, shutdown()).await
    })??;
    eprintln!("Eirene stopped");
    Ok(())
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM: in-flight requests finish, then the server stops.
async fn shutdown() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}
