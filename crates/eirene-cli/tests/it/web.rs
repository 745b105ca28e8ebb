//! `eirene serve` on loopback against the real shared data: every page and its JSON/CSV twin,
//! a crawler over every internal link, the OpenAPI document, bad input, languages.

use std::collections::{BTreeSet, VecDeque};

use serde_json::Value;

use crate::server::Server;

#[test]
fn home_shows_the_headline_figures_with_their_sources() {
    let server = Server::start();
    let page = server.get("/");
    assert_eq!(page.status, 200);
    assert!(page.content_type.starts_with("text/html"));
    assert!(page.csp.contains("frame-ancestors 'none'"), "{}", page.csp);
    assert!(!page.body.contains("<script"), "works without JavaScript");
    let shapes = page.body.matches("class=\"country\"").count();
    assert!(shapes >= 170, "{shapes} country shapes on the map");
    let home = server.json("/index.json");
    let figures = home["figures"].as_array().unwrap();
    let figure = |id: &str| {
        figures
            .iter()
            .find(|f| f["id"] == id)
            .unwrap_or_else(|| panic!("{id} missing: {figures:?}"))
    };
    // SIPRI's world total for 2023: 2,443.4 bn current US$, +6.8 % in real terms.
    let milex = figure("milex");
    assert_eq!(milex["year"], 2023);
    assert!(
        (milex["value"].as_f64().unwrap() - 2443.4).abs() < 0.1,
        "{milex}"
    );
    assert!((milex["change_pct"].as_f64().unwrap() - 6.8).abs() < 0.05);
    assert!(page.body.contains("2,443.4"), "formatted in English");
    // 59 active state-based conflicts in 2023 (UCDP/PRIO ACD 24.1).
    assert_eq!(figure("conflicts")["value"], 59.0);
    assert_eq!(figure("conflicts")["year"], 2023);
    for f in figures {
        assert!(f["provenance"].as_str().unwrap().contains("Eirene"), "{f}");
        assert!(!f["sources"].as_array().unwrap().is_empty(), "{f}");
    }
    let french = server.get("/?lang=fr");
    assert!(french.body.contains("lang=\"fr\""));
    assert!(
        french.body.contains("2\u{202f}443,4"),
        "formatted in French"
    );
    let negotiated = server.get_with("/", &[("Accept-Language", "fr-CH, fr;q=0.9, en;q=0.8")]);
    assert!(negotiated.body.contains("Dépenses militaires mondiales"));
}

#[test]
fn pages_have_json_and_csv_twins() {
    let server = Server::start();
    let france = server.json("/countries/FRA.json");
    assert_eq!(france["iso3"], "FRA");
    let treaties = france["treaties"].as_array().unwrap();
    let att = treaties.iter().find(|t| t["treaty"] == "att").unwrap();
    assert_eq!(att["status"], "party");
    // No population raster: no exposure, and the reason how to get it.
    assert_eq!(france["exposure"], Value::Null);
    assert!(
        france["exposure_reason"]
            .as_str()
            .unwrap()
            .contains("eirene serve --population FILE"),
        "{france}"
    );
    let negotiated = server.get_with("/countries/FRA", &[("Accept", "application/json")]);
    assert_eq!(
        serde_json::from_str::<Value>(&negotiated.body).unwrap()["iso3"],
        "FRA"
    );
    let csv = server.get("/countries/FRA.csv");
    assert!(csv.content_type.starts_with("text/csv"));
    assert!(csv.body.starts_with("treaty,status"), "{}", &csv.body[..80]);
    let summary = server.json("/treaties.json?as_of=2026-02-03");
    let att = summary
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["treaty"] == "att")
        .unwrap();
    assert_eq!(att["bound"], 117);
    let show = server.json("/treaties/ctbt.json?as_of=2024-01-01");
    let russia = show["states"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["state"] == "RUS")
        .unwrap();
    assert_eq!(russia["status"], "withdrawn");
    let milex = server.json("/indicators/sipri.milex.json?year=2023");
    let ranking = milex["ranking"].as_array().unwrap();
    assert!(!ranking.is_empty());
    assert!(
        milex["provenance"]["sql"]
            .as_str()
            .unwrap()
            .contains("SELECT")
    );
    let svg = server.get("/indicators/sipri.milex.svg?year=2023&measure=constant_usd_m");
    assert!(svg.content_type.starts_with("image/svg+xml"));
    assert!(svg.body.contains("<svg"));
    let deaths = server.get("/indicators/ucdp.deaths.csv?year=2023");
    assert!(deaths.body.lines().count() > 1, "{}", deaths.body);
    assert!(deaths.body.lines().skip(1).all(|l| l.contains(",2023,")));
}

