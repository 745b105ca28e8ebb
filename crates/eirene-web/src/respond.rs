//! How a request is asked (language, representation) and how a page answers it: every page is
//! HTML, its JSON twin, and CSV where it is a table.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};

use crate::error::WebError;
use crate::i18n::Lang;
use crate::layout;

/// A representation of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The page.
    Html,
    /// Its JSON twin.
    Json,
    /// Its table as CSV.
    Csv,
    /// Its map or chart as SVG.
    Svg,
}

impl Format {
    fn from_suffix(suffix: &str) -> Option<Format> {
        match suffix {
            "json" => Some(Format::Json),
            "csv" => Some(Format::Csv),
            "svg" => Some(Format::Svg),
            _ => None,
        }
    }
}

/// Who asks what: the language and representation chosen, and the path asked for.
#[derive(Debug, Clone)]
pub struct Ask {
    /// The language: `?lang=`, else `Accept-Language`, else English.
    pub lang: Lang,
    /// The representation: a `.json`/`.csv`/`.svg` suffix, else `Accept`, else HTML.
    pub format: Format,
    /// The path without its suffix, for links to the other representations.
    pub path: String,
    /// The query string without `lang`, kept by the language switcher and downloads.
    pub query: Vec<(String, String)>,
}

impl<S: Send + Sync> FromRequestParts<S> for Ask {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Ask, Response> {
        let query: Vec<(String, String)> = parts.uri.query().map(url_pairs).unwrap_or_default();
        let header_lang = || {
            parts
                .headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        };
        let lang = match query.iter().find(|(k, _)| k == "lang") {
            Some((_, code)) => match Lang::from_code(code) {
                Some(lang) => lang,
                None => {
                    let lang = header_lang().unwrap_or(Lang::En);
                    let error = WebError::bad(
                        "lang",
                        format!("`{code}` is not a language of the site: en or fr"),
                    );
                    return Err(error_page(lang, Format::Html, &error));
                }
            },
            None => header_lang().unwrap_or(Lang::En),
        };
        let mut path = parts.uri.path().to_owned();
        let mut format = Format::Html;
        if let Some((stem, suffix)) = path.rsplit_once('.')
            && let Some(found) = Format::from_suffix(suffix)
            && !stem.ends_with('/')
        {
            format = found;
            path = stem.to_owned();
        } else if parts
            .headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|accept| {
                accept.contains("application/json") && !accept.contains("text/html")
            })
        {
            format = Format::Json;
        }
        let query = query.into_iter().filter(|(k, _)| k != "lang").collect();
        Ok(Ask {
            lang,
            format,
            path,
            query,
        })
    }
}

/// Decodes `a=1&b=x%20y`.
fn url_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

