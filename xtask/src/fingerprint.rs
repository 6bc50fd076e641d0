//! The post-process of a release build (`cargo xtask dist`, and `cargo xtask rehash DIR`
//! on its own): content-hashed file names for long caching, the service worker with the
//! build's precache list and version, and `.br`/`.gz` beside every file.
//!
//! * The JavaScript glue, the wasm, the CSS and `assets/boot.js` get names like
//!   `arms-atlas-0123456789abcdef.js` (the first 16 hex digits of the SHA-256 of the
//!   content) and every reference to them is rewritten: `index.html` (and its
//!   Subresource-Integrity hashes), boot.js's `import('../arms-atlas.js')` and the glue's
//!   `new URL('arms-atlas_bg.wasm', import.meta.url)`. Leaves are hashed before the files
//!   that name them, so a changed wasm changes the glue's name, and that boot.js's.
//! * `assets/sea.atlas` and `assets/world.map` keep their names: the wasm fetches them by
//!   names compiled into it, they are small (about 50 KB each), and the service worker
//!   fetches them network-first when online (so they always match the `index.html` the
//!   network gave) and from its versioned cache when offline (so they match the cached
//!   `index.html`). Hosts serve them with `Cache-Control: no-cache` (a revalidation).
//! * The French, German and Russian tables (`assets/locales/*.tsv`, fetched by boot.js
//!   only for their readers) get hashed names too; `sw.js` lists them apart (`OPTIONAL`,
//!   kept when a reader fetches one, never precached for everyone).
//! * `sw.js` (from `assets/sw.js`) goes to the top of `dist/`, so its scope is the page's
//!   folder, with `BUILD` = a hash of the worker's template and of every precached file's
//!   path and content.
//!
//! Idempotent: running it again on a finished `dist/` (or on a copy whose files were
//! changed, which is what the update test does) re-hashes from the current contents.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use base64::Engine;
use sha2::{Digest, Sha256, Sha384};

use crate::files::{brotli, compressed_files, files, gzip};
use crate::util::Result;

/// The service worker template; `cargo xtask dist` fills in the build and the file list.
const SW_TEMPLATE: &str = include_str!("../../assets/sw.js");
const SW_BUILD_MARK: &str = "'__ARMS_ATLAS_BUILD__'";
const SW_PRECACHE_MARK: &str = "['__ARMS_ATLAS_PRECACHE__']";
const SW_OPTIONAL_MARK: &str = "['__ARMS_ATLAS_OPTIONAL__']";
/// The folder of the language tables that only their readers fetch.
const LOCALES: &str = "assets/locales/";
/// Files that keep their names and are precached as they are.
const UNHASHED_PRECACHE: [&str; 2] = ["assets/sea.atlas", "assets/world.map"];
/// Scripts other sites load by a stable address (the embed snippet names the host script),
/// so they keep their names; precached too.
const STABLE_SCRIPTS: [&str; 1] = ["assets/embed-host.js"];
/// Folders whose files keep their names and are precached (the annotation files that
/// links name with `annotations=`).
const UNHASHED_FOLDERS: [&str; 1] = ["assets/annotations/"];
const HASH_HEX: usize = 16;

/// The first 16 hex digits of the SHA-256 of `bytes`.
pub fn short_hash(bytes: &[u8]) -> String {
    let d = Sha256::digest(bytes);
    d.iter()
        .take(HASH_HEX / 2)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `arms-atlas-0123456789abcdef.js` → (`arms-atlas`, `.js`); `main.css` → (`main`, `.css`).
fn split_name(name: &str) -> (&str, &str) {
    let (stem, ext) = match name.find('.') {
        Some(i) => (&name[..i], &name[i..]),
        None => (name, ""),
    };
    let stem = match stem.rsplit_once('-') {
        Some((base, h))
            if h.len() == HASH_HEX
                && h.bytes()
                    .all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c)) =>
        {
            base
        }
        _ => stem,
    };
    (stem, ext)
}

/// Whether a file name carries a content hash (what hosts may cache for a year).
pub fn is_hashed(name: &str) -> bool {
    split_name(name).0.len() + split_name(name).1.len() < name.len()
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')
}

/// Replaces `from` by `to` where it stands as a whole file name (not inside a longer name).
fn replace_name(text: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(from) {
        let before = rest[..i].chars().next_back();
        let after = rest[i + from.len()..].chars().next();
        let whole = before.is_none_or(|c| !is_name_char(c))
            && after.is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'));
        out.push_str(&rest[..i]);
        out.push_str(if whole { to } else { from });
        rest = &rest[i + from.len()..];
    }
    out.push_str(rest);
    out
}

