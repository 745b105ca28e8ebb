//! Errors that name the file, the place in it (line, or sheet and cell), the column and the reason.

use std::fmt;
use std::path::PathBuf;

/// A place in an input file. Every rejected value carries one, so a user can open the file and look.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file as the user named it.
    pub file: String,
    /// The place inside the file.
    pub at: Position,
    /// The column, by 1-based index and header name, where known.
    pub column: Option<Column>,
}

/// Where inside a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Position {
    /// The file as a whole (empty file, wrong format).
    File,
    /// A 1-based line of a text file (the header is line 1).
    Line(u64),
    /// A cell of a workbook sheet, in A1 notation (`"Share of GDP"!C7`).
    Cell {
        /// The sheet name.
        sheet: String,
        /// The cell in A1 notation.
        cell: String,
    },
    /// A sheet of a workbook as a whole (missing sheet, bad header row).
    Sheet(String),
}

/// A column of a table: its 1-based position and its header name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// 1-based position in the row.
    pub index: usize,
    /// Header name.
    pub name: String,
}

impl Location {
    /// The file as a whole.
    pub fn file(file: &str) -> Self {
        Location {
            file: file.to_owned(),
            at: Position::File,
            column: None,
        }
    }

    /// A line of a text file.
    pub fn line(file: &str, line: u64) -> Self {
        Location {
            file: file.to_owned(),
            at: Position::Line(line),
            column: None,
        }
    }

    /// A workbook cell; `row` and `col` are 0-based, as calamine counts them.
    pub fn cell(file: &str, sheet: &str, row: u32, col: u32) -> Self {
        Location {
            file: file.to_owned(),
            at: Position::Cell {
                sheet: sheet.to_owned(),
                cell: a1(row, col),
            },
            column: None,
        }
    }

    /// A workbook sheet as a whole.
    pub fn sheet(file: &str, sheet: &str) -> Self {
        Location {
            file: file.to_owned(),
            at: Position::Sheet(sheet.to_owned()),
            column: None,
        }
    }

    /// The same place, narrowed to a column.
    pub fn with_column(mut self, index: usize, name: &str) -> Self {
        self.column = Some(Column {
            index,
            name: name.to_owned(),
        });
        self
    }
}

/// A1 notation for a 0-based (row, column) pair: (6, 2) is `C7`.
pub fn a1(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!(
        "{}{}",
        String::from_utf8(letters).expect("ASCII letters"),
        row + 1
    )
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        match &self.at {
            Position::File => {}
            Position::Line(line) => write!(f, ":{line}")?,
            Position::Cell { sheet, cell } => write!(f, ": sheet \"{sheet}\" cell {cell}")?,
            Position::Sheet(sheet) => write!(f, ": sheet \"{sheet}\"")?,
        }
        if let Some(Column { index, name }) = &self.column {
            write!(f, ": column {index} ({name})")?;
        }
        Ok(())
    }
}

/// One rejected value, row or file, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where.
    pub location: Location,
    /// Why, in words a user can act on.
    pub reason: String,
}

impl Problem {
    /// A problem at a location.
    pub fn new(location: Location, reason: impl Into<String>) -> Self {
        Problem {
            location,
            reason: reason.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.reason)
    }
}

/// Why an ingest failed. Nothing is written to the store when one of these is returned.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The file could not be read at all.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The file is not what the source publishes: wrong format, wrong header, missing sheet, empty.
    /// The import stops at the first such problem.
    #[error("{0}")]
    Format(Box<Problem>),
    /// Rows with values that cannot be read. Every problem found is listed (up to
    /// [`MAX_PROBLEMS`]); `total` counts them all.
    #[error("{} rejected value(s) in {file}; first: {}", total, problems.first().map(ToString::to_string).unwrap_or_default())]
    Rows {
        /// The file.
        file: String,
        /// The problems, in file order, at most [`MAX_PROBLEMS`].
        problems: Vec<Problem>,
        /// How many problems there were in all.
        total: usize,
    },
    /// The files given do not fit the source (e.g. no file for a required table).
    #[error("{0}")]
    Usage(String),
    /// The [`TableSink`](crate::TableSink) could not take a batch (the store failed to write).
    #[error("cannot write the table `{table}`")]
    Write {
        /// The table.
        table: &'static str,
        /// The sink's reason.
        source: crate::SinkError,
    },
}

impl IngestError {
    /// One line per problem, as a user reads them: every rejected value, or the one message.
    pub fn messages(&self) -> Vec<String> {
        match self {
            IngestError::Rows { problems, .. } => {
                problems.iter().map(ToString::to_string).collect()
            }
            other => vec![other.to_string()],
        }
    }

    /// A format error at a location.
    pub fn format(location: Location, reason: impl Into<String>) -> Self {
        IngestError::Format(Box::new(Problem::new(location, reason)))
    }
}

/// How many problems a failed import lists before it only counts.
pub const MAX_PROBLEMS: usize = 1000;

/// Collects row problems while a file is read, so that one pass reports all of them.
#[derive(Debug, Default)]
pub struct Problems {
    list: Vec<Problem>,
    total: usize,
}

impl Problems {
    /// Records a problem.
    pub fn push(&mut self, problem: Problem) {
        self.total += 1;
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(problem);
        }
    }

    /// Adds the problems of a later part of the file (a chunk parsed on another thread).
    pub fn extend(&mut self, later: Problems) {
        let room = MAX_PROBLEMS.saturating_sub(self.list.len());
        self.list.extend(later.list.into_iter().take(room));
        self.total += later.total;
    }

    /// True when no problem has been recorded.
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// `Ok(())` when the file was clean, else the error listing every problem.
    pub fn into_result(self, file: &str) -> Result<(), IngestError> {
        if self.total == 0 {
            Ok(())
        } else {
            Err(IngestError::Rows {
                file: file.to_owned(),
                problems: self.list,
                total: self.total,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a1_notation_counts_columns_like_a_spreadsheet() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(6, 2), "C7");
        assert_eq!(a1(9, 25), "Z10");
        assert_eq!(a1(0, 26), "AA1");
        assert_eq!(a1(0, 77), "BZ1");
    }

    #[test]
    fn locations_read_like_compiler_messages() {
        let at = Location::line("ged.csv", 12).with_column(45, "best");
        assert_eq!(at.to_string(), "ged.csv:12: column 45 (best)");
        let cell = Location::cell("milex.xlsx", "Share of GDP", 6, 2);
        assert_eq!(
            cell.to_string(),
            "milex.xlsx: sheet \"Share of GDP\" cell C7"
        );
    }
}
