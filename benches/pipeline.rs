//! Criterion benchmarks of each pipeline stage: reading the TOM, parse + validate
//! (facts), engine preparation, evaluation, span mapping (findings) and rendering.
//!
//! Inputs are this repository's own `tom/` (≈60 entities, the "typical TOM" of the targets in BENCHMARKS.md)
//! and TOMs of 1,000 and 10,000 entities made in memory by the benchmark generator
//! (`examples/gen.rs`, seed 1), so the stages are measured without disk I/O. The
//! whole-process figures (start-up, git, output) come from `bench/run.sh`.
//!
//! Run: `cargo bench --bench pipeline` (or `-- facts/` for one group).

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use tomcheck::config::Config;
use tomcheck::engine::{Context, EngineOptions, Policies};
use tomcheck::facts::{self, Facts};
use tomcheck::findings;
use tomcheck::pipeline::{self, CheckOptions, Checker, Outcome};
use tomcheck::report::{self, Format, Style};
use tomcheck::source::{Revision, Source};
use tomcheck::text::SourceText;

#[path = "../examples/gen.rs"]
#[allow(dead_code)]
mod gen;

/// The date every benchmark evaluates as of (the generator picks its dates around it).
const TODAY: &str = "2026-11-22";

/// A named input: the TOM files as the source stage hands them over.
struct Input {
    name: &'static str,
    files: Vec<SourceText>,
}

fn inputs() -> Vec<Input> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = Source::open(root, &Revision::Worktree).expect("repository root");
    let repo_tom = source
        .read_dir("tom", ".toml")
        .expect("readable tom/")
        .expect("tom/ exists");
    let generated = |name, n| Input {
        name,
        files: gen::Tom::generate(n, 1)
            .files()
            .into_iter()
            .map(|(path, text)| SourceText::new(path.clone(), path, text))
            .collect(),
    };
    vec![
        Input {
            name: "tom",
            files: repo_tom,
        },
        generated("1k", 1_000),
        generated("10k", 10_000),
    ]
}

fn context() -> Context {
    Context {
        today: TODAY.into(),
        revision: None,
        waiver_from: None,
        max_waiver_days: None,
    }
}

fn load(input: &Input) -> Facts {
    facts::load(input.files.clone()).unwrap_or_else(|p| panic!("{} loads: {p:?}", input.name))
}

fn outcome(facts: Facts, findings: Vec<findings::Finding>) -> Outcome {
    Outcome {
        facts,
        findings,
        config: Config::default(),
        label: "working tree".into(),
        revision: None,
        today: TODAY.into(),
    }
}

fn benches(c: &mut Criterion) {
    let inputs = inputs();
    let policies = Policies::bundled().expect("bundled policies");
    let prepared = policies
        .prepare(&EngineOptions::default())
        .expect("bundled policies prepare");
    let config = Config::default();

    let mut g = c.benchmark_group("source");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    g.bench_function("worktree/tom", |b| {
        b.iter(|| {
            let source = Source::open(root, &Revision::Worktree).expect("open");
            black_box(source.read_dir("tom", ".toml").expect("read"))
        })
    });
    g.bench_function("head/tom", |b| {
        b.iter(|| {
            let source = Source::open(root, &Revision::Commit("HEAD".into())).expect("open");
            black_box(source.read_dir("tom", ".toml").expect("read"))
        })
    });
    g.finish();

    let mut g = c.benchmark_group("facts");
    for input in &inputs {
        let entities = load(input).entity_count() as u64;
        g.throughput(Throughput::Elements(entities));
        g.bench_with_input(BenchmarkId::new("load", input.name), input, |b, input| {
            b.iter(|| black_box(load(input)))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("engine");
    g.bench_function("bundled+prepare", |b| {
        b.iter(|| {
            let policies = Policies::bundled().expect("bundled");
            black_box(
                policies
                    .prepare(&EngineOptions::default())
                    .expect("prepare"),
            )
        })
    });
    for input in &inputs {
        let facts = load(input);
        g.throughput(Throughput::Elements(facts.entity_count() as u64));
        g.bench_with_input(
            BenchmarkId::new("evaluate", input.name),
            &facts,
            |b, facts| b.iter(|| black_box(prepared.evaluate(&facts.input, &context()))),
        );
    }
    g.finish();

    let mut g = c.benchmark_group("findings");
    let mut outcomes = Vec::new();
    for input in &inputs {
        let facts = load(input);
        let raw = prepared
            .evaluate(&facts.input, &context())
            .expect("evaluates");
        g.throughput(Throughput::Elements(raw.len() as u64));
        g.bench_function(BenchmarkId::new("build", input.name), |b| {
            b.iter(|| black_box(findings::build(raw.clone(), &facts, &config, TODAY)))
        });
        let found = findings::build(raw, &facts, &config, TODAY);
        outcomes.push((input.name, outcome(facts, found)));
    }
    g.finish();

    let mut g = c.benchmark_group("report");
    for (name, outcome) in &outcomes {
        g.throughput(Throughput::Elements(outcome.findings.len() as u64));
        for (format, label) in [
            (Format::Human, "human"),
            (Format::Json, "json"),
            (Format::Sarif, "sarif"),
        ] {
            g.bench_function(BenchmarkId::new(label, name), |b| {
                b.iter(|| {
                    let mut out = Vec::with_capacity(1 << 16);
                    report::render(outcome, format, Style::default(), &mut out).expect("render");
                    black_box(out)
                })
            });
        }
    }
    g.finish();

    // The whole in-process pipeline on the repository's TOM, as `check` runs it
    // (without process start-up and output).
    let mut g = c.benchmark_group("check");
    g.bench_function("tom/new+check", |b| {
        b.iter(|| {
            let mut options = CheckOptions::new(root);
            options.today = Some(TODAY.into());
            black_box(pipeline::check(&Revision::Worktree, options).expect("checks"))
        })
    });
    let source = Source::open(root, &Revision::Worktree).expect("open");
    let mut options = CheckOptions::new(root);
    options.today = Some(TODAY.into());
    let checker = Checker::new(&source, options).expect("checker");
    g.bench_function("tom/check", |b| {
        b.iter(|| black_box(checker.check(&source).expect("checks")))
    });
    g.finish();
}

criterion_group! {
    name = pipeline;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    targets = benches
}
criterion_main!(pipeline);
