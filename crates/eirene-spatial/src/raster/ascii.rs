//! ESRI ASCII grids (`.asc`): a header of `key value` lines, then the values, north to south.
//!
//! The header has `ncols`, `nrows`, `xllcorner` or `xllcenter`, `yllcorner` or `yllcenter`,
//! `cellsize` (or `dx` and `dy`, as GDAL writes non-square cells) and optionally
//! `NODATA_value`, in any order and any case. Values are read as a stream of numbers, a line at a
//! time: writers put one row per line, but nothing breaks if a row wraps.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::{Band, Grid, RasterError, RowSource, band_rows, open_buffered};

/// An ESRI ASCII grid read a band of rows at a time.
#[derive(Debug)]
pub struct AsciiGrid<R: BufRead> {
    path: PathBuf,
    grid: Grid,
    tokens: Tokens<R>,
    rows_per_band: usize,
    next_row: usize,
    /// The band being lent out.
    people: Vec<f64>,
}

impl AsciiGrid<BufReader<File>> {
    /// Opens the grid at `path` and reads its header, to be read `rows_per_band` rows at a time
    /// (at least one).
    pub fn open(path: impl AsRef<Path>, rows_per_band: usize) -> Result<Self, RasterError> {
        let path = path.as_ref();
        AsciiGrid::new(open_buffered(path)?, path, rows_per_band)
    }
}

impl<R: BufRead> AsciiGrid<R> {
    /// Reads an ASCII grid from `reader`; `path` names it in errors.
    pub fn new(
        reader: R,
        path: impl Into<PathBuf>,
        rows_per_band: usize,
    ) -> Result<Self, RasterError> {
        let path = path.into();
        let mut tokens = Tokens {
            reader,
            line: String::new(),
            pos: 0,
            number: 0,
        };
        let grid = read_header(&mut tokens, &path)?;
        Ok(AsciiGrid {
            path,
            grid,
            tokens,
            rows_per_band: rows_per_band.max(1),
            next_row: 0,
            people: Vec::new(),
        })
    }

    fn value(&mut self, read: usize) -> Result<f64, RasterError> {
        let range = self.next_token()?.ok_or_else(|| RasterError::Values {
            path: self.path.clone(),
            line: self.tokens.number,
            reason: format!(
                "the file ends after {read} of {} × {} values",
                self.grid.width, self.grid.height
            ),
        })?;
        let text = &self.tokens.line[range];
        text.parse().map_err(|_| RasterError::Values {
            path: self.path.clone(),
            line: self.tokens.number,
            reason: format!("{text:?} is not a number"),
        })
    }

    fn next_token(&mut self) -> Result<Option<Range<usize>>, RasterError> {
        self.tokens.next().map_err(|source| RasterError::Io {
            path: self.path.clone(),
            source,
        })
    }
}

impl<R: BufRead> RowSource for AsciiGrid<R> {
    fn grid(&self) -> &Grid {
        &self.grid
    }

    fn next_band(&mut self) -> Result<Option<Band<'_>>, RasterError> {
        let Some(rows) = band_rows(&self.grid, self.next_row, self.rows_per_band) else {
            return Ok(None);
        };
        let width = self.grid.width;
        let first_row = self.next_row;
        let before = first_row * width;
        self.people.clear();
        for read in before..before + rows * width {
            let value = self.value(read)?;
            self.people.push(self.grid.people(value));
        }
        self.next_row += rows;
        if self.next_row == self.grid.height && self.next_token()?.is_some() {
            return Err(RasterError::Values {
                path: self.path.clone(),
                line: self.tokens.number,
                reason: format!(
                    "more values than ncols × nrows ({width} × {})",
                    self.grid.height
                ),
            });
        }
        Ok(Some(Band {
            first_row,
            width,
            people: &self.people,
        }))
    }
}

/// Whitespace-separated tokens, read a line at a time.
#[derive(Debug)]
struct Tokens<R> {
    reader: R,
    /// The current line.
    line: String,
    /// Where the unread part of `line` starts.
    pos: usize,
    /// The current line's number, from 1.
    number: usize,
}

impl<R: BufRead> Tokens<R> {
    /// Reads the next line; false at the end of the input.
    fn next_line(&mut self) -> std::io::Result<bool> {
        self.line.clear();
        self.pos = 0;
        let read = self.reader.read_line(&mut self.line)?;
        self.number += usize::from(read > 0);
        Ok(read > 0)
    }

