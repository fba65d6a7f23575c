//! `tomcheck schema`: the JSON Schema of the TOM format, for editors (taplo, Even Better
//! TOML).

use super::{CmdResult, Env, EXIT_OK};
use crate::i18n::tr;

/// Every `description` of the schema in `lang`: an editor shows them on hover and
/// completion, where a German DPO edits the TOM.
fn localize(schema: &mut serde_json::Value, lang: crate::i18n::Lang) {
    match schema {
        serde_json::Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                match value {
                    serde_json::Value::String(doc) if key == "description" => {
                        *doc = crate::schema::doc_in(lang, doc);
                    }
                    other => localize(other, lang),
                }
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                localize(item, lang);
            }
        }
        _ => {}
    }
}

/// Prints the JSON Schema, its title and descriptions in the run's language (an editor
/// shows them when it offers the schema).
pub fn run(env: &mut Env<'_>) -> CmdResult {
    let mut schema = crate::schema::json_schema();
    localize(&mut schema, env.style.lang);
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
