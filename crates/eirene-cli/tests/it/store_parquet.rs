//! The store's Parquet writer, which encodes columns on several threads while batches arrive.

use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, Int64Array, ListArray, StringArray};
use datafusion::arrow::datatypes::Int32Type;
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::parquet::arrow::ArrowWriter;
use eirene_store::{TableWriter, parquet_properties};
use eirene_testkit::Prng;

/// Batches of uneven sizes with a number, a text with repeats (dictionary-encoded) and nulls,
/// and a list column (a field with several leaves' writers).
fn batches() -> Vec<RecordBatch> {
    let mut rng = Prng::new(11);
    [3, 1, 8, 5, 13, 2]
        .into_iter()
        .map(|rows| {
            let numbers: ArrayRef = Arc::new(Int64Array::from_iter_values(
                (0..rows).map(|_| rng.int(0, 1000) as i64),
            ));
            let texts: ArrayRef = Arc::new(StringArray::from_iter((0..rows).map(|_| {
                let words = rng.below(4);
                (words > 0).then(|| "word ".repeat(words))
            })));
            let lists: ArrayRef = Arc::new(ListArray::from_iter_primitive::<Int32Type, _, _>(
                (0..rows).map(|_| Some(vec![Some(rng.below(9) as i32); rng.below(3)])),
            ));
            RecordBatch::try_from_iter_with_nullable([
                ("n", numbers, false),
                ("t", texts, true),
                ("l", lists, true),
            ])
            .unwrap()
        })
        .collect()
}

/// The file `ArrowWriter` writes from the same batches with the same properties.
fn arrow_writer_bytes(batches: &[RecordBatch], group_rows: usize) -> Vec<u8> {
    let mut bytes = Vec::new();
    let properties = parquet_properties(group_rows);
    let mut writer =
        ArrowWriter::try_new(&mut bytes, batches[0].schema(), Some(properties)).unwrap();
    for batch in batches {
        writer.write(batch).unwrap();
    }
    writer.close().unwrap();
    bytes
}

#[test]
fn any_thread_count_writes_the_file_arrow_writer_writes() {
    let dir = tempfile::tempdir().unwrap();
    let batches = batches();
    let rows: usize = batches.iter().map(RecordBatch::num_rows).sum();
    for group_rows in [4, 7, 1000] {
        let expected = arrow_writer_bytes(&batches, group_rows);
        for threads in 1..=3 {
            let path = dir.path().join(format!("t-{group_rows}-{threads}.parquet"));
            let schema = batches[0].schema();
            let mut writer =
                TableWriter::with_layout(path.clone(), "t", schema, group_rows, threads).unwrap();
            for batch in &batches {
                writer.write(batch).unwrap();
            }
            assert_eq!(writer.finish().unwrap(), ("t", rows as u64));
            assert!(
                std::fs::read(&path).unwrap() == expected,
                "{group_rows} rows per group, {threads} thread(s)"
            );
        }
    }
}
