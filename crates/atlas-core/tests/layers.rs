//! The crate's layers point one way: a module may use modules of lower layers only (see
//! `src/lib.rs`). The test scans every `.rs` file under `src/` for the modules it names:
//! `crate::x` in `use` lines and inline paths (`crate::text::views::describe(`), grouped
//! `crate::{x::A, y::B}`, and `super::` chains that climb out of their top module. A
//! reference to a higher layer, or to a module of the same layer that the table does not
//! pair, fails with the file, the line and the two layers.
//!
//! The scanner is generic over a [`Layers`] table, so the app's crate can be checked the
//! same way: a table of its own top modules (`state`, `views`, …) with the other crates it
//! names as modules of their own (`atlas_core` as the lowest layer).

use std::path::{Path, PathBuf};

/// One crate's layering.
struct Layers<'a> {
    /// The crate's `src` folder.
    src: PathBuf,
    /// Top-level modules, and other crates named by paths (`atlas_core`), with their layer;
    /// lower layers come first. Every top-level module must be listed.
    ranks: &'a [(&'a str, u8)],
    /// Pairs of modules of one layer that may use each other (first uses second).
    same_layer: &'a [(&'a str, &'a str)],
    /// Other crates whose paths count as references (`atlas_core::render::…`).
    crates: &'a [&'a str],
}

/// atlas-core: `model`, `geo` and `clean` are leaves; `url` is the top.
const CORE: &[(&str, u8)] = &[
    ("clean", 0),
    ("model", 0),
    ("geo", 0),
    ("store", 1),
    ("import", 2),
    ("analysis", 3),
    ("text", 4),
    ("story", 5),
    ("render", 6),
    ("export", 7),
    ("url", 8),
];

/// The app (`src/` at the repository root): state below the widgets, the views, the
/// panels and the page. The crate root's constants (the credit line, the asset paths) and
/// atlas-core sit below everything.
const APP: &[(&str, u8)] = &[
    ("atlas_core", 0),
    ("CREDIT", 0),
    ("SIPRI_URL", 0),
    ("BUNDLE_URL", 0),
    ("MAP_URL", 0),
    ("state", 1),
    ("widgets", 2),
    ("views", 3),
    ("panels", 4),
    ("app", 5),
];

