//! Population rasters on a north-up longitude/latitude grid, read in bands of rows.
//!
//! A global 30″ grid has 43,200 × 21,600 cells, 3.7 GB even as 32-bit floats, so nothing here
//! loads a raster whole: a [`RowSource`] lends out [`Band`]s of consecutive rows, north to
//! south, each in the same buffer as the last (a band of a global grid is a hundred megabytes:
//! allocating one per band would cost more than reading it). [`GeoTiff`] reads the GeoTIFFs
//! WorldPop and GHSL publish, [`AsciiGrid`] ESRI ASCII grids, and [`InMemory`] a grid already in
//! memory (tests and synthetic benchmarks).
//!
//! Every reader returns people, not raw values: cells with the nodata value, negative values
//! or NaN hold nobody (see [`Grid::people`]).
//!
//! [`open`] picks the reader by the file's extension, for the command line and the server alike.

mod ascii;
mod geotiff;

use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

pub use ascii::AsciiGrid;
pub use geotiff::GeoTiff;

/// Rows of a raster file [`open`] reads at a time: memory stays bounded whatever the raster's
/// size (256 rows of a global 30″ grid are about 90 MB as 64-bit floats), while a band holds
/// enough GeoTIFF chunks to decode them in parallel.
pub const ROWS_PER_BAND: usize = 256;

/// Opens a population raster by its file name: a GeoTIFF (`.tif`, `.tiff`, as WorldPop and GHSL
/// publish them) or an ESRI ASCII grid (`.asc`), read [`ROWS_PER_BAND`] rows at a time. Any
/// other extension is an error naming the file and what is accepted, rather than a guess at the
/// format from its bytes: a typo in a path should not read as a corrupt TIFF.
///
/// The reader is `Send`, so the server can read the raster on a blocking thread.
pub fn open(path: impl AsRef<Path>) -> Result<Box<dyn RowSource + Send>, RasterError> {
    let path = path.as_ref();
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    Ok(match extension.as_str() {
        "tif" | "tiff" => Box::new(GeoTiff::open(path, ROWS_PER_BAND)?),
        "asc" => Box::new(AsciiGrid::open(path, ROWS_PER_BAND)?),
        _ => {
            return Err(RasterError::Format {
                path: path.to_owned(),
            });
        }
    })
}

/// The geometry of a north-up raster in longitude/latitude degrees.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// Longitude of the west edge of the first column.
    pub west: f64,
    /// Latitude of the north edge of the first row.
    pub north: f64,
    /// Width of a cell, in degrees of longitude.
    pub cell_width: f64,
    /// Height of a cell, in degrees of latitude; positive, as rows run north to south.
    pub cell_height: f64,
    /// Number of columns.
    pub width: usize,
    /// Number of rows.
    pub height: usize,
    /// The value that marks a cell without data, if the file declares one.
    pub nodata: Option<f64>,
}

impl Grid {
    /// Longitude of the centre of column `column`.
    pub fn centre_lon(&self, column: usize) -> f64 {
        self.west + (column as f64 + 0.5) * self.cell_width
    }

    /// Latitude of the centre of row `row`.
    pub fn centre_lat(&self, row: usize) -> f64 {
        self.north - (row as f64 + 0.5) * self.cell_height
    }

    /// Longitude of the east edge of the last column.
    pub fn east(&self) -> f64 {
        self.west + self.width as f64 * self.cell_width
    }

    /// Latitude of the south edge of the last row.
    pub fn south(&self) -> f64 {
        self.north - self.height as f64 * self.cell_height
    }

    /// The people a cell with this raw value holds: the value itself, or 0 for the nodata
    /// value, negative values, NaN and infinities. Population grids mark water and missing data
    /// in all of these ways, and none of them may count as people.
    pub fn people(&self, value: f64) -> f64 {
        // NaN equals nothing, so a grid without a nodata value marks no cell. (A plain value
        // rather than an Option lets the compiler turn a loop over cells into vector code.)
        let nodata = self.nodata.unwrap_or(f64::NAN);
        if value.is_finite() && value > 0.0 && value != nodata {
            value
        } else {
            0.0
        }
    }