fn percent_decode(text: &str) -> String {
    let hex = |b: u8| (b as char).to_digit(16);
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%' && i + 2 < bytes.len())
            .then(|| Some(hex(bytes[i + 1])? * 16 + hex(bytes[i + 2])?))
            .flatten();
        match (escaped, bytes[i]) {
            (Some(byte), _) => {
                out.push(byte as u8);
                i += 3;
            }
            (None, b'+') => {
                out.push(b' ');
                i += 1;
            }
            (None, byte) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Encodes a query value.
pub fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

impl Ask {
    /// A query parameter.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }

    /// A query parameter parsed, or a 400 naming it.
    pub fn parsed<T: std::str::FromStr>(
        &self,
        name: &str,
        expected: &str,
    ) -> Result<Option<T>, WebError> {
        self.param(name)
            .map(|text| {
                text.parse()
                    .map_err(|_| WebError::bad(name, format!("`{text}` is not {expected}")))
            })
            .transpose()
    }

    /// A link to a path of the site in the reader's language.
    pub fn link(&self, path: &str) -> String {
        with_lang(path, self.lang)
    }

    /// This page in another representation, with the same parameters.
    pub fn twin(&self, format: &str) -> String {
        let path = format!("{}.{format}", self.path.trim_end_matches('/'));
        let path = if self.path == "/" {
            "/index.".to_owned() + format
        } else {
            path
        };
        self.with_query(&path, self.lang)
    }

    /// This page in the other language.
    pub fn switched(&self) -> String {
        self.with_query(&self.path, self.lang.other())
    }

    fn with_query(&self, path: &str, lang: Lang) -> String {
        let mut pairs: Vec<String> = self
            .query
            .iter()
            .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
            .collect();
        pairs.push(format!("lang={}", lang.code()));
        format!("{path}?{}", pairs.join("&"))
    }
}

/// A path with the language as a parameter (English, the default, needs none).
pub fn with_lang(path: &str, lang: Lang) -> String {
    match lang {
        Lang::En => path.to_owned(),
        Lang::Fr => {
            let sep = if path.contains('?') { '&' } else { '?' };
            format!("{path}{sep}lang=fr")
        }
    }
}

/// A table, as a page shows it and as its CSV download.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Column names (the CSV header; snake_case).
    pub columns: Vec<String>,
    /// Rows of cells.
    pub rows: Vec<Vec<String>>,
}

/// What a page is, in every representation.
pub struct Page {
    /// The title (HTML `<title>` and heading).
    pub title: String,
    /// The HTML body.
    pub body: Markup,
    /// The JSON twin.
    pub json: serde_json::Value,
    /// The table behind the page, for CSV.
    pub table: Option<Table>,
    /// The map or chart, for SVG.
    pub svg: Option<String>,
}

/// The response to a request for a page in the representation asked for.
pub fn render(ask: &Ask, page: Page) -> Response {
    match ask.format {
        Format::Html => html_response(StatusCode::OK, layout::shell(ask, &page.title, page.body)),
        Format::Json => json_response(StatusCode::OK, &page.json),
        Format::Csv => match page.table {
            Some(table) => csv_response(&table),
            None => error_page(
                ask.lang,
                Format::Html,
                &WebError::NotFound(format!("{} has no table to download as CSV", ask.path)),
            ),
        },
        Format::Svg => match page.svg {
            Some(svg) => (
                [(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("image/svg+xml; charset=utf-8"),
                )],
                svg,
            )
                .into_response(),
            None => error_page(
                ask.lang,
                Format::Html,
                &WebError::NotFound(format!(
                    "{} has no map or chart to download as SVG",
                    ask.path
                )),
            ),
        },
    }
}

fn html_response(status: StatusCode, markup: Markup) -> Response {
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        )],
        markup.into_string(),
    )
        .into_response()
}

fn json_response(status: StatusCode, value: &serde_json::Value) -> Response {
    let body = serde_json::to_string_pretty(value).expect("JSON values serialize");
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

fn csv_response(table: &Table) -> Response {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let written = writer.write_record(&table.columns).and_then(|()| {
        table
            .rows
            .iter()
            .try_for_each(|row| writer.write_record(row))
    });
    match written
        .map_err(|e| e.to_string())
        .and_then(|()| writer.into_inner().map_err(|e| e.to_string()))
    {
        Ok(bytes) => (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            )],
            bytes,
        )
            .into_response(),
        Err(e) => json_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            &serde_json::json!({ "error": e }),
        ),
    }
}

/// An error as a page in the reader's language, or as JSON for the JSON twin.
pub fn error_page(lang: Lang, format: Format, error: &WebError) -> Response {
    if format == Format::Json {
        let body =
            serde_json::json!({ "error": error.to_string(), "status": error.status().as_u16() });
        return json_response(error.status(), &body);
    }
    let ask = Ask {
        lang,
        format: Format::Html,
        path: "/".to_owned(),
        query: Vec::new(),
    };
    let title = lang.t(error.title_key());
    let body = html! {
        h1 { (title) }
        p.error { (error.to_string()) }
        p { a href=(ask.link("/")) { (lang.t("nav.home")) } }
    };
    html_response(error.status(), layout::shell(&ask, title, body))
}

/// Answers a handler's result: the page, or the error in the right language and format.
pub fn answer(ask: &Ask, result: Result<Page, WebError>) -> Response {
    match result {
        Ok(page) => render(ask, page),
        Err(error) => {
            if matches!(error, WebError::Internal(_)) {
                tracing::error!(path = %ask.path, %error, "request failed");
            }
            error_page(ask.lang, ask.format, &error)
        }
    }
}
