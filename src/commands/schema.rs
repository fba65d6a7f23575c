//! `tomcheck schema`: the JSON Schema of the TOM format, for editors (taplo, Even Better
//! TOML).

use super::{CmdResult, Env, EXIT_OK};

/// Prints the JSON Schema.
pub fn run(env: &mut Env<'_>) -> CmdResult {
    serde_json::to_writer_pretty(&mut *env.out, &crate::schema::json_schema())?;
    writeln!(env.out)?;
    Ok(EXIT_OK)
}
