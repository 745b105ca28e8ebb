//! `eirene treaties`: the UNTC data of 2026-02-03 loaded, questions answered at any date,
//! withdrawals recorded, bad files refused without a trace.

use serde_json::Value;

use crate::support::{Eirene, shared};

const UNTC: &str = "treaties/untc_ch26_arms_control_ratifications_2026-02-03.csv";
const OWID: &str = "treaties/owid_bio_chem_weapons_and_bwc_cwc_status_2022.csv";

/// A data directory with the UNTC scrape, OWID's BWC/CWC status and the reference actions.
fn loaded() -> Eirene {
    let eirene = Eirene::new();
    let untc = shared(UNTC);
    let owid = shared(OWID);
    eirene.ok(&[
        "treaties",
        "import",
        untc.to_str().unwrap(),
        owid.to_str().unwrap(),
        "--reference",
    ]);
    eirene
}

fn json(eirene: &Eirene, args: &[&str]) -> Value {
    let run = eirene.ok(args);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", run.stdout))
}

fn summary_of<'a>(summary: &'a Value, treaty: &str) -> &'a Value {
    summary
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["treaty"] == treaty)
        .unwrap_or_else(|| panic!("{treaty} missing from {summary}"))
}

fn state_status(eirene: &Eirene, treaty: &str, iso3: &str, as_of: &str) -> Value {
    let shown = json(
        eirene,
        &[
            "treaties", "show", treaty, "--as-of", as_of, "--format", "json",
        ],
    );
    shown["states"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["iso3"] == iso3)
        .cloned()
        .unwrap_or_else(|| panic!("{iso3} missing"))
}

#[test]
fn summary_reproduces_the_untc_counts_of_2026_02_03() {
    let eirene = loaded();
    let summary = json(
        &eirene,
        &["treaties", "--as-of", "2026-02-03", "--format", "json"],
    );
    for (treaty, bound) in [
        ("cwc", 193),
        ("ctbt", 178),
        ("apmbc", 162),
        ("ccm", 112),
        ("att", 117),
        ("tpnw", 74),
    ] {
        let row = summary_of(&summary, treaty);
        assert_eq!(row["bound"], bound, "{treaty}: {row}");
        assert_eq!(row["as_of"], "2026-02-03");
        for field in ["signatories", "parties_in_force", "withdrawn", "outside"] {
            assert!(row[field].is_u64(), "{treaty} {field}: {row}");
        }
        assert_eq!(row["basis"]["kind"], "actions");
        let sources = row["sources"].as_array().unwrap();
        assert!(
            sources.iter().any(|s| s["source"]
                .as_str()
                .unwrap()
                .ends_with("untc_ch26_arms_control_ratifications_2026-02-03.csv")
                && s["sha256"].as_str().unwrap().starts_with("a22c7f5f")),
            "{treaty}: {sources:?}"
        );
    }
    let ctbt = summary_of(&summary, "ctbt");
    assert_eq!(ctbt["in_force"], false);
    assert_eq!(
        ctbt["parties_in_force"], 0,
        "not in force: nobody is a party yet"
    );
    assert_eq!(ctbt["signatories"], 187);
    assert_eq!(ctbt["withdrawn"], 1, "Russia");
    // The BWC rests on OWID's status for 2022, without dates: said so, and no signatory count.
    let bwc = summary_of(&summary, "bwc");
    assert_eq!(bwc["basis"]["kind"], "reported_status");
    assert_eq!(bwc["basis"]["reported_for"], "2022");
    assert_eq!(bwc["bound"], 186);
    assert_eq!(bwc["signatories"], Value::Null);
    // Nothing recorded for the NPT: no invented figures.
    assert_eq!(summary_of(&summary, "npt")["basis"]["kind"], "no_records");
}

#[test]
fn status_changes_with_the_date_asked() {
    let eirene = loaded();
    // Russia's CTBT ratification is withdrawn on 2023-11-03, before the treaty is in force.
    let russia = state_status(&eirene, "ctbt", "RUS", "2023-11-02");
    assert_eq!(russia["status"], "bound");
    assert_eq!(
        state_status(&eirene, "ctbt", "RUS", "2024-01-01")["status"],
        "withdrawn"
    );
    // Andorra deposited its ATT ratification on 2022-12-02: in effect 90 days later.
    assert_eq!(
        state_status(&eirene, "att", "AND", "2023-03-01")["status"],
        "bound"
    );
    let andorra = state_status(&eirene, "att", "AND", "2023-03-02");
    assert_eq!(andorra["status"], "party");
    assert_eq!(andorra["in_force_for_state"], "2023-03-02");
    // Poland notified its Mine Ban withdrawal on 2025-08-20: still a party, withdrawal pending.
    let poland = state_status(&eirene, "apmbc", "POL", "2026-02-03");
    assert_eq!(poland["status"], "party");
    assert_eq!(poland["withdrawal_pending"], true);
    assert_eq!(poland["withdrawal_effective"], "2026-02-20");
    // Before the ATT was adopted, everyone was outside it.
    let early = json(
        &eirene,
        &[
            "treaties",
            "show",
            "att",
            "--as-of",
            "2010-01-01",
            "--format",
            "json",
        ],
    );
    assert_eq!(early["summary"]["bound"], 0);
    assert_eq!(early["summary"]["outside"], 197);
}

