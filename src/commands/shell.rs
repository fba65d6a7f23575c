//! `tomcheck completions <shell>` and `tomcheck man`: shell completions and man pages
//! generated from the same clap definition as the parser, so they never fall behind it.

use clap::CommandFactory;

use super::{CmdResult, Env, EXIT_OK};
use crate::cli::{Cli, CompletionsArgs, ManArgs};
use crate::diag::io_problem;

/// Prints the completion script for a shell.
pub fn completions(args: &CompletionsArgs, env: &mut Env<'_>) -> CmdResult {
    let mut cmd = Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "tomcheck", &mut buf);
    env.out.write_all(&buf)?;
    Ok(EXIT_OK)
}

/// The man pages: `tomcheck.1` first, then one per subcommand.
pub fn man_pages() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let cmd = Cli::command();
    let mut pages = Vec::new();
    let mut page = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut page)?;
    pages.push(("tomcheck.1".to_string(), page));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("tomcheck-{}", sub.get_name());
        let sub = sub
            .clone()
            .display_name(name.clone())
            .bin_name(format!("tomcheck {}", sub.get_name()));
        let mut page = Vec::new();
        clap_mangen::Man::new(sub).render(&mut page)?;
        pages.push((format!("{name}.1"), page));
    }
    Ok(pages)
}

/// Prints `tomcheck.1`, or writes every page into `--out DIR`.
pub fn man(args: &ManArgs, env: &mut Env<'_>) -> CmdResult {
    let pages = man_pages()?;
    let Some(dir) = &args.out else {
        env.out.write_all(&pages[0].1)?;
        return Ok(EXIT_OK);
    };
    let dir = env.path(dir);
    std::fs::create_dir_all(&dir).map_err(|e| {
        io_problem(
            &crate::i18n::tr(
                "problem-create-file",
                &[("path", (&dir.display().to_string()).into())],
            ),
            &e,
        )
    })?;
    for (name, page) in pages {
        let path = dir.join(&name);
        crate::fsutil::replace_file(&path, &page).map_err(|e| {
            io_problem(
                &crate::i18n::tr(
                    "problem-write-file",
                    &[("path", (&path.display().to_string()).into())],
                ),
                &e,
            )
        })?;
        let path = path.display().to_string();
        writeln!(
            env.out,
            "{}",
            crate::i18n::tr("man-wrote", &[("path", (&path).into())])
        )?;
    }
    Ok(EXIT_OK)
}
