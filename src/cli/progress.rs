//! Progress on standard error while many files are read and checked: shown
//! only on a terminal, never with `--quiet`, never on standard output.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Fewer files than this are read too fast for a bar to help.
const MIN_FILES: usize = 2;

/// A bar over the files of a run, then a spinner while they are checked; or nothing.
pub struct Progress(Option<ProgressBar>);

impl Progress {
    /// A bar for `files` files, drawn only when it can help and is wanted.
    pub fn new(files: usize, quiet: bool) -> Progress {
        Progress::to(files, quiet, std::io::stderr().is_terminal())
    }

    fn to(files: usize, quiet: bool, terminal: bool) -> Progress {
        if quiet || !terminal || files < MIN_FILES {
            return Progress(None);
        }
        let bar = ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template("{prefix:>8} [{bar:30}] {pos}/{len} {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
        bar.set_style(style);
        bar.set_prefix("reading");
        Progress(Some(bar))
    }

    /// One more file read.
    pub fn file(&self, name: &str) {
        if let Some(bar) = &self.0 {
            bar.set_message(name.to_string());
            bar.inc(1);
        }
    }

    /// Prints a line on standard error without tearing the bar.
    pub fn println(&self, line: &str) {
        #[allow(clippy::print_stderr)]
        match &self.0 {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    /// The files are read: a spinner while they are linked and checked.
    pub fn checking(&self, what: &str) {
        if let Some(bar) = &self.0 {
            bar.set_style(
                ProgressStyle::with_template("{prefix:>8} {spinner} {wide_msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.set_prefix("checking");
            bar.set_message(what.to_string());
            bar.enable_steady_tick(Duration::from_millis(120));
        }
    }

    /// Clears the bar before the report is written.
    pub fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_only_on_a_terminal_for_many_files_without_quiet() {
        assert!(Progress::to(5, false, true).0.is_some());
        assert!(Progress::to(5, true, true).0.is_none());
        assert!(Progress::to(5, false, false).0.is_none());
        assert!(Progress::to(1, false, true).0.is_none());
    }
}
