//! What a `bench --peer` run saves, and under which name: the report (the command, the
//! commit, the machine, the table and the problems that would make it misleading) and
//! the free `bench-results/peer-<date>-<commit>` stem it is saved under.

use std::path::Path;
use std::time::SystemTime;

use serde_json::Value;

use crate::util::output;

/// The saved report: the command, the commit, the machine, the table and any problems.
pub(super) fn report_text(
    extra: &[String],
    command: &str,
    records: &[Value],
    table: &[&str],
    problems: &[String],
    jsonl_rel: &str,
) -> String {
    let mut report = vec![
        format!(
            "cargo xtask bench --peer{}",
            extra.iter().map(|a| format!(" {a}")).collect::<String>()
        ),
        format!("commit {}", commit()),
        machine(records),
        format!("$ {command}"),
        String::new(),
    ];
    report.extend(table.iter().map(|l| l.to_string()));
    if !problems.is_empty() {
        report.push(String::new());
        report.extend(problems.iter().cloned());
    }
    report.push(String::new());
    report.push(format!(
        "JSON lines (every run, change and response): {jsonl_rel}"
    ));
    report.join("\n") + "\n"
}

/// The browser and machine, from the harness's first JSON line.
fn machine(records: &[Value]) -> String {
    let Some(meta) = records.iter().find(|r| r["meta"] == true) else {
        return "machine: unknown (no meta line)".into();
    };
    let s = |k: &str| match &meta[k] {
        Value::String(s) => s.clone(),
        Value::Null => "?".into(),
        v => v.to_string(),
    };
    format!(
        "{} | Chromium {} | node {} | {} CPUs ({}), {} GB | viewport {}x{} | runs {} + warm-up {}",
        s("date"),
        s("browser"),
        s("node"),
        s("cpus"),
        s("cpu_model"),
        s("mem_gb"),
        meta["viewport"]["width"],
        meta["viewport"]["height"],
        s("runs"),
        s("warmup"),
    )
}

/// What would make the table misleading: pages that timed out, filter changes that failed,
/// console errors, failed or non-loopback requests, files the server did not have.
pub(super) fn problems(records: &[Value]) -> Vec<String> {
    let mut out = Vec::new();
    for r in records.iter().filter(|r| r["label"].is_string()) {
        let label = r["label"].as_str().unwrap_or("?");
        let run = &r["run"];
        let count = |v: &Value| v.as_array().map_or(0, Vec::len);
        let mut what = Vec::new();
        if r["cold_load_timeout"] == true {
            what.push("cold load timed out".to_string());
        }
        for (key, name) in [
            (&r["filter"]["errors"], "filter errors"),
            (&r["console_errors"], "console errors"),
            (&r["failed_requests"], "failed requests"),
            (&r["non_loopback_requests"], "non-loopback requests"),
        ] {
            if count(key) > 0 {
                what.push(format!("{} {name}", count(key)));
            }
        }
        if !what.is_empty() {
            out.push(format!("warning: {label} run {run}: {}", what.join(", ")));
        }
    }
    if let Some(missing) = records
        .iter()
        .find_map(|r| r["server"]["not_found"].as_array())
        .filter(|m| !m.is_empty())
    {
        let urls: Vec<String> = missing.iter().map(|u| u.to_string()).collect();
        out.push(format!(
            "warning: not found on the server: {}",
            urls.join(", ")
        ));
    }
    out
}

/// The checked-out commit, short, with `-dirty` when tracked files differ from it.
pub(super) fn commit() -> String {
    let hash = output("git", &["rev-parse", "--short", "HEAD"])
        .map(|h| h.trim().to_string())
        .unwrap_or_else(|| "unknown".into());
    let dirty = output("git", &["status", "--porcelain", "--untracked-files=no"])
        .is_some_and(|s| !s.trim().is_empty());
    if dirty {
        format!("{hash}-dirty")
    } else {
        hash
    }
}

/// `stem`, or `stem-2`, `stem-3` … so that a second run on the same day and commit (the
/// phone-class one, say) does not overwrite the first.
pub(super) fn free_stem(dir: &Path, stem: &str) -> String {
    let taken =
        |s: &str| dir.join(format!("{s}.txt")).exists() || dir.join(format!("{s}.jsonl")).exists();
    let mut n = 1;
    let mut candidate = stem.to_string();
    while taken(&candidate) {
        n += 1;
        candidate = format!("{stem}-{n}");
    }
    candidate
}

/// Today's date in UTC, `YYYY-MM-DD`.
pub(super) fn today_utc() -> String {
    let secs = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_day_counts() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(59), (1970, 3, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(20_794), (2026, 12, 7));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }
}
