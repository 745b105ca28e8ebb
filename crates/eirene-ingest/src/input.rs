//! Opening publishers' files as they are distributed: a CSV inside a zip archive, gzip, or plain.
//!
//! The format is recognised from the first bytes, not from the file name, because publishers and
//! mirrors rename files freely (`ged251-csv.zip`, `GEDEvent_v25_1.csv`, `ged.csv.gz`).

use std::fs::File;
use std::io::{BufReader, Cursor, Read, Seek, SeekFrom};
use std::path::Path;

use crate::error::{IngestError, Location};

/// How a file is packed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Packing {
    /// A zip archive (also what an xlsx workbook is).
    Zip,
    /// A gzip stream.
    Gzip,
    /// Anything else: read as is.
    Plain,
}

/// Recognises the packing from the magic bytes at the start of a file.
pub fn sniff(head: &[u8]) -> Packing {
    match head {
        [b'P', b'K', 3, 4, ..] => Packing::Zip,
        [0x1f, 0x8b, ..] => Packing::Gzip,
        _ => Packing::Plain,
    }
}

/// Opens a text table (CSV) and returns a reader over its decompressed bytes.
///
/// A zip archive must hold exactly one `.csv` member (UCDP's archives do); anything else is a
/// format error naming the members found. An empty file is a format error too: a publisher never
/// ships one, so it means a failed download.
pub fn open_text(path: &Path, display: &str) -> Result<Box<dyn Read + Send>, IngestError> {
    let io_err = |source| IngestError::Io {
        path: path.to_owned(),
        source,
    };
    let mut file = File::open(path).map_err(io_err)?;
    let mut head = [0u8; 4];
    let n = read_up_to(&mut file, &mut head).map_err(io_err)?;
    if n == 0 {
        return Err(format_error(display, "the file is empty"));
    }
    // Start again from the first byte, so that the first read returns a full buffer (a caller
    // may sniff the layout from it).
    file.seek(SeekFrom::Start(0)).map_err(io_err)?;
    match sniff(&head[..n]) {
        Packing::Plain => Ok(Box::new(BufReader::with_capacity(1 << 20, file))),
        Packing::Gzip => Ok(Box::new(BufReader::with_capacity(
            1 << 20,
            flate2::read::MultiGzDecoder::new(BufReader::new(file)),
        ))),
        Packing::Zip => {
            let bytes = std::fs::read(path).map_err(io_err)?;
            Ok(Box::new(Cursor::new(only_csv_member(bytes, display)?)))
        }
    }
}

/// Fills `buf` as far as the file allows; returns how many bytes were read.
fn read_up_to(reader: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// Extracts the single `.csv` member of a zip archive.
fn only_csv_member(bytes: Vec<u8>, display: &str) -> Result<Vec<u8>, IngestError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format_error(display, format!("not a readable zip archive: {e}")))?;
    let names: Vec<String> = archive
        .file_names()
        .map(|name| name.map(|n| n.into_owned()))
        .collect::<Result<_, _>>()
        .map_err(|e| {
            format_error(
                display,
                format!("unreadable member name in the zip archive: {e}"),
            )
        })?;
    let csvs: Vec<&String> = names
        .iter()
        .filter(|n| n.to_ascii_lowercase().ends_with(".csv") && !n.starts_with("__MACOSX/"))
        .collect();
    let [member] = csvs.as_slice() else {
        return Err(format_error(
            display,
            format!(
                "expected one .csv file in the zip archive, found: {}",
                names.join(", ")
            ),
        ));
    };
    let mut entry = archive
        .by_name(member)
        .map_err(|e| format_error(display, format!("cannot read {member} in the archive: {e}")))?;
    let mut out = Vec::with_capacity(entry.size() as usize);
    entry
        .read_to_end(&mut out)
        .map_err(|e| format_error(display, format!("cannot decompress {member}: {e}")))?;
    Ok(out)
}

fn format_error(display: &str, reason: impl Into<String>) -> IngestError {
    IngestError::format(Location::file(display), reason)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn read_all(path: &Path) -> Result<String, IngestError> {
        let mut s = String::new();
        open_text(path, "t").map(|mut r| r.read_to_string(&mut s).unwrap())?;
        Ok(s)
    }

    #[test]
    fn plain_gzip_and_zip_give_the_same_text() {
        let dir = tempfile::tempdir().unwrap();
        let text = "a,b\n1,2\n";
        let plain = dir.path().join("x.csv");
        std::fs::write(&plain, text).unwrap();
        let gz = dir.path().join("x.csv.gz");
        let mut enc = flate2::write::GzEncoder::new(File::create(&gz).unwrap(), Default::default());
        enc.write_all(text.as_bytes()).unwrap();
        enc.finish().unwrap();
        let zipped = dir.path().join("x.zip");
        let mut zw = zip::ZipWriter::new(File::create(&zipped).unwrap());
        zw.start_file(
            "GEDEvent_v25_1.csv",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        zw.write_all(text.as_bytes()).unwrap();
        zw.finish().unwrap();
        for path in [&plain, &gz, &zipped] {
            assert_eq!(read_all(path).unwrap(), text, "{}", path.display());
        }
    }

    #[test]
    fn empty_file_and_zip_without_csv_are_format_errors() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty.csv");
        std::fs::write(&empty, "").unwrap();
        assert!(
            matches!(read_all(&empty), Err(IngestError::Format(p)) if p.reason.contains("empty"))
        );
        let zipped = dir.path().join("x.zip");
        let mut zw = zip::ZipWriter::new(File::create(&zipped).unwrap());
        zw.start_file("readme.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        zw.finish().unwrap();
        let err = read_all(&zipped).unwrap_err().to_string();
        assert!(err.contains("readme.txt"), "{err}");
    }
}
