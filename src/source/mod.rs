//! Where the TOM is read from: the working tree, the index or a commit.
//!
//! A [`Source`] hands out [`SourceText`]s for the TOM directory, the policy directories
//! and `tomcheck.toml`, whichever [`Revision`] is checked. Git revisions are read straight
//! from the object database with git2: no checkout, no temporary files, so `--rev` never
//! touches the user's working tree and `--staged` sees exactly what the next commit will
//! contain (partial staging, staged deletions, and the temporary index git uses for
//! `git commit <paths>` via `GIT_INDEX_FILE`).
//!
//! Paths are relative to the *root*: the directory tomcheck runs in (or `-C DIR`). Inside
//! a repository, the root's position in the repository is remembered as a prefix so that
//! running from a subdirectory or a fixture folder reads the same files from every revision.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use git2::{ObjectType, Oid, Repository};

use crate::diag::{Code, Problem};
use crate::i18n::tr;
use crate::text::{strip_bom, SourceText};

/// Files larger than this are refused: a TOM is a few hundred KiB, not a data dump.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;
/// More files than this in one directory tree are refused rather than read slowly.
pub const MAX_FILES: usize = 20_000;

/// Which state of the repository is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Revision {
    /// Files on disk (works outside a repository too).
    Worktree,
    /// The index: what `git commit` would record.
    Index,
    /// Any revision git understands (`HEAD~2`, `v1.0`, `main@{2025-06-30}`).
    Commit(String),
}

enum Backing {
    Worktree,
    Index(git2::Index),
    Commit {
        tree: git2::Tree<'static>,
        // Finding the shortest unambiguous id probes the object database: only done
        // when a message or report shows it.
        short: OnceCell<String>,
        id: Oid,
        time: i64,
        /// The commit's date, when a date on a ref chose it (`main@{2025-06-30}`).
        dated: Option<String>,
    },
}

/// An opened source of TOM files at one revision.
pub struct Source {
    root: PathBuf,
    // The tree in `Backing::Commit` borrows from this repository; it is leaked once per
    // process (a handful of revisions at most), which keeps the types simple.
    repo: Option<&'static Repository>,
    prefix: String,
    backing: Backing,
    blobs: Option<Arc<Mutex<BlobCache>>>,
}

/// Texts of the git blobs read for the last two sources that used the cache, by blob
/// id: consecutive commits of a history share most of their files, and reading a blob
/// means opening and inflating it again.
#[derive(Debug, Default)]
pub struct BlobCache {
    current: HashMap<Oid, Arc<str>>,
    previous: HashMap<Oid, Arc<str>>,
}

impl BlobCache {
    /// Starts a new generation: what neither this nor the last source reads is dropped.
    fn rotate(&mut self) {
        self.previous = std::mem::take(&mut self.current);
    }

    fn get(&mut self, id: Oid) -> Option<Arc<str>> {
        let text = self
            .current
            .get(&id)
            .or_else(|| self.previous.get(&id))?
            .clone();
        self.current.insert(id, text.clone());
        Some(text)
    }
}

impl std::fmt::Debug for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Source")
            .field("root", &self.root)
            .field("revision", &self.label())
            .finish()
    }
}

/// Opens the repository containing `root`, if there is one.
pub fn discover_repository(root: &Path) -> Option<Repository> {
    Repository::discover(root).ok()
}

impl Source {
    /// Opens `revision` for the directory `root`.
    pub fn open(root: &Path, revision: &Revision) -> Result<Self, Problem> {
        let repo = discover_repository(root).map(|r| &*Box::leak(Box::new(r)));
        Self::open_in(root, repo, revision)
    }

