//! `eirene synth ged --rows N --seed S --out FILE`.

use std::fs::File;
use std::io::BufWriter;

use anyhow::Context;

use crate::cli::SynthCommand;

pub fn run(command: SynthCommand) -> anyhow::Result<()> {
    match command {
        SynthCommand::Ged { rows, seed, out } => {
            let file =
                File::create(&out).with_context(|| format!("cannot create {}", out.display()))?;
            let written = eirene_synth::write_ged(
                BufWriter::with_capacity(1 << 20, file),
                &eirene_synth::GedOptions { rows, seed },
            )
            .with_context(|| format!("cannot write {}", out.display()))?;
            eprintln!("wrote {written} synthetic GED events to {}", out.display());
            Ok(())
        }
    }
}
