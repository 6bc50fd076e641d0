//! A small static file server for `dist/`, the way a plain static host serves it: no
//! rewrites, optional sub-path, the recommended security headers, and pre-compressed
//! `.br`/`.gz` files when the browser accepts them. Used by `cargo xtask serve` and by
//! the end-to-end tests.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::thread;

use atlas_core::url::codec::decode_path;

use crate::util::Result;

/// The Content-Security-Policy the app must run under (README, "Hosting").
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; \
base-uri 'none'; frame-ancestors *";

/// How to serve.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    pub dir: PathBuf,
    /// URL prefix, always starting and ending with `/`.
    pub prefix: String,
    pub csp: bool,
}

/// Normalises a user-given sub-path to `/a/b/`.
pub fn normalise_prefix(p: &str) -> String {
    let inner = p.trim_matches('/');
    if inner.is_empty() {
        "/".into()
    } else {
        format!("/{inner}/")
    }
}

/// Binds to `127.0.0.1:port` (0 picks a free port) and serves in background threads.
/// Returns the bound port.
pub fn start(port: u16, opts: ServeOptions) -> Result<u16> {
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let opts = opts.clone();
            thread::spawn(move || {
                let _ = handle(stream, &opts);
            });
        }
    });
    Ok(port)
}

fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" | "webmanifest" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "csv" => "text/csv; charset=utf-8",
        "txt" | "md" | "tsv" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The README's Cache-Control per file class: content-hashed names never change content,
/// so they are cached for a year; everything else (`index.html`, `sw.js`, the data and
/// the map, which keep their names) is revalidated on every use so a new deploy is seen.
pub fn cache_control(name: &str) -> &'static str {
    if crate::fingerprint::is_hashed(name) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

/// Maps a URL path to a file under `dir`, refusing anything that climbs out.
fn resolve(opts: &ServeOptions, url_path: &str) -> Option<PathBuf> {
    let rest = url_path.strip_prefix(opts.prefix.as_str())?;
    let rest = decode_path(rest)?;
    let mut path = opts.dir.clone();
    for comp in Path::new(&rest).components() {
        match comp {
            Component::Normal(c) => path.push(c),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if rest.is_empty() || rest.ends_with('/') {
        path.push("index.html");
    }
    Some(path)
}

fn handle(stream: TcpStream, opts: &ServeOptions) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut accept = String::new();
    let mut if_none_match = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            if k.eq_ignore_ascii_case("accept-encoding") {
                accept = v.trim().to_ascii_lowercase();
            } else if k.eq_ignore_ascii_case("if-none-match") {
                if_none_match = v.trim().to_owned();
            }
        }
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    let url_path = target.split(['?', '#']).next().unwrap_or("/");
    let mut out = stream;
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut out,
            "405 Method Not Allowed",
            "text/plain",
            &[],
            b"GET only\n",
            method == "HEAD",
            opts,
        );
    }
    if format!("{url_path}/") == opts.prefix {
        let loc = format!("Location: {}", opts.prefix);
        return respond(
            &mut out,
            "301 Moved Permanently",
            "text/plain",
            &[loc],
            b"",
            false,
            opts,
        );
    }
    let head = method == "HEAD";
    let not_found = |out: &mut TcpStream| {
        respond(
            out,
            "404 Not Found",
            "text/plain",
            &[],
            b"not found\n",
            head,
            opts,
        )
    };
    let Some(path) = resolve(opts, url_path) else {
        return not_found(&mut out);
    };
    let kind = mime(&path);
    let mut extra = Vec::new();
    let mut body = None;
    for (enc, ext) in [("br", "br"), ("gzip", "gz")] {
        if accept.contains(enc) {
            let mut p = path.clone().into_os_string();
            p.push(format!(".{ext}"));
            if let Ok(b) = std::fs::read(&p) {
                extra.push(format!("Content-Encoding: {enc}"));
                body = Some(b);
                break;
            }
        }
    }
    let body = match body {
        Some(b) => b,
        None => match std::fs::read(&path) {
            Ok(b) => b,
            Err(_) => return not_found(&mut out),
        },
    };
    extra.push("Vary: Accept-Encoding".into());
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    extra.push(format!("Cache-Control: {}", cache_control(name)));
    // A validator, so that `no-cache` files cost a 304 when unchanged.
    let etag = format!("\"{}\"", crate::fingerprint::short_hash(&body));
    extra.push(format!("ETag: {etag}"));
    if if_none_match.split(',').any(|t| t.trim() == etag) {
        return respond(&mut out, "304 Not Modified", kind, &extra, b"", true, opts);
    }
    respond(
        &mut out,
        "200 OK",
        kind,
        &extra,
        &body,
        method == "HEAD",
        opts,
    )
}

fn respond(
    out: &mut TcpStream,
    status: &str,
    kind: &str,
    extra: &[String],
    body: &[u8],
    head: bool,
    opts: &ServeOptions,
) -> std::io::Result<()> {
    let mut h = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\
         X-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\n",
        body.len()
    );
    if opts.csp {
        h.push_str(&format!("Content-Security-Policy: {CSP}\r\n"));
    }
    for e in extra {
        h.push_str(e);
        h.push_str("\r\n");
    }
    h.push_str("\r\n");
    out.write_all(h.as_bytes())?;
    if !head {
        out.write_all(body)?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_escape_dist() {
        let o = ServeOptions {
            dir: PathBuf::from("/srv/dist"),
            prefix: "/g/".into(),
            csp: true,
        };
        assert_eq!(
            resolve(&o, "/g/"),
            Some(PathBuf::from("/srv/dist/index.html"))
        );
        assert_eq!(
            resolve(&o, "/g/a.js"),
            Some(PathBuf::from("/srv/dist/a.js"))
        );
        assert_eq!(resolve(&o, "/g/../etc/passwd"), None);
        assert_eq!(resolve(&o, "/g/%2e%2e/etc/passwd"), None);
        assert_eq!(resolve(&o, "/other/a.js"), None);
        assert_eq!(
            normalise_prefix("graphics/2026/arms"),
            "/graphics/2026/arms/"
        );
        assert_eq!(normalise_prefix("/"), "/");
        assert_eq!(
            cache_control("arms-atlas_bg-0123456789abcdef.wasm"),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(cache_control("index.html"), "no-cache");
        assert_eq!(cache_control("sw.js"), "no-cache");
        assert_eq!(cache_control("sea.atlas"), "no-cache");
    }
}
