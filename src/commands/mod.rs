//! The command layer: one module per subcommand, each turning its parsed arguments into a
//! call of the pipeline (or a domain module) and a report.
//!
//! Only this layer (with `cli.rs` and `main.rs`) knows about argv, exit codes, the
//! terminal and `$GITHUB_STEP_SUMMARY`; the pipeline and domain modules never import it
//! (`tests/architecture.rs` keeps it so). A command returns a verdict (`EXIT_OK`,
//! `EXIT_FINDINGS`) or a [`Failure`], and [`run`] is the one place that maps a failure
//! to exit code 2.
//!
//! Output goes through [`Output`], which treats a closed pipe (`tomcheck check | head -1`)
//! as the reader's choice: writing stops quietly and the command still decides its exit
//! code, so a pipeline's status keeps saying whether findings fail.

mod check;
mod diff;
mod hook;
mod init;
mod log;
mod render;
mod rules;
mod schema;
mod shell;
mod test;

pub use shell::man_pages;

use std::io::{ErrorKind, Write};
use std::path::PathBuf;

use crate::cli::{Cli, ColorChoice, Command};
use crate::diag::{Code, Problem};
use crate::engine::limits;
use crate::i18n::Lang;
use crate::report::{human, Style};

/// Exit code: nothing fails.
pub const EXIT_OK: u8 = 0;
/// Exit code: findings at or above `--fail-on`.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: the input could not be checked.
pub const EXIT_INPUT: u8 = 2;

/// Why a command stopped without a verdict. Only [`run`] turns this into an exit code.
#[derive(Debug)]
pub enum Failure {
    /// The input could not be read, decided or checked.
    Input(Vec<Problem>),
    /// Output could not be written (other than to a closed pipe).
    Output(std::io::Error),
}

impl From<Vec<Problem>> for Failure {
    fn from(p: Vec<Problem>) -> Self {
        Self::Input(p)
    }
}

impl From<Problem> for Failure {
    fn from(p: Problem) -> Self {
        Self::Input(vec![p])
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Self::Output(e)
    }
}

impl From<serde_json::Error> for Failure {
    fn from(e: serde_json::Error) -> Self {
        Self::Output(e.into())
    }
}

impl Failure {
    /// The problems to show for this failure.
    fn problems(self) -> Vec<Problem> {
        match self {
            Failure::Input(p) => p,
            Failure::Output(e) => vec![crate::diag::io_problem(
                &crate::i18n::tr("problem-write-output", &[]),
                &e,
            )],
        }
    }
}

/// A command's result: its verdict as an exit code, or why it has none.
pub type CmdResult = Result<u8, Failure>;

/// Output streams and whether standard output is a terminal.
pub struct Io<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
    pub out_is_terminal: bool,
    pub err_is_terminal: bool,
}

/// What every command gets: where to run, how to style output, where to write it.
pub struct Env<'a> {
    /// The directory the command works in (`-C DIR` or the current directory).
    pub root: PathBuf,
    pub style: Style,
    /// Whether `--lang` or `TOMCHECK_LANG` chose the language (documents otherwise
    /// follow `[document] lang`).
    pub lang_chosen: bool,
    pub out: &'a mut dyn Write,
}

impl Env<'_> {
    /// `path` as the user meant it: relative paths are relative to `-C DIR`.
    pub fn path(&self, path: &std::path::Path) -> PathBuf {
        crate::cli::under(&self.root, path)
    }
}

/// Everything tomcheck writes to standard output and standard error passes through here.
///
/// - A closed pipe is the end of output: once the reader is gone, further writes are
///   dropped instead of failing the command.
/// - Outside `--format github`, no line starts with `::`: GitHub Actions runs such log
///   lines (after leading spaces) as workflow commands, and a TOM string, a file name or
///   a policy's message could otherwise smuggle one into a CI log. Such a line gets an
///   invisible zero-width space in front of the first colon.
pub struct Output<W> {
    inner: W,
    closed: bool,
    /// Whether lines starting with `::` are defused (every output but GitHub's).
    guard: bool,
    /// At the start of a line: the blanks seen so far, and whether a `:` followed them.
    line_start: Option<(Vec<u8>, bool)>,
}

