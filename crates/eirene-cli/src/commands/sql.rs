//! `eirene sql QUERY [--format table|csv|json]`.

use crate::cli::SqlArgs;
use crate::output::write_batches;
use eirene_store::Store;

pub fn run(store: &Store, args: SqlArgs) -> anyhow::Result<()> {
    let result = super::block_on(async {
        let session = store.sql().await?;
        session.query(&args.query).await
    })??;
    let mut out = crate::output::stdout();
    write_batches(&mut out, args.format, &result.schema, &result.batches)
}
