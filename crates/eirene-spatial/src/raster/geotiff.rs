//! GeoTIFF population rasters, as WorldPop and GHSL publish them: one band of 8- to 64-bit
//! integer or floating-point samples, in strips or tiles, uncompressed, DEFLATE or LZW.
//!
//! A band is one or more rows of chunks (a strip, or the tiles side by side that cover the same
//! rows), so memory holds a band, never the image. The chunks of a band are decoded in
//! parallel, each thread with its own decoder on its own handle of the file: inflating DEFLATE
//! is most of the work of reading a population raster.
//! Where the grid lies comes from the GeoTIFF tags: ModelPixelScaleTag (33550) with the first
//! ModelTiepointTag (33922), or a ModelTransformationTag (34264) without rotation; nodata from
//! GDAL's GDAL_NODATA tag (42113).

use std::fs::File;
use std::io::{BufReader, Read, Seek};
use std::path::{Path, PathBuf};

use tiff::decoder::{Decoder, DecodingResult, DecodingSampleType, Limits};
use tiff::tags::Tag;
use tiff::{ColorType, TiffError};

use super::{Band, Grid, RasterError, RowSource, band_rows, open_buffered};
use crate::parallel::{map_ordered, workers};

/// GeoKey GTModelTypeGeoKey: 1 projected, 2 geographic (longitude/latitude), 3 geocentric.
const MODEL_TYPE_KEY: u16 = 1024;
const MODEL_TYPE_GEOGRAPHIC: u16 = 2;
/// GeoKey GTRasterTypeGeoKey: 1 PixelIsArea (tie points at cell corners), 2 PixelIsPoint (at
/// cell centres).
const RASTER_TYPE_KEY: u16 = 1025;
const RASTER_TYPE_POINT: u16 = 2;

/// A GeoTIFF read a band of rows at a time.
#[derive(Debug)]
pub struct GeoTiff<R: Read + Seek> {
    path: PathBuf,
    /// One per thread decoding chunks, each reading the file through its own reader.
    decoders: Vec<Decoder<R>>,
    grid: Grid,
    chunk_width: usize,
    chunk_height: usize,
    /// Whole rows of chunks per band.
    chunk_rows_per_band: usize,
    next_row: usize,
    /// The band being lent out.
    people: Vec<f64>,
}

impl GeoTiff<BufReader<File>> {
    /// Opens the GeoTIFF at `path`, to be read in bands of about `rows_per_band` rows (whole
    /// rows of chunks: at least one), decoded on as many threads as there are cores. Fails
    /// now, not at the first band, if the file is not a one-band longitude/latitude raster of a
    /// supported sample type.
    pub fn open(path: impl AsRef<Path>, rows_per_band: usize) -> Result<Self, RasterError> {
        let path = path.as_ref();
        let readers = (0..workers())
            .map(|_| open_buffered(path))
            .collect::<Result<_, _>>()?;
        GeoTiff::with_readers(readers, path, rows_per_band)
    }
}

impl<R: Read + Seek + Send> GeoTiff<R> {
    /// Reads a GeoTIFF from `reader`, on the calling thread; `path` names it in errors.
    pub fn new(
        reader: R,
        path: impl Into<PathBuf>,
        rows_per_band: usize,
    ) -> Result<Self, RasterError> {
        GeoTiff::with_readers(vec![reader], path, rows_per_band)
    }

    /// Reads a GeoTIFF through `readers`, all reading the same bytes: one thread per reader
    /// decodes chunks.
    ///
    /// # Panics
    ///
    /// When `readers` is empty.
    pub fn with_readers(
        readers: Vec<R>,
        path: impl Into<PathBuf>,
        rows_per_band: usize,
    ) -> Result<Self, RasterError> {
        assert!(!readers.is_empty(), "a GeoTIFF needs a reader");
        let path = path.into();
        let tiff = |source| RasterError::Tiff {
            path: path.clone(),
            source,
        };
        let mut decoders = readers
            .into_iter()
            .map(|reader| Ok(Decoder::new(reader)?.with_limits(limits())))
            .collect::<Result<Vec<_>, TiffError>>()
            .map_err(tiff)?;
        let decoder = &mut decoders[0];
        let float32 = is_float32(decoder, &path)?;
        let mut grid = read_grid(decoder, &path)?;
        if float32 {
            // The nodata value as the samples hold it: "-3.4028234663852886e+38" is f32::MIN.
            grid.nodata = grid.nodata.map(|n| f64::from(n as f32));
        }
        let (chunk_width, chunk_height) = decoder.chunk_dimensions();
        let chunk_height = chunk_height as usize;
        Ok(GeoTiff {
            path,
            decoders,
            grid,
            chunk_width: chunk_width as usize,
            chunk_height,
            chunk_rows_per_band: (rows_per_band / chunk_height).max(1),
            next_row: 0,
            people: Vec::new(),
        })
    }

