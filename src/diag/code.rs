//! Problem codes: one variant per kind of input problem, each with a stable kebab-case
//! name shown as `tomcheck::<code>` and documented in docs/errors.md.
//!
//! An enum rather than string literals at the call sites: a typo is a compile error, and
//! the test below proves every code unique and documented.

use std::fmt;

/// What kind of input problem stopped the check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// The file is not valid TOML (unclosed table, bad string escape, duplicate key, …).
    TomlSyntax,
    /// The file still contains git merge-conflict markers (`<<<<<<<`), or the index holds an unresolved conflict.
    MergeConflict,
    /// The file is not UTF-8; the diagnostic points at the first invalid byte (a UTF-8 byte order mark is accepted).
    NotUtf8,
    /// A file is larger than 8 MiB.
    FileTooLarge,
    /// The TOM or policy directory holds more than 20,000 files.
    TooManyFiles,
    /// Directories are nested more than 32 levels deep.
    TooDeep,
    /// A symbolic link in the working tree points outside the checked directory.
    SymlinkOutside,
    /// A file in the index or a commit is a symbolic link; links stored in git are never followed.
    SymlinkInGit,
    /// An entry under the TOM or a policy directory cannot be read as a file: a name that is not UTF-8, a git submodule or nested repository, a link to a directory, a special file.
    UnreadableEntry,
    /// The TOM directory (`tom/`, or `tom` in `tomcheck.toml`) does not exist.
    NoTom,
    /// The TOM directory holds no `.toml` files.
    EmptyTom,
    /// A top-level key is not a kind of TOM format v1 (with a suggestion).
    UnknownKind,
    /// A key is not a field of its kind (with a suggestion): a misspelt key would silently disable a rule.
    UnknownKey,
    /// A required key (`id`, `name`, `control`, `text`, …) is missing, or a key another one makes necessary (`reason` of a measure with `status = "not-applicable"`).
    MissingKey,
    /// A key is written where it does not apply: `avv.accepted` without `form = "terms"`.
    KeyNotApplicable,
    /// A value has the wrong type (a quoted date, `"yes"` for a boolean, `[provider]` instead of `[[provider]]`).
    WrongType,
    /// A value is not one of the allowed values of its field (with a suggestion).
    InvalidValue,
    /// A date does not exist (`2026-02-30`).
    InvalidDate,
    /// An id does not match `[a-z0-9][a-z0-9-]*`.
    InvalidId,
    /// A country is not an assigned ISO 3166-1 alpha-2 code (`XX`, `EU`, `UK`, `de`), with a suggestion.
    InvalidCountry,
    /// A waiver subject is not `kind:id`, `control:<name>` or `organization`.
    InvalidSubject,
    /// Two entities of one kind share an id; both places are labelled.
    DuplicateId,
    /// `[organization]` is defined twice.
    DuplicateOrganization,
    /// A reference names an id that does not exist (with a suggestion).
    DanglingReference,
    /// An entity refers to itself (a provider as its own subprocessor).
    SelfReference,
    /// A waiver or `[rules]` in `tomcheck.toml` names a rule no policy defines, or `explain` was asked for one.
    UnknownRule,
    /// A secondary label in another file (e.g. where a duplicate id was first defined).
    Related,
    /// `tomcheck.toml` has an unknown key, a wrong type or an invalid value, or sets a rule twice.
    Config,
    /// A `--policy DIR` does not exist.
    PolicyDir,
    /// A data file (`reference/` of a policy directory, `tomcheck test --data`) is not valid JSON or YAML, gives a key a second value, or writes `data.context`; a `--data` path does not exist.
    ReferenceData,
    /// A `# METADATA` annotation is not valid YAML or has an unknown severity.
    Metadata,
    /// Two annotations define the same rule id.
    DuplicateRuleId,
    /// A policy does not parse or compile; the diagnostic points into the `.rego` file.
    RegoSyntax,
    /// A policy failed during evaluation (conflicting outputs of a complete rule, a builtin error, the time limit).
    RegoRuntime,
    /// A policy returned something that is not a finding; the diagnostic names the rule.
    MalformedFinding,
    /// A policy nests brackets deeper than the parser can handle in bounded time.
    PolicyTooComplex,
    /// A function calls itself, directly or through other functions.
    RegoRecursion,
    /// tomcheck passed its memory cap, or a parse or evaluation ran past its time limit where the policy engine's own timer could not stop it.
    ResourceLimit,
    /// `tomcheck test` found no `*_test.rego` files.
    NoTests,
    /// A `# mutants: allow` comment names no known mutation, gives no reason, or allows
    /// no surviving mutant (a stale entry would hide a mutant the tests should kill).
    MutantsAllow,
    /// `tomcheck test --mutants` found tests that fail without any mutant: fix them first.
    MutantsBaseline,
    /// In `--base` mode the base revision's `tomcheck.toml` or policies could not be loaded (they judge the change).
    GateBaseConfig,
    /// The policy engine could not be set up (should not happen; please report it).
    Engine,
    /// `--staged` or `--rev` outside a git repository.
    GitNoRepo,
    /// The working tree or index of a bare repository was asked for.
    GitBare,
    /// A revision was asked for in a repository without commits.
    GitNoCommits,
    /// The revision does not exist; in a shallow clone the help says how to fetch it.
    GitUnknownRev,
    /// The revision names a tree or blob, not a commit.
    GitNotACommit,
    /// Another error from git.
    Git,
    /// A file could not be read or output could not be written.
    Io,
    /// An invalid command-line value.
    Usage,
    /// `tomcheck hook install` or `uninstall` found a pre-commit hook that is not tomcheck's (or was edited since) and left it untouched (`--chain` keeps it and runs it first, `--force` replaces it).
    HookExists,
}