    /// Where the next token lies in `line`, reading lines as needed; None at the end.
    fn next(&mut self) -> std::io::Result<Option<Range<usize>>> {
        loop {
            let rest = &self.line[self.pos..];
            let start = self.pos + (rest.len() - rest.trim_start().len());
            if start < self.line.len() {
                let tail = &self.line[start..];
                let end = start + tail.find(char::is_whitespace).unwrap_or(tail.len());
                self.pos = end;
                return Ok(Some(start..end));
            }
            if !self.next_line()? {
                return Ok(None);
            }
        }
    }
}

/// The header's values as read, before they make a grid.
#[derive(Default)]
struct Header {
    ncols: Option<usize>,
    nrows: Option<usize>,
    /// The x of the lower-left corner or centre, and whether it is the centre.
    x: Option<(f64, bool)>,
    y: Option<(f64, bool)>,
    dx: Option<f64>,
    dy: Option<f64>,
    nodata: Option<f64>,
}

/// Reads header lines up to the first line that starts with a number, which is left in
/// `tokens` as the first line of values.
fn read_header<R: BufRead>(tokens: &mut Tokens<R>, path: &Path) -> Result<Grid, RasterError> {
    let mut header = Header::default();
    loop {
        let more = tokens.next_line().map_err(|source| RasterError::Io {
            path: path.to_owned(),
            source,
        })?;
        let bad = |reason: String| RasterError::Header {
            path: path.to_owned(),
            line: tokens.number,
            reason,
        };
        let words: Vec<&str> = tokens.line.split_whitespace().collect();
        match words.as_slice() {
            [] if more => continue,
            [first, ..] if first.parse::<f64>().is_err() => {
                header_line(&mut header, &words).map_err(bad)?
            }
            // Values start (or the file ends): the header must be complete.
            _ => return header.grid().map_err(bad),
        }
    }
}

/// Records one `key value` line.
fn header_line(header: &mut Header, words: &[&str]) -> Result<(), String> {
    let [key, value] = words else {
        return Err(format!(
            "{:?}: expected a key and one value",
            words.join(" ")
        ));
    };
    let number = || {
        value
            .parse::<f64>()
            .map_err(|_| format!("{key} {value:?} is not a number"))
    };
    let count = || {
        value
            .parse::<usize>()
            .ok()
            .filter(|&n| n > 0)
            .ok_or_else(|| format!("{key} {value:?} is not a positive whole number"))
    };
    match key.to_ascii_lowercase().as_str() {
        "ncols" => header.ncols = Some(count()?),
        "nrows" => header.nrows = Some(count()?),
        "xllcorner" => header.x = Some((number()?, false)),
        "xllcenter" => header.x = Some((number()?, true)),
        "yllcorner" => header.y = Some((number()?, false)),
        "yllcenter" => header.y = Some((number()?, true)),
        "cellsize" => (header.dx, header.dy) = (Some(number()?), Some(number()?)),
        "dx" => header.dx = Some(number()?),
        "dy" => header.dy = Some(number()?),
        "nodata_value" => header.nodata = Some(number()?),
        _ => return Err(format!("unknown key {key:?}")),
    }
    Ok(())
}

