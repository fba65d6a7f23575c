//! The bundled policy files as the build script prepared them (see `build.rs`): the
//! annotations as JSON, and the text regorus parses without its comment lines, in full
//! and with the messages of one language only.

use std::ops::Range;

use super::Texts;
use crate::text::SourceText;

/// One bundled, non-test policy file.
pub(crate) struct File {
    /// Below `policies/`, with `/` separators.
    pub path: &'static str,
    /// The length of the original text, checked before the file is used.
    pub len: usize,
    /// The text with comment lines emptied, or `None` when it must be parsed as it is.
    pub code: Option<&'static str>,
    /// `code` with the message lines of the other language emptied, per
    /// [`crate::i18n::Lang`] (English, German).
    pub code_in: [Option<&'static str>; 2],
    pub annotations: &'static [Annotation],
}

/// One `# METADATA` block.
pub(crate) struct Annotation {
    pub span: Range<usize>,
    pub line: usize,
    /// The block as JSON, `None` when its YAML does not parse.
    pub json: Option<&'static str>,
}

include!(concat!(env!("OUT_DIR"), "/bundled_policies.rs"));

/// The prepared form of a bundled policy file.
pub(crate) fn file(source: &SourceText) -> Option<&'static File> {
    if !source.is_bundled() {
        return None;
    }
    let path = source.path.strip_prefix("builtin/")?;
    FILES
        .iter()
        .find(|f| f.path == path && f.len == source.text.len())
}

/// The text regorus is to parse for `source`, holding the message `texts` asked for.
pub(crate) fn code(source: &SourceText, texts: Texts) -> &str {
    let prepared = file(source).and_then(|f| match texts {
        Texts::In(lang) => f.code_in[lang as usize],
        Texts::All => f.code,
    });
    prepared.unwrap_or(&source.text)
}

#[cfg(test)]
mod tests {
    use crate::engine::{Policies, Texts};
    use crate::i18n::Lang;

    /// Every bundled policy has its prepared form, and that form's code differs from the
    /// file only in emptied comment lines: every rule sits on the line and column the
    /// file shows.
    #[test]
    fn every_bundled_policy_is_prepared_line_for_line() {
        let policies = Policies::bundled().unwrap();
        assert_eq!(policies.files.len(), super::FILES.len());
        for source in &policies.files {
            let file = super::file(source).unwrap_or_else(|| panic!("{}", source.path));
            let code = file
                .code
                .unwrap_or_else(|| panic!("{} kept whole", source.path));
            assert_eq!(super::code(source, Texts::All), code);
            let lines = |text: &str| text.split_inclusive('\n').map(str::to_string).collect();
            let original: Vec<String> = lines(&source.text);
            let prepared: Vec<String> = lines(code);
            assert_eq!(original.len(), prepared.len(), "{}", source.path);
            for (o, p) in original.iter().zip(&prepared) {
                let emptied = o.trim_start().starts_with('#') && p.trim().is_empty();
                assert!(o == p || emptied, "{}: {o:?} became {p:?}", source.path);
            }
            // One language: only the other language's message lines emptied, each
            // beside the kept line of the same message.
            for (lang, other) in [(Lang::En, "\"de\": "), (Lang::De, "\"en\": ")] {
                let only: Vec<String> = lines(super::code(source, Texts::In(lang)));
                assert_eq!(only.len(), prepared.len(), "{}", source.path);
                let mut emptied = 0;
                for (i, (p, o)) in prepared.iter().zip(&only).enumerate() {
                    if p == o {
                        continue;
                    }
                    assert!(
                        p.trim_start().starts_with(other) && o.trim().is_empty(),
                        "{}:{}: {p:?} became {o:?}",
                        source.path,
                        i + 1
                    );
                    let kept = if lang == Lang::En { i - 1 } else { i + 1 };
                    let key = format!("\"{}\": ", lang.tag());
                    assert!(
                        only[kept].trim_start().starts_with(&key),
                        "{}:{}",
                        source.path,
                        i + 1
                    );
                    emptied += 1;
                }
                if source.text.contains("\"de\": ") && source.text.contains("\n\t\t\t\"en\": ") {
                    assert!(emptied > 0, "{}: no message line emptied", source.path);
                }
            }
        }
    }

    /// A file that only shares a bundled file's name is read as written.
    #[test]
    fn a_repository_file_named_like_a_bundled_one_is_not_replaced() {
        let policies = Policies::bundled().unwrap();
        let bundled = &policies.files[0];
        let theirs = crate::text::SourceText::new(
            bundled.path.clone(),
            bundled.path.clone(),
            bundled.text.clone(),
        );
        assert!(super::file(&theirs).is_none());
        assert_eq!(super::code(&theirs, Texts::In(Lang::En)), &*theirs.text);
    }
}