#[test]
fn app_layers_point_down() {
    // The scanner on the app's kind of code: a view naming a panel, and state naming a
    // widget, are caught; a view naming state and atlas-core is not.
    let sample = Layers {
        src: PathBuf::new(),
        ranks: APP,
        same_layer: &[],
        crates: &["atlas_core"],
    };
    let found = sample.check_file(
        Path::new("views/timeline/mod.rs"),
        "use crate::panels::story::StoryPanel;\nuse crate::state::use_app_state;\n\
         use atlas_core::render::Palette;\nuse crate::{CREDIT, widgets::canvas::Canvas};\n",
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].contains("mod.rs:1: views (layer 3) -> panels (layer 4)"));
    let found = sample.check_file(
        Path::new("state/url.rs"),
        "fn f() { crate::widgets::theme::init_theme(); }\n",
    );
    assert_eq!(found.len(), 1, "{found:#?}");

    let app = Layers {
        src: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../src"),
        ranks: APP,
        same_layer: &[],
        crates: &["atlas_core"],
    };
    let problems = app.check();
    assert!(
        problems.is_empty(),
        "{} reference(s) against the app's layers (src/lib.rs):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn layers_point_down() {
    // The scanner itself: an upward `use`, a sideways one, an inline path, a group and a
    // climbing `super::` are caught; downward ones and comments are not (so the check
    // below cannot pass by seeing nothing).
    let sample = Layers {
        src: PathBuf::new(),
        ranks: CORE,
        same_layer: &[],
        crates: &[],
    };
    let found = sample.check_file(
        Path::new("model/tiv.rs"),
        "use crate::text::Tr;\nuse crate::geo::arcs::Pt;\n// crate::url in a comment\n\
         fn f() { crate::render::text_width(\"\", 1.0); }\n",
    );
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(found[0].contains("model/tiv.rs:1: model (layer 0) -> text (layer 4)"));
    assert!(found[1].contains("model/tiv.rs:2: model (layer 0) -> geo (layer 0)"));
    assert!(found[2].contains("model/tiv.rs:4: model (layer 0) -> render (layer 6)"));
    let found = sample.check_file(
        Path::new("analysis/register/rows.rs"),
        "use super::super::super::text::Tr;\nuse super::sort::Sort;\nuse crate::{model::Tiv, url::x};\n",
    );
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found[0].contains("rows.rs:1: analysis (layer 3) -> text (layer 4)"));
    assert!(found[1].contains("rows.rs:3: analysis (layer 3) -> url (layer 8)"));

    let core = Layers {
        src: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src"),
        ranks: CORE,
        same_layer: &[],
        crates: &[],
    };
    let problems = core.check();
    assert!(
        problems.is_empty(),
        "{} reference(s) against the layers of src/lib.rs:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

impl Layers<'_> {
    /// Every problem in the crate: references up or sideways, and top modules the table
    /// does not know.
    fn check(&self) -> Vec<String> {
        let mut files = Vec::new();
        rust_files(&self.src, &mut files);
        files.sort();
        assert!(
            !files.is_empty(),
            "no .rs files under {}",
            self.src.display()
        );
        let mut problems = Vec::new();
        for file in &files {
            let rel = file.strip_prefix(&self.src).unwrap_or(file);
            let text = std::fs::read_to_string(file).expect("a readable source file");
            if let Some(top) = module_path(rel).first() {
                if self.rank(top).is_none() {
                    problems.push(format!(
                        "{}: top-level module `{top}` is not in the layer table",
                        rel.display()
                    ));
                }
            }
            problems.extend(self.check_file(rel, &text));
        }
        problems
    }

    fn rank(&self, module: &str) -> Option<u8> {
        self.ranks
            .iter()
            .find(|(m, _)| *m == module)
            .map(|(_, r)| *r)
    }

    /// The problems of one file, `rel` being its path under `src`.
    fn check_file(&self, rel: &Path, text: &str) -> Vec<String> {
        let file_mod = module_path(rel);
        let Some(from) = file_mod.first().cloned() else {
            return Vec::new(); // lib.rs / main.rs: the root may name every module.
        };
        let mut problems = Vec::new();
        for (line_no, scope, code) in statements(text) {
            let mut here = file_mod.clone();
            here.extend(scope);
            for target in self.targets(&here, &code) {
                if let Some(why) = self.forbidden(&from, &target) {
                    problems.push(format!(
                        "{}:{line_no}: {why}: `{}`",
                        rel.display(),
                        code.trim()
                    ));
                }
            }
        }
        problems
    }

    /// Why `from` may not use `to`, if it may not.
    fn forbidden(&self, from: &str, to: &str) -> Option<String> {
        if from == to {
            return None;
        }
        let (Some(a), Some(b)) = (self.rank(from), self.rank(to)) else {
            return Some(format!("{from} -> {to}: `{to}` is not in the layer table"));
        };
        let paired = self.same_layer.contains(&(from, to));
        (b > a || (b == a && !paired)).then(|| format!("{from} (layer {a}) -> {to} (layer {b})"))
    }

    /// The top-level modules (or other crates) that `code`, in module `here`, names.
    fn targets(&self, here: &[String], code: &str) -> Vec<String> {
        let mut out = Vec::new();
        let roots = std::iter::once("crate").chain(self.crates.iter().copied());
        for root in roots {
            for rest in after_word(code, &format!("{root}::")) {
                if root == "crate" {
                    out.extend(first_segments(rest));
                } else {
                    out.push(root.to_owned());
                }
            }
        }
        for rest in after_word(code, "super::") {
            // Only the first `super` of a chain starts one.
            let mut ups = 1;
            let mut rest = rest;
            while let Some(r) = rest.strip_prefix("super::") {
                ups += 1;
                rest = r;
            }
            if ups > here.len() {
                continue;
            }
            let base = &here[..here.len() - ups];
            match base.first() {
                Some(top) => out.push(top.clone()),
                None => out.extend(first_segments(rest)),
            }
        }
        out
    }
}

