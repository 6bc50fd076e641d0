//! The iframe snippet a journalist copies to embed the graphic, pure so it is tested
//! natively.

use crate::url::state::UrlState;

/// Escapes text for an HTML attribute value in double quotes.
pub(crate) fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The page's address without query or fragment, and the folder it is in (ending `/`).
fn split_page(page: &str) -> (String, String) {
    let page = page.split(['?', '#']).next().unwrap_or(page);
    // `location.href` always has a path (at least `/` after the host).
    let folder = match page.rfind('/') {
        Some(i) => page[..=i].to_owned(),
        None => format!("{page}/"),
    };
    (page.to_owned(), folder)
}

/// The address of `path` (a path checked by
/// [`crate::story::annotations::check_annotation_path`]) in the folder of the page at
/// `page` (e.g. `location.href`): `https://x.example/g/arms/?embed` and
/// `annotations/a.tsv` give `https://x.example/g/arms/annotations/a.tsv`. Resolved here
/// rather than by the browser against the document, so the result never depends on a
/// `<base>` element or on how the page's own address was written.
pub fn beside_page(page: &str, path: &str) -> String {
    format!("{}{path}", split_page(page).1)
}

/// The snippet that embeds the graphic showing `state` into an article: a lazy-loaded
/// iframe with an initial height, and the host script that resizes it to its content
/// (it listens only to messages from the graphic's origin). `page` is the absolute
/// address of the app (e.g. `location.href`), so the snippet works under any sub-path.
pub fn embed_snippet(page: &str, state: &UrlState, title: &str, height: u32) -> String {
    let (page, folder) = split_page(page);
    let mut s = state.clone();
    s.show.embed = true;
    let src = format!("{page}{}", s.to_query());
    format!(
        "<iframe src=\"{}\" title=\"{}\" loading=\"lazy\" width=\"100%\" height=\"{height}\" \
         frameborder=\"0\" scrolling=\"no\" data-arms-atlas></iframe>\n\
         <script src=\"{}\" async></script>",
        escape_attr(&src),
        escape_attr(title),
        escape_attr(&format!("{folder}assets/embed-host.js")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_are_absolute_and_escaped() {
        let st = UrlState {
            recipients: vec!["Myanmar".into()],
            ..UrlState::default()
        };
        let s = embed_snippet(
            "https://news.example/graphics/2026/arms/?recipient=Thailand#x",
            &st,
            "Arms \"to\" <Myanmar>",
            640,
        );
        assert!(s.contains(
            "src=\"https://news.example/graphics/2026/arms/?recipient=Myanmar&amp;embed\""
        ));
        assert!(s.contains("title=\"Arms &quot;to&quot; &lt;Myanmar&gt;\""));
        assert!(s.contains("loading=\"lazy\""));
        assert!(s.contains("height=\"640\""));
        assert!(
            s.contains("<script src=\"https://news.example/graphics/2026/arms/assets/embed-host.js\" async></script>")
        );
        let s = embed_snippet("http://127.0.0.1:8080/index.html", &st, "t", 500);
        assert!(s.contains("src=\"http://127.0.0.1:8080/index.html?recipient=Myanmar&amp;embed\""));
        assert!(s.contains("\"http://127.0.0.1:8080/assets/embed-host.js\""));
    }
}