#[test]
fn country_gaps_and_who_is_outside() {
    let eirene = loaded();
    let lithuania = json(
        &eirene,
        &[
            "treaties",
            "country",
            "Lithuania",
            "--as-of",
            "2026-02-03",
            "--format",
            "json",
        ],
    );
    assert_eq!(lithuania["iso3"], "LTU");
    let gaps = &lithuania["gaps"];
    assert_eq!(gaps["withdrawn"], serde_json::json!(["apmbc", "ccm"]));
    assert_eq!(gaps["not_joined"], serde_json::json!(["tpnw"]));
    assert!(
        lithuania["no_records"]
            .as_array()
            .unwrap()
            .contains(&"npt".into())
    );
    // The United States signed the ATT and the CTBT without ratifying them.
    let usa = json(
        &eirene,
        &[
            "treaties",
            "country",
            "USA",
            "--as-of",
            "2026-02-03",
            "--format",
            "json",
        ],
    );
    let signed_only: Vec<&str> = usa["gaps"]["signed_not_ratified"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        signed_only.contains(&"att") && signed_only.contains(&"ctbt"),
        "{signed_only:?}"
    );
    // Who is outside the ATT: the 197 states less the 117 bound.
    let att = json(
        &eirene,
        &[
            "treaties",
            "show",
            "att",
            "--as-of",
            "2026-02-03",
            "--format",
            "json",
        ],
    );
    let outside = att["outside"].as_array().unwrap();
    assert_eq!(outside.len(), 197 - 117);
    assert!(
        outside
            .iter()
            .any(|s| s["iso3"] == "USA" && s["status"] == "signatory")
    );
    assert!(
        outside
            .iter()
            .any(|s| s["iso3"] == "RUS" && s["status"] == "outside")
    );
    assert!(!outside.iter().any(|s| s["iso3"] == "FRA"));
}

#[test]
fn a_recorded_withdrawal_takes_effect_after_its_notice_and_stays_in_history() {
    let eirene = loaded();
    let run = eirene.ok(&[
        "treaties",
        "record",
        "--state",
        "Gabon",
        "--treaty",
        "att",
        "--action",
        "withdrawal",
        "--date",
        "2026-03-01",
        "--reason",
        "test: a hypothetical notice",
        "--editor",
        "clerk",
    ]);
    assert!(
        run.stdout.contains("in effect 2026-05-30"),
        "{}",
        run.stdout
    );
    let pending = state_status(&eirene, "att", "GAB", "2026-05-29");
    assert_eq!(pending["status"], "party");
    assert_eq!(pending["withdrawal_pending"], true);
    let gone = state_status(&eirene, "att", "GAB", "2026-05-30");
    assert_eq!(gone["status"], "withdrawn");
    assert!(gone["source"].as_str().unwrap().contains("clerk"), "{gone}");
    let history = json(&eirene, &["treaties", "history", "--format", "json"]);
    let last = history.as_array().unwrap().last().unwrap();
    assert_eq!(last["operation"], "insert");
    assert_eq!(last["editor"], "clerk");
    assert_eq!(last["reason"], "test: a hypothetical notice");
    assert_eq!(last["after"]["state"], "GAB");
    // Recording it again is refused (exit 3) and changes nothing.
    let again = eirene.run(&[
        "treaties",
        "record",
        "--state",
        "GAB",
        "--treaty",
        "att",
        "--action",
        "withdrawal",
        "--date",
        "2026-03-01",
        "--reason",
        "twice",
    ]);
    assert_eq!(again.code, 3, "{}", again.stderr);
    assert!(
        again.stderr.contains("already recorded"),
        "{}",
        again.stderr
    );
}