fn rel(dir: &Path, p: &Path) -> String {
    p.strip_prefix(dir)
        .unwrap_or(p)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

fn read(p: &Path) -> Result<Vec<u8>> {
    std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))
}

fn write(p: &Path, bytes: &[u8]) -> Result {
    std::fs::write(p, bytes).map_err(|e| format!("{}: {e}", p.display()))
}

fn remove(p: &Path) -> Result {
    std::fs::remove_file(p).map_err(|e| format!("{}: {e}", p.display()))
}

/// Hashes the names, writes `sw.js` and the compressed copies in `dir` (a release build).
pub fn finalize(dir: &Path) -> Result {
    if !dir.join("index.html").is_file() {
        return Err(format!("{}: no index.html, not a build", dir.display()));
    }
    start_from_plain_files(dir)?;
    crate::prerender::inject(dir)?;
    let renamed = hash_names(files_to_hash(dir)?)?;

    let index_path = dir.join("index.html");
    let html = rewrite(&String::from_utf8_lossy(&read(&index_path)?), &renamed);
    let html = fix_integrity(dir, &html)?;
    write(&index_path, html.as_bytes())?;

    let (precache, optional) = precache_list(dir)?;
    let build = write_service_worker(dir, &precache, &optional)?;
    write_compressed(dir)?;
    eprintln!(
        "{}: build {build}, {} files precached by sw.js",
        dir.display(),
        precache.len()
    );
    Ok(())
}

/// Drops old compressed copies and the copied SW template.
fn start_from_plain_files(dir: &Path) -> Result {
    for p in compressed_files(dir)? {
        remove(&p)?;
    }
    let template_copy = dir.join("assets/sw.js");
    if template_copy.is_file() {
        remove(&template_copy)?;
    }
    Ok(())
}

/// The files to hash: scripts, styles, wasm and the language tables (not index.html, not
/// sw.js).
fn files_to_hash(dir: &Path) -> Result<Vec<PathBuf>> {
    Ok(files(dir)?
        .into_iter()
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let top_sw = p.parent() == Some(dir) && name == "sw.js";
            let stable = STABLE_SCRIPTS.contains(&rel(dir, p).as_str());
            let ext = p.extension().and_then(|e| e.to_str());
            !top_sw
                && !stable
                && (matches!(ext, Some("js" | "mjs" | "css" | "wasm"))
                    || (ext == Some("tsv") && rel(dir, p).starts_with(LOCALES)))
        })
        .collect())
}

fn file_names(v: &[PathBuf]) -> Vec<String> {
    v.iter()
        .filter_map(|p| p.file_name().and_then(|n| n.to_str()).map(str::to_owned))
        .collect()
}

/// Gives every pending file its hashed name, leaves first, rewriting the names it
/// mentions. Returns old name → new name (file names, not paths: references are
/// relative names).
fn hash_names(mut pending: Vec<PathBuf>) -> Result<BTreeMap<String, String>> {
    let mut renamed: BTreeMap<String, String> = BTreeMap::new();
    while !pending.is_empty() {
        let waiting = file_names(&pending);
        let Some(i) = first_ready(&pending, &waiting)? else {
            return Err(format!(
                "these files name each other, so they cannot be hashed in order: {}",
                waiting.join(", ")
            ));
        };
        let p = pending.remove(i);
        let (old, new) = rename_hashed(&p, &renamed)?;
        renamed.insert(old, new);
    }
    Ok(renamed)
}

