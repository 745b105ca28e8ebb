//! The page shell: header with navigation and language switch, the page, the footer.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::i18n::Lang;
use crate::respond::Ask;

/// Navigation entries: path and catalogue key.
const NAV: [(&str, &str); 8] = [
    ("/", "nav.home"),
    ("/indicators", "nav.indicators"),
    ("/conflict-index", "nav.index"),
    ("/countries", "nav.countries"),
    ("/treaties", "nav.treaties"),
    ("/sources", "nav.sources"),
    ("/methods", "nav.methods"),
    ("/api", "nav.api"),
];

/// A whole HTML page around `body`.
pub fn shell(ask: &Ask, title: &str, body: Markup) -> Markup {
    let lang = ask.lang;
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · " (lang.t("site.name")) }
                link rel="stylesheet" href="/static/style.css";
                link rel="alternate" type="application/json" href=(ask.twin("json"));
            }
            body {
                header {
                    a.brand href=(ask.link("/")) { (lang.t("site.name")) }
                    span.tagline { (lang.t("site.tagline")) }
                    nav aria-label="main" {
                        @for (path, key) in NAV {
                            a href=(ask.link(path)) aria-current=[(ask.path == path).then_some("page")] { (lang.t(key)) }
                        }
                    }
                    a.lang hreflang=(lang.other().code()) lang=(lang.other().code()) href=(ask.switched()) { (lang.t("lang.switch")) }
                }
                main { (body) }
                footer {
                    span { (lang.t("downloads")) ": " }
                    a href=(ask.twin("json")) { (lang.t("download.json")) }
                }
            }
        }
    }
}

/// An inline SVG figure (rendered on the server) with a download link.
pub fn figure(svg: &str, download: Option<&str>, lang: Lang) -> Markup {
    html! {
        figure.chart {
            (PreEscaped(svg))
            @if let Some(href) = download {
                figcaption { a href=(href) download { (lang.t("download.svg")) } }
            }
        }
    }
}

/// A "Source: …" line naming the source, its version and the definition.
pub fn source_line(text: &str, method_href: &str, lang: Lang) -> Markup {
    html! {
        p.source { (lang.t("source")) ": " (text) " · " a href=(method_href) { (lang.t("method")) } }
    }
}
