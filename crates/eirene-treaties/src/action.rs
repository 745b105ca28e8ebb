//! Treaty actions: what a state deposited, when, and on whose word we know it.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::registry::Treaty;
use crate::status::Status;

/// What a state did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    /// Signature: no consent to be bound yet.
    Signature,
    /// Ratification.
    Ratification,
    /// Acceptance, "(A)" in the UN Treaty Collection.
    Acceptance,
    /// Approval, "(AA)".
    Approval,
    /// Accession, "(a)".
    Accession,
    /// Succession, "(d)".
    Succession,
    /// Notification of consent to be bound, as CCW protocols and amendments are joined (CCW
    /// Art. 4(3)–(4)); the UN Treaty Collection does not say which instrument it was.
    Consent,
    /// Withdrawal, denunciation or revocation of a ratification.
    Withdrawal,
}

impl ActionKind {
    /// Every kind, in the order a state usually takes them.
    pub const ALL: [ActionKind; 8] = [
        ActionKind::Signature,
        ActionKind::Ratification,
        ActionKind::Acceptance,
        ActionKind::Approval,
        ActionKind::Accession,
        ActionKind::Succession,
        ActionKind::Consent,
        ActionKind::Withdrawal,
    ];

    /// Whether the action expresses consent to be bound (makes the state bound, and a party
    /// once the treaty is in force for it).
    pub fn is_consent(self) -> bool {
        !matches!(self, ActionKind::Signature | ActionKind::Withdrawal)
    }

    /// The name used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionKind::Signature => "signature",
            ActionKind::Ratification => "ratification",
            ActionKind::Acceptance => "acceptance",
            ActionKind::Approval => "approval",
            ActionKind::Accession => "accession",
            ActionKind::Succession => "succession",
            ActionKind::Consent => "consent",
            ActionKind::Withdrawal => "withdrawal",
        }
    }
}

impl fmt::Display for ActionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ActionKind {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let folded = text.trim().to_ascii_lowercase();
        ActionKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == folded)
            .ok_or_else(|| {
                let names: Vec<_> = ActionKind::ALL.iter().map(|k| k.as_str()).collect();
                format!(
                    "unknown action {text:?}; expected one of {}",
                    names.join(", ")
                )
            })
    }
}

/// Where an action comes from: a file (with its checksum and line) or an editor's word.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// The file name, or a citation (URL of a depositary notification) for manual entries.
    pub source: String,
    /// SHA-256 of the file, for actions imported from one.
    pub sha256: Option<String>,
    /// The line of the file.
    pub line: Option<u64>,
    /// Who entered or last changed it by hand.
    pub editor: Option<String>,
    /// Why.
    pub reason: Option<String>,
}

impl fmt::Display for Provenance {
    /// `file:line`, or the citation, with the editor when there is one.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(editor) = &self.editor {
            write!(f, " ({editor})")?;
        }
        Ok(())
    }
}

/// One dated action of one state on one treaty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    /// ISO 3166 alpha-3.
    pub state: String,
    /// Registry id.
    pub treaty: String,
    /// What was done.
    pub kind: ActionKind,
    /// Date of deposit (of signature, for a signature; of notification, for a withdrawal).
    pub deposited: NaiveDate,
    /// A date of effect that replaces the treaty's rule (a declaration, a depositary's notice).
    pub effective_override: Option<NaiveDate>,
    /// Why the override.
    pub override_note: Option<String>,
    /// Declarations and reservations, as free text.
    pub declarations: Option<String>,
    /// Where it comes from.
    pub provenance: Provenance,
}

impl Action {
    /// When the action takes effect: the override, or the treaty's rule. None for a consent to
    /// a treaty not in force.
    pub fn effective(&self, treaty: &Treaty) -> Option<NaiveDate> {
        if self.effective_override.is_some() {
            return self.effective_override;
        }
        match self.kind {
            ActionKind::Signature => Some(self.deposited),
            ActionKind::Withdrawal => Some(treaty.withdrawal_effect(self.deposited)),
            _ => treaty.consent_effect(self.deposited),
        }
    }

    /// The key that makes an action unique: a second row with the same key is a duplicate.
    pub fn key(&self) -> (&str, &str, ActionKind, NaiveDate) {
        (&self.state, &self.treaty, self.kind, self.deposited)
    }
}

/// A treaty's status reported as of a period, without the dated actions behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusFact {
    /// ISO 3166 alpha-3.
    pub state: String,
    /// Registry id.
    pub treaty: String,
    /// The status, as Eirene names it.
    pub status: Status,
    /// The status as the source wrote it ("ratified", "neither signed nor ratified").
    pub reported: String,
    /// The period the source reports on, as it gives it ("2022").
    pub reported_for: String,
    /// The first day of that period: the fact is not used for earlier dates.
    pub as_of: NaiveDate,
    /// Where it comes from.
    pub provenance: Provenance,
}
