//! The records database on a SQLite file: imports (counts, idempotence, all-or-nothing, exact
//! round trip of every field), the history of manual edits, stale and concurrent edits, and the
//! Eirene CSV export read back into a fresh database.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;
use std::sync::Arc;

use eirene_ingest::error::IngestError;

use super::*;
use crate::StatusFact;
use crate::action::{ActionKind, Provenance};
use crate::import::Layout;
use crate::records::{Edit, HistoryEntry, ImportOutcome, ImportRecord, Records, RecordsError};
use crate::status::Status;

type Key = (String, String, ActionKind, NaiveDate);

fn key(action: &Action) -> Key {
    (
        action.state.clone(),
        action.treaty.clone(),
        action.kind,
        action.deposited,
    )
}

fn sorted(mut actions: Vec<Action>) -> Vec<Action> {
    actions.sort_by_key(key);
    actions
}

async fn open(dir: &tempfile::TempDir) -> Records {
    Records::open_sqlite(&dir.path().join("records.db"))
        .await
        .expect("the records database opens")
}

async fn stored(records: &Records) -> Vec<Action> {
    let rows = records.actions(None, None).await.unwrap();
    rows.into_iter().map(|s| s.action).collect()
}

/// Everything the database holds, to show that a refused operation changed nothing.
#[derive(Debug, PartialEq)]
struct Snapshot {
    actions: Vec<crate::records::StoredAction>,
    history: Vec<HistoryEntry>,
    imports: Vec<ImportRecord>,
    facts: Vec<StatusFact>,
}

async fn snapshot(records: &Records) -> Snapshot {
    Snapshot {
        actions: records.actions(None, None).await.unwrap(),
        history: records.history(None).await.unwrap(),
        imports: records.imports().await.unwrap(),
        facts: records.facts(None).await.unwrap(),
    }
}

fn imported(outcome: ImportOutcome) -> ImportRecord {
    match outcome {
        ImportOutcome::Imported(record) => record,
        other => panic!("expected a new import, got {other:?}"),
    }
}

fn edit(editor: &str, reason: &str) -> Edit {
    Edit {
        editor: editor.to_owned(),
        reason: reason.to_owned(),
    }
}

/// A hand-entered action with every optional field filled.
fn manual(state: &str, treaty: &str, kind: ActionKind, deposited: &str) -> Action {
    Action {
        state: state.to_owned(),
        treaty: treaty.to_owned(),
        kind,
        deposited: date(deposited),
        effective_override: Some(date("2027-06-13")),
        override_note: Some("date of effect stated in the depositary notification".to_owned()),
        declarations: Some(
            "Déclaration: \"interprétative\", with a comma\nand a second line".to_owned(),
        ),
        provenance: Provenance {
            source: "https://treaties.un.org/doc/Publication/CN/2027/CN.123.2027-Eng.pdf"
                .to_owned(),
            sha256: None,
            line: None,
            editor: Some("alice".to_owned()),
            reason: Some("notification C.N.123.2027".to_owned()),
        },
    }
}

fn json(action: &Action) -> serde_json::Value {
    serde_json::to_value(action).unwrap()
}