/// U+200B ZERO WIDTH SPACE: not whitespace to the Actions runner, invisible to people.
const DEFUSE: &[u8] = "\u{200B}".as_bytes();

impl<W: Write> Output<W> {
    pub fn new(inner: W) -> Self {
        Self {
            inner,
            closed: false,
            guard: true,
            line_start: Some((Vec::new(), false)),
        }
    }

    /// Output that may start lines with `::` on purpose (GitHub workflow commands).
    pub fn unguarded(inner: W) -> Self {
        Self {
            guard: false,
            ..Self::new(inner)
        }
    }

    fn guard<T>(&mut self, r: std::io::Result<T>, none: T) -> std::io::Result<T> {
        match r {
            Err(e) if e.kind() == ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(none)
            }
            r => r,
        }
    }

    /// `buf` with every line that would start with `::` defused. Only line starts are
    /// looked at: the rest of a line is copied as it is.
    fn defused(&mut self, buf: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(buf.len() + 8);
        let mut rest = buf;
        while let Some((&b, tail)) = rest.split_first() {
            match self.line_start.take() {
                // Inside a line: copy up to and including its end in one go.
                None => {
                    let end = rest.iter().position(|&c| c == b'\n');
                    let (line, after) = rest.split_at(end.map_or(rest.len(), |i| i + 1));
                    out.extend_from_slice(line);
                    if end.is_some() {
                        self.line_start = Some((Vec::new(), false));
                    }
                    rest = after;
                    continue;
                }
                Some((mut blanks, false)) if b == b' ' || b == b'\t' => {
                    blanks.push(b);
                    self.line_start = Some((blanks, false));
                }
                Some((blanks, false)) if b == b':' => self.line_start = Some((blanks, true)),
                Some((blanks, colon)) => {
                    out.extend_from_slice(&blanks);
                    if colon {
                        if b == b':' {
                            out.extend_from_slice(DEFUSE);
                        }
                        out.push(b':');
                    }
                    out.push(b);
                    if b == b'\n' {
                        self.line_start = Some((Vec::new(), false));
                    }
                }
            }
            rest = tail;
        }
        out
    }

    /// What is held back at a line start, written out (at the end of output).
    fn pending(&mut self) -> Vec<u8> {
        match self.line_start.take() {
            Some((mut blanks, colon)) => {
                if colon {
                    blanks.push(b':');
                }
                self.line_start = Some((Vec::new(), false));
                blanks
            }
            None => Vec::new(),
        }
    }
}

impl<W: Write> Write for Output<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let r = if self.guard {
            let data = self.defused(buf);
            self.inner.write_all(&data)
        } else {
            self.inner.write_all(buf)
        };
        self.guard(r.map(|()| buf.len()), buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let pending = if self.guard {
            self.pending()
        } else {
            Vec::new()
        };
        let r = self
            .inner
            .write_all(&pending)
            .and_then(|()| self.inner.flush());
        self.guard(r, ())
    }
}

fn style(cli: &Cli, lang: Lang, terminal: bool) -> Style {
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    Style {
        lang,
        color,
        narrate: cli.narrate,
        width: 100,
    }
}

/// The language of this run. `lang` in tomcheck.toml is read from the working tree: a
/// presentation preference, not a fact of the checked revision; a tomcheck.toml that
/// does not parse is reported by the command itself.
fn language(cli: &Cli) -> Lang {
    let flag = cli.lang.map(Lang::from);
    let configured = || {
        let root = cli.dir.clone().unwrap_or_else(|| PathBuf::from("."));
        let source = crate::source::Source::open(&root, &crate::source::Revision::Worktree).ok()?;
        crate::pipeline::read_config(&source).ok()?.lang
    };
    if flag.is_some() || std::env::var_os("TOMCHECK_LANG").is_some_and(|v| !v.is_empty()) {
        return Lang::resolve(flag, None);
    }
    Lang::resolve(None, configured())
}

