//! A loopback HTTP file server for tests, so no test needs the internet (feature
//! `test-server`).
//!
//! [`FileServer`] serves the files under a root directory on `127.0.0.1` at a port the
//! operating system picks, one connection at a time, each closed after its response. It
//! understands just enough HTTP/1.1 for a downloader: `GET`, `Range: bytes=N-` (206 with
//! `Content-Range`, 416 past the end), 404 for anything that is not a file under the root. It can
//! misbehave on purpose ([`Faults`]) and logs every request ([`FileServer::requests`]), so tests
//! can check that a download retried or resumed.
//!
//! ```
//! use eirene_sources::testing::FileServer;
//!
//! let dir = std::env::temp_dir();
//! let server = FileServer::start(&dir);
//! let url = format!("{}/some/file.csv", server.base_url());
//! assert!(url.starts_with("http://127.0.0.1:"));
//! // The server stops when `server` is dropped.
//! ```

use std::fs;
use std::io::{self, BufRead, BufReader, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// Ways the server misbehaves on purpose. Each path counts its own requests, so a test that
/// fetches several files sees the same faults on each.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Faults {
    /// On the first request for each path that would send the file, close the connection after
    /// this many body bytes (the headers still announce the full length).
    pub drop_after_bytes: Option<u64>,
    /// Answer the first `n` requests for each path with 503 Service Unavailable.
    pub fail_first_n_with_503: u32,
}

/// One request the server answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedRequest {
    /// The requested path, without the leading `/`.
    pub path: String,
    /// `N` of a `Range: bytes=N-` header, if the request had one the server understood.
    pub range_start: Option<u64>,
    /// The status answered.
    pub status: u16,
}

/// A loopback HTTP server for the files under a directory. It stops when dropped.
#[derive(Debug)]
pub struct FileServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

/// What the server thread and the test share.
#[derive(Debug)]
struct Shared {
    root: PathBuf,
    faults: Faults,
    stop: AtomicBool,
    log: Mutex<Vec<LoggedRequest>>,
}

impl FileServer {
    /// Serves the files under `root`, without faults.
    ///
    /// # Panics
    /// If no loopback port can be bound: a test cannot run without one.
    pub fn start(root: impl AsRef<Path>) -> FileServer {
        FileServer::start_with(root, Faults::default())
    }

    /// Serves the files under `root`, misbehaving as `faults` says.
    ///
    /// # Panics
    /// If no loopback port can be bound: a test cannot run without one.
    pub fn start_with(root: impl AsRef<Path>, faults: Faults) -> FileServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let addr = listener
            .local_addr()
            .expect("a bound listener has an address");
        let shared = Arc::new(Shared {
            root: root.as_ref().to_owned(),
            faults,
            stop: AtomicBool::new(false),
            log: Mutex::new(Vec::new()),
        });
        let thread = thread::spawn({
            let shared = Arc::clone(&shared);
            move || accept_loop(&listener, &shared)
        });
        FileServer {
            addr,
            shared,
            thread: Some(thread),
        }
    }

    /// `http://127.0.0.1:PORT`, without a trailing `/`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Every request answered so far, in order.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.shared.log().clone()
    }
}

impl Drop for FileServer {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        // `accept` blocks until a connection arrives: make one so the thread sees `stop`.
        let _ = TcpStream::connect(self.addr);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Shared {
    /// The request log. A panic elsewhere while it was held leaves it intact, so poisoning is
    /// ignored.
    fn log(&self) -> MutexGuard<'_, Vec<LoggedRequest>> {
        self.log
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn accept_loop(listener: &TcpListener, shared: &Shared) {
    for stream in listener.incoming() {
        if shared.stop.load(Ordering::SeqCst) {
            return;
        }
        // A client that misbehaves affects only its own request.
        if let Ok(stream) = stream {
            let _ = serve(shared, stream);
        }
    }
}

/// A parsed request: method, path without the leading `/`, and the start of a `bytes=N-` range.
struct Request {
    method: String,
    path: String,
    range_start: Option<u64>,
}

fn serve(shared: &Shared, mut stream: TcpStream) -> io::Result<()> {
    // A client that connects and sends nothing must not hang the server.
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let request = read_request(&mut BufReader::new(&stream))?;
    let answer = answer(shared, &request);
    shared.log().push(LoggedRequest {
        path: request.path,
        range_start: request.range_start,
        status: answer.status,
    });
    stream.write_all(&answer.head)?;
    stream.write_all(&answer.body)?;
    stream.flush()?;
    stream.shutdown(Shutdown::Both)
}

fn read_request(reader: &mut impl BufRead) -> io::Result<Request> {
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut words = line.split_whitespace();
    let method = words.next().unwrap_or_default().to_owned();
    let target = words.next().unwrap_or_default();
    let path = target
        .split('?')
        .next()
        .unwrap_or_default()
        .trim_start_matches('/')
        .to_owned();
    let mut range_start = None;
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.trim().eq_ignore_ascii_case("range")
        {
            range_start = parse_range(value.trim());
        }
    }
    Ok(Request {
        method,
        path,
        range_start,
    })
}

/// `N` of `bytes=N-`. Other range forms are ignored, which HTTP allows a server to do.
fn parse_range(value: &str) -> Option<u64> {
    value
        .strip_prefix("bytes=")?
        .strip_suffix('-')?
        .parse()
        .ok()
}

/// What to send back: the status (for the log), the head and the body bytes.
struct Answer {
    status: u16,
    head: Vec<u8>,
    body: Vec<u8>,
}

impl Answer {
    fn new(status: u16, reason: &str, headers: &[(&str, String)], body: Vec<u8>) -> Answer {
        let mut head = format!("HTTP/1.1 {status} {reason}\r\nConnection: close\r\n");
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        Answer {
            status,
            head: head.into_bytes(),
            body,
        }
    }

