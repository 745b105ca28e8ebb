//! A blocking downloader for publishers' files: resumable, retrying, and atomic.
//!
//! Publishers' servers drop long transfers and answer 503 under load, and the files are tens of
//! megabytes, so [`download`]:
//!
//! * writes to `dest` + `.part` and renames it to `dest` only once the file is complete and
//!   synced to disk, so `dest` is either absent or whole, even after a crash or power cut;
//! * retries a dropped connection, a timeout, HTTP 5xx and HTTP 429 with exponential backoff;
//! * resumes from the bytes already in `.part` with a `Range: bytes=N-` request, whether they
//!   came from an earlier attempt or an earlier run; a server that ignores ranges (HTTP 200)
//!   makes it start over;
//! * fails at once on any other 4xx, since asking again cannot help, naming the URL and status;
//! * checks the body against `Content-Length` and returns the sha256 of the final file for the
//!   provenance ledger.
//!
//! A `.part` left by an earlier run is resumed without checking that the publisher has not
//! replaced the file in the meantime. For a "latest" URL that changed, delete the `.part`
//! before downloading.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::Duration;

use sha2::{Digest, Sha256};
use ureq::Agent;
use ureq::http::{Response, StatusCode, header};

/// Reports a download's progress, e.g. to a progress bar.
pub trait Progress {
    /// The server answered with the file (or its missing tail). `total` is the size of the
    /// whole file when the server says it. Called again after each retry; when resuming, an
    /// [`advance`](Self::advance) by the bytes already on disk follows at once, so a progress
    /// bar that resets on `start` stays right.
    fn start(&mut self, url: &str, total: Option<u64>);
    /// `bytes` more bytes of the file are on disk.
    fn advance(&mut self, bytes: u64);
    /// Attempt number `attempt` (from 1) failed for `reason`; another follows after a pause.
    fn retry(&mut self, attempt: u32, reason: &str);
    /// The file is complete and in place.
    fn finish(&mut self);
}

/// A [`Progress`] that reports nothing, for scripts and tests.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&mut self, _url: &str, _total: Option<u64>) {}
    fn advance(&mut self, _bytes: u64) {}
    fn retry(&mut self, _attempt: u32, _reason: &str) {}
    fn finish(&mut self) {}
}

/// How hard [`download`] tries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DownloadOptions {
    /// Attempts in all, the first included; at least one is always made.
    pub max_attempts: u32,
    /// The pause after the first failed attempt; it doubles after each further failure.
    pub initial_backoff: Duration,
    /// The longest pause between attempts.
    pub max_backoff: Duration,
    /// The longest wait to open a connection.
    pub connect_timeout: Duration,
    /// The longest wait for any single read, so a stalled transfer counts as dropped.
    pub read_timeout: Duration,
}

impl Default for DownloadOptions {
    /// Five attempts over about a quarter of a minute: enough to ride out a server restart
    /// without leaving a user waiting long on a server that is really down.
    fn default() -> Self {
        DownloadOptions {
            max_attempts: 5,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(30),
            read_timeout: Duration::from_secs(60),
        }
    }
}

impl DownloadOptions {
    /// The pause after failed attempt number `attempt` (from 1).
    fn backoff(&self, attempt: u32) -> Duration {
        let factor = 2u32.saturating_pow(attempt.saturating_sub(1));
        self.initial_backoff
            .saturating_mul(factor)
            .min(self.max_backoff)
    }
}

/// A completed download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Downloaded {
    /// Where the file is: the `dest` given to [`download`].
    pub path: PathBuf,
    /// Its size.
    pub bytes: u64,
    /// The sha256 of its bytes, in lower-case hex.
    pub sha256: String,
    /// Whether the successful attempt appended to bytes already on disk instead of fetching
    /// the whole file.
    pub resumed: bool,
}

