//! `eirene serve` in a real browser: headless Chromium driven through ChromeDriver's W3C
//! WebDriver HTTP protocol. The map renders and its countries are links, the French switch
//! translates and sticks while browsing, and screenshots of the main pages are kept as test
//! artifacts in `target/test-artifacts/`.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them); without them the
//! tests fail rather than skip.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::server::Server;

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";
/// The key of an element reference in a W3C WebDriver answer.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";
/// How long a page may take to change after a click, or ChromeDriver to get ready.
const PATIENCE: Duration = Duration::from_secs(20);

#[test]
fn the_home_map_renders_every_country_as_a_visible_shape() {
    let server = Server::start();
    let browser = Browser::start();
    browser.goto(&format!("{}/", server.base));
    let shapes = browser
        .script("return document.querySelectorAll('path.country').length")
        .as_u64()
        .unwrap();
    assert!(shapes >= 170, "{shapes} country shapes in the DOM");
    // Drawn, not only present: every shape has an area on screen.
    let drawn = browser
        .script(
            "return Array.from(document.querySelectorAll('path.country'))
                .filter(p => { const r = p.getBoundingClientRect(); return r.width > 0 && r.height > 0; })
                .length",
        )
        .as_u64()
        .unwrap();
    assert_eq!(drawn, shapes, "shapes without a rendered size");
    let france = browser.script(
        "const r = document.querySelector('path.country[data-iso3=\"FRA\"]').getBoundingClientRect();
         return {width: r.width, height: r.height}",
    );
    assert!(france["width"].as_f64().unwrap() > 5.0, "France: {france}");
    assert!(france["height"].as_f64().unwrap() > 5.0, "France: {france}");
    // The choropleth classes reach the screen as different colours (5 classes and "no data").
    let fills = browser.script(
        "return [...new Set(Array.from(document.querySelectorAll('path.country'))
            .map(p => getComputedStyle(p).fill))]",
    );
    let fills = fills.as_array().unwrap();
    assert!(fills.len() >= 4, "fills on screen: {fills:?}");
    // The map fits the window: no horizontal scrolling to see the Pacific.
    let fit = browser.script(
        "return {right: document.querySelector('figure.chart svg').getBoundingClientRect().right,
                 width: document.documentElement.clientWidth}",
    );
    assert!(
        fit["right"].as_f64().unwrap() <= fit["width"].as_f64().unwrap() + 0.5,
        "the map overflows the window: {fit}"
    );
}

