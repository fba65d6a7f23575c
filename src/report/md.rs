//! Escaping for Markdown reports (`check --format markdown`, job summaries, `diff
//! --format markdown`): one escaper, so that untrusted text (TOM strings, file names,
//! policy messages) cannot inject markup, links, images, mentions or table cells into a
//! pull request comment.

/// Inline code for identifiers that are safe in a code span inside a table, escaped
/// text otherwise.
pub fn code(s: &str) -> String {
    let safe = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "._:/-@{}~^ ".contains(c));
    if safe {
        format!("`{s}`")
    } else {
        text(s)
    }
}

/// Escapes untrusted text for a Markdown table cell or paragraph.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '@' => out.push_str("&#64;"),
            '\n' => out.push_str("<br>"),
            // Emphasis, code, links and images (no `[`, no link), strikethrough,
            // table cells, math. Parentheses only matter after `]`, headings and
            // lists only at the start of a line, which a cell or list item never is.
            '\\' | '`' | '*' | '_' | '[' | ']' | '~' | '|' | '$' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn untrusted_text_cannot_inject_markup() {
        assert_eq!(
            text("a|b\n<img src=x>[x](http://e)"),
            "a\\|b<br>&lt;img src=x&gt;\\[x\\](http://e)"
        );
        assert_eq!(code("tom/a.toml:3"), "`tom/a.toml:3`");
        assert_eq!(code("a`b"), "a\\`b");
        assert_eq!(
            text("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(text("a | b\nc"), "a \\| b<br>c");
        assert_eq!(text("![x](http://e)"), "!\\[x\\](http://e)");
        assert_eq!(text("@team"), "&#64;team");
        assert_eq!(code("provider:hetzner"), "`provider:hetzner`");
        assert_eq!(code("a`b|c"), "a\\`b\\|c");
    }
}