    /// Opens `revision` in an already opened repository (used for several revisions).
    pub fn open_in(
        root: &Path,
        repo: Option<&'static Repository>,
        revision: &Revision,
    ) -> Result<Self, Problem> {
        let prefix = match repo {
            Some(repo) => repo_prefix(repo, root)?,
            None => String::new(),
        };
        let backing = match revision {
            Revision::Worktree => {
                if let Some(repo) = repo {
                    if repo.is_bare() && prefix.is_empty() && repo.workdir().is_none() {
                        return Err(
                            Problem::new(Code::GitBare, tr("problem-bare-worktree", &[]))
                                .with_help(tr("problem-bare-help", &[])),
                        );
                    }
                }
                Backing::Worktree
            }
            Revision::Index => {
                let repo = repo.ok_or_else(not_a_repo)?;
                if repo.is_bare() {
                    return Err(Problem::new(Code::GitBare, tr("problem-bare-index", &[]))
                        .with_help(tr("problem-bare-help", &[])));
                }
                let index = staged_index(repo)?;
                Backing::Index(index)
            }
            Revision::Commit(spec) => {
                let repo = repo.ok_or_else(not_a_repo)?;
                let commit = resolve_commit(repo, spec)?;
                let mut backing = commit_backing(&commit)?;
                // Which commit a date chose is part of the evidence: the label says it.
                if let (Backing::Commit { dated, .. }, Ok(Some(_))) = (&mut backing, dated(spec)) {
                    *dated = commit_day(&commit).map(|d| d.to_string());
                }
                backing
            }
        };
        Ok(Self {
            root: root.to_path_buf(),
            repo,
            prefix,
            backing,
            blobs: None,
        })
    }

    /// Opens a commit known by id, with the root's prefix from an earlier source of the
    /// same repository and root: what `log` does for every commit of a range, without
    /// resolving a revision or the root's path again.
    pub fn open_commit(
        root: &Path,
        repo: &'static Repository,
        prefix: &str,
        id: Oid,
    ) -> Result<Self, Problem> {
        let commit = repo
            .find_commit(id)
            .map_err(|e| git_problem(&tr("problem-git-read-commit", &[]), &e))?;
        Ok(Self {
            root: root.to_path_buf(),
            repo: Some(repo),
            prefix: prefix.to_string(),
            backing: commit_backing(&commit)?,
            blobs: None,
        })
    }

    /// Sets the short commit id shown in labels and file names, when the caller has
    /// already computed it (`log` shows it for every commit anyway).
    pub fn with_short_id(self, short: String) -> Self {
        if let Backing::Commit { short: cell, .. } = &self.backing {
            let _ = cell.set(short);
        }
        self
    }

    /// Reads git blobs through `cache`, shared with the sources of neighbouring commits.
    pub fn with_blob_cache(mut self, cache: Arc<Mutex<BlobCache>>) -> Self {
        cache.lock().unwrap_or_else(|e| e.into_inner()).rotate();
        self.blobs = Some(cache);
        self
    }

    /// What is being read, for messages: `working tree`, `index` or a short commit id.
    pub fn label(&self) -> String {
        match &self.backing {
            Backing::Worktree => "working tree".into(),
            Backing::Index(_) => "index".into(),
            Backing::Commit {
                dated: Some(date), ..
            } => format!("{} of {date}", self.short()),
            Backing::Commit { .. } => self.short(),
        }
    }

    fn short(&self) -> String {
        match (&self.backing, self.repo) {
            (Backing::Commit { short, id, .. }, Some(repo)) => {
                short.get_or_init(|| short_id(repo, *id)).clone()
            }
            _ => String::new(),
        }
    }

    /// The full commit id when reading a commit.
    pub fn commit_id(&self) -> Option<String> {
        match &self.backing {
            Backing::Commit { id, .. } => Some(id.to_string()),
            _ => None,
        }
    }

    /// The committer time (seconds since the epoch) when reading a commit.
    pub fn commit_time(&self) -> Option<i64> {
        match &self.backing {
            Backing::Commit { time, .. } => Some(*time),
            _ => None,
        }
    }

