//! A running `eirene serve` over a data directory synced from the shared mirror (evidence and
//! treaty records), for the web and browser tests.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;

use serde_json::Value;

use crate::support::{Eirene, shared_data};

/// A data directory synced from the mirror (which also imports its treaty files).
pub fn data() -> &'static Eirene {
    static DATA: OnceLock<Eirene> = OnceLock::new();
    DATA.get_or_init(|| {
        let eirene = Eirene::new();
        eirene.ok(&["sync", "--from", shared_data().to_str().unwrap()]);
        eirene
    })
}

/// A running `eirene serve` on a free loopback port, stopped when dropped.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
}

impl Server {
    pub fn start() -> Server {
        Server::start_with(&[])
    }

    /// A server started with more options of `eirene serve` (`--population FILE`).
    pub fn start_with(options: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_eirene"))
            .args(["serve", "--bind", "127.0.0.1:0"])
            .args(options)
            .env("EIRENE_DATA_DIR", data().data_dir())
            .env_remove("EIRENE_POPULATION")
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("eirene serve starts");
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let base = loop {
            let line = lines
                .next()
                .expect("eirene serve says where it listens")
                .unwrap();
            if let Some(at) = line.find("http://") {
                break line[at..].trim_end_matches('/').to_owned();
            }
        };
        // Keep reading the log so the server never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        Server { child, base }
    }

    pub fn get(&self, path: &str) -> Reply {
        self.get_with(path, &[])
    }

    pub fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Reply {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut request = agent.get(format!("{}{path}", self.base));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let mut response = request.call().unwrap_or_else(|e| panic!("GET {path}: {e}"));
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        let content_type = header("content-type");
        let csp = header("content-security-policy");
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .with_config()
            .limit(32 << 20)
            .read_to_string()
            .unwrap();
        Reply {
            status,
            content_type,
            csp,
            body,
        }
    }

    pub fn json(&self, path: &str) -> Value {
        let reply = self.get(path);
        assert_eq!(reply.status, 200, "GET {path}: {}", reply.body);
        assert!(
            reply.content_type.starts_with("application/json"),
            "GET {path}"
        );
        serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("GET {path}: not JSON: {e}"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP answer.
pub struct Reply {
    pub status: u16,
    pub content_type: String,
    pub csp: String,
    pub body: String,
}