#[test]
fn edits_name_the_revision_they_change() {
    let eirene = loaded();
    let listed = json(
        &eirene,
        &[
            "treaties", "actions", "--treaty", "ctbt", "--state", "RUS", "--format", "json",
        ],
    );
    let withdrawal = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "withdrawal")
        .unwrap();
    let id = withdrawal["id"].to_string();
    let revision = withdrawal["revision"].to_string();
    eirene.ok(&[
        "treaties",
        "edit",
        &id,
        "--revision",
        &revision,
        "--effective",
        "2023-11-03",
        "--note",
        "depositary notification",
        "--reason",
        "test edit",
        "--editor",
        "clerk",
    ]);
    let stale = eirene.run(&[
        "treaties",
        "edit",
        &id,
        "--revision",
        &revision,
        "--date",
        "2023-11-02",
        "--reason",
        "stale",
    ]);
    assert_eq!(stale.code, 3, "{}", stale.stderr);
    assert!(
        stale.stderr.contains("was changed since you read it"),
        "{}",
        stale.stderr
    );
    let history = json(&eirene, &["treaties", "history", &id, "--format", "json"]);
    let operations: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["operation"].as_str().unwrap())
        .collect();
    assert_eq!(operations, ["insert", "update"]);
    assert_eq!(history[1]["before"]["effective_override"], Value::Null);
    assert_eq!(history[1]["after"]["effective_override"], "2023-11-03");
    eirene.ok(&[
        "treaties",
        "delete",
        &id,
        "--revision",
        "2",
        "--reason",
        "test delete",
    ]);
    let history = json(&eirene, &["treaties", "history", &id, "--format", "json"]);
    assert_eq!(
        history.as_array().unwrap().len(),
        3,
        "history outlives the action"
    );
    assert_eq!(
        state_status(&eirene, "ctbt", "RUS", "2024-01-01")["status"],
        "bound"
    );
}

#[test]
fn export_and_import_round_trip() {
    let eirene = loaded();
    let exported = eirene.dir.path().join("actions.csv");
    eirene.ok(&["treaties", "export", "--out", exported.to_str().unwrap()]);
    let fresh = Eirene::new();
    fresh.ok(&["treaties", "import", exported.to_str().unwrap()]);
    let again = fresh.ok(&["treaties", "export"]);
    assert_eq!(std::fs::read_to_string(&exported).unwrap(), again.stdout);
    let before = json(
        &eirene,
        &["treaties", "--as-of", "2026-02-03", "--format", "json"],
    );
    let after = json(
        &fresh,
        &["treaties", "--as-of", "2026-02-03", "--format", "json"],
    );
    for treaty in ["att", "ctbt", "apmbc", "ccw_p5"] {
        assert_eq!(
            summary_of(&before, treaty)["bound"],
            summary_of(&after, treaty)["bound"],
            "{treaty}"
        );
    }
}

#[test]
fn a_untc_status_table_as_published_reads_like_the_scrape() {
    // The ATT status table as a spreadsheet saves it from treaties.un.org, footnote numbers and
    // all; the dates are the scrape's for these states.
    let table = "Participant\tSignature\tRatification, Acceptance(A), Approval(AA), Accession(a), Succession(d)\n\
        Afghanistan\t\t29 Jul 2020 a\n\
        Albania\t3 Jun 2013\t19 Mar 2014\n\
        Andorra\t18 Dec 2014\t2 Dec 2022\n\
        Côte d'Ivoire\t3 Jun 2013\t26 Feb 2015\n\
        Netherlands (Kingdom of the)2, 3\t3 Jun 2013\t18 Dec 2014 A\n\
        Türkiye\t2 Jul 2013\t\n";
    let eirene = Eirene::new();
    let path = eirene.dir.path().join("att-status.tsv");
    std::fs::write(&path, table).unwrap();
    eirene.ok(&[
        "treaties",
        "import",
        path.to_str().unwrap(),
        "--treaty",
        "att",
    ]);
    let mine = json(&eirene, &["treaties", "actions", "--format", "json"]);
    let scrape = loaded();
    let theirs = json(
        &scrape,
        &["treaties", "actions", "--treaty", "att", "--format", "json"],
    );
    let key = |a: &Value| format!("{} {} {}", a["state"], a["kind"], a["deposited"]);
    let mine: Vec<String> = mine.as_array().unwrap().iter().map(key).collect();
    assert_eq!(mine.len(), 10);
    let theirs: Vec<String> = theirs.as_array().unwrap().iter().map(key).collect();
    for action in &mine {
        if action.contains("NLD") && !action.contains("signature") {
            assert!(action.contains("acceptance"), "{action}");
            // UNTC marks the Netherlands' instrument "A" (acceptance); the scrape calls it an
            // accession.
            continue;
        }
        assert!(theirs.contains(action), "{action} not in the scrape");
    }
}