    /// The repository, when the root lies inside one.
    pub fn repository(&self) -> Option<&'static Repository> {
        self.repo
    }

    /// The checked directory.
    /// The root's position in its repository: `""` or `"sub/dir/"`, so that reports name
    /// files relative to the repository root (what GitHub and SARIF expect).
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn display_name(&self, path: &str) -> String {
        match &self.backing {
            Backing::Worktree => path.to_string(),
            Backing::Index(_) => crate::i18n::tr("label-staged-file", &[("path", path.into())]),
            Backing::Commit { .. } => format!("{path} @ {}", self.short()),
        }
    }

    /// Reads one file relative to the root; `Ok(None)` when it does not exist.
    pub fn read_file(&self, path: &str) -> Result<Option<SourceText>, Problem> {
        match self.locate(path)? {
            None => Ok(None),
            Some(FileRef::Disk(full)) => {
                let bytes = read_limited(&full, path)?;
                self.decode(path, bytes).map(Some)
            }
            Some(FileRef::Blob(id)) => self.read_blob(id, path).map(Some),
        }
    }

    /// Reads one binary file (a logo) relative to the root, with the same limits and
    /// symlink rules as [`Source::read_file`]; `Ok(None)` when it does not exist.
    pub fn read_bytes(&self, path: &str) -> Result<Option<Vec<u8>>, Problem> {
        match self.locate(path)? {
            None => Ok(None),
            Some(FileRef::Disk(full)) => read_limited(&full, path).map(Some),
            Some(FileRef::Blob(id)) => self.blob_bytes(id, path).map(Some),
        }
    }

    /// Where the file `path` (relative to the root) is in this revision: on disk, or a
    /// blob of the index or commit; `Ok(None)` when there is none. A symbolic link is
    /// refused here, for every kind of read.
    fn locate(&self, path: &str) -> Result<Option<FileRef>, Problem> {
        let git_path = || format!("{}{path}", self.prefix);
        match &self.backing {
            Backing::Worktree => {
                let full = self.root.join(path);
                if !full.exists() {
                    return Ok(None);
                }
                self.check_link(&full, path)?;
                Ok(Some(FileRef::Disk(full)))
            }
            Backing::Index(index) => match index.get_path(Path::new(&git_path()), 0) {
                Some(entry) if entry.mode == 0o120000 => {
                    Err(symlink_in_git(&self.display_name(path)))
                }
                Some(entry) => Ok(Some(FileRef::Blob(entry.id))),
                None => Ok(None),
            },
            Backing::Commit { tree, .. } => {
                let Ok(entry) = tree.get_path(Path::new(&git_path())) else {
                    return Ok(None);
                };
                if entry.filemode() == 0o120000 {
                    return Err(symlink_in_git(&self.display_name(path)));
                }
                if entry.kind() != Some(ObjectType::Blob) {
                    return Ok(None);
                }
                Ok(Some(FileRef::Blob(entry.id())))
            }
        }
    }

    /// Whether `dir` (relative to the root) exists as a directory in this revision.
    pub fn dir_exists(&self, dir: &str) -> bool {
        let dir = dir.trim_end_matches('/');
        match &self.backing {
            Backing::Worktree => self.root.join(dir).is_dir(),
            Backing::Index(index) => {
                let prefix = format!("{}{dir}/", self.prefix);
                index.iter().any(|e| e.path.starts_with(prefix.as_bytes()))
            }
            Backing::Commit { tree, .. } => tree
                .get_path(Path::new(&format!("{}{dir}", self.prefix)))
                .map(|e| e.kind() == Some(ObjectType::Tree))
                .unwrap_or(false),
        }
    }

    /// The git tree id of a directory in a commit (used to avoid evaluating equal trees twice).
    pub fn tree_id(&self, dir: &str) -> Option<Oid> {
        match &self.backing {
            Backing::Commit { tree, .. } => tree
                .get_path(Path::new(&format!(
                    "{}{}",
                    self.prefix,
                    dir.trim_end_matches('/')
                )))
                .ok()
                .map(|e| e.id()),
            _ => None,
        }
    }

    /// Reads every file under `dir` whose name ends in `ext`, sorted by path. Returns
    /// `Ok(None)` when the directory does not exist. Every unreadable file is reported.
    pub fn read_dir(&self, dir: &str, ext: &str) -> Result<Option<Vec<SourceText>>, Vec<Problem>> {
        let dir = dir.trim_end_matches('/');
        self.check_dir_itself(dir).map_err(|p| vec![p])?;
        if !self.dir_exists(dir) {
            return Ok(None);
        }
        let mut paths: Vec<(String, FileRef)> = Vec::new();
        let mut problems = Vec::new();
        match &self.backing {
            Backing::Worktree => {
                self.walk_worktree(&self.root.join(dir), dir, ext, &mut paths, &mut problems, 0)
            }
            Backing::Index(index) => {
                let prefix = format!("{}{dir}/", self.prefix);
                for entry in index.iter() {
                    let Some(rel_bytes) = entry.path.strip_prefix(prefix.as_bytes()) else {
                        continue;
                    };
                    let Ok(rel) = std::str::from_utf8(rel_bytes) else {
                        problems.push(unreadable(
                            &format!("{dir}/{}", String::from_utf8_lossy(rel_bytes)),
                            &tr("problem-why-name-not-utf8", &[]),
                        ));
                        continue;
                    };
                    let path = format!("{dir}/{rel}");
                    // Whatever its name: a link or a submodule would hide facts from
                    // this check that a checkout would show.
                    if entry.mode == 0o160000 {
                        problems.push(unreadable(&path, &submodule()));
                        continue;
                    }
                    if entry.mode == 0o120000 {
                        problems.push(symlink_in_git(&self.display_name(&path)));
                        continue;
                    }
                    if !rel.ends_with(ext) {
                        continue;
                    }
                    let stage = (entry.flags >> 12) & 0x3;
                    if stage != 0 {
                        if stage == 2 {
                            problems.push(
                                Problem::new(
                                    Code::MergeConflict,
                                    tr("problem-index-conflict", &[("path", (&path).into())]),
                                )
                                .with_help(tr("problem-index-conflict-help", &[])),
                            );
                        }
                        continue;
                    }
                    paths.push((path, FileRef::Blob(entry.id)));
                }
            }
            Backing::Commit { tree, .. } => {
                let git_dir = format!("{}{dir}", self.prefix);
                if let Ok(sub) = tree
                    .get_path(Path::new(&git_dir))
                    .and_then(|e| e.to_object(self.repo.expect("commit source has a repository")))
                {
                    if let Some(sub) = sub.as_tree() {
                        let _ = sub.walk(git2::TreeWalkMode::PreOrder, |parent, entry| {
                            let Ok(name) = entry.name() else {
                                let name = String::from_utf8_lossy(entry.name_bytes());
                                problems.push(unreadable(
                                    &format!("{dir}/{parent}{name}"),
                                    &tr("problem-why-name-not-utf8", &[]),
                                ));
                                return git2::TreeWalkResult::Skip;
                            };
                            let path = format!("{dir}/{parent}{name}");
                            match entry.kind() {
                                Some(ObjectType::Tree) => {}
                                Some(ObjectType::Blob) if entry.filemode() == 0o120000 => {
                                    problems.push(symlink_in_git(&self.display_name(&path)));
                                }
                                Some(ObjectType::Blob) if name.ends_with(ext) => {
                                    paths.push((path, FileRef::Blob(entry.id())));
                                }
                                Some(ObjectType::Blob) => {}
                                Some(ObjectType::Commit) => {
                                    problems.push(unreadable(&path, &submodule()));
                                }
                                _ => problems
                                    .push(unreadable(&path, &tr("problem-why-not-a-file", &[]))),
                            }
                            git2::TreeWalkResult::Ok
                        });
                    }
                }
            }
        }
        if paths.len() > MAX_FILES {
            problems.push(
                Problem::new(
                    Code::TooManyFiles,
                    tr(
                        "problem-too-many-files",
                        &[
                            ("dir", dir.into()),
                            ("count", paths.len().into()),
                            ("max", MAX_FILES.into()),
                        ],
                    ),
                )
                .with_help(tr("problem-too-many-files-help", &[])),
            );
            return Err(problems);
        }
        paths.sort_by(|a, b| a.0.cmp(&b.0));
        let mut files = Vec::with_capacity(paths.len());
        for (path, file) in paths {
            let read = match file {
                FileRef::Disk(full) => {
                    read_limited(&full, &path).and_then(|b| self.decode(&path, b))
                }
                FileRef::Blob(id) => self.read_blob(id, &path),
            };
            match read {
                Ok(text) => files.push(text),
                Err(p) => problems.push(p),
            }
        }
        if problems.is_empty() {
            Ok(Some(files))
        } else {
            Err(problems)
        }
    }

    fn walk_worktree(
        &self,
        dir: &Path,
        rel: &str,
        ext: &str,
        out: &mut Vec<(String, FileRef)>,
        problems: &mut Vec<Problem>,
        depth: usize,
    ) {
        if depth > 32 {
            problems.push(Problem::new(
                Code::TooDeep,
                tr("problem-too-deep", &[("dir", rel.into())]),
            ));
            return;
        }
        let unreadable_dir = |e: std::io::Error| {
            Problem::new(
                Code::Io,
                tr(
                    "problem-read-dir",
                    &[
                        ("path", (&format!("{rel}/")).into()),
                        ("error", (&e.to_string()).into()),
                    ],
                ),
            )
        };
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                problems.push(unreadable_dir(e));
                return;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    problems.push(unreadable_dir(e));
                    continue;
                }
            };
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                let name = name.to_string_lossy();
                problems.push(unreadable(
                    &format!("{rel}/{name}"),
                    &tr("problem-why-name-not-utf8", &[]),
                ));
                continue;
            };
            let path = entry.path();
            let child_rel = format!("{rel}/{name}");
            // Hidden files count like any other: git modes read them too.
            if name == ".git" {
                problems.push(unreadable(&format!("{rel}/"), &submodule()));
                continue;
            }
            let meta = match std::fs::symlink_metadata(&path) {
                Ok(m) => m,
                Err(e) => {
                    problems.push(unreadable(&child_rel, &e.to_string()));
                    continue;
                }
            };
            let is_link = meta.file_type().is_symlink();
            if is_link {
                if let Err(p) = self.check_link(&path, &child_rel) {
                    problems.push(p);
                    continue;
                }
            }
            let meta = if is_link {
                match std::fs::metadata(&path) {
                    Ok(m) => m,
                    Err(e) => {
                        problems.push(unreadable(&child_rel, &e.to_string()));
                        continue;
                    }
                }
            } else {
                meta
            };
            if meta.is_dir() {
                if is_link {
                    // Read through the link, its files would appear twice or under a
                    // name git does not know; git modes refuse every link.
                    problems.push(unreadable(&child_rel, &tr("problem-why-link-to-dir", &[])));
                    continue;
                }
                self.walk_worktree(&path, &child_rel, ext, out, problems, depth + 1);
            } else if name.ends_with(ext) {
                if meta.is_file() {
                    out.push((child_rel, FileRef::Disk(path)));
                } else {
                    problems.push(unreadable(
                        &child_rel,
                        &tr("problem-why-not-regular-file", &[]),
                    ));
                }
            }
        }
    }

    /// Refuses a TOM or policy directory that is itself a link: on disk one that leads
    /// outside the checked directory (a cloned repository could otherwise show any file
    /// of the machine in a diagnostic), in git any link, which a checkout would not
    /// follow the same way.
    fn check_dir_itself(&self, dir: &str) -> Result<(), Problem> {
        match &self.backing {
            Backing::Worktree => {
                let full = self.root.join(dir);
                let Ok(target) = full.canonicalize() else {
                    return Ok(());
                };
                let root = self
                    .root
                    .canonicalize()
                    .unwrap_or_else(|_| self.root.clone());
                if target.starts_with(&root) {
                    Ok(())
                } else {
                    Err(Problem::new(
                        Code::SymlinkOutside,
                        tr(
                            "problem-dir-outside",
                            &[
                                ("dir", dir.into()),
                                ("target", (&target.display().to_string()).into()),
                            ],
                        ),
                    )
                    .with_help(tr("problem-dir-outside-help", &[])))
                }
            }
            Backing::Index(index) => {
                let path = format!("{}{dir}", self.prefix);
                match index.get_path(Path::new(&path), 0) {
                    Some(e) if e.mode == 0o120000 => Err(symlink_in_git(&self.display_name(dir))),
                    Some(e) if e.mode == 0o160000 => Err(unreadable(dir, &submodule())),
                    _ => Ok(()),
                }
            }
            Backing::Commit { tree, .. } => {
                match tree.get_path(Path::new(&format!("{}{dir}", self.prefix))) {
                    Ok(e) if e.filemode() == 0o120000 => {
                        Err(symlink_in_git(&self.display_name(dir)))
                    }
                    Ok(e) if e.kind() == Some(ObjectType::Commit) => {
                        Err(unreadable(dir, &submodule()))
                    }
                    _ => Ok(()),
                }
            }
        }
    }

    /// Refuses symlinks that leave the checked root: a TOM must not read `/etc/passwd`.
    fn check_link(&self, full: &Path, rel: &str) -> Result<(), Problem> {
        let is_link = std::fs::symlink_metadata(full)
            .map(|m| m.file_type().is_symlink())
            .unwrap_or(false);
        if !is_link {
            return Ok(());
        }
        let root = self
            .root
            .canonicalize()
            .unwrap_or_else(|_| self.root.clone());
        match full.canonicalize() {
            Ok(target) if target.starts_with(&root) => Ok(()),
            Ok(target) => Err(Problem::new(
                Code::SymlinkOutside,
                tr(
                    "problem-link-outside",
                    &[
                        ("path", rel.into()),
                        ("target", (&target.display().to_string()).into()),
                    ],
                ),
            )
            .with_help(tr("problem-link-outside-help", &[]))),
            Err(e) => Err(Problem::new(
                Code::Io,
                tr(
                    "problem-broken-link",
                    &[("path", rel.into()), ("error", (&e.to_string()).into())],
                ),
            )),
        }
    }

    fn read_blob(&self, id: Oid, path: &str) -> Result<SourceText, Problem> {
        let Some(cache) = &self.blobs else {
            return self.read_blob_uncached(id, path);
        };
        let cached = cache.lock().unwrap_or_else(|e| e.into_inner()).get(id);
        if let Some(text) = cached {
            return Ok(SourceText::new(path, self.display_name(path), text));
        }
        let read = self.read_blob_uncached(id, path)?;
        cache
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .current
            .insert(id, read.text.clone());
        Ok(read)
    }

    fn read_blob_uncached(&self, id: Oid, path: &str) -> Result<SourceText, Problem> {
        self.decode(path, self.blob_bytes(id, path)?)
    }

    /// A blob's content, within the same size limit as a file on disk.
    fn blob_bytes(&self, id: Oid, path: &str) -> Result<Vec<u8>, Problem> {
        let repo = self.repo.expect("git sources have a repository");
        let blob = repo
            .find_blob(id)
            .map_err(|e| git_problem(&tr("problem-git-read-file", &[("path", path.into())]), &e))?;
        if blob.size() > MAX_FILE_BYTES {
            return Err(too_large(path, blob.size()));
        }
        Ok(blob.content().to_vec())
    }

    fn decode(&self, path: &str, bytes: Vec<u8>) -> Result<SourceText, Problem> {
        let name = self.display_name(path);
        match String::from_utf8(bytes) {
            Ok(text) => Ok(SourceText::new(path, name, strip_bom(&text))),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
                let source = SourceText::new(path, name, lossy);
                // The lossy text has the same prefix, so `at` is still the right offset.
                Err(Problem::at(
                    Code::NotUtf8,
                    tr("problem-not-utf8", &[("path", path.into())]),
                    &source,
                    at..at + 1,
                    tr("problem-not-utf8-label", &[]),
                )
                .with_help(tr("problem-not-utf8-help", &[])))
            }
        }
    }
}