#[test]
fn clicking_a_country_on_the_map_opens_its_page() {
    let server = Server::start();
    let browser = Browser::start();
    browser.goto(&format!("{}/", server.base));
    let before = browser.url();
    // WebDriver clicks the centre of an element's box, which for France (its shape includes
    // French Guiana) is in the Atlantic: then the link's box, which is the same; then the
    // pointer where the shape is drawn, as a reader would click.
    let shape = browser.find(r#"path.country[data-iso3="FRA"]"#);
    let link = browser.find(r#"a[href^="/countries/FRA"]"#);
    let intercepted = |e: WebDriverError| {
        assert_eq!(e.error, "element click intercepted", "{e:?}");
        eprintln!("{}", e.message.lines().next().unwrap_or_default());
    };
    let clicked = match browser.click(&shape) {
        Ok(()) => "the shape",
        Err(e) => {
            intercepted(e);
            match browser.click(&link) {
                Ok(()) => "its link",
                Err(e) => {
                    intercepted(e);
                    browser.click_where_drawn(&shape);
                    "the mouse where France is drawn"
                }
            }
        }
    };
    eprintln!("France opened by clicking {clicked}");
    let url = browser.wait_for_navigation(&before);
    assert!(url.ends_with("/countries/FRA"), "{url}");
    let h1 = browser.text(&browser.find("h1"));
    assert!(h1.contains("France"), "h1: {h1}");
}

#[test]
fn the_french_switch_translates_and_sticks_while_browsing() {
    let server = Server::start();
    let browser = Browser::start();
    browser.goto(&format!("{}/", server.base));
    assert_eq!(browser.script("return document.documentElement.lang"), "en");
    let switch = browser.find("a.lang");
    assert_eq!(browser.text(&switch), "Français");
    let before = browser.url();
    browser.click(&switch).unwrap();
    let url = browser.wait_for_navigation(&before);
    assert!(url.contains("lang=fr"), "{url}");
    assert_eq!(browser.script("return document.documentElement.lang"), "fr");
    let labels = browser.script(
        "return Array.from(document.querySelectorAll('.figure .label')).map(e => e.innerText)",
    );
    assert!(
        labels
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l == "Dépenses militaires mondiales"),
        "headline labels: {labels}"
    );
    assert_eq!(browser.text(&browser.find("a.lang")), "English");
    // Following the navigation keeps French.
    let before = browser.url();
    let treaties = browser.find(r#"header nav a[href^="/treaties"]"#);
    browser.click(&treaties).unwrap();
    let url = browser.wait_for_navigation(&before);
    assert!(
        url.contains("/treaties?") && url.contains("lang=fr"),
        "{url}"
    );
    assert_eq!(browser.script("return document.documentElement.lang"), "fr");
    assert_eq!(browser.text(&browser.find("h1")), "Traités");
    // And the switch back leads to the same page in English.
    let before = browser.url();
    browser.click(&browser.find("a.lang")).unwrap();
    let url = browser.wait_for_navigation(&before);
    assert!(
        url.contains("/treaties") && !url.contains("lang=fr"),
        "{url}"
    );
    assert_eq!(browser.script("return document.documentElement.lang"), "en");
    assert_eq!(browser.text(&browser.find("h1")), "Treaties");
}

#[test]
fn screenshots_of_the_main_pages_are_kept_as_test_artifacts() {
    let server = Server::start();
    let browser = Browser::start();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/test-artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, path) in [
        ("home", "/"),
        ("country-FRA", "/countries/FRA"),
        ("treaty-att", "/treaties/att"),
    ] {
        browser.goto(&format!("{}{path}", server.base));
        // A page, not an error page: those have no figure and no table.
        let content =
            browser.script("return document.querySelectorAll('main svg, main table').length");
        assert!(content.as_u64().unwrap() > 0, "{path}: nothing drawn");
        let png = browser.screenshot();
        let file = dir.join(format!("browser-{name}.png"));
        std::fs::write(&file, &png).unwrap();
        assert!(
            png.starts_with(b"\x89PNG\r\n\x1a\n"),
            "{}: not a PNG",
            file.display()
        );
        // Width and height from the IHDR chunk.
        let size = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
        let (width, height) = (size(16), size(20));
        assert!(width >= 1000 && height >= 1000, "{path}: {width}×{height}");
        assert!(
            png.len() > 20_000,
            "{}: {} bytes, a blank page?",
            file.display(),
            png.len()
        );
    }
}

#[test]
fn the_base64_decoder_reads_every_padding() {
    assert_eq!(base64_decode(""), b"");
    assert_eq!(base64_decode("Zg=="), b"f");
    assert_eq!(base64_decode("Zm8="), b"fo");
    assert_eq!(base64_decode("Zm9v"), b"foo");
    assert_eq!(base64_decode("Zm9vYg=="), b"foob");
    assert_eq!(base64_decode("+/8="), [0xfb, 0xff]);
}

/// A headless Chromium session through a ChromeDriver of its own; the session is deleted
/// (Chromium quits) and ChromeDriver killed when dropped, also when a test panics.
struct Browser {
    /// `http://127.0.0.1:PORT/session/ID`.
    session: String,
    driver: Driver,
    /// Chromium's profile; removed after Chromium quit (fields drop in order).
    _profile: tempfile::TempDir,
}

/// A running ChromeDriver, killed when dropped.
struct Driver {
    child: Child,
    agent: ureq::Agent,
    /// `http://127.0.0.1:PORT`.
    base: String,
}

/// An error answered by ChromeDriver: its code (e.g. `element click intercepted`) and message.
#[derive(Debug)]
struct WebDriverError {
    error: String,
    message: String,
}

impl Browser {
    fn start() -> Browser {
        assert!(
            Path::new(CHROMEDRIVER).is_file() && Path::new(CHROMIUM).is_file(),
            "the browser tests need {CHROMIUM} and {CHROMEDRIVER}: .ci/run must install the \
             Debian packages chromium and chromium-driver (apt-get install chromium chromium-driver)"
        );
        let driver = Driver::start();
        let profile = tempfile::tempdir().unwrap();
        let args = [
            "--headless".to_owned(),
            "--no-sandbox".to_owned(),
            "--disable-gpu".to_owned(),
            "--disable-background-networking".to_owned(),
            "--no-first-run".to_owned(),
            "--disable-component-update".to_owned(),
            "--disable-sync".to_owned(),
            "--disable-dev-shm-usage".to_owned(),
            "--window-size=1280,1600".to_owned(),
            format!("--user-data-dir={}", profile.path().display()),
        ];
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "pageLoadStrategy": "normal",
            "timeouts": {"implicit": 0, "pageLoad": 30_000, "script": 10_000},
            "goog:chromeOptions": {"binary": CHROMIUM, "args": args},
        }}});
        let url = format!("{}/session", driver.base);
        let session = driver
            .call("POST", &url, Some(&capabilities))
            .unwrap_or_else(|e| panic!("Chromium did not start: {e:?}"));
        let id = session["sessionId"].as_str().unwrap();
        Browser {
            session: format!("{url}/{id}"),
            driver,
            _profile: profile,
        }
    }

    /// A command of this session: `path` after `/session/ID`.
    fn try_call(
        &self,
        method: &str,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Value, WebDriverError> {
        self.driver
            .call(method, &format!("{}{path}", self.session), body)
    }

    fn call(&self, method: &str, path: &str, body: Option<&Value>) -> Value {
        self.try_call(method, path, body)
            .unwrap_or_else(|e| panic!("{method} {path}: {e:?}"))
    }

    /// Opens `url` and waits until it has loaded.
    fn goto(&self, url: &str) {
        self.call("POST", "/url", Some(&json!({ "url": url })));
    }

    fn url(&self) -> String {
        self.call("GET", "/url", None).as_str().unwrap().to_owned()
    }

    /// The value a script's `return` gives.
    fn script(&self, script: &str) -> Value {
        self.script_with(script, &[])
    }

    /// The value a script's `return` gives, with elements as `arguments`.
    fn script_with(&self, script: &str, elements: &[&str]) -> Value {
        let args: Vec<Value> = elements.iter().map(|e| json!({ ELEMENT: e })).collect();
        self.call(
            "POST",
            "/execute/sync",
            Some(&json!({"script": script, "args": args})),
        )
    }

    /// The first element matching a CSS selector.
    fn find(&self, css: &str) -> String {
        let found = self.call(
            "POST",
            "/element",
            Some(&json!({"using": "css selector", "value": css})),
        );
        found[ELEMENT].as_str().unwrap().to_owned()
    }

    /// Clicks an element as a user would: scrolled into view, at its centre, refused when
    /// another element covers that point.
    fn click(&self, element: &str) -> Result<(), WebDriverError> {
        self.try_call(
            "POST",
            &format!("/element/{element}/click"),
            Some(&json!({})),
        )
        .map(drop)
    }

    /// Clicks the mouse on a point where an element is drawn (and not covered): inside the
    /// largest piece of a shape made of several.
    fn click_where_drawn(&self, element: &str) {
        let point = self.script_with(
            "const shape = arguments[0];
            shape.scrollIntoView({block: 'center'});
            const r = shape.getBoundingClientRect(), n = 40, hits = [];
            for (let i = 0; i <= n; i++) {
                hits.push([]);
                for (let j = 0; j <= n; j++) {
                    const x = Math.round(r.left + r.width * i / n);
                    const y = Math.round(r.top + r.height * j / n);
                    hits[i].push(document.elementFromPoint(x, y) === shape ? [x, y] : null);
                }
            }
            // The point deepest inside a piece: the most neighbours on the shape too.
            let best = null, most = -1;
            for (let i = 1; i < n; i++) for (let j = 1; j < n; j++) {
                if (!hits[i][j]) continue;
                let k = 0;
                for (const di of [-1, 0, 1]) for (const dj of [-1, 0, 1]) if (hits[i + di][j + dj]) k++;
                if (k > most) { most = k; best = hits[i][j]; }
            }
            return best;",
            &[element],
        );
        let [x, y] = [0, 1].map(|i| {
            point[i]
                .as_i64()
                .unwrap_or_else(|| panic!("{element} is drawn nowhere on screen: {point}"))
        });
        self.click_at(x, y);
    }

    /// Clicks the mouse at a point of the window, whatever is drawn there.
    fn click_at(&self, x: i64, y: i64) {
        let mouse = json!({"actions": [{
            "type": "pointer",
            "id": "mouse",
            "parameters": {"pointerType": "mouse"},
            "actions": [
                {"type": "pointerMove", "duration": 0, "origin": "viewport", "x": x, "y": y},
                {"type": "pointerDown", "button": 0},
                {"type": "pointerUp", "button": 0},
            ],
        }]});
        self.call("POST", "/actions", Some(&mouse));
    }

    /// The rendered text of an element.
    fn text(&self, element: &str) -> String {
        let text = self.call("GET", &format!("/element/{element}/text"), None);
        text.as_str().unwrap().to_owned()
    }

    /// Waits until the page is no longer `before` and has loaded; the new URL.
    fn wait_for_navigation(&self, before: &str) -> String {
        let start = Instant::now();
        loop {
            let url = self.url();
            if url != before && self.script("return document.readyState") == "complete" {
                return url;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "still on {url} after {PATIENCE:?}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// A PNG of the window.
    fn screenshot(&self) -> Vec<u8> {
        base64_decode(self.call("GET", "/screenshot", None).as_str().unwrap())
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Chromium quits; ChromeDriver is killed when `driver` drops.
        let _ = self.driver.call("DELETE", &self.session, None);
    }
}

impl Driver {
    fn start() -> Driver {
        // A free port: bound by the system, released for ChromeDriver to take.
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .unwrap()
            .port();
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{CHROMEDRIVER} does not start: {e}"));
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        let mut driver = Driver {
            child,
            agent,
            base: format!("http://127.0.0.1:{port}"),
        };
        let start = Instant::now();
        loop {
            if let Some(status) = driver.child.try_wait().unwrap() {
                panic!("{CHROMEDRIVER} --port={port} exited: {status}");
            }
            let status = driver.call("GET", &format!("{}/status", driver.base), None);
            if status.is_ok_and(|s| s["ready"] == true) {
                return driver;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "{CHROMEDRIVER} not ready after {PATIENCE:?}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// A WebDriver command: the `value` of its answer, or the error it reports (a failed
    /// connection counts as an error `transport`).
    fn call(&self, method: &str, url: &str, body: Option<&Value>) -> Result<Value, WebDriverError> {
        let transport = |e: ureq::Error| WebDriverError {
            error: "transport".to_owned(),
            message: e.to_string(),
        };
        let mut response = match method {
            "GET" => self.agent.get(url).call(),
            "DELETE" => self.agent.delete(url).call(),
            "POST" => self
                .agent
                .post(url)
                .header("content-type", "application/json")
                .send(body.unwrap_or(&json!({})).to_string()),
            _ => unreachable!("WebDriver uses GET, POST and DELETE"),
        }
        .map_err(transport)?;
        let text = response
            .body_mut()
            .with_config()
            .limit(64 << 20)
            .read_to_string()
            .map_err(transport)?;
        let answer: Value = serde_json::from_str(&text).map_err(|e| WebDriverError {
            error: "not JSON".to_owned(),
            message: format!("{e}: {text}"),
        })?;
        let value = answer["value"].clone();
        match value["error"].as_str() {
            Some(error) => Err(WebDriverError {
                error: error.to_owned(),
                message: value["message"].as_str().unwrap_or_default().to_owned(),
            }),
            None => Ok(value),
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Standard base64 with padding, as WebDriver sends screenshots.
fn base64_decode(text: &str) -> Vec<u8> {
    fn sextet(c: u8) -> u32 {
        u32::from(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("not base64: {:?}", char::from(c)),
        })
    }
    let text: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    assert_eq!(text.len() % 4, 0, "base64 comes in groups of 4");
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    for group in text.chunks(4) {
        let padding = group.iter().rev().take_while(|&&c| c == b'=').count();
        assert!(padding <= 2, "too much padding");
        let bits = group[..4 - padding]
            .iter()
            .fold(0, |bits, &c| bits << 6 | sextet(c))
            << (6 * padding);
        out.extend_from_slice(&bits.to_be_bytes()[1..4 - padding]);
    }
    out
}