    /// Decodes the `rows` rows from `first_row` (whole rows of chunks) into `self.people`, each
    /// chunk into its own piece of the band.
    fn read_band(&mut self, first_row: usize, rows: usize) -> Result<(), RasterError> {
        let GeoTiff {
            path,
            decoders,
            grid,
            chunk_width,
            chunk_height,
            people,
            ..
        } = self;
        let width = grid.width;
        let across = width.div_ceil(*chunk_width);
        people.resize(rows * width, 0.0);
        let mut pieces = Vec::new();
        for (offset, chunk_rows) in people.chunks_mut(*chunk_height * width).enumerate() {
            let chunk_row = first_row / *chunk_height + offset;
            let mut columns: Vec<Vec<&mut [f64]>> = (0..across).map(|_| Vec::new()).collect();
            for row in chunk_rows.chunks_exact_mut(width) {
                for (column, segment) in columns.iter_mut().zip(row.chunks_mut(*chunk_width)) {
                    column.push(segment);
                }
            }
            pieces.extend(
                (chunk_row * across..)
                    .zip(columns)
                    .map(|(chunk, rows)| Piece { chunk, rows }),
            );
        }
        let decoded = map_ordered(decoders, pieces.into_iter(), |decoder, piece| {
            piece.decode(decoder, grid, path)
        });
        decoded.into_iter().collect()
    }
}

/// One chunk's part of a band: the segments of the band's rows that the chunk covers.
struct Piece<'a> {
    chunk: usize,
    rows: Vec<&'a mut [f64]>,
}

impl Piece<'_> {
    /// Decodes the chunk into the rows, as people per cell.
    fn decode<R: Read + Seek>(
        mut self,
        decoder: &mut Decoder<R>,
        grid: &Grid,
        path: &Path,
    ) -> Result<(), RasterError> {
        let chunk = self.chunk;
        let decoded = u32::try_from(chunk)
            .map_err(TiffError::from)
            .and_then(|chunk| decoder.read_chunk(chunk))
            .map_err(|source| RasterError::Tiff {
                path: path.to_owned(),
                source,
            })?;
        let (rows, columns) = (self.rows.len(), self.rows[0].len());
        let placed = match &decoded {
            DecodingResult::U8(v) => self.place(v, grid),
            DecodingResult::I8(v) => self.place(v, grid),
            DecodingResult::U16(v) => self.place(v, grid),
            DecodingResult::I16(v) => self.place(v, grid),
            DecodingResult::U32(v) => self.place(v, grid),
            DecodingResult::I32(v) => self.place(v, grid),
            DecodingResult::F32(v) => self.place(v, grid),
            DecodingResult::F64(v) => self.place(v, grid),
            _ => unreachable!("the sample type is checked when the file is opened"),
        };
        placed.map_err(|samples| RasterError::Unsupported {
            path: path.to_owned(),
            reason: format!(
                "chunk {chunk} decodes to {samples} samples, not {rows} rows of {columns}"
            ),
        })
    }

    /// Writes the samples (widened exactly: every type read fits in f64) as people; fails with
    /// the number of samples when they do not fill the rows exactly.
    fn place<T: Copy + Into<f64>>(&mut self, samples: &[T], grid: &Grid) -> Result<(), usize> {
        let columns = self.rows[0].len();
        if samples.len() != self.rows.len() * columns {
            return Err(samples.len());
        }
        for (target, source) in self.rows.iter_mut().zip(samples.chunks_exact(columns)) {
            for (cell, &value) in target.iter_mut().zip(source) {
                *cell = grid.people(value.into());
            }
        }
        Ok(())
    }
}

impl<R: Read + Seek + Send> RowSource for GeoTiff<R> {
    fn grid(&self) -> &Grid {
        &self.grid
    }

    fn next_band(&mut self) -> Result<Option<Band<'_>>, RasterError> {
        let rows_per_band = self.chunk_rows_per_band * self.chunk_height;
        let Some(rows) = band_rows(&self.grid, self.next_row, rows_per_band) else {
            return Ok(None);
        };
        let first_row = self.next_row;
        self.read_band(first_row, rows)?;
        self.next_row += rows;
        Ok(Some(Band {
            first_row,
            width: self.grid.width,
            people: &self.people,
        }))
    }
}

