//! The records database: treaty actions and status facts, editable, with every change kept.
//!
//! SQLite, embedded, by default; all access goes through sqlx's `Any` driver with portable SQL
//! (numbered `$n` parameters, ISO dates as text, `RETURNING`), so PostgreSQL can be added as a
//! second set of migrations. Writes run in transactions that take the write lock first
//! (`BEGIN IMMEDIATE` in SQLite), so concurrent edits queue instead of overwriting each other,
//! and an edit names the revision it was based on, so a stale edit is refused, not applied.

use std::path::Path;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Executor, Row};

use crate::action::{Action, ActionKind, Provenance, StatusFact};
use crate::import::Imported;
use crate::registry::Registry;

/// The records database's file name in a data directory.
pub const RECORDS_FILE: &str = "records.sqlite";

/// The database's migrations, applied in order at every start.
static MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// Why a records operation failed.
#[derive(Debug, thiserror::Error)]
pub enum RecordsError {
    /// The database refused or failed.
    #[error("records database: {0}")]
    Database(#[from] sqlx::Error),
    /// The migrations could not be applied.
    #[error("records database migration: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    /// No action with this id.
    #[error("no action with id {0}")]
    NotFound(i64),
    /// The action changed since the editor read it.
    #[error(
        "action {id} was changed since you read it (you edited revision {expected}, it is now at \
         revision {current}); look at `eirene treaties history {id}` and try again"
    )]
    Conflict {
        /// The action.
        id: i64,
        /// The revision the edit was based on.
        expected: i64,
        /// The revision in the database.
        current: i64,
    },
    /// The action is already recorded.
    #[error("already recorded as action {id}: {state} {kind} of {treaty} on {deposited}")]
    Duplicate {
        /// The existing action.
        id: i64,
        /// Its state.
        state: String,
        /// Its treaty.
        treaty: String,
        /// Its kind.
        kind: ActionKind,
        /// Its date.
        deposited: NaiveDate,
    },
    /// The action names a treaty the registry does not know.
    #[error("unknown treaty {0:?}")]
    UnknownTreaty(String),
    /// A stored value Eirene did not write (edited by hand in the database).
    #[error("records database: action {id}: {reason}")]
    Corrupt {
        /// The row.
        id: i64,
        /// What is wrong.
        reason: String,
    },
}

/// Who makes a change and why: every change to an action carries both.
#[derive(Debug, Clone)]
pub struct Edit {
    /// The editor's name.
    pub editor: String,
    /// The reason, in a sentence.
    pub reason: String,
}

/// An action as stored: its id and revision, for later edits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredAction {
    /// Row id.
    pub id: i64,
    /// Bumped by every edit.
    pub revision: i64,
    /// The action.
    #[serde(flatten)]
    pub action: Action,
}

/// One change of one action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryEntry {
    /// The action.
    pub action_id: i64,
    /// insert, update or delete.
    pub operation: String,
    /// When (RFC 3339, UTC).
    pub at: String,
    /// Who.
    pub editor: String,
    /// Why.
    pub reason: String,
    /// The action before (none for an insert).
    pub before: Option<serde_json::Value>,
    /// The action after (none for a delete).
    pub after: Option<serde_json::Value>,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportRecord {
    /// Import id.
    pub id: i64,
    /// The file as the user named it.
    pub file: String,
    /// Its SHA-256.
    pub sha256: String,
    /// The layout it was read as.
    pub layout: String,
    /// When.
    pub imported_at: String,
    /// Who.
    pub editor: String,
    /// New actions.
    pub actions_added: i64,
    /// Actions of the file that were already recorded (from an earlier file or by hand).
    pub actions_known: i64,
    /// New status facts.
    pub facts_added: i64,
}

/// What [`Records::import`] did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ImportOutcome {
    /// The file was imported.
    Imported(ImportRecord),
    /// The same file (same bytes, same layout) was imported before; nothing changed.
    AlreadyImported(ImportRecord),
}

/// The records database.
#[derive(Debug, Clone)]
pub struct Records {
    pool: AnyPool,
}