/// The memory cap: `TOMCHECK_MEMORY_LIMIT` in MiB (`0` for none), else the default.
fn memory_limit() -> Result<Option<u64>, Problem> {
    let Some(value) = std::env::var_os("TOMCHECK_MEMORY_LIMIT") else {
        return Ok(Some(limits::DEFAULT_MEMORY_LIMIT));
    };
    match value.to_str().and_then(|v| v.trim().parse::<u64>().ok()) {
        Some(0) => Ok(None),
        Some(mib) if mib <= 1 << 30 => Ok(Some(mib * 1024 * 1024)),
        _ => Err(Problem::new(
            Code::Usage,
            crate::i18n::tr(
                "problem-memory-limit-env",
                &[("value", (&value.to_string_lossy().into_owned()).into())],
            ),
        )),
    }
}

/// The stack size of the thread that runs a command (see `limits::stack_size_for`):
/// above the memory cap, so that a deep chain of rules is stopped by the cap.
pub fn stack_size() -> usize {
    let size = limits::stack_size_for(memory_limit().unwrap_or(Some(limits::DEFAULT_MEMORY_LIMIT)));
    limits::set_stack_size(size);
    size
}

/// Starts the watchdog of the policy engine: when the process passes its memory cap,
/// or a parse or evaluation runs past its time limit inside a step regorus cannot
/// interrupt, the breach is printed like any input problem and the process ends with
/// exit code 2 from the watchdog's thread (the stuck work cannot be unwound).
///
/// With `check --format sarif` (`sarif` holds the repository prefix of its artifact
/// URIs) standard output gets the log of a check that could not run, as for any other
/// input problem, so code scanning is told why there are no results.
fn start_watchdog(memory_limit: Option<u64>, style: Style, sarif: Option<String>) {
    limits::Watchdog::start(
        limits::WatchdogConfig { memory_limit },
        Box::new(move |breach| {
            let problem = breach.problem();
            // Neither stream is held by the main thread for the run (see main.rs), so
            // this cannot wait for the work it interrupts. SARIF is written after the
            // evaluation, so nothing of it is on standard output yet.
            if let Some(prefix) = &sarif {
                let mut out = Output::new(std::io::stdout());
                let _ = crate::report::sarif::render_problems(
                    std::slice::from_ref(&problem),
                    prefix,
                    EXIT_INPUT,
                    &mut out,
                );
                let _ = out.flush();
            }
            let mut err = Output::new(std::io::stderr());
            let _ = human::render_problems(&[problem], style, &mut err);
            let _ = err.flush();
            std::process::exit(i32::from(EXIT_INPUT));
        }),
    );
}

/// The repository prefix of SARIF artifact URIs for `root` (empty outside a repository).
fn sarif_prefix(root: &std::path::Path) -> String {
    crate::source::discover_repository(root)
        .and_then(|repo| crate::source::repo_prefix(&repo, root).ok())
        .unwrap_or_default()
}

