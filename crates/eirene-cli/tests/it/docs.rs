//! Reference documents generated from code stay current.

/// Compares docs/NAME with what the code generates; `EIRENE_BLESS=1` rewrites it instead.
fn assert_current(name: &str, generated: &str, what: &str, test: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../docs")
        .join(name);
    if std::env::var_os("EIRENE_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(&path, generated).expect("docs/ is writable");
        return;
    }
    let found = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        found == generated,
        "docs/{name} is out of date with the {what}: regenerate it with \
         `EIRENE_BLESS=1 cargo test -p eirene-cli --test it {test}`"
    );
}

/// docs/INDICATORS.md is the catalogue rendered.
#[test]
fn indicator_reference_is_current() {
    let generated = eirene_indicators::reference::markdown();
    assert_current(
        "INDICATORS.md",
        &generated,
        "indicator catalogue",
        "indicator_reference",
    );
}

/// docs/TREATIES.md is the treaty registry rendered.
#[test]
fn treaty_reference_is_current() {
    let generated = eirene_treaties::reference::markdown();
    assert_current(
        "TREATIES.md",
        &generated,
        "treaty registry",
        "treaty_reference",
    );
}