enum FileRef {
    Disk(PathBuf),
    Blob(Oid),
}

fn read_limited(full: &Path, path: &str) -> Result<Vec<u8>, Problem> {
    let len = std::fs::metadata(full).map(|m| m.len()).unwrap_or(0);
    if len > MAX_FILE_BYTES as u64 {
        return Err(too_large(path, len as usize));
    }
    std::fs::read(full).map_err(|e| {
        Problem::new(
            Code::Io,
            tr(
                "problem-read-file",
                &[("path", path.into()), ("error", (&e.to_string()).into())],
            ),
        )
    })
}

/// A number with one decimal as the run's language writes it (`50.0`, German `50,0`).
fn decimal(n: f64) -> String {
    let s = format!("{n:.1}");
    match crate::i18n::current() {
        crate::i18n::Lang::De => s.replace('.', ","),
        crate::i18n::Lang::En => s,
    }
}

fn too_large(path: &str, size: usize) -> Problem {
    Problem::new(
        Code::FileTooLarge,
        tr(
            "problem-file-too-large",
            &[
                ("path", path.into()),
                ("size", (&decimal(size as f64 / 1048576.0)).into()),
                ("max", (MAX_FILE_BYTES / 1048576).into()),
            ],
        ),
    )
    .with_help(tr("problem-file-too-large-help", &[]))
}