/// The decoder's default limits, except for the tag values: a global 3″ raster in 256-pixel
/// tiles has 1.4 million tiles, whose offsets and sizes exceed the default 1 MiB.
fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.ifd_value_size = 64 << 20;
    limits
}

/// Whether the samples are 32-bit floats; an error for samples this crate does not read
/// (several bands, 1- or 4-bit samples that would need unpacking, 16-bit floats, 64-bit
/// integers).
fn is_float32<R: Read + Seek>(decoder: &mut Decoder<R>, path: &Path) -> Result<bool, RasterError> {
    let tiff = |source| RasterError::Tiff {
        path: path.to_owned(),
        source,
    };
    match decoder.colortype().map_err(tiff)? {
        ColorType::Gray(bits @ (8 | 16 | 32 | 64)) => {
            use DecodingSampleType::{F32, F64, I8, I16, I32, U8, U16, U32};
            let layout = decoder.image_chunk_buffer_layout(0).map_err(tiff)?;
            match layout.sample_type {
                Some(U8 | I8 | U16 | I16 | U32 | I32 | F32 | F64) => {
                    Ok(layout.sample_type == Some(F32))
                }
                _ => Err(RasterError::Unsupported {
                    path: path.to_owned(),
                    reason: format!(
                        "{bits}-bit {:?} samples (readable: 8-, 16- and 32-bit integers, 32- \
                         and 64-bit floats)",
                        layout.sample_format
                    ),
                }),
            }
        }
        other => Err(RasterError::Unsupported {
            path: path.to_owned(),
            reason: format!(
                "colour type {other:?}: a population raster has one band of whole-byte samples"
            ),
        }),
    }
}

/// The grid the GeoTIFF tags describe, checked to be in longitude/latitude degrees.
fn read_grid<R: Read + Seek>(decoder: &mut Decoder<R>, path: &Path) -> Result<Grid, RasterError> {
    let tiff = |source| RasterError::Tiff {
        path: path.to_owned(),
        source,
    };
    let (width, height) = decoder.dimensions().map_err(tiff)?;
    let keys = decoder
        .find_tag_unsigned_vec::<u16>(Tag::GeoKeyDirectoryTag)
        .map_err(tiff)?
        .unwrap_or_default();
    if let Some(model) = geo_key(&keys, MODEL_TYPE_KEY).filter(|&m| m != MODEL_TYPE_GEOGRAPHIC) {
        return Err(RasterError::Unsupported {
            path: path.to_owned(),
            reason: format!(
                "a projected or geocentric grid (GTModelTypeGeoKey {model}); reproject it to \
                 longitude/latitude, EPSG:4326"
            ),
        });
    }
    let (mut west, mut north, cell_width, cell_height) = placement(decoder, path)?;
    if geo_key(&keys, RASTER_TYPE_KEY) == Some(RASTER_TYPE_POINT) {
        // Tie points name cell centres: the grid's corner is half a cell further out.
        west -= cell_width / 2.0;
        north += cell_height / 2.0;
    }
    let grid = Grid {
        west,
        north,
        cell_width,
        cell_height,
        width: width as usize,
        height: height as usize,
        nodata: nodata(decoder, path)?,
    };
    match grid.problem() {
        Some(reason) => Err(RasterError::Grid {
            path: path.to_owned(),
            reason,
        }),
        None => Ok(grid),
    }
}

/// (west, north, cell width, cell height) from the transformation matrix or from the pixel
/// scale and first tie point.
fn placement<R: Read + Seek>(
    decoder: &mut Decoder<R>,
    path: &Path,
) -> Result<(f64, f64, f64, f64), RasterError> {
    let mut doubles = |tag| {
        decoder
            .find_tag(tag)
            .and_then(|value| value.map(|v| v.into_f64_vec()).transpose())
            .map_err(|source| RasterError::Tiff {
                path: path.to_owned(),
                source,
            })
    };
    if let Some(m) = doubles(Tag::ModelTransformationTag)? {
        // x = m0·column + m1·row + m3, y = m4·column + m5·row + m7.
        let &[a, b, _, d, e, f, _, h, ..] = m.as_slice() else {
            return Err(RasterError::Georeferencing {
                path: path.to_owned(),
                reason: format!("ModelTransformationTag has {} values, not 16", m.len()),
            });
        };
        if b != 0.0 || e != 0.0 {
            return Err(RasterError::Unsupported {
                path: path.to_owned(),
                reason: "a rotated or sheared grid (ModelTransformationTag); warp it to a \
                         north-up longitude/latitude grid first"
                    .to_owned(),
            });
        }
        return Ok((d, h, a, -f));
    }
    let scale = doubles(Tag::ModelPixelScaleTag)?;
    let tiepoint = doubles(Tag::ModelTiepointTag)?;
    match (scale.as_deref(), tiepoint.as_deref()) {
        (Some(&[sx, sy, ..]), Some(&[i, j, _, x, y, ..])) => Ok((x - i * sx, y + j * sy, sx, sy)),
        (scale, tiepoint) => Err(RasterError::Georeferencing {
            path: path.to_owned(),
            reason: format!(
                "ModelPixelScaleTag (33550) {} and ModelTiepointTag (33922) {}, and no \
                 ModelTransformationTag (34264)",
                presence(scale, 2),
                presence(tiepoint, 6)
            ),
        }),
    }
}

