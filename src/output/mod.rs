//! Output: tables (comfy-table), JSON and YAML on stdout; messages and progress displays
//! ([`progress`]) go to stderr.
//!
//! Every command builds one serde value (the report types in `ops`), then [`emit`] prints it in the
//! format asked for. Field names of those types are the documented machine-readable interface.

pub mod progress;

use std::io::Write;

use comfy_table::presets::NOTHING;
use comfy_table::{ContentArrangement, Table};
use serde::Serialize;

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum OutputFormat {
    /// Human-readable table
    #[default]
    Table,
    /// Table with more columns
    Wide,
    /// JSON document
    Json,
    /// YAML document
    Yaml,
}

impl OutputFormat {
    pub fn is_machine(self) -> bool {
        matches!(self, OutputFormat::Json | OutputFormat::Yaml)
    }
    pub fn is_wide(self) -> bool {
        self == OutputFormat::Wide
    }
}

/// A report that knows how to draw itself as text; JSON and YAML come from serde.
pub trait Render: Serialize {
    fn render_text(&self, wide: bool) -> String;
}

/// Serialize `value` as the format asks, as one string ending with a newline.
pub fn format<T: Render>(value: &T, fmt: OutputFormat) -> Result<String> {
    let mut s = match fmt {
        OutputFormat::Json => serde_json::to_string_pretty(value)
            .map_err(|e| Error::failed(format!("cannot encode the result as JSON: {e}")))?,
        OutputFormat::Yaml => serde_saphyr::to_string(value)
            .map_err(|e| Error::failed(format!("cannot encode the result as YAML: {e}")))?,
        OutputFormat::Table | OutputFormat::Wide => value.render_text(fmt.is_wide()),
    };
    if !s.ends_with('\n') {
        s.push('\n');
    }
    Ok(s)
}

/// Print `value` on stdout. A closed pipe (`| head`) is not an error worth reporting.
pub fn emit<T: Render>(value: &T, fmt: OutputFormat) -> Result<()> {
    let s = format(value, fmt)?;
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::failed(format!("cannot write to stdout: {e}"))),
    }
}

/// Ask a yes/no question on the terminal (stderr, so stdout stays machine output); anything but
/// y/yes is a no. Callers check for a terminal first: without one, `--yes` is the only consent.
pub fn ask(question: &str) -> Result<bool> {
    eprint!("{question} [y/N] ");
    std::io::stderr().flush().ok();
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| Error::usage(format!("cannot read the answer: {e}; pass --yes")))?;
    Ok(matches!(
        line.trim().to_ascii_lowercase().as_str(),
        "y" | "yes"
    ))
}

/// A message for the person at the terminal, never mixed into machine output.
pub fn note(msg: impl std::fmt::Display) {
    eprintln!("{msg}");
}

/// A kubectl-looking table: upper-case headers, no borders, columns padded.
pub fn table<I, S>(header: I) -> Table
where
    I: IntoIterator<Item = S>,
    S: Into<comfy_table::Cell>,
{
    let mut t = Table::new();
    t.load_style(NOTHING)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header);
    // kubectl separates columns by three spaces and starts at column 0.
    for col in t.column_iter_mut() {
        col.set_padding((0, 3));
    }
    t
}

/// The table as text, trailing spaces trimmed per line.
pub fn table_text(t: &Table) -> String {
    let mut s = String::new();
    for line in t.lines() {
        s.push_str(line.trim_end());
        s.push('\n');
    }
    s
}

/// `-` for absent values, as kubectl prints `<none>` / `-`.
pub fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref()
        .map_or_else(|| "-".to_string(), ToString::to_string)
}

/// A byte count for people: `12.5 MiB`.
pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1024.0 && u < UNITS.len() - 1 {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}

/// A comma-separated id list.
pub fn ids(v: &[i32]) -> String {
    v.iter().map(i32::to_string).collect::<Vec<_>>().join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Demo {
        name: String,
        count: u32,
    }
    impl Render for Demo {
        fn render_text(&self, wide: bool) -> String {
            let mut t = table(["NAME", "COUNT"]);
            t.add_row(vec![self.name.clone(), self.count.to_string()]);
            let mut s = table_text(&t);
            if wide {
                s.push_str("wide\n");
            }
            s
        }
    }

    #[test]
    fn formats() {
        let d = Demo {
            name: "a".into(),
            count: 2,
        };
        let j = format(&d, OutputFormat::Json).unwrap();
        let v: serde_json::Value = serde_json::from_str(&j).unwrap();
        assert_eq!(v["count"], 2);
        let y = format(&d, OutputFormat::Yaml).unwrap();
        assert!(y.contains("name: a"), "{y}");
        let t = format(&d, OutputFormat::Table).unwrap();
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines.len(), 2, "{t}");
        assert!(lines[0].starts_with("NAME"), "{t}");
        assert!(lines[1].starts_with('a'), "{t}");
        assert!(format(&d, OutputFormat::Wide).unwrap().ends_with("wide\n"));
    }

    #[test]
    fn bytes_for_people() {
        assert_eq!(human_bytes(512), "512 B");
        assert_eq!(human_bytes(1536), "1.5 KiB");
        assert_eq!(human_bytes(10 * 1024 * 1024), "10.0 MiB");
    }

    #[test]
    fn helpers() {
        assert_eq!(opt::<i32>(&None), "-");
        assert_eq!(opt(&Some(3)), "3");
        assert_eq!(ids(&[1, 2, 3]), "1,2,3");
    }
}