/// Why a directory entry is refused when it is a submodule or nested repository.
fn submodule() -> String {
    tr("problem-why-submodule", &[])
}

/// An entry under the TOM or a policy directory that cannot be read as a file: the
/// check stops rather than pass without it.
fn unreadable(path: &str, why: &str) -> Problem {
    Problem::new(
        Code::UnreadableEntry,
        tr(
            "problem-unreadable",
            &[("path", path.into()), ("why", why.into())],
        ),
    )
    .with_help(tr("problem-unreadable-help", &[]))
}

fn symlink_in_git(name: &str) -> Problem {
    Problem::new(
        Code::SymlinkInGit,
        tr("problem-symlink-in-git", &[("path", name.into())]),
    )
    .with_help(tr("problem-symlink-in-git-help", &[]))
}

fn not_a_repo() -> Problem {
    Problem::new(Code::GitNoRepo, tr("problem-git-no-repo", &[]))
        .with_help(tr("problem-git-no-repo-help", &[]))
}

/// A git error as a problem, without git2's internal codes: `what` (tomcheck's own
/// words, in the run's language) followed by git's text as git gives it.
pub fn git_problem(what: &str, e: &git2::Error) -> Problem {
    Problem::new(
        Code::Git,
        tr(
            "problem-git",
            &[("what", what.into()), ("error", e.message().into())],
        ),
    )
}

