//! The SVG pieces every figure shares: escaping, coordinates, text and the document itself.

use std::fmt::Write;

/// Width of every figure, in CSS pixels; the viewBox lets pages scale it down.
pub(crate) const WIDTH: f64 = 960.0;

/// Generic families only, so a PDF renderer without web fonts still finds one.
const FONT: &str = "Helvetica, Arial, sans-serif";

/// Text safe in both element content and attribute values: names such as "Bosnia & Herz." or
/// "Côte d'Ivoire" come from data files and must not end an attribute or open a tag.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(c),
        }
    }
    out
}

/// A coordinate in tenths of a pixel: finer than any screen or print shows, and integral so
/// that rounding, duplicate removal and printing agree.
pub(crate) fn tenths(v: f64) -> i64 {
    // Figures are a few thousand pixels at most, far inside i64.
    (v * 10.0).round() as i64
}

/// Prints tenths as the shortest decimal: 123 → "12.3", 120 → "12", -5 → "-0.5".
pub(crate) fn fmt_tenths(t: i64) -> String {
    let sign = if t < 0 { "-" } else { "" };
    let (whole, tenth) = (t.unsigned_abs() / 10, t.unsigned_abs() % 10);
    if tenth == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{tenth}")
    }
}

/// Appends `M x,y L x,y x,y …` through `points` given in tenths of a pixel (the caller closes
/// the path with `Z` if it is a ring).
pub(crate) fn write_polyline(d: &mut String, points: impl IntoIterator<Item = (i64, i64)>) {
    for (i, (x, y)) in points.into_iter().enumerate() {
        let command = match i {
            0 => "M",
            1 => "L",
            _ => " ",
        };
        let _ = write!(d, "{command}{},{}", fmt_tenths(x), fmt_tenths(y));
    }
}

/// A pixel coordinate rounded to one decimal.
pub(crate) fn px(v: f64) -> String {
    fmt_tenths(tenths(v))
}

/// Where a text's anchor point is along its line.
#[derive(Clone, Copy)]
pub(crate) enum Anchor {
    Start,
    Middle,
    End,
}

/// A `<text>` element; `attrs` are extra attributes, each with its leading space.
pub(crate) fn text(x: f64, y: f64, anchor: Anchor, attrs: &str, content: &str) -> String {
    let anchor = match anchor {
        Anchor::Start => "",
        Anchor::Middle => r#" text-anchor="middle""#,
        Anchor::End => r#" text-anchor="end""#,
    };
    format!(
        r#"<text x="{}" y="{}"{anchor}{attrs}>{}</text>"#,
        px(x),
        px(y),
        escape(content)
    )
}

/// The visible heading of a figure.
pub(crate) fn heading(title: &str) -> String {
    text(
        16.0,
        28.0,
        Anchor::Start,
        r##" font-size="18" font-weight="bold" fill="#222""##,
        title,
    )
}

/// The source line at the bottom of a figure, so a copied figure keeps its provenance.
pub(crate) fn source_line(source: &str, y: f64) -> String {
    text(
        16.0,
        y,
        Anchor::Start,
        r##" font-size="11" fill="#555""##,
        source,
    )
}

/// Wraps `body` into a standalone, accessible SVG document of `height` pixels.
///
/// `role="img"` with `aria-labelledby` pointing at `<title>` and `<desc>` is what screen readers
/// announce for an inline SVG. The ids are derived from the content, so output stays
/// deterministic while two different figures on one page do not share ids. The white
/// background keeps the dark text legible on a dark page or a transparent PDF.
pub(crate) fn document(height: f64, title: &str, desc: &str, body: &str) -> String {
    let id = format!("eirene-{:016x}", fnv1a(&[title, desc, body]));
    let (w, h) = (px(WIDTH), px(height));
    let mut out = String::with_capacity(body.len() + 1024);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{id}-title {id}-desc" font-family="{FONT}" style="max-width:100%;height:auto">"#
    );
    let _ = write!(
        out,
        r#"<title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape(title),
        escape(desc)
    );
    let _ = write!(out, r##"<rect width="{w}" height="{h}" fill="#fff"/>"##);
    out.push_str(body);
    out.push_str("</svg>");
    out
}

/// FNV-1a, 64 bits: a stable hash (std's `DefaultHasher` may change between Rust releases).
fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_markup_character() {
        assert_eq!(
            escape(r#"Bosnia & <Herz.> "x" 'y'"#),
            "Bosnia &amp; &lt;Herz.&gt; &quot;x&quot; &apos;y&apos;"
        );
    }

    #[test]
    fn tenths_print_shortest() {
        assert_eq!(px(12.34), "12.3");
        assert_eq!(px(12.0), "12");
        assert_eq!(px(-0.46), "-0.5");
        assert_eq!(px(-0.04), "0");
        assert_eq!(px(1234.56), "1234.6");
    }

    #[test]
    fn polylines_are_compact() {
        let mut d = String::new();
        write_polyline(&mut d, [(10, 20), (-5, 0), (123, 4)]);
        assert_eq!(d, "M1,2L-0.5,0 12.3,0.4");
    }

    #[test]
    fn documents_are_accessible_and_deterministic() {
        let a = document(100.0, "A & B", "about", "<g/>");
        assert_eq!(a, document(100.0, "A & B", "about", "<g/>"));
        assert!(a.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" width="960""#));
        assert!(a.contains(r#"role="img""#));
        assert!(a.contains("<title id=\"eirene-"));
        assert!(a.contains(">A &amp; B</title>"));
        assert!(a.ends_with("<g/></svg>"));
        let other = document(100.0, "A & B", "other", "<g/>");
        assert_ne!(id(&a), id(&other), "different figures get different ids");
    }

    fn id(document: &str) -> &str {
        let after = document.split("aria-labelledby=\"").nth(1).unwrap();
        after.split(' ').next().unwrap()
    }
}
