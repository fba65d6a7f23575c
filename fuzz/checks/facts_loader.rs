//! TOML bytes → facts: never panics; every problem's spans lie inside the file on
//! character boundaries.
//!
//! Shared by the fuzz target (`cargo fuzz run facts_loader`) and by `tests/properties.rs`,
//! which runs it over seed inputs in every `cargo test`.

use tomcheck::text::SourceText;

/// One input; panics when the property does not hold.
pub fn check(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = SourceText::new("tom/a.toml", "tom/a.toml", text);
    if let Err(problems) = tomcheck::facts::load(vec![source]) {
        for p in problems {
            if let Some(src) = &p.source {
                for (span, _) in &p.labels {
                    assert!(span.start <= span.end && span.end <= src.text.len());
                    assert!(
                        src.text.is_char_boundary(span.start)
                            && src.text.is_char_boundary(span.end)
                    );
                    let _ = src.line_col(span.start);
                }
            }
        }
    }
}