/// Resolves a revision to a commit with messages a user can act on.
pub fn resolve_commit<'r>(repo: &'r Repository, spec: &str) -> Result<git2::Commit<'r>, Problem> {
    if let Some((reference, date)) = dated(spec)? {
        let tip = resolve_commit(
            repo,
            if reference.is_empty() {
                "HEAD"
            } else {
                reference
            },
        )?;
        return commit_at(repo, tip, &date).ok_or_else(|| {
            Problem::new(
                Code::GitUnknownRev,
                tr(
                    "problem-no-commit-dated",
                    &[
                        ("spec", spec.into()),
                        ("reference", reference.into()),
                        (
                            "date",
                            (&crate::i18n::current().date(&date.to_string())).into(),
                        ),
                    ],
                ),
            )
            .with_help(if repo.is_shallow() {
                tr("problem-shallow-help", &[])
            } else {
                tr("problem-no-commit-dated-help", &[])
            })
        });
    }
    let unborn = matches!(repo.head(), Err(e) if e.code() == git2::ErrorCode::UnbornBranch);
    if unborn || repo.is_empty().unwrap_or(false) {
        return Err(Problem::new(
            Code::GitNoCommits,
            tr("problem-git-no-commits", &[("spec", spec.into())]),
        )
        .with_help(tr("problem-git-no-commits-help", &[])));
    }
    let obj = repo.revparse_single(spec).map_err(|e| {
        let mut p = Problem::new(
            Code::GitUnknownRev,
            tr("problem-unknown-rev", &[("spec", spec.into())]),
        );
        if repo.is_shallow() {
            p = p.with_help(tr("problem-shallow-help", &[]));
        } else {
            p = p.with_help(tr("problem-git-says", &[("error", e.message().into())]));
        }
        p
    })?;
    obj.peel_to_commit().map_err(|_| {
        Problem::new(
            Code::GitNotACommit,
            tr("problem-not-a-commit", &[("spec", spec.into())]),
        )
    })
}

