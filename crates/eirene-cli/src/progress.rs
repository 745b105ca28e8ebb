//! Progress bars on standard error (hidden when it is not a terminal, so logs stay clean).

use eirene_sources::Progress;
use indicatif::{ProgressBar, ProgressStyle};

/// A download progress bar.
pub struct DownloadBar {
    bar: Option<ProgressBar>,
}

impl DownloadBar {
    /// A bar that appears when the download starts.
    pub fn new() -> Self {
        DownloadBar { bar: None }
    }
}

impl Progress for DownloadBar {
    fn start(&mut self, url: &str, total: Option<u64>) {
        let bar = match total {
            Some(total) => ProgressBar::new(total).with_style(
                ProgressStyle::with_template(
                    "{msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
                )
                .expect("valid template")
                .progress_chars("=> "),
            ),
            None => ProgressBar::new_spinner().with_style(
                ProgressStyle::with_template("{spinner} {msg} {bytes} {bytes_per_sec}")
                    .expect("valid template"),
            ),
        };
        bar.set_message(url.rsplit('/').next().unwrap_or(url).to_owned());
        self.bar = Some(bar);
    }

    fn advance(&mut self, bytes: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
        }
    }

    fn retry(&mut self, attempt: u32, reason: &str) {
        let message = format!("retrying (attempt {attempt}): {reason}");
        match &self.bar {
            Some(bar) => bar.println(message),
            None => eprintln!("{message}"),
        }
    }

    fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

/// A spinner for work whose length is unknown (parsing, writing Parquet).
pub fn spinner(message: String) -> ProgressBar {
    let bar = ProgressBar::new_spinner().with_style(
        ProgressStyle::with_template("{spinner} {msg} ({elapsed})").expect("valid template"),
    );
    bar.set_message(message);
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

/// A bar counting rows of a raster (or any known total of units).
pub fn rows_bar(total: u64, unit: &str) -> ProgressBar {
    let bar = ProgressBar::new(total).with_style(
        ProgressStyle::with_template(&format!(
            "{{msg}} [{{bar:30}}] {{pos}}/{{len}} {unit} eta {{eta}}"
        ))
        .expect("valid template")
        .progress_chars("=> "),
    );
    bar.set_message("exposure");
    bar
}