/// Why a download failed. Every variant names the URL.
#[derive(Debug, thiserror::Error)]
pub enum DownloadError {
    /// The server refused the request in a way retrying cannot fix (404, 403, ...), or answered
    /// with a status a download does not expect.
    #[error("download of {url} failed: the server answered HTTP {status}{}", reason(*status))]
    Status {
        /// The URL requested.
        url: String,
        /// The HTTP status code.
        status: u16,
    },
    /// Every attempt failed with an error worth retrying (dropped connection, timeout, 5xx, 429).
    #[error("download of {url} failed after {attempts} attempt(s); last error: {last}")]
    GaveUp {
        /// The URL requested.
        url: String,
        /// How many attempts were made.
        attempts: u32,
        /// Why the last one failed.
        last: String,
    },
    /// The request could not be made at all (malformed URL, TLS failure, too many redirects).
    #[error("download of {url} failed: {source}")]
    Request {
        /// The URL requested.
        url: String,
        /// The HTTP client's error.
        source: ureq::Error,
    },
    /// A local file could not be written, synced or renamed.
    #[error("download of {url} failed: {}: {source}", path.display())]
    Io {
        /// The URL requested.
        url: String,
        /// The local file.
        path: PathBuf,
        /// The operating system's error.
        source: io::Error,
    },
}

/// `" (Not Found)"` for 404: the status's standard reason, for error messages.
fn reason(status: u16) -> String {
    StatusCode::from_u16(status)
        .ok()
        .and_then(|code| code.canonical_reason())
        .map(|reason| format!(" ({reason})"))
        .unwrap_or_default()
}

/// Sent to publishers so they can see who downloads their data.
const USER_AGENT: &str = concat!(
    "eirene/",
    env!("CARGO_PKG_VERSION"),
    " (+https://github.com/eirene-observatory/eirene)"
);

/// Downloads `url` to `dest`, resuming and retrying as the module documentation describes.
///
/// `dest`'s parent directories are created. A file already at `dest` is replaced only once the
/// new one is complete.
pub fn download(
    url: &str,
    dest: &Path,
    options: &DownloadOptions,
    progress: &mut dyn Progress,
) -> Result<Downloaded, DownloadError> {
    let part = part_path(dest);
    if let Some(parent) = dest.parent() {
        fs::create_dir_all(parent).map_err(|e| io_error(url, parent, e))?;
    }
    let agent = agent(options);
    let mut attempt = 1;
    let resumed = loop {
        match fetch(&agent, url, &part, progress) {
            Ok(resumed) => break resumed,
            Err(Failure::Fatal(error)) => return Err(error),
            Err(Failure::Retry(last)) if attempt >= options.max_attempts => {
                return Err(DownloadError::GaveUp {
                    url: url.to_owned(),
                    attempts: attempt,
                    last,
                });
            }
            Err(Failure::Retry(reason)) => {
                progress.retry(attempt, &reason);
                thread::sleep(options.backoff(attempt));
                attempt += 1;
            }
        }
    };
    let bytes = commit(url, &part, dest)?;
    let sha256 = sha256_file(dest).map_err(|e| io_error(url, dest, e))?;
    progress.finish();
    Ok(Downloaded {
        path: dest.to_owned(),
        bytes,
        sha256,
        resumed,
    })
}

/// `dest` with `.part` appended to its file name (`ged.zip` → `ged.zip.part`).
fn part_path(dest: &Path) -> PathBuf {
    let mut name = dest.as_os_str().to_owned();
    name.push(".part");
    PathBuf::from(name)
}

fn io_error(url: &str, path: &Path, source: io::Error) -> DownloadError {
    DownloadError::Io {
        url: url.to_owned(),
        path: path.to_owned(),
        source,
    }
}

/// An HTTP client that hands every status back (retry decisions are made here, not by ureq)
/// and that times out stalled connections.
fn agent(options: &DownloadOptions) -> Agent {
    Agent::config_builder()
        .http_status_as_error(false)
        .user_agent(USER_AGENT)
        .timeout_connect(Some(options.connect_timeout))
        .timeout_per_read(Some(options.read_timeout))
        .build()
        .into()
}

/// Why one attempt failed.
enum Failure {
    /// Worth another attempt, for this reason.
    Retry(String),
    /// Not worth another attempt.
    Fatal(DownloadError),
}