#[test]
fn a_malformed_file_is_refused_whole_with_every_problem_named() {
    let eirene = loaded();
    let before = eirene.ok(&["treaties", "export"]).stdout;
    let path = eirene.dir.path().join("bad.csv");
    std::fs::write(
        &path,
        "state,treaty,action,deposited,source\n\
         ALB,att,withdrawal,2026-01-01,ok row\n\
         Atlantis,att,ratification,2020-01-01,x\n\
         FRA,att,ratification,2023-02-30,x\n\
         FRA,att,ratifikation,2020-01-01,x\n\
         DEU,unknown_treaty,ratification,2020-01-01,x\n\
         ALB,att,withdrawal,2026-01-01,duplicate\n",
    )
    .unwrap();
    let run = eirene.run(&["treaties", "import", path.to_str().unwrap()]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    for expected in [
        "bad.csv:3: column 1 (state): unknown country \"Atlantis\"",
        "bad.csv:4: column 4 (deposited): bad date \"2023-02-30\"",
        "bad.csv:5: column 3 (action): unknown action \"ratifikation\"",
        "bad.csv:6: column 2 (treaty): unknown treaty \"unknown_treaty\"",
        "bad.csv:7: duplicate row",
        "5 rejected value(s)",
        "nothing was written",
    ] {
        assert!(
            run.stderr.contains(expected),
            "{expected:?} not in:\n{}",
            run.stderr
        );
    }
    assert_eq!(
        eirene.ok(&["treaties", "export"]).stdout,
        before,
        "nothing changed"
    );
    // A UNTC table with an unknown suffix is refused the same way.
    let untc = eirene.dir.path().join("untc.tsv");
    std::fs::write(
        &untc,
        "Participant\tSignature\tRatification, Acceptance(A), Approval(AA), Accession(a), Succession(d)\n\
         Albania\t3 Jun 2013\t19 Mar 2014 x\n",
    )
    .unwrap();
    let run = eirene.run(&[
        "treaties",
        "import",
        untc.to_str().unwrap(),
        "--treaty",
        "att",
    ]);
    assert_eq!(run.code, 3);
    assert!(
        run.stderr.contains("untc.tsv:2: column 3"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("unknown action suffix \"x\""),
        "{}",
        run.stderr
    );
}

#[test]
fn concurrent_records_from_separate_processes_are_all_kept() {
    let eirene = Eirene::new();
    eirene.ok(&["treaties", "registry", "att"]); // creates the database
    let states = ["FRA", "DEU", "ITA", "ESP", "PRT", "BEL"];
    std::thread::scope(|scope| {
        for state in states {
            let eirene = &eirene;
            scope.spawn(move || {
                for day in 1..=5 {
                    let date = format!("2020-01-{day:02}");
                    eirene.ok(&[
                        "treaties",
                        "record",
                        "--state",
                        state,
                        "--treaty",
                        "ccm",
                        "--action",
                        "signature",
                        "--date",
                        &date,
                        "--reason",
                        "concurrency test",
                    ]);
                }
            });
        }
    });
    let actions = json(&eirene, &["treaties", "actions", "--format", "json"]);
    assert_eq!(actions.as_array().unwrap().len(), states.len() * 5);
    let history = json(&eirene, &["treaties", "history", "--format", "json"]);
    assert_eq!(history.as_array().unwrap().len(), states.len() * 5);
}

#[test]
fn timeline_counts_parties_per_year() {
    let eirene = loaded();
    let timeline = json(
        &eirene,
        &["treaties", "timeline", "apmbc", "--format", "json"],
    );
    let year = |y: i64| {
        timeline
            .as_array()
            .unwrap()
            .iter()
            .find(|row| row["year"] == y)
            .cloned()
            .unwrap()
    };
    assert_eq!(year(1998)["parties_in_force"], 0, "in force 1999-03-01");
    assert!(year(1999)["parties_in_force"].as_u64().unwrap() > 0);
    assert_eq!(
        year(2025)["withdrawals"],
        3,
        "Estonia, Latvia, Lithuania on 2025-12-27"
    );
    assert_eq!(
        year(2026)["withdrawals"],
        2,
        "Finland on 2026-01-10, Poland on 2026-02-20"
    );
    let bound: Vec<u64> = (1999..=2024)
        .map(|y| year(y)["bound"].as_u64().unwrap())
        .collect();
    assert!(
        bound.windows(2).all(|w| w[0] <= w[1]),
        "no withdrawals before 2025: {bound:?}"
    );
}