impl Code {
    /// Every code, in the order of docs/errors.md.
    pub const ALL: &'static [Code] = &[
        Code::TomlSyntax,
        Code::MergeConflict,
        Code::NotUtf8,
        Code::FileTooLarge,
        Code::TooManyFiles,
        Code::TooDeep,
        Code::SymlinkOutside,
        Code::SymlinkInGit,
        Code::UnreadableEntry,
        Code::NoTom,
        Code::EmptyTom,
        Code::UnknownKind,
        Code::UnknownKey,
        Code::MissingKey,
        Code::KeyNotApplicable,
        Code::WrongType,
        Code::InvalidValue,
        Code::InvalidDate,
        Code::InvalidId,
        Code::InvalidCountry,
        Code::InvalidSubject,
        Code::DuplicateId,
        Code::DuplicateOrganization,
        Code::DanglingReference,
        Code::SelfReference,
        Code::UnknownRule,
        Code::Related,
        Code::Config,
        Code::PolicyDir,
        Code::ReferenceData,
        Code::Metadata,
        Code::DuplicateRuleId,
        Code::RegoSyntax,
        Code::RegoRuntime,
        Code::MalformedFinding,
        Code::PolicyTooComplex,
        Code::RegoRecursion,
        Code::ResourceLimit,
        Code::NoTests,
        Code::MutantsAllow,
        Code::MutantsBaseline,
        Code::GateBaseConfig,
        Code::Engine,
        Code::GitNoRepo,
        Code::GitBare,
        Code::GitNoCommits,
        Code::GitUnknownRev,
        Code::GitNotACommit,
        Code::Git,
        Code::Io,
        Code::Usage,
        Code::HookExists,
    ];

    /// The stable name, as documented and shown after `tomcheck::`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::TomlSyntax => "toml-syntax",
            Code::MergeConflict => "merge-conflict",
            Code::NotUtf8 => "not-utf8",
            Code::FileTooLarge => "file-too-large",
            Code::TooManyFiles => "too-many-files",
            Code::TooDeep => "too-deep",
            Code::SymlinkOutside => "symlink-outside",
            Code::SymlinkInGit => "symlink-in-git",
            Code::UnreadableEntry => "unreadable-entry",
            Code::NoTom => "no-tom",
            Code::EmptyTom => "empty-tom",
            Code::UnknownKind => "unknown-kind",
            Code::UnknownKey => "unknown-key",
            Code::MissingKey => "missing-key",
            Code::KeyNotApplicable => "key-not-applicable",
            Code::WrongType => "wrong-type",
            Code::InvalidValue => "invalid-value",
            Code::InvalidDate => "invalid-date",
            Code::InvalidId => "invalid-id",
            Code::InvalidCountry => "invalid-country",
            Code::InvalidSubject => "invalid-subject",
            Code::DuplicateId => "duplicate-id",
            Code::DuplicateOrganization => "duplicate-organization",
            Code::DanglingReference => "dangling-reference",
            Code::SelfReference => "self-reference",
            Code::UnknownRule => "unknown-rule",
            Code::Related => "related",
            Code::Config => "config",
            Code::PolicyDir => "policy-dir",
            Code::ReferenceData => "reference-data",
            Code::Metadata => "metadata",
            Code::DuplicateRuleId => "duplicate-rule-id",
            Code::RegoSyntax => "rego-syntax",
            Code::RegoRuntime => "rego-runtime",
            Code::MalformedFinding => "malformed-finding",
            Code::PolicyTooComplex => "policy-too-complex",
            Code::RegoRecursion => "rego-recursion",
            Code::ResourceLimit => "resource-limit",
            Code::NoTests => "no-tests",
            Code::MutantsAllow => "mutants-allow",
            Code::MutantsBaseline => "mutants-baseline",
            Code::GateBaseConfig => "gate-base-config",
            Code::Engine => "engine",
            Code::GitNoRepo => "git-no-repo",
            Code::GitBare => "git-bare",
            Code::GitNoCommits => "git-no-commits",
            Code::GitUnknownRev => "git-unknown-rev",
            Code::GitNotACommit => "git-not-a-commit",
            Code::Git => "git",
            Code::Io => "io",
            Code::Usage => "usage",
            Code::HookExists => "hook-exists",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_unique_and_documented() {
        let doc = include_str!("../../docs/errors.md");
        let mut seen = std::collections::BTreeSet::new();
        for c in Code::ALL {
            assert!(seen.insert(c.as_str()), "{c:?} twice");
            assert!(
                doc.contains(&format!("| `{}` |", c.as_str())),
                "{c:?} undocumented"
            );
        }
        let documented = doc.lines().filter(|l| l.starts_with("| `")).count();
        assert_eq!(
            documented,
            Code::ALL.len(),
            "docs/errors.md lists a code the enum lacks"
        );
    }
}