/// One attempt: request the file (or its missing tail) and write the body to `part`.
/// Returns whether it appended to bytes already there.
fn fetch(
    agent: &Agent,
    url: &str,
    part: &Path,
    progress: &mut dyn Progress,
) -> Result<bool, Failure> {
    let offset = part_len(part).map_err(|e| Failure::Fatal(io_error(url, part, e)))?;
    // `identity`: a transparently decompressed body would not match Content-Length, and byte
    // offsets for resuming must count the bytes as stored.
    let mut request = agent.get(url).header(header::ACCEPT_ENCODING, "identity");
    if offset > 0 {
        request = request.header(header::RANGE, format!("bytes={offset}-"));
    }
    let response = request.call().map_err(|e| transport_failure(url, e))?;
    match response.status().as_u16() {
        200 => receive(url, response, part, 0, progress).map(|()| false),
        206 if offset > 0 => resume(url, response, part, offset, progress).map(|()| true),
        416 if offset > 0 => unsatisfiable(url, &response, part, offset, progress),
        status @ (429 | 500..=599) => {
            Err(Failure::Retry(format!("HTTP {status}{}", reason(status))))
        }
        status => Err(Failure::Fatal(DownloadError::Status {
            url: url.to_owned(),
            status,
        })),
    }
}

/// The size of the `.part` file, 0 when there is none.
fn part_len(part: &Path) -> io::Result<u64> {
    match fs::metadata(part) {
        Ok(metadata) => Ok(metadata.len()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(0),
        Err(e) => Err(e),
    }
}

/// Network trouble is worth retrying; a malformed URL or a TLS failure is not.
fn transport_failure(url: &str, error: ureq::Error) -> Failure {
    match error {
        ureq::Error::Io(_)
        | ureq::Error::Timeout(_)
        | ureq::Error::HostNotFound
        | ureq::Error::ConnectionFailed
        | ureq::Error::Protocol(_) => Failure::Retry(error.to_string()),
        source => Failure::Fatal(DownloadError::Request {
            url: url.to_owned(),
            source,
        }),
    }
}

/// A 206 answer to a range request: append, if the range starts where `.part` ends.
fn resume(
    url: &str,
    response: Response<ureq::Body>,
    part: &Path,
    offset: u64,
    progress: &mut dyn Progress,
) -> Result<(), Failure> {
    let (start, _) = content_range(&response);
    if start != Some(offset) {
        remove_part(url, part)?;
        return Err(Failure::Retry(format!(
            "asked to resume at byte {offset}, the server sent a range starting at {start:?}; \
             starting over"
        )));
    }
    receive(url, response, part, offset, progress)
}

/// A 416 answer to a range request. The usual cause is a `.part` that is already complete;
/// otherwise the file on the server changed (shrank), so the `.part` is useless.
fn unsatisfiable(
    url: &str,
    response: &Response<ureq::Body>,
    part: &Path,
    offset: u64,
    progress: &mut dyn Progress,
) -> Result<bool, Failure> {
    let (_, total) = content_range(response);
    if total == Some(offset) {
        progress.start(url, total);
        progress.advance(offset);
        return Ok(true);
    }
    remove_part(url, part)?;
    Err(Failure::Retry(format!(
        "the server cannot resume at byte {offset} (file size {total:?}); starting over"
    )))
}

fn remove_part(url: &str, part: &Path) -> Result<(), Failure> {
    fs::remove_file(part).map_err(|e| Failure::Fatal(io_error(url, part, e)))
}

/// `(first byte, complete length)` from a `Content-Range: bytes a-b/len` header; either is
/// `None` when absent or written as `*` (`bytes */len` comes with a 416).
fn content_range(response: &Response<ureq::Body>) -> (Option<u64>, Option<u64>) {
    let spec = response
        .headers()
        .get(header::CONTENT_RANGE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("bytes "))
        .and_then(|value| value.split_once('/'));
    let Some((range, total)) = spec else {
        return (None, None);
    };
    let start = range
        .split_once('-')
        .and_then(|(start, _)| start.trim().parse().ok());
    (start, total.trim().parse().ok())
}

/// Writes the body to `part`, after the first `offset` bytes (0: replacing whatever is there),
/// and checks its length against `Content-Length`.
fn receive(
    url: &str,
    response: Response<ureq::Body>,
    part: &Path,
    offset: u64,
    progress: &mut dyn Progress,
) -> Result<(), Failure> {
    let expected = response.body().content_length();
    let total = match content_range(&response) {
        (_, Some(total)) => Some(total),
        _ => expected.map(|length| offset + length),
    };
    let mut file =
        open_part(part, offset > 0).map_err(|e| Failure::Fatal(io_error(url, part, e)))?;
    progress.start(url, total);
    if offset > 0 {
        progress.advance(offset);
    }
    let reader = response.into_body().into_reader();
    let received = copy_body(url, reader, &mut file, part, progress)?;
    match expected {
        Some(expected) if received != expected => Err(Failure::Retry(format!(
            "the connection closed after {received} of {expected} bytes"
        ))),
        _ => Ok(()),
    }
}

fn open_part(part: &Path, append: bool) -> io::Result<File> {
    if append {
        OpenOptions::new().append(true).open(part)
    } else {
        File::create(part)
    }
}

/// Copies the body to `file`, telling `progress` as it goes. A failed read is the network's
/// fault and worth a retry; a failed write is the disk's and is not.
fn copy_body(
    url: &str,
    mut reader: impl Read,
    file: &mut File,
    part: &Path,
    progress: &mut dyn Progress,
) -> Result<u64, Failure> {
    let mut buffer = vec![0; 64 * 1024];
    let mut received = 0u64;
    loop {
        let n = match reader.read(&mut buffer) {
            Ok(0) => return Ok(received),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => {
                return Err(Failure::Retry(format!(
                    "the connection failed after {received} bytes: {e}"
                )));
            }
        };
        file.write_all(&buffer[..n])
            .map_err(|e| Failure::Fatal(io_error(url, part, e)))?;
        received += n as u64;
        progress.advance(n as u64);
    }
}

/// Syncs `part` to disk and renames it to `dest`, so `dest` appears complete or not at all.
/// Returns the file's size.
fn commit(url: &str, part: &Path, dest: &Path) -> Result<u64, DownloadError> {
    // Opened for writing because Windows cannot sync a read-only handle.
    let file = OpenOptions::new()
        .write(true)
        .open(part)
        .map_err(|e| io_error(url, part, e))?;
    file.sync_all().map_err(|e| io_error(url, part, e))?;
    let bytes = file.metadata().map_err(|e| io_error(url, part, e))?.len();
    drop(file);
    fs::rename(part, dest).map_err(|e| io_error(url, dest, e))?;
    sync_parent(dest).map_err(|e| io_error(url, dest, e))?;
    Ok(bytes)
}

/// Makes the rename itself durable: on Unix a rename is only on disk once the directory is
/// synced. Windows offers no directory sync, and NTFS journals the rename.
fn sync_parent(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    if let Some(parent) = path
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
    {
        File::open(parent)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// The sha256 of a file's bytes, in lower-case hex. Read back from disk rather than computed
/// while downloading, because a resumed file's first bytes came from an earlier attempt.
fn sha256_file(path: &Path) -> io::Result<String> {
    let mut file = File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 64 * 1024];
    loop {
        match file.read(&mut buffer)? {
            0 => return Ok(hex::encode(hasher.finalize())),
            n => hasher.update(&buffer[..n]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{Faults, FileServer, LoggedRequest};

    /// Backoffs short enough that retry tests take milliseconds.
    fn fast() -> DownloadOptions {
        DownloadOptions {
            max_attempts: 4,
            initial_backoff: Duration::from_millis(1),
            max_backoff: Duration::from_millis(5),
            connect_timeout: Duration::from_secs(5),
            read_timeout: Duration::from_secs(5),
        }
    }

    /// Records every call, so tests can check what a progress bar would have shown.
    #[derive(Default)]
    struct Recorder {
        starts: Vec<Option<u64>>,
        advanced: u64,
        retries: Vec<(u32, String)>,
        finished: bool,
    }

    impl Progress for Recorder {
        fn start(&mut self, _url: &str, total: Option<u64>) {
            self.starts.push(total);
            self.advanced = 0;
        }
        fn advance(&mut self, bytes: u64) {
            self.advanced += bytes;
        }
        fn retry(&mut self, attempt: u32, reason: &str) {
            self.retries.push((attempt, reason.to_owned()));
        }
        fn finish(&mut self) {
            self.finished = true;
        }
    }

    fn shared_file(path: &str) -> Vec<u8> {
        fs::read(Path::new(crate::SHARED_DATA).join(path)).expect("shared data file")
    }

    fn sha256_hex(bytes: &[u8]) -> String {
        hex::encode(Sha256::digest(bytes))
    }

    fn logged(path: &str, range_start: Option<u64>, status: u16) -> LoggedRequest {
        LoggedRequest {
            path: path.to_owned(),
            range_start,
            status,
        }
    }

    const ACD: &str = "ucdp/ucdp_prio_acd_v24_1.csv";
    const GED_SAMPLE: &str = "ucdp/ged_v23_1_sample1000.csv";

    #[test]
    fn downloads_a_shared_data_file_byte_for_byte() {
        let server = FileServer::start(crate::SHARED_DATA);
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("nested").join("acd.csv");
        let mut progress = Recorder::default();

        let url = format!("{}/{ACD}", server.base_url());
        let done = download(&url, &dest, &fast(), &mut progress).unwrap();

        let expected = shared_file(ACD);
        assert_eq!(done.sha256, sha256_hex(&expected));
        assert_eq!(done.bytes, expected.len() as u64);
        assert_eq!(fs::read(&dest).unwrap(), expected);
        assert!(!done.resumed);
        assert!(!part_path(&dest).exists(), "the .part file is renamed away");
        assert_eq!(server.requests(), [logged(ACD, None, 200)]);
        assert_eq!(progress.starts, [Some(expected.len() as u64)]);
        assert_eq!(progress.advanced, expected.len() as u64);
        assert!(progress.finished);
    }

    #[test]
    fn resumes_with_a_range_request_after_a_dropped_connection() {
        let faults = Faults {
            drop_after_bytes: Some(100_000),
            ..Faults::default()
        };
        let server = FileServer::start_with(crate::SHARED_DATA, faults);
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("ged.csv");
        let mut progress = Recorder::default();

        let url = format!("{}/{GED_SAMPLE}", server.base_url());
        let done = download(&url, &dest, &fast(), &mut progress).unwrap();

        let expected = shared_file(GED_SAMPLE);
        assert_eq!(fs::read(&dest).unwrap(), expected);
        assert_eq!(done.sha256, sha256_hex(&expected));
        assert!(done.resumed);
        assert_eq!(
            server.requests(),
            [
                logged(GED_SAMPLE, None, 200),
                logged(GED_SAMPLE, Some(100_000), 206)
            ]
        );
        assert_eq!(progress.retries.len(), 1, "{:?}", progress.retries);
        assert_eq!(progress.advanced, expected.len() as u64);
    }

    #[test]
    fn resumes_a_part_file_left_by_an_earlier_run() {
        let server = FileServer::start(crate::SHARED_DATA);
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("acd.csv");
        let expected = shared_file(ACD);
        fs::write(part_path(&dest), &expected[..1000]).unwrap();

        let url = format!("{}/{ACD}", server.base_url());
        let done = download(&url, &dest, &fast(), &mut NoProgress).unwrap();

        assert!(done.resumed);
        assert_eq!(fs::read(&dest).unwrap(), expected);
        assert_eq!(server.requests(), [logged(ACD, Some(1000), 206)]);
    }

    #[test]
    fn a_complete_part_file_is_finished_on_416() {
        let server = FileServer::start(crate::SHARED_DATA);
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("acd.csv");
        let expected = shared_file(ACD);
        fs::write(part_path(&dest), &expected).unwrap();

        let url = format!("{}/{ACD}", server.base_url());
        let done = download(&url, &dest, &fast(), &mut NoProgress).unwrap();

        assert_eq!(done.sha256, sha256_hex(&expected));
        assert_eq!(
            server.requests(),
            [logged(ACD, Some(expected.len() as u64), 416)]
        );
    }

    #[test]
    fn a_part_file_longer_than_the_file_is_discarded() {
        let server = FileServer::start(crate::SHARED_DATA);
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("acd.csv");
        let expected = shared_file(ACD);
        let mut stale = expected.clone();
        stale.extend_from_slice(b"bytes of an older, longer release");
        fs::write(part_path(&dest), &stale).unwrap();

        let url = format!("{}/{ACD}", server.base_url());
        let done = download(&url, &dest, &fast(), &mut NoProgress).unwrap();

        assert!(!done.resumed);
        assert_eq!(fs::read(&dest).unwrap(), expected);
        assert_eq!(
            server.requests(),
            [
                logged(ACD, Some(stale.len() as u64), 416),
                logged(ACD, None, 200)
            ]
        );
    }

    #[test]
    fn retries_after_503() {
        let faults = Faults {
            fail_first_n_with_503: 2,
            ..Faults::default()
        };
        let server = FileServer::start_with(crate::SHARED_DATA, faults);
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("acd.csv");
        let mut progress = Recorder::default();

        let url = format!("{}/{ACD}", server.base_url());
        let done = download(&url, &dest, &fast(), &mut progress).unwrap();

        assert_eq!(done.sha256, sha256_hex(&shared_file(ACD)));
        let statuses: Vec<_> = server.requests().iter().map(|r| r.status).collect();
        assert_eq!(statuses, [503, 503, 200]);
        let attempts: Vec<_> = progress
            .retries
            .iter()
            .map(|(attempt, _)| *attempt)
            .collect();
        assert_eq!(attempts, [1, 2]);
        assert!(
            progress.retries[0].1.contains("503"),
            "{:?}",
            progress.retries
        );
    }

    #[test]
    fn gives_up_after_max_attempts() {
        let faults = Faults {
            fail_first_n_with_503: 10,
            ..Faults::default()
        };
        let server = FileServer::start_with(crate::SHARED_DATA, faults);
        let dir = tempfile::tempdir().unwrap();
        let url = format!("{}/{ACD}", server.base_url());

        let error =
            download(&url, &dir.path().join("acd.csv"), &fast(), &mut NoProgress).unwrap_err();

        assert!(
            matches!(error, DownloadError::GaveUp { attempts: 4, .. }),
            "{error:?}"
        );
        let message = error.to_string();
        assert!(
            message.contains(&url) && message.contains("503"),
            "{message}"
        );
        assert_eq!(server.requests().len(), 4);
    }

    #[test]
    fn not_found_fails_at_once_naming_the_url() {
        let server = FileServer::start(crate::SHARED_DATA);
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("missing.csv");
        let url = format!("{}/ucdp/no_such_file.csv", server.base_url());

        let error = download(&url, &dest, &fast(), &mut NoProgress).unwrap_err();

        assert!(
            matches!(error, DownloadError::Status { status: 404, .. }),
            "{error:?}"
        );
        let message = error.to_string();
        assert!(
            message.contains(&url) && message.contains("404"),
            "{message}"
        );
        assert_eq!(server.requests().len(), 1, "a 404 is not retried");
        assert!(!dest.exists() && !part_path(&dest).exists());
    }

    #[test]
    fn a_refused_connection_is_retried_then_reported() {
        // Bind and drop a listener to get a loopback port nobody listens on.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let url = format!("http://{port}/x.csv");
        let mut progress = Recorder::default();

        let error = download(&url, &dir.path().join("x.csv"), &fast(), &mut progress).unwrap_err();

        assert!(
            matches!(error, DownloadError::GaveUp { attempts: 4, .. }),
            "{error:?}"
        );
        assert_eq!(progress.retries.len(), 3);
    }

    #[test]
    fn backoff_doubles_up_to_the_maximum() {
        let options = DownloadOptions {
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(5),
            ..DownloadOptions::default()
        };
        let pauses: Vec<_> = (1..=5)
            .map(|attempt| options.backoff(attempt).as_secs())
            .collect();
        assert_eq!(pauses, [1, 2, 4, 5, 5]);
    }
}