    /// Why this grid cannot be a longitude/latitude raster, if it cannot. Half a cell of slack
    /// lets the many global files whose edges overshoot ±90° or ±180° by a rounding error pass;
    /// a projected grid (metres) is far outside and fails, instead of being read as degrees.
    pub(crate) fn problem(&self) -> Option<String> {
        let Grid {
            west,
            north,
            cell_width,
            cell_height,
            width,
            height,
            ..
        } = *self;
        let finite = [west, north, cell_width, cell_height]
            .iter()
            .all(|v| v.is_finite());
        if !finite || cell_width <= 0.0 || cell_height <= 0.0 {
            return Some(format!(
                "cell size {cell_width} × {cell_height} at ({west}, {north}) is not a positive, \
                 finite size in degrees"
            ));
        }
        if width == 0 || height == 0 {
            return Some(format!("{width} × {height} cells: the grid is empty"));
        }
        let slack = (cell_height / 2.0, cell_width / 2.0);
        let (south, east) = (self.south(), self.east());
        if north > 90.0 + slack.0 || south < -90.0 - slack.0 {
            return Some(format!(
                "latitudes {south}..{north} are not degrees (a projected grid? reproject it to \
                 longitude/latitude, EPSG:4326)"
            ));
        }
        if west < -360.0 || east > 360.0 || east - west > 360.0 + slack.1 {
            return Some(format!(
                "longitudes {west}..{east} are not degrees within one turn of the globe (a \
                 projected grid? reproject it to longitude/latitude, EPSG:4326)"
            ));
        }
        None
    }
}

/// Consecutive rows of people per cell, row-major, lent by a [`RowSource`] until its next band.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Band<'a> {
    /// Index of the first row in the grid.
    pub first_row: usize,
    /// Number of columns (the grid's width).
    pub width: usize,
    /// People per cell, `width` values per row, north to south and west to east.
    pub people: &'a [f64],
}

impl<'a> Band<'a> {
    /// Number of rows in the band.
    pub fn rows(&self) -> usize {
        self.people.len() / self.width
    }

    /// The rows, north to south.
    pub fn iter_rows(&self) -> std::slice::ChunksExact<'a, f64> {
        self.people.chunks_exact(self.width)
    }
}

/// A raster read a band of rows at a time, north to south.
pub trait RowSource {
    /// The raster's geometry.
    fn grid(&self) -> &Grid;

    /// The next band of rows (people per cell, see [`Grid::people`]), or `None` after the last
    /// row. Bands are consecutive and together cover the grid once.
    fn next_band(&mut self) -> Result<Option<Band<'_>>, RasterError>;
}

/// Why a raster could not be read. Each error names the file (or the name given to a reader
/// built on something other than a file).
#[derive(Debug, thiserror::Error)]
pub enum RasterError {
    /// A file [`open`] does not know how to read, by its extension.
    #[error(
        "{}: a population raster is a GeoTIFF (.tif) or an ESRI ASCII grid (.asc)",
        path.display()
    )]
    Format {
        /// The file.
        path: PathBuf,
    },
    /// The file could not be opened or read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The TIFF decoder failed (not a TIFF, corrupt, a codec that is not built in).
    #[error("{}: not a readable TIFF: {source}", path.display())]
    Tiff {
        /// The file.
        path: PathBuf,
        /// The decoder's reason.
        source: tiff::TiffError,
    },
    /// A well-formed file of a kind this crate does not read (several bands, 16-bit floats,
    /// a rotated or projected grid).
    #[error("{}: unsupported: {reason}", path.display())]
    Unsupported {
        /// The file.
        path: PathBuf,
        /// What is not supported.
        reason: String,
    },
    /// A GeoTIFF without the tags that place it on the globe.
    #[error("{}: missing georeferencing: {reason}", path.display())]
    Georeferencing {
        /// The file.
        path: PathBuf,
        /// What is missing.
        reason: String,
    },
    /// A line of an ASCII grid's header that cannot be read.
    #[error("{}: bad header line {line}: {reason}", path.display())]
    Header {
        /// The file.
        path: PathBuf,
        /// The line, counted from 1.
        line: usize,
        /// What is wrong with it.
        reason: String,
    },
    /// Cell values that cannot be read.
    #[error("{}: line {line}: {reason}", path.display())]
    Values {
        /// The file.
        path: PathBuf,
        /// The line, counted from 1.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// A header or set of tags that describes no usable longitude/latitude grid.
    #[error("{}: invalid grid: {reason}", path.display())]
    Grid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
}

