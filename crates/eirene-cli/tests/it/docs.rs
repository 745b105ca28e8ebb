//! Reference documents generated from code stay current.

/// docs/INDICATORS.md is the catalogue rendered; `EIRENE_BLESS=1` rewrites it.
#[test]
fn indicator_reference_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/INDICATORS.md");
    let expected = eirene_indicators::reference::markdown();
    if std::env::var_os("EIRENE_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(&path, &expected).expect("docs/INDICATORS.md is writable");
        return;
    }
    let found = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        found == expected,
        "docs/INDICATORS.md is out of date with the indicator catalogue: regenerate it with \
         `EIRENE_BLESS=1 cargo test -p eirene-cli --test it indicator_reference`"
    );
}