/// The first pending file that is ready: one that names no other file still waiting for
/// its hash.
fn first_ready(pending: &[PathBuf], waiting: &[String]) -> Result<Option<usize>> {
    for (i, p) in pending.iter().enumerate() {
        let text = String::from_utf8_lossy(&read(p)?).into_owned();
        let own = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let names_waiting = waiting
            .iter()
            .any(|w| w != own && replace_name(&text, w, "\0") != text);
        if !names_waiting {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

/// Rewrites the names `p` mentions (unless it is wasm) and moves it to its hashed name.
/// Returns its old and new file names.
fn rename_hashed(p: &Path, renamed: &BTreeMap<String, String>) -> Result<(String, String)> {
    let old = p
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_owned();
    let mut bytes = read(p)?;
    if p.extension().and_then(|e| e.to_str()) != Some("wasm") {
        bytes = rewrite(&String::from_utf8_lossy(&bytes), renamed).into_bytes();
    }
    let (stem, ext) = split_name(&old);
    let new = format!("{stem}-{}{ext}", short_hash(&bytes));
    let target = p.with_file_name(&new);
    write(&target, &bytes)?;
    if target != p {
        remove(p)?;
    }
    Ok((old, new))
}

/// Everything the app needs, sorted: index.html, the hashed files and the files that
/// keep their names; and apart, the language tables only their readers need.
fn precache_list(dir: &Path) -> Result<(Vec<String>, Vec<String>)> {
    let mut precache = vec!["index.html".to_string()];
    let mut optional = Vec::new();
    for p in files(dir)? {
        let r = rel(dir, &p);
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if r.starts_with(LOCALES) {
            optional.push(r);
        } else if is_hashed(name)
            || UNHASHED_PRECACHE.contains(&r.as_str())
            || STABLE_SCRIPTS.contains(&r.as_str())
            || UNHASHED_FOLDERS.iter().any(|f| r.starts_with(f))
        {
            precache.push(r);
        }
    }
    for must in UNHASHED_PRECACHE {
        if !precache.iter().any(|p| p == must) {
            return Err(format!("{}: {must} is missing", dir.display()));
        }
    }
    precache.sort();
    optional.sort();
    Ok((precache, optional))
}

/// Writes `sw.js` with the precache list and the build's version; returns the version.
fn write_service_worker(dir: &Path, precache: &[String], optional: &[String]) -> Result<String> {
    // The worker's own code counts too: a changed worker is a new build.
    let mut all = SW_TEMPLATE.as_bytes().to_vec();
    for p in precache.iter().chain(optional) {
        all.extend_from_slice(p.as_bytes());
        all.push(0);
        all.extend_from_slice(&read(&dir.join(p))?);
        all.push(0);
    }
    let build = short_hash(&all);
    let list = serde_json::to_string(&precache).map_err(|e| e.to_string())?;
    let optional = serde_json::to_string(&optional).map_err(|e| e.to_string())?;
    if [SW_BUILD_MARK, SW_PRECACHE_MARK, SW_OPTIONAL_MARK]
        .iter()
        .any(|m| !SW_TEMPLATE.contains(m))
    {
        return Err("assets/sw.js lost its build, precache or optional marker".into());
    }
    let sw = SW_TEMPLATE
        .replace(SW_BUILD_MARK, &format!("'{build}'"))
        .replace(SW_PRECACHE_MARK, &list)
        .replace(SW_OPTIONAL_MARK, &optional);
    write(&dir.join("sw.js"), sw.as_bytes())?;
    Ok(build)
}

/// `.br` and `.gz` beside every file.
fn write_compressed(dir: &Path) -> Result {
    for file in files(dir)? {
        let raw = read(&file)?;
        write(&beside(&file, "br"), &brotli(&raw))?;
        write(&beside(&file, "gz"), &gzip(&raw))?;
    }
    Ok(())
}

fn beside(file: &Path, ext: &str) -> PathBuf {
    let mut p = file.as_os_str().to_owned();
    p.push(format!(".{ext}"));
    PathBuf::from(p)
}

fn rewrite(text: &str, renamed: &BTreeMap<String, String>) -> String {
    let mut out = text.to_owned();
    for (from, to) in renamed {
        out = replace_name(&out, from, to);
    }
    out
}

/// Recomputes every `integrity="sha384-…"` of a tag in `html` from the file its `href`
/// (or `src`) names, so a rewritten file keeps a matching Subresource-Integrity hash.
fn fix_integrity(dir: &Path, html: &str) -> Result<String> {
    const ATTR: &str = "integrity=\"";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(ATTR) {
        let start = i + ATTR.len();
        let Some(len) = rest[start..].find('"') else {
            break;
        };
        let tag_start = rest[..i].rfind('<').unwrap_or(0);
        let tag_end = rest[i..].find('>').map_or(rest.len(), |e| i + e);
        let tag = &rest[tag_start..tag_end];
        let target = ["href=\"", "src=\""].iter().find_map(|a| {
            let s = tag.find(a)? + a.len();
            let l = tag[s..].find('"')?;
            Some(&tag[s..s + l])
        });
        let Some(target) = target else {
            return Err(format!(
                "index.html: an integrity attribute on a tag without href: {tag}"
            ));
        };
        let path = dir.join(target.trim_start_matches("./"));
        let digest = Sha384::digest(read(&path)?);
        out.push_str(&rest[..start]);
        out.push_str("sha384-");
        out.push_str(&base64::engine::general_purpose::STANDARD.encode(digest));
        rest = &rest[start + len..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_and_replace_as_whole_names() {
        assert_eq!(split_name("arms-atlas.js"), ("arms-atlas", ".js"));
        assert_eq!(
            split_name("arms-atlas_bg-0123456789abcdef.wasm"),
            ("arms-atlas_bg", ".wasm")
        );
        assert_eq!(split_name("main-0123.css"), ("main-0123", ".css"));
        assert!(is_hashed("boot-0123456789abcdef.js"));
        assert!(!is_hashed("boot.js"));
        assert!(!is_hashed("sea.atlas"));
        let glue = "import('./arms-atlas_bg.js'); new URL('arms-atlas_bg.wasm', import.meta.url); x-arms-atlas_bg.wasm";
        assert_eq!(
            replace_name(glue, "arms-atlas_bg.wasm", "w-1.wasm"),
            "import('./arms-atlas_bg.js'); new URL('w-1.wasm', import.meta.url); x-arms-atlas_bg.wasm"
        );
        assert_eq!(
            replace_name(
                "'../arms-atlas.js' arms-atlas.json",
                "arms-atlas.js",
                "g.js"
            ),
            "'../g.js' arms-atlas.json"
        );
    }

    #[test]
    fn finalize_hashes_rewrites_and_is_repeatable() {
        let dir = std::env::temp_dir().join(format!("atlas-fingerprint-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("assets")).unwrap();
        let put = |p: &str, s: &[u8]| std::fs::write(dir.join(p), s).unwrap();
        put(
            "index.html",
            b"<link rel=\"stylesheet\" href=\"./main.css\" integrity=\"sha384-x\"/>\
              <script type=\"module\" src=\"assets/boot.js\"></script>",
        );
        put("main.css", b"body{color:red}");
        put(
            "arms-atlas.js",
            b"new URL('arms-atlas_bg.wasm', import.meta.url)",
        );
        put("arms-atlas_bg.wasm", b"\0asm\x01\0\0\0");
        std::fs::create_dir_all(dir.join("assets/locales")).unwrap();
        put("assets/locales/fr.tsv", b"app.title\tArms Atlas\n");
        put(
            "assets/boot.js",
            b"new URL('locales/fr.tsv', import.meta.url); import('../arms-atlas.js')",
        );
        put("assets/sw.js", b"template copy");
        put("assets/sea.atlas", b"data");
        put("assets/world.map", b"map");
        finalize(&dir).unwrap();
        let html = std::fs::read_to_string(dir.join("index.html")).unwrap();
        let css = format!("main-{}.css", short_hash(b"body{color:red}"));
        assert!(html.contains(&format!("href=\"./{css}\"")), "{html}");
        assert!(!html.contains("sha384-x\""));
        let wasm = format!("arms-atlas_bg-{}.wasm", short_hash(b"\0asm\x01\0\0\0"));
        let glue_text = format!("new URL('{wasm}', import.meta.url)");
        let glue = format!("arms-atlas-{}.js", short_hash(glue_text.as_bytes()));
        assert_eq!(std::fs::read_to_string(dir.join(&glue)).unwrap(), glue_text);
        let fr = format!("fr-{}.tsv", short_hash(b"app.title\tArms Atlas\n"));
        let boot_text = format!("new URL('locales/{fr}', import.meta.url); import('../{glue}')");
        let boot = format!("boot-{}.js", short_hash(boot_text.as_bytes()));
        assert!(html.contains(&format!("src=\"assets/{boot}\"")), "{html}");
        assert!(!dir.join("assets/sw.js").exists());
        assert!(!dir.join("main.css").exists());
        let sw = std::fs::read_to_string(dir.join("sw.js")).unwrap();
        assert!(sw.contains(&format!("\"assets/{boot}\"")), "{sw}");
        assert!(sw.contains("\"assets/sea.atlas\"") && sw.contains("\"index.html\""));
        // The table is hashed and listed apart, not precached.
        assert!(dir.join("assets/locales").join(&fr).is_file());
        assert!(
            sw.contains(&format!("const OPTIONAL = [\"assets/locales/{fr}\"];")),
            "{sw}"
        );
        assert!(!sw.contains(&format!("\"assets/locales/{fr}\",")), "{sw}");
        assert!(!sw.contains("__ARMS_ATLAS_"));
        assert!(dir.join(format!("{glue}.br")).is_file());
        assert!(dir.join("sw.js.gz").is_file());

        // Again on the finished folder: same names, same build.
        finalize(&dir).unwrap();
        assert_eq!(std::fs::read_to_string(dir.join("sw.js")).unwrap(), sw);
        assert_eq!(
            std::fs::read_to_string(dir.join("index.html")).unwrap(),
            html
        );

        // A changed wasm changes the wasm's, the glue's and boot.js's names and the build.
        std::fs::write(dir.join(&wasm), b"\0asm\x01\0\0\0\0\x02\x01x").unwrap();
        finalize(&dir).unwrap();
        assert!(!dir.join(&wasm).exists() && !dir.join(&glue).exists());
        let html2 = std::fs::read_to_string(dir.join("index.html")).unwrap();
        assert!(!html2.contains(&boot), "{html2}");
        assert!(html2.contains(&css));
        assert_ne!(std::fs::read_to_string(dir.join("sw.js")).unwrap(), sw);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
