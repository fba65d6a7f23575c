//! Output into a reader that goes away (`tomcheck check | head -1`): the output ends
//! quietly and the exit code is still the verdict. These once exited 2 with "cannot write
//! output: Broken pipe", so a pipeline's status said "input error" instead of "findings".
//!
//! Rust ignores SIGPIPE, so a write to a closed pipe returns EPIPE instead of killing the
//! process; the tests also check that nothing changed that. A write fails only once the
//! pipe is closed and its buffer (64 KiB on Linux) cannot take the rest, so the check
//! writes far more than that after the first line, and the small outputs are read by no
//! one at all.

use std::io::{BufRead, BufReader};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{ExitStatus, Stdio};

use crate::support::*;

/// What the process did after its reader went away.
struct Ended {
    status: ExitStatus,
    stderr: String,
}

/// Runs `tomcheck ARGS` in `dir` with stdout into a pipe, reads `lines` lines from it
/// (none: the pipe is closed before the process writes), closes it and waits.
fn into_closed_pipe(dir: &Path, args: &[&str], lines: usize) -> (Vec<String>, Ended) {
    let mut child = tomcheck()
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut read = Vec::new();
    for _ in 0..lines {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        read.push(line);
    }
    drop(reader);
    let out = child.wait_with_output().unwrap();
    let ended = Ended {
        status: out.status,
        stderr: stderr(&out),
    };
    assert_eq!(
        ended.status.signal(),
        None,
        "tomcheck {args:?} was killed by a signal"
    );
    (read, ended)
}

/// A TOM with so many providers without an AVV that the report is far larger than a
/// pipe's buffer.
fn large_failing_tom() -> Repo {
    let dir = Repo::plain();
    let providers: String = (0..1000)
        .map(|i| provider(&format!("p{i:03}"), false))
        .collect();
    write_tom(&dir, &providers);
    dir
}

/// Pins that `check` into a closed pipe keeps its verdict: exit 1 for deny findings, in
/// the human and the JSON format, and nothing on stderr.
#[test]
fn check_into_a_closed_pipe_exits_with_its_verdict() {
    let tom = large_failing_tom();
    for format in ["human", "json"] {
        let args = ["check", "--today", TODAY, "--format", format];
        let full = run(tom.path(), &args, 1);
        assert!(
            full.stdout.len() > 256 * 1024,
            "{format}: too small a report"
        );
        let (first, ended) = into_closed_pipe(tom.path(), &args, 1);
        assert!(!first[0].is_empty(), "{format}: no first line");
        assert_eq!(ended.status.code(), Some(1), "{format}: {}", ended.stderr);
        assert_eq!(ended.stderr, "", "{format}");
    }
}

/// Pins that the listing commands into a closed pipe exit 0 with nothing on stderr.
#[test]
fn listings_into_a_closed_pipe_exit_0() {
    let dir = Repo::plain();
    for args in [
        &["rules"][..],
        &["rules", "--format", "json"],
        &["schema"],
        &["explain", "avv.missing"],
    ] {
        let (_, ended) = into_closed_pipe(dir.path(), args, 0);
        assert_eq!(ended.status.code(), Some(0), "{args:?}: {}", ended.stderr);
        assert_eq!(ended.stderr, "", "{args:?}");
    }
}