/// A grid held in memory, handed out in bands like a file would be: for tests, synthetic
/// benchmarks, and rasters small enough to build by hand.
#[derive(Debug, Clone)]
pub struct InMemory {
    grid: Grid,
    /// People per cell (the raw values read through [`Grid::people`]).
    people: Vec<f64>,
    rows_per_band: usize,
    next_row: usize,
}

impl InMemory {
    /// A source of `values` (raw, row-major, north to south) on `grid`, `rows_per_band` rows at a
    /// time (at least one).
    pub fn new(grid: Grid, values: Vec<f64>, rows_per_band: usize) -> Result<Self, RasterError> {
        let path = PathBuf::from("(memory)");
        if let Some(reason) = grid.problem() {
            return Err(RasterError::Grid { path, reason });
        }
        if values.len() != grid.width * grid.height {
            return Err(RasterError::Grid {
                path,
                reason: format!(
                    "{} values for {} × {} cells",
                    values.len(),
                    grid.width,
                    grid.height
                ),
            });
        }
        let people = values.into_iter().map(|v| grid.people(v)).collect();
        Ok(InMemory {
            grid,
            people,
            rows_per_band: rows_per_band.max(1),
            next_row: 0,
        })
    }
}

/// A raster file opened for buffered reading, or an error naming it.
pub(crate) fn open_buffered(path: &Path) -> Result<BufReader<File>, RasterError> {
    File::open(path)
        .map(BufReader::new)
        .map_err(|source| RasterError::Io {
            path: path.to_owned(),
            source,
        })
}

impl RowSource for InMemory {
    fn grid(&self) -> &Grid {
        &self.grid
    }

    fn next_band(&mut self) -> Result<Option<Band<'_>>, RasterError> {
        let Some(rows) = band_rows(&self.grid, self.next_row, self.rows_per_band) else {
            return Ok(None);
        };
        let width = self.grid.width;
        let first_row = self.next_row;
        self.next_row += rows;
        Ok(Some(Band {
            first_row,
            width,
            people: &self.people[first_row * width..self.next_row * width],
        }))
    }
}