impl Header {
    /// The grid, once every required key has been read. The header gives the lower-left
    /// corner; rows are written north to south, so the grid starts `nrows` cells above it.
    fn grid(&self) -> Result<Grid, String> {
        let missing = |key: &str| format!("the header ends without {key}");
        let width = self.ncols.ok_or_else(|| missing("ncols"))?;
        let height = self.nrows.ok_or_else(|| missing("nrows"))?;
        let (x, x_centre) = self.x.ok_or_else(|| missing("xllcorner or xllcenter"))?;
        let (y, y_centre) = self.y.ok_or_else(|| missing("yllcorner or yllcenter"))?;
        let dx = self.dx.ok_or_else(|| missing("cellsize (or dx)"))?;
        let dy = self.dy.ok_or_else(|| missing("cellsize (or dy)"))?;
        let half = |centre: bool, size: f64| if centre { size / 2.0 } else { 0.0 };
        let grid = Grid {
            west: x - half(x_centre, dx),
            north: y - half(y_centre, dy) + height as f64 * dy,
            cell_width: dx,
            cell_height: dy,
            width,
            height,
            nodata: self.nodata,
        };
        match grid.problem() {
            Some(problem) => Err(problem),
            None => Ok(grid),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use super::*;
    use crate::raster::tests::read_all;

    fn read(text: &str, rows_per_band: usize) -> Result<AsciiGrid<Cursor<Vec<u8>>>, RasterError> {
        AsciiGrid::new(
            Cursor::new(text.as_bytes().to_vec()),
            "pop.asc",
            rows_per_band,
        )
    }

    const SMALL: &str = "ncols 4\n\
        nrows 3\n\
        xllcorner -10.5\n\
        yllcorner 40\n\
        cellsize 0.5\n\
        NODATA_value -9999\n\
        1 2 3 4\n\
        5 -9999 7.25 8\n\
        -1 10 nan 12\n";

    #[test]
    fn reads_values_and_georeferencing_exactly() {
        for rows_per_band in [1, 2, 3, 256] {
            let mut grid = read(SMALL, rows_per_band).unwrap();
            assert_eq!(
                grid.grid(),
                &Grid {
                    west: -10.5,
                    north: 41.5,
                    cell_width: 0.5,
                    cell_height: 0.5,
                    width: 4,
                    height: 3,
                    nodata: Some(-9999.0),
                }
            );
            assert_eq!(
                read_all(&mut grid),
                [
                    1.0, 2.0, 3.0, 4.0, 5.0, 0.0, 7.25, 8.0, 0.0, 10.0, 0.0, 12.0
                ]
            );
        }
    }

    #[test]
    fn centres_keys_in_any_order_and_wrapped_rows() {
        let text = "NCOLS 3\r\nyllcenter 0.25\r\nXLLCENTER 100.25\r\n\r\nnrows 2\r\ndx 0.5\r\ndy 0.25\r\n\
                    1 2\r\n3 4 5\r\n6\r\n";
        let mut grid = read(text, 1).unwrap();
        let g = grid.grid().clone();
        assert_eq!(
            (g.west, g.north, g.cell_width, g.cell_height),
            (100.0, 0.625, 0.5, 0.25)
        );
        assert_eq!((g.centre_lon(0), g.centre_lat(1)), (100.25, 0.25));
        assert_eq!(g.nodata, None);
        assert_eq!(read_all(&mut grid), [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
    }

    #[test]
    fn header_errors_give_the_line() {
        let error = read(&SMALL.replace("cellsize 0.5", "cellsize half"), 1).unwrap_err();
        assert_eq!(
            error.to_string(),
            "pop.asc: bad header line 5: cellsize \"half\" is not a number"
        );
        let error = read(&SMALL.replace("ncols 4", "ncols -4"), 1).unwrap_err();
        assert_eq!(
            error.to_string(),
            "pop.asc: bad header line 1: ncols \"-4\" is not a positive whole number"
        );
        let error = read(&SMALL.replace("yllcorner 40", "yllcorner"), 1).unwrap_err();
        assert_eq!(
            error.to_string(),
            "pop.asc: bad header line 4: \"yllcorner\": expected a key and one value"
        );
        let error = read(&SMALL.replace("nrows", "rows"), 1).unwrap_err();
        assert_eq!(
            error.to_string(),
            "pop.asc: bad header line 2: unknown key \"rows\""
        );
        let error = read(&SMALL.replace("cellsize 0.5\n", ""), 1).unwrap_err();
        assert_eq!(
            error.to_string(),
            "pop.asc: bad header line 6: the header ends without cellsize (or dx)"
        );
        let error = read("ncols 2\nnrows 2\n", 1).unwrap_err();
        assert!(
            matches!(error, RasterError::Header { line: 2, .. }),
            "{error}"
        );
        // Metres (a projected grid) are not degrees.
        let error = read(&SMALL.replace("cellsize 0.5", "cellsize 1000"), 1).unwrap_err();
        assert!(error.to_string().contains("EPSG:4326"), "{error}");
    }

    #[test]
    fn value_errors_give_the_line() {
        let mut grid = read(&SMALL.replace("7.25", "7,25"), 1).unwrap();
        assert!(grid.next_band().unwrap().is_some());
        let error = grid.next_band().unwrap_err();
        assert_eq!(
            error.to_string(),
            "pop.asc: line 8: \"7,25\" is not a number"
        );

        let mut short = read(SMALL.trim_end_matches("12\n"), 1).unwrap();
        short.next_band().unwrap();
        short.next_band().unwrap();
        assert_eq!(
            short.next_band().unwrap_err().to_string(),
            "pop.asc: line 9: the file ends after 11 of 4 × 3 values"
        );

        let mut long = read(&format!("{SMALL}13\n"), 3).unwrap();
        assert_eq!(
            long.next_band().unwrap_err().to_string(),
            "pop.asc: line 10: more values than ncols × nrows (4 × 3)"
        );

        let error = AsciiGrid::open("/nonexistent/pop.asc", 1).unwrap_err();
        assert!(matches!(error, RasterError::Io { .. }));
        assert!(
            error.to_string().starts_with("/nonexistent/pop.asc: "),
            "{error}"
        );
    }
}
