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
        // Listen for the signals before announcing the address, so that a signal sent as soon
        // as the server is up still stops it gracefully.
        let shutdown = shutdown_signal()?;
        let ready = |address| {
            eprintln!(
                "Eirene is serving {} on http://{address}/",
                data_dir.display()
            )
        };
        eirene_web::serve(data_dir, args.population, args.bind, ready, shutdown).await?;
        anyhow::Ok(())
    })??;
    eprintln!("Eirene stopped");
    Ok(())
}

/// A future that resolves on SIGINT (Ctrl-C) or SIGTERM: in-flight requests finish, then the
/// server stops. The handlers are installed when this is called.
#[cfg(unix)]
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()> + Send + 'static> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = terminate.recv() => {}
        }
    })
}

/// A future that resolves on Ctrl-C.
#[cfg(not(unix))]
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()> + Send + 'static> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}