/// How many rows the band starting at `next_row` has, or None when the grid is done.
fn band_rows(grid: &Grid, next_row: usize, rows_per_band: usize) -> Option<usize> {
    (next_row < grid.height).then(|| rows_per_band.min(grid.height - next_row))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A 1° grid of `width` × `height` cells from (west, north).
    pub(crate) fn grid(west: f64, north: f64, width: usize, height: usize) -> Grid {
        Grid {
            west,
            north,
            cell_width: 1.0,
            cell_height: 1.0,
            width,
            height,
            nodata: None,
        }
    }

    /// Every band of a source, checked to be consecutive, as one row-major vector.
    pub(crate) fn read_all(source: &mut impl RowSource) -> Vec<f64> {
        let mut all = Vec::new();
        while let Some(band) = source.next_band().unwrap() {
            assert_eq!(
                band.first_row * band.width,
                all.len(),
                "bands are consecutive"
            );
            all.extend_from_slice(band.people);
        }
        let grid = source.grid();
        assert_eq!(all.len(), grid.width * grid.height, "bands cover the grid");
        all
    }

    #[test]
    fn cell_centres_and_edges() {
        let grid = Grid {
            cell_width: 0.5,
            cell_height: 0.25,
            ..super::tests::grid(-10.0, 50.0, 4, 8)
        };
        assert_eq!(grid.centre_lon(0), -9.75);
        assert_eq!(grid.centre_lon(3), -8.25);
        assert_eq!(grid.centre_lat(0), 49.875);
        assert_eq!(grid.centre_lat(7), 48.125);
        assert_eq!((grid.east(), grid.south()), (-8.0, 48.0));
    }

    #[test]
    fn nodata_negative_and_nan_hold_nobody() {
        let grid = Grid {
            nodata: Some(-99999.0),
            ..grid(0.0, 1.0, 1, 1)
        };
        assert_eq!(grid.people(12.5), 12.5);
        assert_eq!(grid.people(0.0), 0.0);
        assert_eq!(grid.people(-99999.0), 0.0);
        assert_eq!(grid.people(-3.0), 0.0);
        assert_eq!(grid.people(f64::NAN), 0.0);
        assert_eq!(grid.people(f64::INFINITY), 0.0);
        let marked_255 = Grid {
            nodata: Some(255.0),
            ..grid.clone()
        };
        assert_eq!(marked_255.people(255.0), 0.0);
        assert_eq!(marked_255.people(254.0), 254.0);
    }

    #[test]
    fn grids_that_are_not_in_degrees_are_rejected() {
        assert_eq!(grid(-180.0, 90.0, 360, 180).problem(), None);
        // Half a cell of overshoot is a rounding error in many global files.
        assert_eq!(grid(-180.4, 90.4, 360, 180).problem(), None);
        // A 0-360° grid is still one turn of the globe.
        assert_eq!(grid(0.0, 90.0, 360, 180).problem(), None);
        // Mollweide metres.
        let mollweide = Grid {
            cell_width: 1000.0,
            cell_height: 1000.0,
            ..grid(-18_041_000.0, 9_000_000.0, 36_082, 18_000)
        };
        assert!(mollweide.problem().unwrap().contains("EPSG:4326"));
        assert!(grid(-180.0, 91.0, 360, 180).problem().is_some());
        assert!(grid(-180.0, 90.0, 361, 180).problem().is_some());
        assert!(grid(0.0, 0.0, 0, 10).problem().unwrap().contains("empty"));
        let upside_down = Grid {
            cell_height: -1.0,
            ..grid(0.0, 0.0, 1, 1)
        };
        assert!(upside_down.problem().unwrap().contains("positive"));
    }

    #[test]
    fn memory_source_hands_out_bands() {
        let values: Vec<f64> = (0..35).map(f64::from).collect();
        for rows_per_band in [0, 1, 2, 3, 7, 100] {
            let mut source =
                InMemory::new(grid(0.0, 10.0, 5, 7), values.clone(), rows_per_band).unwrap();
            assert_eq!(
                read_all(&mut source),
                values,
                "{rows_per_band} rows per band"
            );
            assert!(source.next_band().unwrap().is_none(), "stays done");
        }
        let mut source = InMemory::new(grid(0.0, 10.0, 5, 7), values.clone(), 3).unwrap();
        let band = source.next_band().unwrap().unwrap();
        assert_eq!(band.rows(), 3);
        assert_eq!(band.iter_rows().nth(1).unwrap(), &values[5..10]);
    }

    #[test]
    fn open_names_the_file_and_the_formats_it_reads() {
        let error = match open("population.csv") {
            Ok(_) => panic!("a CSV file is not a raster"),
            Err(error) => error,
        };
        assert!(matches!(error, RasterError::Format { .. }), "{error:?}");
        assert_eq!(
            error.to_string(),
            "population.csv: a population raster is a GeoTIFF (.tif) or an ESRI ASCII grid (.asc)"
        );
        // Without an extension too; and a known extension is opened (here: found missing).
        assert!(matches!(
            open("population"),
            Err(RasterError::Format { .. })
        ));
        assert!(matches!(
            open("no/such/population.TIF"),
            Err(RasterError::Io { .. })
        ));
    }

    #[test]
    fn memory_source_checks_its_size() {
        let error = InMemory::new(grid(0.0, 10.0, 5, 7), vec![1.0; 34], 1).unwrap_err();
        assert_eq!(
            error.to_string(),
            "(memory): invalid grid: 34 values for 5 × 7 cells"
        );
    }
}