/// `REF@{DATE}` split into the reference and the date, when `spec` names a date.
///
/// git reads `main@{2025-06-30}` from the reflog: where the branch pointed *in this
/// clone* on that day, which a fresh clone in CI does not know (it silently checks the
/// tip instead). tomcheck reads it from history: the last commit on the ref's
/// first-parent history dated that day or earlier, the same answer in every clone.
/// Other reflog forms (`@{3}`, `@{yesterday}`) are refused rather than read from a
/// reflog; `@{upstream}`, `@{push}` and `@{-1}` keep their git meaning.
fn dated(spec: &str) -> Result<Option<(&str, jiff::civil::Date)>, Problem> {
    let Some(inner) = spec.strip_suffix('}') else {
        return Ok(None);
    };
    let Some(at) = inner.rfind("@{") else {
        return Ok(None);
    };
    let (reference, what) = (&inner[..at], &inner[at + 2..]);
    let lower = what.to_ascii_lowercase();
    if what.starts_with('-') || ["u", "upstream", "push"].contains(&lower.as_str()) {
        return Ok(None);
    }
    match jiff::civil::Date::strptime("%Y-%m-%d", what) {
        Ok(date) => Ok(Some((reference, date))),
        Err(_) => Err(Problem::new(
            Code::GitUnknownRev,
            tr(
                "problem-reflog",
                &[
                    ("spec", spec.into()),
                    ("what", (&format!("@{{{what}}}")).into()),
                ],
            ),
        )
        .with_help(tr("problem-reflog-help", &[]))),
    }
}