/// The module path of a file under `src`: `analysis/register/rows.rs` is
/// `[analysis, register, rows]`, a `mod.rs` is its folder, `lib.rs` and `main.rs` the root.
fn module_path(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|c| c.to_string_lossy().into_owned())
        .collect();
    if let Some(last) = parts.pop() {
        let stem = last.trim_end_matches(".rs");
        if !matches!(stem, "mod" | "lib" | "main") {
            parts.push(stem.to_owned());
        }
    }
    parts
}

/// The code of a file as `(first line, inline modules around it, text)`: comments left
/// out, each `use` statement joined onto one line. Inline modules (`mod tests {`) are
/// tracked by the indentation rustfmt gives their closing brace.
fn statements(text: &str) -> Vec<(usize, Vec<String>, String)> {
    let mut out = Vec::new();
    let mut scope: Vec<(String, String)> = Vec::new();
    let mut pending: Option<(usize, String)> = None;
    for (i, raw) in text.lines().enumerate() {
        let code = raw.split("//").next().unwrap_or("");
        let trimmed = code.trim();
        if let Some((_, indent)) = scope.last() {
            if trimmed == "}" && code.trim_end() == format!("{indent}}}") {
                scope.pop();
                continue;
            }
        }
        let names: Vec<String> = scope.iter().map(|(n, _)| n.clone()).collect();
        if let Some((line, mut stmt)) = pending.take() {
            stmt.push(' ');
            stmt.push_str(trimmed);
            if trimmed.ends_with(';') {
                out.push((line, names, stmt));
            } else {
                pending = Some((line, stmt));
            }
            continue;
        }
        let word = trimmed
            .strip_prefix("pub ")
            .or_else(|| trimmed.strip_prefix("pub(crate) "))
            .or_else(|| trimmed.strip_prefix("pub(super) "))
            .unwrap_or(trimmed);
        if let Some(name) = word.strip_prefix("mod ").and_then(|m| m.strip_suffix(" {")) {
            let indent = code.len() - code.trim_start().len();
            scope.push((name.to_owned(), code[..indent].to_owned()));
            continue;
        }
        if word.starts_with("use ") && !trimmed.ends_with(';') {
            pending = Some((i + 1, trimmed.to_owned()));
            continue;
        }
        if !trimmed.is_empty() {
            out.push((i + 1, names, trimmed.to_owned()));
        }
    }
    out
}

/// What follows each occurrence of `prefix` in `code` that starts a path (not preceded by
/// a letter, digit, `_` or `::`).
fn after_word<'c>(code: &'c str, prefix: &str) -> Vec<&'c str> {
    code.match_indices(prefix)
        .filter(|(i, _)| {
            let before = &code[..*i];
            !(before.ends_with("::")
                || before
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_'))
        })
        .map(|(i, _)| &code[i + prefix.len()..])
        .collect()
}

/// The first segment of a path (`text::views::x` gives `text`), or of each path in a
/// group (`{model::Tiv, text::Tr}` gives `model` and `text`).
fn first_segments(rest: &str) -> Vec<String> {
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let Some(group) = rest.strip_prefix('{') else {
        return vec![ident(rest)]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
    };
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = true;
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => start = true,
            c if start && !c.is_whitespace() => {
                out.push(ident(&group[i..]));
                start = false;
            }
            _ => {}
        }
    }
    out.retain(|s| !s.is_empty() && s != "self");
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}