fn write_csv(actions: &[Action], path: &Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    import::write_eirene_csv(actions, &mut bytes).unwrap();
    std::fs::write(path, &bytes).unwrap();
    bytes
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn imports_count_new_and_known_actions_and_keep_every_field() {
    let dir = tempfile::tempdir().unwrap();
    let records = open(&dir).await;
    let scrape = untc_scrape();
    let reference = reference_actions();

    let first = imported(records.import(&scrape, "tester").await.unwrap());
    assert_eq!(first.file, "untc.csv");
    assert_eq!(first.sha256, scrape.sha256);
    assert_eq!(first.layout, "untc-scraped");
    assert_eq!(first.editor, "tester");
    assert_eq!(first.actions_added, scrape.actions.len() as i64);
    assert_eq!((first.actions_known, first.facts_added), (0, 0));

    let scrape_keys: HashSet<Key> = scrape.actions.iter().map(key).collect();
    let (known, new): (Vec<&Action>, Vec<&Action>) = reference
        .actions
        .iter()
        .partition(|a| scrape_keys.contains(&key(a)));
    let second = imported(records.import(&reference, "tester").await.unwrap());
    assert_eq!(second.layout, "eirene");
    assert_eq!(second.actions_added, new.len() as i64);
    assert_eq!(second.actions_known, known.len() as i64);
    assert_eq!(reference.actions.len(), 15, "reference/actions.csv rows");
    assert!(second.actions_added > 0);

    // A file that repeats two scraped actions, with other provenance, and adds one: the two are
    // counted as known and kept as first recorded.
    let mut repeated: Vec<Action> = scrape.actions[..2].to_vec();
    for action in &mut repeated {
        action.declarations = Some("a later, different copy".to_owned());
        action.provenance.source = "elsewhere.pdf".to_owned();
    }
    let extra = manual("NZL", "att", ActionKind::Signature, "2027-01-10");
    repeated.push(extra.clone());
    let path = dir.path().join("more.csv");
    write_csv(&repeated, &path);
    let more = import::read(&path, "more.csv", &Default::default()).unwrap();
    assert_eq!(
        more.actions, repeated,
        "the written file reads back as written"
    );
    let third = imported(records.import(&more, "bob").await.unwrap());
    assert_eq!((third.actions_added, third.actions_known), (1, 2));
    assert!(first.id < second.id && second.id < third.id);

    // Every field of every recorded action, exactly as read.
    let mut expected = scrape.actions.clone();
    expected.extend(new.into_iter().cloned());
    expected.push(extra);
    let rows = records.actions(None, None).await.unwrap();
    assert_eq!(
        sorted(rows.iter().map(|s| s.action.clone()).collect()),
        sorted(expected.clone())
    );
    assert!(rows.iter().all(|s| s.revision == 1));
    let ids: BTreeSet<i64> = rows.iter().map(|s| s.id).collect();
    assert_eq!(ids.len(), rows.len());

    // Filters: one treaty, one state, ordered by date.
    let lithuania = records.actions(Some("apmbc"), Some("LTU")).await.unwrap();
    let kinds: Vec<(ActionKind, NaiveDate)> = lithuania
        .iter()
        .map(|s| (s.action.kind, s.action.deposited))
        .collect();
    assert_eq!(
        kinds,
        [
            (ActionKind::Signature, date("1999-02-26")),
            (ActionKind::Ratification, date("2003-05-12")),
            (ActionKind::Withdrawal, date("2025-06-27")),
        ]
    );
    let att = records.actions(Some("att"), None).await.unwrap();
    assert_eq!(
        att.len(),
        expected.iter().filter(|a| a.treaty == "att").count()
    );

    // One insert per recorded action, naming its import; nothing for the known ones.
    let history = records.history(None).await.unwrap();
    assert_eq!(history.len(), rows.len());
    let by_id: BTreeMap<i64, &HistoryEntry> = history.iter().map(|h| (h.action_id, h)).collect();
    assert_eq!(by_id.keys().copied().collect::<BTreeSet<_>>(), ids);
    // The import each action was first read from.
    let mut origin: BTreeMap<Key, (&ImportRecord, &import::Imported)> = BTreeMap::new();
    for (import, file) in [(&first, &scrape), (&second, &reference), (&third, &more)] {
        for action in &file.actions {
            origin.entry(key(action)).or_insert((import, file));
        }
    }
    for row in &rows {
        let entry = by_id[&row.id];
        let (import, file) = origin[&key(&row.action)];
        assert!(file.actions.contains(&row.action));
        assert_eq!(entry.operation, "insert");
        assert_eq!(entry.editor, import.editor);
        assert_eq!(
            entry.reason,
            format!(
                "import #{} of {} (sha256 {})",
                import.id, file.file, file.sha256
            )
        );
        assert_eq!(entry.before, None);
        assert_eq!(entry.after, Some(json(&row.action)));
        assert!(
            chrono::DateTime::parse_from_rfc3339(&entry.at).is_ok(),
            "{}",
            entry.at
        );
    }

    // The same file again: nothing new, and the first import reported.
    let before = snapshot(&records).await;
    let again = records
        .import(&untc_scrape(), "someone else")
        .await
        .unwrap();
    assert_eq!(again, ImportOutcome::AlreadyImported(first.clone()));
    assert_eq!(snapshot(&records).await, before);
    assert_eq!(records.imports().await.unwrap(), [first, second, third]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_malformed_file_is_refused_with_every_problem_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let records = open(&dir).await;
    imported(
        records
            .import(&reference_actions(), "tester")
            .await
            .unwrap(),
    );
    let before = snapshot(&records).await;

    let (_file, path) = write_temp(
        "bad.csv",
        "state,treaty,action,deposited\n\
         FRA,att,ratification,2014-04-02\n\
         Atlantis,att,ratification,2014-04-02\n\
         DEU,att,ratification,2023-02-30\n\
         ITA,att,ratifikation,2014-04-02\n\
         FRA,att,ratification,2014-04-02\n\
         NGA,att,ratification,2013-08-12\n",
    );
    let error = import::read(&path, "bad.csv", &Default::default()).unwrap_err();
    let messages = error.messages();
    let expected = [
        "bad.csv:3: column 1 (state): unknown country \"Atlantis\"",
        "bad.csv:4: column 4 (deposited): bad date \"2023-02-30\"",
        "bad.csv:5: column 3 (action): unknown action \"ratifikation\"",
        "bad.csv:6: duplicate row: FRA ratification of att on 2014-04-02 is already on line 2",
    ];
    assert_eq!(messages.len(), expected.len(), "{messages:#?}");
    for (message, start) in messages.iter().zip(expected) {
        assert!(
            message.starts_with(start),
            "{message:?} should start with {start:?}"
        );
    }
    match &error {
        IngestError::Rows { file, total, .. } => {
            assert_eq!((file.as_str(), *total), ("bad.csv", 4))
        }
        other => panic!("expected row problems, got {other:?}"),
    }
    assert_eq!(snapshot(&records).await, before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_that_fails_in_the_database_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let records = open(&dir).await;
    imported(
        records
            .import(&reference_actions(), "tester")
            .await
            .unwrap(),
    );
    let before = snapshot(&records).await;

    // Valid in Rust, refused by SQL at the very end: the same fact twice for one import.
    let first = manual("NZL", "att", ActionKind::Ratification, "2027-03-15");
    let second = manual("NGA", "att", ActionKind::Ratification, "2027-02-01");
    let fact = StatusFact {
        state: "NZL".to_owned(),
        treaty: "bwc".to_owned(),
        status: Status::Party,
        reported: "ratified".to_owned(),
        reported_for: "2022".to_owned(),
        as_of: date("2022-01-01"),
        provenance: Provenance {
            source: "owid.csv".to_owned(),
            sha256: Some("ab".repeat(32)),
            line: Some(2),
            editor: None,
            reason: None,
        },
    };
    let mut file = import::Imported {
        layout: Layout::Eirene,
        file: "half.csv".to_owned(),
        sha256: "cd".repeat(32),
        actions: vec![first.clone(), second.clone()],
        facts: vec![fact.clone(), fact.clone()],
    };
    let error = records.import(&file, "tester").await.unwrap_err();
    assert!(matches!(error, RecordsError::Database(_)), "{error:?}");
    assert_eq!(
        snapshot(&records).await,
        before,
        "no action, history, import or fact kept"
    );

    // The write lock is released: a hand entry and the corrected file go through.
    let id = records
        .record(&first, &edit("alice", "by hand"))
        .await
        .unwrap();
    file.facts.pop();
    let record = imported(records.import(&file, "tester").await.unwrap());
    assert_eq!(
        (
            record.actions_added,
            record.actions_known,
            record.facts_added
        ),
        (1, 1, 1)
    );
    assert_eq!(records.action(id).await.unwrap().action, first);
    assert_eq!(records.facts(Some("bwc")).await.unwrap(), [fact]);
    assert_eq!(stored(&records).await.len(), before.actions.len() + 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edits_keep_their_history_and_stale_edits_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let records = open(&dir).await;
    let original = manual("NZL", "att", ActionKind::Ratification, "2027-03-15");
    let id = records
        .record(&original, &edit("alice", "notification C.N.123.2027"))
        .await
        .unwrap();
    let row = records.action(id).await.unwrap();
    assert_eq!((row.id, row.revision, &row.action), (id, 1, &original));
    let history = records.history(Some(id)).await.unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(
        (
            history[0].operation.as_str(),
            history[0].editor.as_str(),
            history[0].reason.as_str()
        ),
        ("insert", "alice", "notification C.N.123.2027")
    );
    assert_eq!(
        (&history[0].before, &history[0].after),
        (&None, &Some(json(&original)))
    );

    // An update at the revision read.
    let changed = Action {
        deposited: date("2027-03-16"),
        effective_override: None,
        override_note: None,
        declarations: None,
        provenance: Provenance {
            editor: Some("bob".to_owned()),
            ..original.provenance.clone()
        },
        ..original.clone()
    };
    let updated = records
        .update(id, 1, &changed, &edit("bob", "the deposit was on the 3rd"))
        .await
        .unwrap();
    assert_eq!(
        (updated.id, updated.revision, &updated.action),
        (id, 2, &changed)
    );
    assert_eq!(records.action(id).await.unwrap(), updated);
    let history = records.history(Some(id)).await.unwrap();
    assert_eq!(history.len(), 2);
    let update = &history[1];
    assert_eq!(
        (
            update.action_id,
            update.operation.as_str(),
            update.editor.as_str()
        ),
        (id, "update", "bob")
    );
    assert_eq!(update.reason, "the deposit was on the 3rd");
    assert_eq!(update.before, Some(json(&original)));
    assert_eq!(update.after, Some(json(&changed)));

    // A stale update or delete: refused, nothing changed.
    let before = snapshot(&records).await;
    let stale = Action {
        declarations: Some("carol's version".to_owned()),
        ..original.clone()
    };
    match records.update(id, 1, &stale, &edit("carol", "stale")).await {
        Err(RecordsError::Conflict {
            id: conflict,
            expected,
            current,
        }) => assert_eq!((conflict, expected, current), (id, 1, 2)),
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert!(matches!(
        records.delete(id, 1, &edit("carol", "stale")).await,
        Err(RecordsError::Conflict { current: 2, .. })
    ));
    assert_eq!(snapshot(&records).await, before);

    // An update onto another action's key: a duplicate, nothing changed.
    let other = manual("NZL", "att", ActionKind::Signature, "2027-01-10");
    let other_id = records
        .record(&other, &edit("alice", "signature"))
        .await
        .unwrap();
    let before = snapshot(&records).await;
    let onto = Action {
        kind: ActionKind::Ratification,
        deposited: changed.deposited,
        ..other.clone()
    };
    match records
        .update(other_id, 1, &onto, &edit("dave", "typo"))
        .await
    {
        Err(RecordsError::Duplicate {
            id: existing,
            state,
            treaty,
            kind,
            deposited,
        }) => assert_eq!(
            (existing, state.as_str(), treaty.as_str(), kind, deposited),
            (
                id,
                "NZL",
                "att",
                ActionKind::Ratification,
                changed.deposited
            )
        ),
        other => panic!("expected a duplicate, got {other:?}"),
    }
    assert_eq!(snapshot(&records).await, before);

    // A delete at the current revision: the action goes, its history stays.
    records
        .delete(id, 2, &edit("erin", "recorded twice"))
        .await
        .unwrap();
    assert!(matches!(records.action(id).await, Err(RecordsError::NotFound(n)) if n == id));
    assert_eq!(stored(&records).await, [other]);
    let history = records.history(Some(id)).await.unwrap();
    let operations: Vec<&str> = history.iter().map(|h| h.operation.as_str()).collect();
    assert_eq!(operations, ["insert", "update", "delete"]);
    let delete = &history[2];
    assert_eq!(
        (delete.editor.as_str(), delete.reason.as_str()),
        ("erin", "recorded twice")
    );
    assert_eq!(
        (&delete.before, &delete.after),
        (&Some(json(&changed)), &None)
    );
    assert!(matches!(
        records.update(id, 3, &changed, &edit("erin", "again")).await,
        Err(RecordsError::NotFound(n)) if n == id
    ));
    assert!(matches!(
        records.delete(id, 3, &edit("erin", "again")).await,
        Err(RecordsError::NotFound(n)) if n == id
    ));
    assert_eq!(records.history(None).await.unwrap().len(), 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn recording_an_action_twice_names_the_existing_one() {
    let dir = tempfile::tempdir().unwrap();
    let records = open(&dir).await;
    let scrape = untc_scrape();
    imported(records.import(&scrape, "tester").await.unwrap());

    let action = manual("NZL", "att", ActionKind::Ratification, "2027-03-15");
    let id = records
        .record(&action, &edit("alice", "first"))
        .await
        .unwrap();
    let before = snapshot(&records).await;
    // Same key, other details: still the same action.
    let again = Action {
        declarations: None,
        provenance: Provenance::default(),
        ..action.clone()
    };
    match records.record(&again, &edit("bob", "second")).await {
        Err(RecordsError::Duplicate {
            id: existing,
            state,
            treaty,
            kind,
            deposited,
        }) => assert_eq!(
            (existing, state, treaty, kind, deposited),
            (
                id,
                action.state.clone(),
                action.treaty.clone(),
                action.kind,
                action.deposited
            )
        ),
        other => panic!("expected a duplicate, got {other:?}"),
    }
    // An imported action entered by hand.
    let scraped = scrape.actions.iter().find(|a| a.treaty == "cwc").unwrap();
    let scraped_id = records
        .actions(Some("cwc"), Some(&scraped.state))
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.action == *scraped)
        .unwrap()
        .id;
    assert!(matches!(
        records.record(scraped, &edit("bob", "by hand")).await,
        Err(RecordsError::Duplicate { id, .. }) if id == scraped_id
    ));
    assert_eq!(snapshot(&records).await, before);
}

/// Ten distinct signatures of state `who` on the ATT.
fn batch(who: usize) -> Vec<Action> {
    const STATES: [&str; 8] = ["FRA", "DEU", "NGA", "BRA", "NZL", "JPN", "MEX", "GHA"];
    (0..10)
        .map(|day| Action {
            effective_override: None,
            ..manual(
                STATES[who],
                "att",
                ActionKind::Signature,
                &format!("2027-06-{:02}", day + 3),
            )
        })
        .collect()
}

async fn record_all(records: Records, actions: Vec<Action>, who: usize) -> Vec<i64> {
    let mut ids = Vec::new();
    for action in &actions {
        let reason = format!("writer {who}");
        ids.push(
            records
                .record(action, &edit("writer", &reason))
                .await
                .unwrap(),
        );
    }
    ids
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_writers_lose_no_action() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("records.db");
    let first = Records::open_sqlite(&path).await.unwrap();

    // Four writers as tasks of this runtime, four as threads with their own runtime; each has
    // its own pool on the same file.
    let mut tasks = Vec::new();
    for who in 0..4 {
        let records = Records::open_sqlite(&path).await.unwrap();
        tasks.push(tokio::spawn(record_all(records, batch(who), who)));
    }
    let threads: Vec<_> = (4..8)
        .map(|who| {
            let path = path.clone();
            std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(1)
                    .enable_all()
                    .build()
                    .unwrap();
                runtime.block_on(async move {
                    let records = Records::open_sqlite(&path).await.unwrap();
                    record_all(records, batch(who), who).await
                })
            })
        })
        .collect();
    let mut ids = BTreeSet::new();
    for task in tasks {
        ids.extend(task.await.unwrap());
    }
    for thread in threads {
        ids.extend(thread.join().unwrap());
    }
    assert_eq!(ids.len(), 80, "distinct ids");

    let rows = first.actions(Some("att"), None).await.unwrap();
    assert_eq!(rows.len(), 80);
    assert_eq!(rows.iter().map(|s| s.id).collect::<BTreeSet<_>>(), ids);
    let expected: Vec<Action> = (0..8).flat_map(batch).collect();
    assert_eq!(
        sorted(rows.into_iter().map(|s| s.action).collect()),
        sorted(expected)
    );
    let history = first.history(None).await.unwrap();
    assert_eq!(history.len(), 80);
    assert!(history.iter().all(|h| h.operation == "insert"));
    assert_eq!(
        history.iter().map(|h| h.action_id).collect::<BTreeSet<_>>(),
        ids
    );
    for who in 0..8 {
        let reason = format!("writer {who}");
        assert_eq!(history.iter().filter(|h| h.reason == reason).count(), 10);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn of_two_concurrent_edits_at_one_revision_exactly_one_wins() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("records.db");
    let first = Records::open_sqlite(&path).await.unwrap();
    let second = Records::open_sqlite(&path).await.unwrap();
    let original = manual("NZL", "att", ActionKind::Ratification, "2027-03-15");
    let id = first
        .record(&original, &edit("alice", "entered"))
        .await
        .unwrap();

    let mut current = original.clone();
    for round in 1..=10_i64 {
        let barrier = Arc::new(tokio::sync::Barrier::new(2));
        let edits = [(&first, "left"), (&second, "right")].map(|(records, side)| {
            let (records, barrier) = (records.clone(), barrier.clone());
            let changed = Action {
                declarations: Some(format!("{side} {round}")),
                ..original.clone()
            };
            tokio::spawn(async move {
                barrier.wait().await;
                let result = records
                    .update(id, round, &changed, &edit(side, "concurrent edit"))
                    .await;
                (changed, result)
            })
        });
        let mut winners = Vec::new();
        for task in edits {
            let (changed, result) = task.await.unwrap();
            match result {
                Ok(stored) => {
                    assert_eq!((stored.revision, &stored.action), (round + 1, &changed));
                    winners.push(changed);
                }
                Err(RecordsError::Conflict {
                    id: conflict,
                    expected,
                    current,
                }) => assert_eq!((conflict, expected, current), (id, round, round + 1)),
                Err(other) => panic!("round {round}: {other}"),
            }
        }
        assert_eq!(winners.len(), 1, "round {round}: exactly one edit applies");
        let row = first.action(id).await.unwrap();
        assert_eq!((row.revision, &row.action), (round + 1, &winners[0]));
        let history = second.history(Some(id)).await.unwrap();
        assert_eq!(history.len() as i64, round + 1);
        let last = history.last().unwrap();
        assert_eq!(last.before, Some(json(&current)));
        assert_eq!(last.after, Some(json(&winners[0])));
        current = winners.remove(0);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_and_reimport_give_the_same_actions_and_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let records = open(&dir).await;
    imported(records.import(&untc_scrape(), "tester").await.unwrap());
    imported(
        records
            .import(&reference_actions(), "tester")
            .await
            .unwrap(),
    );
    records
        .record(
            &manual("NZL", "att", ActionKind::Ratification, "2027-03-15"),
            &edit("alice", "by hand"),
        )
        .await
        .unwrap();
    let actions = stored(&records).await;

    let path = dir.path().join("export.csv");
    let bytes = write_csv(&actions, &path);
    let read = import::read(&path, "export.csv", &Default::default()).unwrap();
    assert_eq!(read.layout, Layout::Eirene);
    assert_eq!(read.actions, actions, "every field, in order");

    let fresh_dir = tempfile::tempdir().unwrap();
    let fresh = open(&fresh_dir).await;
    let record = imported(fresh.import(&read, "tester").await.unwrap());
    assert_eq!(
        (record.actions_added, record.actions_known),
        (actions.len() as i64, 0)
    );
    let again = stored(&fresh).await;
    assert_eq!(again, actions);

    let path = fresh_dir.path().join("export.csv");
    assert_eq!(write_csv(&again, &path), bytes, "the same bytes");
    let mut header = bytes.split(|b| *b == b'\n').next().unwrap().to_vec();
    header.push(b'\n');
    assert_eq!(
        String::from_utf8(header).unwrap(),
        format!("{}\n", import::EIRENE_CSV_HEADER.join(","))
    );
}
