//! `tomcheck schema`: the JSON Schema of the TOM format, for editors (taplo, Even Better
//! TOML).

use super::{CmdResult, Env, EXIT_OK};
use crate::i18n::tr;

/// Prints the JSON Schema, its title and description in the run's language (an editor
/// shows them when it offers the schema).
pub fn run(env: &mut Env<'_>) -> CmdResult {
    let mut schema = crate::schema::json_schema();
    let version = schema["title"]
        .as_str()
        .and_then(|t| t.rsplit(' ').next())
        .unwrap_or_default()
        .to_string();
    schema["title"] = tr("schema-title", &[("version", (&version).into())]).into();
    schema["description"] = tr("schema-description", &[]).into();
    serde_json::to_writer_pretty(&mut *env.out, &schema)?;
    writeln!(env.out)?;
    Ok(EXIT_OK)
}
