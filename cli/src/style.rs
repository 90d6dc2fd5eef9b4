//! Terminal colours, only when stderr/stdout is a terminal and `NO_COLOR` is unset.

use std::io::IsTerminal;

fn paint(code: &str, text: &str, tty: bool) -> String {
    if tty && std::env::var_os("NO_COLOR").is_none() {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

/// Bold red, for `error:` on stderr.
pub fn error(text: &str) -> String {
    paint("1;31", text, std::io::stderr().is_terminal())
}

/// Bold yellow, for `warning:` on stderr.
pub fn warning(text: &str) -> String {
    paint("1;33", text, std::io::stderr().is_terminal())
}

/// Bold green, for progress words on stderr (`Building`, `Linked`), as cargo does.
pub fn status(text: &str) -> String {
    paint("1;32", &format!("{text:>12}"), std::io::stderr().is_terminal())
}

/// Bold, for headings on stdout.
pub fn heading(text: &str) -> String {
    paint("1", text, std::io::stdout().is_terminal())
}