/// The first commit on the first-parent history from `tip` whose commit date (in the
/// committer's own time zone) is `date` or earlier.
fn commit_at<'r>(
    repo: &'r Repository,
    tip: git2::Commit<'r>,
    date: &jiff::civil::Date,
) -> Option<git2::Commit<'r>> {
    let mut commit = tip;
    loop {
        if commit_day(&commit).is_some_and(|d| d <= *date) {
            return Some(commit);
        }
        let parent = commit.parent_id(0).ok()?;
        commit = repo.find_commit(parent).ok()?;
    }
}

/// The day a commit was made, in the committer's time zone.
pub fn commit_day(commit: &git2::Commit<'_>) -> Option<jiff::civil::Date> {
    let time = commit.time();
    let offset = jiff::tz::Offset::from_seconds(time.offset_minutes() * 60).ok()?;
    let ts = jiff::Timestamp::from_second(time.seconds()).ok()?;
    Some(ts.to_zoned(jiff::tz::TimeZone::fixed(offset)).date())
}

fn commit_backing(commit: &git2::Commit<'static>) -> Result<Backing, Problem> {
    let tree = commit
        .tree()
        .map_err(|e| git_problem(&tr("problem-git-read-tree", &[]), &e))?;
    Ok(Backing::Commit {
        tree,
        short: OnceCell::new(),
        id: commit.id(),
        time: commit.time().seconds(),
        dated: None,
    })
}

/// The index the next commit records: git points hooks at a temporary one through
/// `GIT_INDEX_FILE` for `git commit <paths>` and `git commit -a`.
pub fn staged_index(repo: &Repository) -> Result<git2::Index, Problem> {
    match std::env::var_os("GIT_INDEX_FILE") {
        Some(path) => {
            // git sets it relative to the top of the working tree where it is relative.
            let path = PathBuf::from(path);
            let path = match repo.workdir() {
                Some(top) if path.is_relative() => top.join(path),
                _ => path,
            };
            git2::Index::open(&path)
        }
        None => repo.index(),
    }
    .map_err(|e| git_problem(&tr("problem-git-read-index", &[]), &e))
}

/// A short, unambiguous commit id (7 characters or more).
pub fn short_id(repo: &Repository, id: Oid) -> String {
    repo.find_object(id, None)
        .ok()
        .and_then(|o| o.short_id().ok())
        .and_then(|b| b.as_str().ok().map(str::to_string))
        .unwrap_or_else(|| id.to_string()[..7].to_string())
}

/// The root's path inside the repository, `""` or `"sub/dir/"`.
pub fn repo_prefix(repo: &Repository, root: &Path) -> Result<String, Problem> {
    let Some(workdir) = repo.workdir() else {
        return Ok(String::new());
    };
    let workdir = workdir
        .canonicalize()
        .unwrap_or_else(|_| workdir.to_path_buf());
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let rel = root.strip_prefix(&workdir).unwrap_or(Path::new(""));
    let mut prefix = String::new();
    for part in rel.components() {
        let part = part.as_os_str().to_str().ok_or_else(|| {
            Problem::new(
                Code::Io,
                tr(
                    "problem-path-not-utf8",
                    &[("path", (&root.display().to_string()).into())],
                ),
            )
        })?;
        prefix.push_str(part);
        prefix.push('/');
    }
    Ok(prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blob_cache_keeps_what_the_last_two_sources_read() {
        let id = Oid::hash_object(ObjectType::Blob, b"x").unwrap();
        let mut cache = BlobCache::default();
        cache.current.insert(id, "x".into());
        cache.rotate();
        // Read again by the next source: kept for one more.
        assert_eq!(cache.get(id).as_deref(), Some("x"));
        cache.rotate();
        cache.rotate();
        assert_eq!(cache.get(id), None);
    }
}