#[test]
fn the_conflict_index_page_ranks_the_countries_of_the_window() {
    let server = Server::start();
    let index = server.json("/conflict-index.json?window_end=2023-12-31");
    assert_eq!(index["method"], "ACLED-style index, Eirene method");
    assert_eq!(index["window"]["start"], "2023-01-01");
    let myanmar = index["countries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["iso3"] == "MMR")
        .unwrap();
    assert_eq!(myanmar["deadliness"], 3125.0, "the year's GED deaths");
    assert_eq!(index["diffusion_computed"], false, "no population raster");
    assert_eq!(myanmar["diffusion"], Value::Null);
    let page = server.get("/conflict-index?lang=fr");
    assert!(page.body.contains("méthode Eirene"));
    assert!(page.body.contains("Diffusion non calculée"));
    assert!(!page.body.contains("ACLED Conflict Index\""));
    assert!(page.body.matches("class=\"country\"").count() >= 170);
    let csv = server.get("/conflict-index.csv?window_end=2023-12-31");
    assert!(
        csv.body.starts_with("rank,iso3,country,level"),
        "{}",
        csv.body
    );
    assert_eq!(server.get("/conflict-index?source=gdelt").status, 400);
}

#[test]
fn clients_that_take_gzip_get_the_same_page_compressed() {
    use std::io::Read;
    let server = Server::start();
    let plain = server.get("/treaties/att");
    let agent: ureq::Agent = ureq::Agent::config_builder().build().into();
    let mut response = agent
        .get(format!("{}/treaties/att", server.base))
        .header("Accept-Encoding", "br;q=1.0, gzip;q=0.8")
        .call()
        .unwrap();
    assert_eq!(response.headers().get("content-encoding").unwrap(), "gzip");
    assert!(
        response
            .headers()
            .get("vary")
            .unwrap()
            .to_str()
            .unwrap()
            .contains("Accept-Encoding")
    );
    let compressed = response
        .body_mut()
        .with_config()
        .limit(32 << 20)
        .read_to_vec()
        .unwrap();
    assert!(
        compressed.len() * 2 < plain.body.len(),
        "{} vs {}",
        compressed.len(),
        plain.body.len()
    );
    let mut text = String::new();
    flate2::read::GzDecoder::new(&compressed[..])
        .read_to_string(&mut text)
        .unwrap();
    assert_eq!(text, plain.body);
    let refused = server.get_with("/treaties/att", &[("Accept-Encoding", "gzip;q=0")]);
    assert_eq!(refused.body, plain.body);
}

#[test]
fn bad_input_gets_a_clear_error_in_the_readers_language() {
    let server = Server::start();
    let unknown = server.get("/countries/XYZ?lang=fr");
    assert_eq!(unknown.status, 404);
    assert!(unknown.body.contains("Introuvable"), "{}", unknown.body);
    assert!(unknown.body.contains("lang=\"fr\""));
    assert_eq!(server.get("/countries/fra").status, 404);
    assert_eq!(server.get("/indicators/no.such").status, 404);
    assert_eq!(server.get("/treaties/nope").status, 404);
    assert_eq!(server.get("/no/such/page").status, 404);
    let bad_year = server.get("/indicators/ucdp.deaths?year=soon");
    assert_eq!(bad_year.status, 400);
    assert!(bad_year.body.contains("year"), "{}", bad_year.body);
    let bad_date = server.get("/treaties.json?as_of=2026-13-01");
    assert_eq!(bad_date.status, 400);
    let error: Value = serde_json::from_str(&bad_date.body).unwrap();
    assert!(
        error["error"].as_str().unwrap().contains("as_of"),
        "{error}"
    );
    assert_eq!(server.get("/?lang=de").status, 400);
    assert_eq!(
        server.get("/indicators/sipri.milex?measure=bananas").status,
        400
    );
}

#[test]
fn every_internal_link_resolves() {
    let server = Server::start();
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::from(["/".to_owned(), "/?lang=fr".to_owned()]);
    let mut broken = Vec::new();
    while let Some(path) = queue.pop_front() {
        if !seen.insert(path.clone()) {
            continue;
        }
        let reply = server.get(&path);
        if reply.status >= 400 {
            broken.push(format!("{path}: {}", reply.status));
            continue;
        }
        if !reply.content_type.starts_with("text/html") {
            continue;
        }
        for link in reply.body.split("href=\"").skip(1) {
            let href = link.split('"').next().unwrap().replace("&amp;", "&");
            let internal = href.starts_with('/') && !href.starts_with("//");
            if internal && !seen.contains(&href) {
                queue.push_back(href);
            }
        }
    }
    assert!(broken.is_empty(), "broken links: {broken:#?}");
    assert!(seen.len() > 400, "crawled only {} pages", seen.len());
    assert!(seen.contains("/countries/FRA"));
    assert!(seen.contains("/treaties/att"));
}

#[test]
fn the_openapi_document_is_valid_and_every_path_answers() {
    let server = Server::start();
    let doc = server.json("/openapi.json");
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.len() >= 9);
    for (path, item) in paths {
        let get = &item["get"];
        assert!(
            get["responses"]["200"].is_object(),
            "{path} documents its 200"
        );
        let mut concrete = path.clone();
        for parameter in get["parameters"].as_array().into_iter().flatten() {
            if parameter["in"] == "path" {
                let name = parameter["name"].as_str().unwrap();
                let example = parameter["example"]
                    .as_str()
                    .unwrap_or_else(|| panic!("{path}: path parameter {name} has an example"));
                concrete = concrete.replace(&format!("{{{name}}}"), example);
            }
        }
        let reply = server.get(&concrete);
        assert_eq!(reply.status, 200, "{concrete}: {}", reply.body);
        let declared = get["responses"]["200"]["content"]
            .as_object()
            .and_then(|c| c.keys().next().cloned())
            .unwrap_or_default();
        assert!(
            reply.content_type.starts_with(&declared),
            "{concrete}: {} instead of {declared}",
            reply.content_type
        );
        let _: Value = serde_json::from_str(&reply.body).expect("JSON as documented");
    }
    let api = server.get("/api");
    assert!(api.body.contains("/countries/{iso3}.json"));
}

#[test]
fn message_catalogues_have_the_same_keys() {
    assert_eq!(eirene_web::i18n::catalogue_gaps(), Vec::<String>::new());
}

#[test]
fn sigterm_stops_the_server_gracefully() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_eirene"))
        .args(["serve", "--bind", "127.0.0.1:0"])
        .env("EIRENE_DATA_DIR", crate::server::data().data_dir())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let ready = lines.next().unwrap().unwrap();
    assert!(ready.contains("http://127.0.0.1:"), "{ready}");
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "a graceful stop exits with 0");
    let rest: Vec<String> = lines.map(Result::unwrap).collect();
    assert!(
        rest.iter().any(|l| l.contains("Eirene stopped")),
        "{rest:?}"
    );
}