fn presence(values: Option<&[f64]>, needed: usize) -> String {
    match values {
        None => "missing".to_owned(),
        Some(v) if v.len() < needed => format!("with {} of {needed} values", v.len()),
        Some(_) => "present".to_owned(),
    }
}

/// The value of GeoKey `id`, when it is stored in the directory itself (as the model and
/// raster types always are). The directory is a header of four shorts, then four per key:
/// id, location (0: the value is inline), count, value.
fn geo_key(directory: &[u16], id: u16) -> Option<u16> {
    directory
        .chunks_exact(4)
        .skip(1)
        .find(|key| key[0] == id && key[1] == 0)
        .map(|key| key[3])
}

/// GDAL_NODATA: the nodata value as ASCII text ("-99999", "nan", "-3.4028234663852886e+38").
fn nodata<R: Read + Seek>(
    decoder: &mut Decoder<R>,
    path: &Path,
) -> Result<Option<f64>, RasterError> {
    let text = decoder
        .find_tag(Tag::GdalNodata)
        .and_then(|value| value.map(|v| v.into_string()).transpose())
        .map_err(|source| RasterError::Tiff {
            path: path.to_owned(),
            source,
        })?;
    let Some(text) = text else {
        return Ok(None);
    };
    let trimmed = text.trim_matches(|c: char| c == '\0' || c.is_whitespace());
    trimmed.parse().map(Some).map_err(|_| RasterError::Grid {
        path: path.to_owned(),
        reason: format!("GDAL_NODATA {trimmed:?} is not a number"),
    })
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use tiff::encoder::compression::{Compression as _, CompressionAlgorithm, Deflate};
    use tiff::encoder::{Compression, TiffEncoder, TiffKind, TiffKindBig, TiffValue, colortype};
    use tiff::tags::Predictor;
    use tiff::tags::{CompressionMethod, PhotometricInterpretation, SampleFormat};

    use super::*;
    use crate::raster::tests::read_all;

    /// Georeferencing tags as GDAL writes them for EPSG:4326.
    struct Geo {
        scale: [f64; 3],
        tiepoint: [f64; 6],
        /// GTModelType, GTRasterType.
        keys: [u16; 2],
        nodata: Option<&'static str>,
    }

    impl Geo {
        /// 0.5° × 0.25° cells from (10°E, 5°N).
        fn standard() -> Geo {
            Geo {
                scale: [0.5, 0.25, 0.0],
                tiepoint: [0.0, 0.0, 0.0, 10.0, 5.0, 0.0],
                keys: [MODEL_TYPE_GEOGRAPHIC, 1],
                nodata: Some("-99999"),
            }
        }

        fn write<W: std::io::Write + Seek, K: TiffKind>(
            &self,
            directory: &mut tiff::encoder::DirectoryEncoder<'_, W, K>,
        ) {
            directory
                .write_tag(Tag::ModelPixelScaleTag, &self.scale[..])
                .unwrap();
            directory
                .write_tag(Tag::ModelTiepointTag, &self.tiepoint[..])
                .unwrap();
            let [model, raster] = self.keys;
            let keys: [u16; 16] = [
                1, 1, 0, 3, 1024, 0, 1, model, 1025, 0, 1, raster, 2048, 0, 1, 4326,
            ];
            directory
                .write_tag(Tag::GeoKeyDirectoryTag, &keys[..])
                .unwrap();
            if let Some(nodata) = self.nodata {
                directory.write_tag(Tag::GdalNodata, nodata).unwrap();
            }
        }
    }

    /// A stripped GeoTIFF of `values` (`width` pixels per row) through the `tiff` crate's encoder,
    /// `rows_per_strip` rows per strip.
    fn stripped<C: colortype::ColorType>(
        width: u32,
        values: &[C::Inner],
        rows_per_strip: u32,
        compression: Compression,
        geo: &Geo,
    ) -> Vec<u8>
    where
        [C::Inner]: TiffValue,
    {
        let samples = C::BITS_PER_SAMPLE.len() as u32;
        let height = values.len() as u32 / (width * samples);
        let mut bytes = Cursor::new(Vec::new());
        let mut encoder = TiffEncoder::new(&mut bytes)
            .unwrap()
            .with_compression(compression);
        let mut image = encoder.new_image::<C>(width, height).unwrap();
        image.rows_per_strip(rows_per_strip).unwrap();
        geo.write(image.encoder());
        image.write_data(values).unwrap();
        bytes.into_inner()
    }

    /// A tiled Float32 GeoTIFF, written tag by tag (the encoder writes strips only): tiles of
    /// `tile` × `tile` cells, DEFLATE-compressed when `deflate`, edge tiles padded.
    fn tiled(width: usize, values: &[f32], tile: usize, deflate: bool, geo: &Geo) -> Vec<u8> {
        let height = values.len() / width;
        let (across, down) = (width.div_ceil(tile), height.div_ceil(tile));
        let mut bytes = Cursor::new(Vec::new());
        let mut encoder = TiffEncoder::new(&mut bytes).unwrap();
        let mut directory = encoder.image_directory().unwrap();
        let (mut offsets, mut sizes) = (Vec::new(), Vec::new());
        for index in 0..across * down {
            let (x0, y0) = (index % across * tile, index / across * tile);
            // Padding cells hold a marker the reader must never return.
            let mut cells = vec![-7.0f32; tile * tile];
            for y in y0..height.min(y0 + tile) {
                for x in x0..width.min(x0 + tile) {
                    cells[(y - y0) * tile + (x - x0)] = values[y * width + x];
                }
            }
            let raw: Vec<u8> = cells.iter().flat_map(|v| v.to_ne_bytes()).collect();
            let data = if deflate {
                let mut packed = Vec::new();
                Deflate::default().write_to(&mut packed, &raw).unwrap();
                packed
            } else {
                raw
            };
            offsets.push(directory.write_data(&data[..]).unwrap() as u32);
            sizes.push(data.len() as u32);
        }
        let method = if deflate {
            Deflate::COMPRESSION_METHOD
        } else {
            CompressionMethod::None
        };
        directory.write_tag(Tag::ImageWidth, width as u32).unwrap();
        directory
            .write_tag(Tag::ImageLength, height as u32)
            .unwrap();
        directory.write_tag(Tag::BitsPerSample, 32u16).unwrap();
        directory.write_tag(Tag::Compression, method).unwrap();
        directory
            .write_tag(
                Tag::PhotometricInterpretation,
                PhotometricInterpretation::BlackIsZero,
            )
            .unwrap();
        directory.write_tag(Tag::SamplesPerPixel, 1u16).unwrap();
        directory
            .write_tag(Tag::SampleFormat, &[SampleFormat::IEEEFP][..])
            .unwrap();
        directory.write_tag(Tag::TileWidth, tile as u32).unwrap();
        directory.write_tag(Tag::TileLength, tile as u32).unwrap();
        directory.write_tag(Tag::TileOffsets, &offsets[..]).unwrap();
        directory
            .write_tag(Tag::TileByteCounts, &sizes[..])
            .unwrap();
        geo.write(&mut directory);
        directory.finish().unwrap();
        bytes.into_inner()
    }

    fn read(bytes: Vec<u8>, rows_per_band: usize) -> Result<GeoTiff<Cursor<Vec<u8>>>, RasterError> {
        GeoTiff::new(Cursor::new(bytes), "test.tif", rows_per_band)
    }

    /// Every cell, read in bands of about `rows_per_band` rows by `threads` threads.
    fn read_in_parallel(bytes: &[u8], rows_per_band: usize, threads: usize) -> Vec<f64> {
        let readers = vec![Cursor::new(bytes.to_vec()); threads];
        read_all(&mut GeoTiff::with_readers(readers, "test.tif", rows_per_band).unwrap())
    }

    /// Values that are all different and fit every sample type, some of them 0.
    fn values(count: usize) -> Vec<u8> {
        (0..count).map(|i| (i * 37 % 101) as u8).collect()
    }

    fn as_f64<T: Copy + Into<f64>>(values: &[T]) -> Vec<f64> {
        values.iter().map(|&v| v.into()).collect()
    }

    #[test]
    fn reads_georeferencing_exactly() {
        let bytes = stripped::<colortype::Gray8>(
            4,
            &values(12),
            1,
            Compression::Uncompressed,
            &Geo::standard(),
        );
        let raster = read(bytes, 2).unwrap();
        assert_eq!(
            raster.grid(),
            &Grid {
                west: 10.0,
                north: 5.0,
                cell_width: 0.5,
                cell_height: 0.25,
                width: 4,
                height: 3,
                nodata: Some(-99999.0),
            }
        );
        // A tie point on another cell than the corner, as some writers place it.
        let inner = Geo {
            tiepoint: [2.0, 1.0, 0.0, 11.0, 4.75, 0.0],
            ..Geo::standard()
        };
        let bytes =
            stripped::<colortype::Gray8>(4, &values(12), 1, Compression::Uncompressed, &inner);
        let grid = read(bytes, 2).unwrap().grid().clone();
        assert_eq!((grid.west, grid.north), (10.0, 5.0));
    }

    #[test]
    fn pixel_is_point_moves_the_corner_half_a_cell() {
        let point = Geo {
            keys: [MODEL_TYPE_GEOGRAPHIC, RASTER_TYPE_POINT],
            ..Geo::standard()
        };
        let bytes =
            stripped::<colortype::Gray8>(4, &values(12), 1, Compression::Uncompressed, &point);
        let grid = read(bytes, 1).unwrap().grid().clone();
        assert_eq!((grid.west, grid.north), (9.75, 5.125));
        assert_eq!((grid.centre_lon(0), grid.centre_lat(0)), (10.0, 5.0));
    }

    /// An uncompressed file of `cells`, 4 per row, 2 rows per strip.
    fn plain<C: colortype::ColorType>(cells: &[C::Inner]) -> Vec<u8>
    where
        [C::Inner]: TiffValue,
    {
        stripped::<C>(4, cells, 2, Compression::Uncompressed, &Geo::standard())
    }

    fn converted<T>(cells: &[u8], f: impl Fn(u8) -> T) -> Vec<T> {
        cells.iter().map(|&v| f(v)).collect()
    }

    #[test]
    fn reads_every_sample_type_exactly() {
        // The same 36 cells in each type, shifted or scaled into its range; negatives are nobody.
        let cells = values(4 * 9);
        let people = |f: fn(u8) -> f64| converted(&cells, |v| f(v).max(0.0));
        let files = [
            ("u8", plain::<colortype::Gray8>(&cells), people(f64::from)),
            (
                "i8",
                plain::<colortype::GrayI8>(&converted(&cells, |v| v as i8 - 50)),
                people(|v| f64::from(v) - 50.0),
            ),
            (
                "u16",
                plain::<colortype::Gray16>(&converted(&cells, |v| u16::from(v) * 500)),
                people(|v| f64::from(v) * 500.0),
            ),
            (
                "i16",
                plain::<colortype::GrayI16>(&converted(&cells, |v| i16::from(v) * 300 - 3000)),
                people(|v| f64::from(v) * 300.0 - 3000.0),
            ),
            (
                "u32",
                plain::<colortype::Gray32>(&converted(&cells, |v| u32::from(v) * 70_000)),
                people(|v| f64::from(v) * 70_000.0),
            ),
            (
                "i32",
                plain::<colortype::GrayI32>(&converted(&cells, |v| i32::from(v) * 70_000 - 1)),
                people(|v| f64::from(v) * 70_000.0 - 1.0),
            ),
            (
                "f32",
                plain::<colortype::Gray32Float>(&converted(&cells, |v| f32::from(v) / 8.0)),
                people(|v| f64::from(v) / 8.0),
            ),
            (
                "f64",
                plain::<colortype::Gray64Float>(&converted(&cells, |v| f64::from(v) / 3.0)),
                people(|v| f64::from(v) / 3.0),
            ),
        ];
        for (name, bytes, expected) in files {
            let mut raster = read(bytes, 4).unwrap();
            assert_eq!(read_all(&mut raster), expected, "{name}");
        }
    }

    #[test]
    fn compressed_strips_read_the_same() {
        let grid_values: Vec<f32> = values(13 * 11)
            .iter()
            .map(|&v| f32::from(v) * 1.5)
            .collect();
        let expected = as_f64(&grid_values);
        for (name, compression) in [
            ("none", Compression::Uncompressed),
            ("LZW", Compression::Lzw),
            (
                "DEFLATE",
                Compression::Deflate(tiff::encoder::DeflateLevel::Fast),
            ),
        ] {
            // Strips of 3 rows against bands of about 1, 2, 4 and all rows, decoded by one
            // thread or by three.
            let bytes = stripped::<colortype::Gray32Float>(
                13,
                &grid_values,
                3,
                compression,
                &Geo::standard(),
            );
            for rows_per_band in [1, 2, 4, 11] {
                for threads in [1, 3] {
                    assert_eq!(
                        read_in_parallel(&bytes, rows_per_band, threads),
                        expected,
                        "{name}, {rows_per_band} rows, {threads} threads"
                    );
                }
            }
        }
    }

    #[test]
    fn predictors_and_bigtiff_read_the_same() {
        // Integer samples with GDAL's PREDICTOR=2 (horizontal differencing), in a BigTIFF, as
        // global WorldPop files are.
        let cells: Vec<i32> = (0..17 * 9).map(|i| (i * 7919) % 5000 - 100).collect();
        let expected: Vec<f64> = cells.iter().map(|&v| f64::from(v.max(0))).collect();
        for (name, compression) in [
            ("LZW", Compression::Lzw),
            (
                "DEFLATE",
                Compression::Deflate(tiff::encoder::DeflateLevel::Fast),
            ),
        ] {
            let mut bytes = Cursor::new(Vec::new());
            let mut encoder = TiffEncoder::<_, TiffKindBig>::new_big(&mut bytes)
                .unwrap()
                .with_compression(compression)
                .with_predictor(Predictor::Horizontal);
            let mut image = encoder.new_image::<colortype::GrayI32>(17, 9).unwrap();
            image.rows_per_strip(2).unwrap();
            Geo::standard().write(image.encoder());
            image.write_data(&cells).unwrap();
            let mut raster = read(bytes.into_inner(), 4).unwrap();
            assert_eq!(raster.grid().width, 17, "{name}");
            assert_eq!(read_all(&mut raster), expected, "{name}");
        }
    }

    #[test]
    fn tiles_are_laid_side_by_side_and_their_padding_dropped() {
        // 40 × 37 cells in 16 × 16 tiles: 3 × 3 tiles, the last column and row padded.
        let grid_values: Vec<f32> = (0..40 * 37).map(|i| i as f32 * 0.25).collect();
        let expected = as_f64(&grid_values);
        for deflate in [false, true] {
            let bytes = tiled(40, &grid_values, 16, deflate, &Geo::standard());
            let raster = read(bytes.clone(), 1).unwrap();
            assert_eq!((raster.grid().width, raster.grid().height), (40, 37));
            for rows_per_band in [1, 5, 16, 37, 256] {
                for threads in [1, 2, 4] {
                    assert_eq!(
                        read_in_parallel(&bytes, rows_per_band, threads),
                        expected,
                        "deflate {deflate}, {rows_per_band} rows, {threads} threads"
                    );
                }
            }
        }
    }

    #[test]
    fn nodata_negative_and_nan_read_as_nobody() {
        let cells = [1.5f32, -99999.0, -2.0, f32::NAN, 7.0, f32::MIN];
        let expected = [1.5, 0.0, 0.0, 0.0, 7.0, 0.0];
        let bytes = stripped::<colortype::Gray32Float>(
            3,
            &cells,
            1,
            Compression::Uncompressed,
            &Geo::standard(),
        );
        assert_eq!(read_all(&mut read(bytes, 1).unwrap()), expected);

        // A positive nodata value, as UInt8 and UInt16 rasters use.
        let byte = Geo {
            nodata: Some(" 255 "),
            ..Geo::standard()
        };
        let bytes =
            stripped::<colortype::Gray8>(3, &[255, 3, 254], 1, Compression::Uncompressed, &byte);
        let mut raster = read(bytes, 1).unwrap();
        assert_eq!(raster.grid().nodata, Some(255.0));
        assert_eq!(read_all(&mut raster), [0.0, 3.0, 254.0]);

        // Float32 nodata compared in 32 bits, as GDAL does: "3.3" marks the f32 nearest 3.3.
        let rounded = Geo {
            nodata: Some("3.3"),
            ..Geo::standard()
        };
        let bytes = stripped::<colortype::Gray32Float>(
            3,
            &[3.3, 4.0, 3.25],
            1,
            Compression::Uncompressed,
            &rounded,
        );
        let mut raster = read(bytes, 1).unwrap();
        assert_eq!(raster.grid().nodata, Some(f64::from(3.3f32)));
        assert_eq!(read_all(&mut raster), [0.0, 4.0, 3.25]);
    }

    #[test]
    fn a_transformation_matrix_without_rotation_is_read() {
        let mut bytes = Cursor::new(Vec::new());
        let mut encoder = TiffEncoder::new(&mut bytes).unwrap();
        let mut image = encoder.new_image::<colortype::Gray8>(2, 2).unwrap();
        let matrix: [f64; 16] = [
            0.5, 0.0, 0.0, -20.0, 0.0, -0.5, 0.0, 60.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0,
        ];
        image
            .encoder()
            .write_tag(Tag::ModelTransformationTag, &matrix[..])
            .unwrap();
        image.write_data(&[1, 2, 3, 4]).unwrap();
        let grid = read(bytes.into_inner(), 1).unwrap().grid().clone();
        assert_eq!(
            (
                grid.west,
                grid.north,
                grid.cell_width,
                grid.cell_height,
                grid.nodata
            ),
            (-20.0, 60.0, 0.5, 0.5, None)
        );
    }

    /// A 2 × 2 Gray8 file with only `tags` written (each a tag and its doubles).
    fn with_tags(tags: &[(Tag, &[f64])]) -> Vec<u8> {
        let mut bytes = Cursor::new(Vec::new());
        let mut encoder = TiffEncoder::new(&mut bytes).unwrap();
        let mut image = encoder.new_image::<colortype::Gray8>(2, 2).unwrap();
        for (tag, values) in tags {
            image.encoder().write_tag(*tag, *values).unwrap();
        }
        image.write_data(&[1, 2, 3, 4]).unwrap();
        bytes.into_inner()
    }

    #[test]
    fn errors_name_the_file_and_the_reason() {
        let error = read(with_tags(&[]), 1).unwrap_err();
        assert_eq!(
            error.to_string(),
            "test.tif: missing georeferencing: ModelPixelScaleTag (33550) missing and \
             ModelTiepointTag (33922) missing, and no ModelTransformationTag (34264)"
        );

        let scale_only = with_tags(&[(Tag::ModelPixelScaleTag, &[0.1, 0.1, 0.0])]);
        let error = read(scale_only, 1).unwrap_err();
        assert!(
            error.to_string().contains(
                "ModelPixelScaleTag (33550) present and ModelTiepointTag (33922) missing"
            ),
            "{error}"
        );

        let rotated: [f64; 16] = [
            0.5, 0.1, 0.0, -20.0, 0.1, -0.5, 0.0, 60.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0,
        ];
        let error = read(with_tags(&[(Tag::ModelTransformationTag, &rotated)]), 1).unwrap_err();
        assert!(matches!(error, RasterError::Unsupported { .. }));
        assert_eq!(
            error.to_string(),
            "test.tif: unsupported: a rotated or sheared grid (ModelTransformationTag); warp it \
             to a north-up longitude/latitude grid first"
        );

        let projected = Geo {
            keys: [1, 1],
            ..Geo::standard()
        };
        let bytes =
            stripped::<colortype::Gray8>(2, &[1, 2], 1, Compression::Uncompressed, &projected);
        let error = read(bytes, 1).unwrap_err();
        assert!(
            error.to_string().starts_with(
                "test.tif: unsupported: a projected or geocentric grid (GTModelTypeGeoKey 1)"
            ),
            "{error}"
        );

        // Metres in a file that does not say it is projected.
        let metres = Geo {
            scale: [1000.0, 1000.0, 0.0],
            tiepoint: [0.0, 0.0, 0.0, -18_000_000.0, 9_000_000.0, 0.0],
            ..Geo::standard()
        };
        let bytes = stripped::<colortype::Gray8>(2, &[1, 2], 1, Compression::Uncompressed, &metres);
        let error = read(bytes, 1).unwrap_err();
        assert!(matches!(error, RasterError::Grid { .. }), "{error}");

        let bytes = stripped::<colortype::Gray64>(
            2,
            &[1, 2],
            1,
            Compression::Uncompressed,
            &Geo::standard(),
        );
        assert_eq!(
            read(bytes, 1).unwrap_err().to_string(),
            "test.tif: unsupported: 64-bit Uint samples (readable: 8-, 16- and 32-bit integers, \
             32- and 64-bit floats)"
        );

        let bytes = stripped::<colortype::RGB8>(
            1,
            &[1, 2, 3],
            1,
            Compression::Uncompressed,
            &Geo::standard(),
        );
        let error = read(bytes, 1).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("test.tif: unsupported: colour type RGB(8)"),
            "{error}"
        );

        let bad_nodata = Geo {
            nodata: Some("none"),
            ..Geo::standard()
        };
        let bytes =
            stripped::<colortype::Gray8>(2, &[1, 2], 1, Compression::Uncompressed, &bad_nodata);
        assert_eq!(
            read(bytes, 1).unwrap_err().to_string(),
            "test.tif: invalid grid: GDAL_NODATA \"none\" is not a number"
        );

        let error = read(b"not a tiff".to_vec(), 1).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("test.tif: not a readable TIFF"),
            "{error}"
        );

        let error = GeoTiff::open("/nonexistent/worldpop.tif", 1).unwrap_err();
        assert!(
            error.to_string().starts_with("/nonexistent/worldpop.tif: "),
            "{error}"
        );
    }
}