/// Runs a parsed command line and returns the exit code: the only place a [`Failure`]
/// becomes exit code 2.
pub fn run(cli: Cli, io: Io<'_>) -> u8 {
    // GitHub workflow commands are the one output whose lines start with `::` on purpose.
    let github =
        matches!(&cli.command, Command::Check(a) if a.format == crate::cli::FormatArg::Github);
    let mut out = if github {
        Output::unguarded(io.out)
    } else {
        Output::new(io.out)
    };
    // Read once: without --lang or TOMCHECK_LANG it reads tomcheck.toml.
    let lang = language(&cli);
    let err_style = style(&cli, lang, io.err_is_terminal);
    let mut env = Env {
        root: cli.dir.clone().unwrap_or_else(|| PathBuf::from(".")),
        style: style(&cli, lang, io.out_is_terminal),
        lang_chosen: cli.lang.is_some()
            || std::env::var_os("TOMCHECK_LANG").is_some_and(|v| !v.is_empty()),
        out: &mut out,
    };
    crate::i18n::set_current(env.style.lang);
    let sarif =
        matches!(&cli.command, Command::Check(a) if a.format == crate::cli::FormatArg::Sarif);
    let prefix = sarif.then(|| sarif_prefix(&env.root));
    let result = memory_limit()
        .map(|limit| start_watchdog(limit, err_style, prefix.clone()))
        .map_err(Failure::from);
    let result = result.and_then(|_| match &cli.command {
        Command::Check(args) => check::run(args, &mut env),
        Command::Init(args) => init::run(args, &mut env),
        Command::Hook(args) => hook::run(args, &mut env),
        Command::Completions(args) => shell::completions(args, &mut env),
        Command::Man(args) => shell::man(args, &mut env),
        Command::Schema => schema::run(&mut env),
        Command::Rules(args) => rules::run_rules(args, &mut env),
        Command::Explain(args) => rules::run_explain(args, &mut env),
        Command::Test(args) => test::run(args, &mut env),
        Command::Diff(args) => diff::run(args, &mut env),
        Command::Log(args) => log::run(args, &mut env),
        Command::Render(args) => render::run(args, &mut env),
    });
    let result = result.and_then(|code| {
        env.out.flush()?;
        Ok(code)
    });
    match result {
        Ok(code) => code,
        Err(failure) => {
            let problems = failure.problems();
            // Code scanning gets a log too, saying why the check could not run.
            if let Some(prefix) = &prefix {
                let _ =
                    crate::report::sarif::render_problems(&problems, prefix, EXIT_INPUT, env.out);
                let _ = env.out.flush();
            }
            let mut err = Output::new(io.err);
            let _ = human::render_problems(&problems, err_style, &mut err);
            let _ = err.flush();
            EXIT_INPUT
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that has gone away after the first write.
    struct ClosedAfterFirst(usize);

    impl Write for ClosedAfterFirst {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += 1;
            if self.0 > 1 {
                Err(std::io::Error::from(ErrorKind::BrokenPipe))
            } else {
                Ok(buf.len())
            }
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_pipe_ends_output_without_an_error() {
        let mut out = Output::new(ClosedAfterFirst(0));
        writeln!(out, "one").unwrap();
        writeln!(out, "two").unwrap();
        writeln!(out, "three").unwrap();
        out.flush().unwrap();
        assert!(out.closed);
    }

    fn through_output(chunks: &[&str], guard: bool) -> String {
        let mut buf = Vec::new();
        {
            let mut out = if guard {
                Output::new(&mut buf)
            } else {
                Output::unguarded(&mut buf)
            };
            for c in chunks {
                out.write_all(c.as_bytes()).unwrap();
            }
            out.flush().unwrap();
        }
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn no_line_starts_a_workflow_command() {
        let z = "\u{200B}";
        assert_eq!(
            through_output(&["x\n::error::owned\n  ::warning::y\n"], true),
            format!("x\n{z}::error::owned\n  {z}::warning::y\n")
        );
        // Split across writes, at the start and at the very end.
        assert_eq!(
            through_output(&["::", "error::a\n:", ":b\n", ":"], true),
            format!("{z}::error::a\n{z}::b\n:")
        );
        // Colons elsewhere, single colons and URLs stay as they are.
        let plain = "a::b\n: x\nhttps://x.example/a::b\n\t:x:\n";
        assert_eq!(through_output(&[plain], true), plain);
        // GitHub's own output keeps its commands.
        assert_eq!(through_output(&["::error::x\n"], false), "::error::x\n");
    }

    #[test]
    fn other_write_errors_still_fail() {
        struct Full;
        impl Write for Full {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::Error::from(ErrorKind::StorageFull))
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let mut out = Output::new(Full);
        assert!(writeln!(out, "x").is_err());
    }
}
