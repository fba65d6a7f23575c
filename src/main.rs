//! The `tomcheck` binary: process set-up (allocator, panic hook, library settings), then
//! the command line parsed and handed to `commands::run`, whose exit code it returns. A
//! panic anywhere still ends with a clear message and exit code 2.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use clap::Parser;

// See Cargo.toml: glibc's allocator is slow on the many small allocations of policy
// evaluation; the library itself leaves the choice of allocator to the binary.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Runs the parsed command line with the process' standard streams.
fn run(cli: tomcheck::cli::Cli) -> u8 {
    // Neither stream is locked for the whole run: the engine's watchdog thread reports
    // a breach on them (SARIF on standard output) while this thread is stuck in a policy.
    let mut out = std::io::stdout();
    let mut err = std::io::stderr();
    let (out_is_terminal, err_is_terminal) = (out.is_terminal(), err.is_terminal());
    tomcheck::commands::run(
        cli,
        tomcheck::commands::Io {
            out: &mut out,
            err: &mut err,
            out_is_terminal,
            err_is_terminal,
        },
    )
}

fn main() -> ExitCode {
    // With RUST_BACKTRACE=1 in a developer's shell, every error value the Rego parser
    // creates and discards captures a backtrace: ~20 ms per run. Library backtraces are
    // off unless asked for with RUST_LIB_BACKTRACE; panics still honour RUST_BACKTRACE.
    if std::env::var_os("RUST_LIB_BACKTRACE").is_none() {
        std::env::set_var("RUST_LIB_BACKTRACE", "0");
    }
    // libgit2 re-hashes every object it reads (SHA-1 with collision detection): 6 % of
    // the instructions of `log`. git itself trusts its object database on reads and leaves
    // verification to `git fsck`; tomcheck only ever reads objects.
    git2::opts::strict_hash_verification(false);
    std::panic::set_hook(Box::new(|info| {
        let _ = writeln!(
            std::io::stderr(),
            "tomcheck: internal error: {info}\nThis is a bug in tomcheck; please report it with the input that caused it."
        );
        // CI points this at a file and fails the run if anything was written to it, so
        // a panic cannot hide behind a test that only looks at the exit code.
        if let Some(path) = std::env::var_os("TOMCHECK_PANIC_LOG") {
            if let Ok(mut f) = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
            {
                let _ = writeln!(f, "{info}");
            }
        }
    }));
    // The command line's own checks (a `--today` that is no date) speak the run's
    // language; `lang` in tomcheck.toml is read once the command line is known.
    tomcheck::i18n::set_current(tomcheck::i18n::Lang::resolve(
        tomcheck::i18n::lang_in_args(std::env::args_os()),
        None,
    ));
    let cli = match tomcheck::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                tomcheck::commands::EXIT_INPUT
            } else {
                0
            });
        }
    };
    // The command runs on a thread with a stack deeper than the memory cap (policies
    // can nest rules thousands deep, and regorus recurses through them); a panic there
    // ends it with exit code 2. Where no such thread can be started, it runs here.
    let cli = Arc::new(Mutex::new(Some(cli)));
    let start = |cli: Arc<Mutex<Option<tomcheck::cli::Cli>>>| {
        move || match cli.lock().ok().and_then(|mut c| c.take()) {
            Some(cli) => run(cli),
            None => tomcheck::commands::EXIT_INPUT,
        }
    };
    // The process ends from the command's thread: unwinding a thread with a stack this
    // deep (returning its pages to the kernel) and joining it cost more than the rest of
    // a small check's exit. `exit` flushes standard output first.
    let start_and_exit = |cli| {
        let run = start(cli);
        move || -> u8 { std::process::exit(i32::from(run())) }
    };
    let code = match std::thread::Builder::new()
        .name("tomcheck".into())
        .stack_size(tomcheck::commands::stack_size())
        .spawn(start_and_exit(Arc::clone(&cli)))
    {
        Ok(thread) => thread.join().unwrap_or(tomcheck::commands::EXIT_INPUT),
        Err(_) => std::panic::catch_unwind(std::panic::AssertUnwindSafe(start(cli)))
            .unwrap_or(tomcheck::commands::EXIT_INPUT),
    };
    ExitCode::from(code)
}