    /// An answer with a short text body.
    fn text(status: u16, reason: &str, text: &str) -> Answer {
        let length = ("Content-Length", text.len().to_string());
        Answer::new(status, reason, &[length], text.as_bytes().to_vec())
    }
}

fn answer(shared: &Shared, request: &Request) -> Answer {
    if request.method != "GET" {
        return Answer::text(405, "Method Not Allowed", "only GET is served\n");
    }
    let earlier = shared
        .log()
        .iter()
        .filter(|logged| logged.path == request.path)
        .count();
    let fail_first = shared.faults.fail_first_n_with_503 as usize;
    if earlier < fail_first {
        return Answer::text(503, "Service Unavailable", "failing on purpose\n");
    }
    let Some(bytes) = read_file(&shared.root, &request.path) else {
        return Answer::text(404, "Not Found", "not found\n");
    };
    let drop_after = shared
        .faults
        .drop_after_bytes
        .filter(|_| earlier == fail_first);
    file_answer(bytes, request.range_start, drop_after)
}

/// The file at `path` under `root`; `None` if it is not a file there. `..` is refused so a
/// request cannot leave the root.
fn read_file(root: &Path, path: &str) -> Option<Vec<u8>> {
    if path.is_empty() || path.split('/').any(|segment| segment == "..") {
        return None;
    }
    let file = path
        .split('/')
        .fold(root.to_path_buf(), |dir, segment| dir.join(segment));
    file.is_file().then(|| fs::read(&file).ok()).flatten()
}

/// 200 with the whole file, 206 with its tail from `range_start`, or 416 when the range starts
/// at or past the end; the body cut after `drop_after` bytes when set.
fn file_answer(bytes: Vec<u8>, range_start: Option<u64>, drop_after: Option<u64>) -> Answer {
    let len = bytes.len() as u64;
    let accept_ranges = ("Accept-Ranges", "bytes".to_owned());
    let (status, reason, start, mut headers) = match range_start {
        None => (200, "OK", 0, vec![accept_ranges]),
        Some(start) if start >= len => {
            let headers = [
                ("Content-Range", format!("bytes */{len}")),
                ("Content-Length", "0".to_owned()),
            ];
            return Answer::new(416, "Range Not Satisfiable", &headers, Vec::new());
        }
        Some(start) => {
            let range = ("Content-Range", format!("bytes {start}-{}/{len}", len - 1));
            (206, "Partial Content", start, vec![accept_ranges, range])
        }
    };
    headers.push(("Content-Length", (len - start).to_string()));
    headers.push(("Content-Type", "application/octet-stream".to_owned()));
    let mut body = bytes;
    body.drain(..start as usize);
    if let Some(cut) = drop_after {
        body.truncate(cut as usize);
    }
    Answer::new(status, reason, &headers, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stops_when_dropped() {
        let server = FileServer::start(crate::SHARED_DATA);
        let addr = server.addr;
        drop(server);
        assert!(
            TcpStream::connect(addr).is_err(),
            "nothing listens after drop"
        );
    }

    #[test]
    fn parses_only_open_ended_ranges() {
        assert_eq!(parse_range("bytes=100-"), Some(100));
        assert_eq!(parse_range("bytes=0-"), Some(0));
        assert_eq!(parse_range("bytes=100-200"), None);
        assert_eq!(parse_range("bytes=-100"), None);
    }

    #[test]
    fn refuses_paths_outside_the_root() {
        let root = Path::new(crate::SHARED_DATA).join("ucdp");
        assert!(read_file(&root, "../MANIFEST.md").is_none());
        assert!(read_file(&root, "ucdp_prio_acd_v24_1.csv").is_some());
        assert!(read_file(&root, "").is_none());
    }
}