impl Records {
    /// Opens (creating it if needed) the SQLite database at `path` and applies the migrations.
    pub async fn open_sqlite(path: &Path) -> Result<Records, RecordsError> {
        sqlx::any::install_default_drivers();
        let url = format!("sqlite://{}?mode=rwc", path.display());
        let pool = AnyPoolOptions::new()
            .max_connections(4)
            .after_connect(|conn, _| {
                Box::pin(async move {
                    // WAL: readers never wait for the writer; foreign keys: imports must exist.
                    conn.execute("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;")
                        .await?;
                    Ok(())
                })
            })
            .connect(&url)
            .await?;
        MIGRATIONS.run(&pool).await?;
        Ok(Records { pool })
    }

    /// Folds the write-ahead log into the database file, then closes the connections, so that a
    /// command leaves the database file holding everything, unchanged when nothing was written.
    /// SQLite folds the log itself when its last connection closes, but connections closing
    /// together may each see another still open, and the log then outlives the command.
    pub async fn close(self) {
        // A checkpoint another process blocks (a server reading) is no failure: the log stays
        // valid, and that process folds it when it closes.
        let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&self.pool)
            .await;
        self.pool.close().await;
    }

    /// Starts a write transaction holding the write lock from its first statement.
    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, RecordsError> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }

    /// Imports a checked file in one transaction: all of it or, on any failure, nothing. Actions
    /// already recorded (same state, treaty, action and date) are kept as they are and counted.
    pub async fn import(
        &self,
        imported: &Imported,
        editor: &str,
    ) -> Result<ImportOutcome, RecordsError> {
        let mut tx = self.begin_write().await?;
        let earlier = sqlx::query("SELECT * FROM imports WHERE sha256 = $1 AND layout = $2")
            .bind(&imported.sha256)
            .bind(imported.layout.as_str())
            .fetch_optional(&mut *tx)
            .await?;
        if let Some(row) = earlier {
            let record = import_record(&row)?;
            tx.rollback().await?;
            return Ok(ImportOutcome::AlreadyImported(record));
        }
        let now = now();
        let import_id: i64 = sqlx::query_scalar(
            "INSERT INTO imports (file, sha256, layout, imported_at, editor, actions_added, \
             actions_known, facts_added) VALUES ($1, $2, $3, $4, $5, 0, 0, 0) RETURNING id",
        )
        .bind(&imported.file)
        .bind(&imported.sha256)
        .bind(imported.layout.as_str())
        .bind(&now)
        .bind(editor)
        .fetch_one(&mut *tx)
        .await?;
        let edit = Edit {
            editor: editor.to_owned(),
            reason: format!(
                "import #{import_id} of {} (sha256 {})",
                imported.file, imported.sha256
            ),
        };
        let (mut added, mut known) = (0_i64, 0_i64);
        for action in &imported.actions {
            match insert_action(&mut tx, action, Some(import_id)).await? {
                Some(id) => {
                    added += 1;
                    log(&mut tx, id, "insert", &edit, None, Some(action), &now).await?;
                }
                None => known += 1,
            }
        }
        for fact in &imported.facts {
            insert_fact(&mut tx, fact, import_id).await?;
        }
        let facts = imported.facts.len() as i64;
        sqlx::query(
            "UPDATE imports SET actions_added = $1, actions_known = $2, facts_added = $3 \
             WHERE id = $4",
        )
        .bind(added)
        .bind(known)
        .bind(facts)
        .bind(import_id)
        .execute(&mut *tx)
        .await?;
        let row = sqlx::query("SELECT * FROM imports WHERE id = $1")
            .bind(import_id)
            .fetch_one(&mut *tx)
            .await?;
        let record = import_record(&row)?;
        tx.commit().await?;
        Ok(ImportOutcome::Imported(record))
    }

    /// Records one action by hand. Refused if the same action is already recorded.
    pub async fn record(&self, action: &Action, edit: &Edit) -> Result<i64, RecordsError> {
        let action = &canonical(action)?;
        let mut tx = self.begin_write().await?;
        let Some(id) = insert_action(&mut tx, action, None).await? else {
            let existing = find_key(&mut tx, action).await?;
            return Err(duplicate(existing));
        };
        log(&mut tx, id, "insert", edit, None, Some(action), &now()).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Replaces action `id` with `changed`, if it is still at revision `expected`.
    pub async fn update(
        &self,
        id: i64,
        expected: i64,
        changed: &Action,
        edit: &Edit,
    ) -> Result<StoredAction, RecordsError> {
        let changed = &canonical(changed)?;
        let mut tx = self.begin_write().await?;
        let before = current(&mut tx, id, expected).await?;
        let result = sqlx::query(
            "UPDATE actions SET state = $1, treaty = $2, kind = $3, deposited = $4, \
             effective_override = $5, override_note = $6, declarations = $7, source = $8, \
             source_sha256 = $9, source_line = $10, editor = $11, reason = $12, \
             revision = revision + 1 WHERE id = $13",
        );
        let result = bind_action(result, changed)
            .bind(id)
            .execute(&mut *tx)
            .await;
        if let Err(sqlx::Error::Database(e)) = &result
            && e.is_unique_violation()
        {
            return Err(duplicate(find_key(&mut tx, changed).await?));
        }
        result?;
        log(
            &mut tx,
            id,
            "update",
            edit,
            Some(&before.action),
            Some(changed),
            &now(),
        )
        .await?;
        tx.commit().await?;
        Ok(StoredAction {
            id,
            revision: expected + 1,
            action: changed.clone(),
        })
    }

    /// Deletes action `id`, if it is still at revision `expected`; its history stays.
    pub async fn delete(&self, id: i64, expected: i64, edit: &Edit) -> Result<(), RecordsError> {
        let mut tx = self.begin_write().await?;
        let before = current(&mut tx, id, expected).await?;
        sqlx::query("DELETE FROM actions WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        log(
            &mut tx,
            id,
            "delete",
            edit,
            Some(&before.action),
            None,
            &now(),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Actions, optionally of one treaty and/or one state, ordered by treaty, state and date.
    pub async fn actions(
        &self,
        treaty: Option<&str>,
        state: Option<&str>,
    ) -> Result<Vec<StoredAction>, RecordsError> {
        let rows = sqlx::query(
            "SELECT * FROM actions WHERE ($1 IS NULL OR treaty = $1) AND ($2 IS NULL OR state = $2) \
             ORDER BY treaty, state, deposited, kind, id",
        )
        .bind(treaty)
        .bind(state)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(stored_action).collect()
    }

    /// The actions alone (no ids or revisions), as the status functions take them.
    pub async fn plain_actions(
        &self,
        treaty: Option<&str>,
        state: Option<&str>,
    ) -> Result<Vec<Action>, RecordsError> {
        let stored = self.actions(treaty, state).await?;
        Ok(stored.into_iter().map(|s| s.action).collect())
    }

    /// One action.
    pub async fn action(&self, id: i64) -> Result<StoredAction, RecordsError> {
        let row = sqlx::query("SELECT * FROM actions WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(RecordsError::NotFound(id))?;
        stored_action(&row)
    }

    /// Status facts, optionally of one treaty.
    pub async fn facts(&self, treaty: Option<&str>) -> Result<Vec<StatusFact>, RecordsError> {
        let rows = sqlx::query(
            "SELECT * FROM status_facts WHERE ($1 IS NULL OR treaty = $1) \
             ORDER BY treaty, state, as_of, id",
        )
        .bind(treaty)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(status_fact).collect()
    }

    /// The history of one action, or of all, oldest first.
    pub async fn history(&self, action: Option<i64>) -> Result<Vec<HistoryEntry>, RecordsError> {
        let rows = sqlx::query(
            "SELECT * FROM action_history WHERE ($1 IS NULL OR action_id = $1) ORDER BY id",
        )
        .bind(action)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(history_entry).collect()
    }

    /// Every import, oldest first.
    pub async fn imports(&self) -> Result<Vec<ImportRecord>, RecordsError> {
        let rows = sqlx::query("SELECT * FROM imports ORDER BY id")
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(import_record).collect()
    }
}

type Tx = sqlx::Transaction<'static, sqlx::Any>;
type Query<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

/// The action with its treaty named by registry id (an alias such as `ottawa` would never be
/// found again under `apmbc`).
fn canonical(action: &Action) -> Result<Action, RecordsError> {
    let treaty = Registry::builtin()
        .get(&action.treaty)
        .ok_or_else(|| RecordsError::UnknownTreaty(action.treaty.clone()))?;
    Ok(Action {
        treaty: treaty.id.clone(),
        ..action.clone()
    })
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Binds an action's twelve columns, in the order of the `actions` table.
fn bind_action<'q>(query: Query<'q>, action: &'q Action) -> Query<'q> {
    let p = &action.provenance;
    query
        .bind(&action.state)
        .bind(&action.treaty)
        .bind(action.kind.as_str())
        .bind(action.deposited.to_string())
        .bind(action.effective_override.map(|d| d.to_string()))
        .bind(&action.override_note)
        .bind(&action.declarations)
        .bind(&p.source)
        .bind(&p.sha256)
        .bind(p.line.map(|l| l as i64))
        .bind(&p.editor)
        .bind(&p.reason)
}

/// Inserts an action; None when the same action (state, treaty, kind, date) is already there.
async fn insert_action(
    tx: &mut Tx,
    action: &Action,
    import_id: Option<i64>,
) -> Result<Option<i64>, RecordsError> {
    let query = sqlx::query(
        "INSERT INTO actions (state, treaty, kind, deposited, effective_override, override_note, \
         declarations, source, source_sha256, source_line, editor, reason, import_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
         ON CONFLICT (state, treaty, kind, deposited) DO NOTHING RETURNING id",
    );
    let row = bind_action(query, action)
        .bind(import_id)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(row.map(|r| r.get::<i64, _>("id")))
}

async fn insert_fact(tx: &mut Tx, fact: &StatusFact, import_id: i64) -> Result<(), RecordsError> {
    let p = &fact.provenance;
    sqlx::query(
        "INSERT INTO status_facts (state, treaty, status, reported, reported_for, as_of, source, \
         source_sha256, source_line, import_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&fact.state)
    .bind(&fact.treaty)
    .bind(fact.status.as_str())
    .bind(&fact.reported)
    .bind(&fact.reported_for)
    .bind(fact.as_of.to_string())
    .bind(&p.source)
    .bind(&p.sha256)
    .bind(p.line.map(|l| l as i64))
    .bind(import_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The action as it is now, if it is at the revision the editor read.
async fn current(tx: &mut Tx, id: i64, expected: i64) -> Result<StoredAction, RecordsError> {
    let row = sqlx::query("SELECT * FROM actions WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(RecordsError::NotFound(id))?;
    let stored = stored_action(&row)?;
    if stored.revision != expected {
        return Err(RecordsError::Conflict {
            id,
            expected,
            current: stored.revision,
        });
    }
    Ok(stored)
}

async fn find_key(tx: &mut Tx, action: &Action) -> Result<StoredAction, RecordsError> {
    let row = sqlx::query(
        "SELECT * FROM actions WHERE state = $1 AND treaty = $2 AND kind = $3 AND deposited = $4",
    )
    .bind(&action.state)
    .bind(&action.treaty)
    .bind(action.kind.as_str())
    .bind(action.deposited.to_string())
    .fetch_one(&mut **tx)
    .await?;
    stored_action(&row)
}

fn duplicate(existing: StoredAction) -> RecordsError {
    let action = existing.action;
    RecordsError::Duplicate {
        id: existing.id,
        state: action.state,
        treaty: action.treaty,
        kind: action.kind,
        deposited: action.deposited,
    }
}

async fn log(
    tx: &mut Tx,
    action_id: i64,
    operation: &str,
    edit: &Edit,
    before: Option<&Action>,
    after: Option<&Action>,
    at: &str,
) -> Result<(), RecordsError> {
    let json = |a: Option<&Action>| a.map(|a| serde_json::to_string(a).expect("actions serialize"));
    sqlx::query(
        "INSERT INTO action_history (action_id, operation, at, editor, reason, before, after) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(action_id)
    .bind(operation)
    .bind(at)
    .bind(&edit.editor)
    .bind(&edit.reason)
    .bind(json(before))
    .bind(json(after))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A row's value, or a [`RecordsError::Corrupt`] naming the row and column.
fn parsed<T: FromStr>(id: i64, column: &str, text: &str) -> Result<T, RecordsError>
where
    T::Err: std::fmt::Display,
{
    text.parse().map_err(|e| RecordsError::Corrupt {
        id,
        reason: format!("column {column}: {text:?}: {e}"),
    })
}

fn stored_action(row: &AnyRow) -> Result<StoredAction, RecordsError> {
    let id: i64 = row.try_get("id")?;
    let date = |column: &str| -> Result<Option<NaiveDate>, RecordsError> {
        row.try_get::<Option<String>, _>(column)?
            .map(|text| parsed(id, column, &text))
            .transpose()
    };
    Ok(StoredAction {
        id,
        revision: row.try_get("revision")?,
        action: Action {
            state: row.try_get("state")?,
            treaty: row.try_get("treaty")?,
            kind: parsed(id, "kind", &row.try_get::<String, _>("kind")?)?,
            deposited: parsed(id, "deposited", &row.try_get::<String, _>("deposited")?)?,
            effective_override: date("effective_override")?,
            override_note: row.try_get("override_note")?,
            declarations: row.try_get("declarations")?,
            provenance: Provenance {
                editor: row.try_get("editor")?,
                reason: row.try_get("reason")?,
                ..source_of(row)?
            },
        },
    })
}

/// The source columns of a row (file or citation, digest, line), without editor or reason.
fn source_of(row: &AnyRow) -> Result<Provenance, RecordsError> {
    Ok(Provenance {
        source: row.try_get("source")?,
        sha256: row.try_get("source_sha256")?,
        line: row
            .try_get::<Option<i64>, _>("source_line")?
            .map(|l| l as u64),
        editor: None,
        reason: None,
    })
}

fn status_fact(row: &AnyRow) -> Result<StatusFact, RecordsError> {
    let id: i64 = row.try_get("id")?;
    Ok(StatusFact {
        state: row.try_get("state")?,
        treaty: row.try_get("treaty")?,
        status: parsed(id, "status", &row.try_get::<String, _>("status")?)?,
        reported: row.try_get("reported")?,
        reported_for: row.try_get("reported_for")?,
        as_of: parsed(id, "as_of", &row.try_get::<String, _>("as_of")?)?,
        provenance: source_of(row)?,
    })
}

fn history_entry(row: &AnyRow) -> Result<HistoryEntry, RecordsError> {
    let json = |column: &str| -> Result<Option<serde_json::Value>, RecordsError> {
        let text: Option<String> = row.try_get(column)?;
        Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
    };
    Ok(HistoryEntry {
        action_id: row.try_get("action_id")?,
        operation: row.try_get("operation")?,
        at: row.try_get("at")?,
        editor: row.try_get("editor")?,
        reason: row.try_get("reason")?,
        before: json("before")?,
        after: json("after")?,
    })
}

fn import_record(row: &AnyRow) -> Result<ImportRecord, RecordsError> {
    Ok(ImportRecord {
        id: row.try_get("id")?,
        file: row.try_get("file")?,
        sha256: row.try_get("sha256")?,
        layout: row.try_get("layout")?,
        imported_at: row.try_get("imported_at")?,
        editor: row.try_get("editor")?,
        actions_added: row.try_get("actions_added")?,
        actions_known: row.try_get("actions_known")?,
        facts_added: row.try_get("facts_added")?,
    })
}
