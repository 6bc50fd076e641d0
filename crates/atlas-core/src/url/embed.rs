//! Text for embedding and for the "Sources and method" panel, pure so it is tested
//! natively: the iframe snippet a journalist copies, and the facts about the data loaded.

use crate::model::{Dataset, SourceFormat};
use crate::text::{Locale, Tr};
use crate::url::UrlState;

/// Escapes text for an HTML attribute value in double quotes.
pub fn escape_attr(s: &str) -> String {
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

/// Facts about the data loaded, for "Sources and method": every line generated from the
/// dataset, none typed.
pub fn data_facts(ds: &Dataset) -> Vec<String> {
    data_facts_in(Tr::new(Locale::En), ds)
}

/// [`data_facts`] in the reader's language, numbers written its way.
pub fn data_facts_in(tr: Tr, ds: &Dataset) -> Vec<String> {
    let mut out = Vec::new();
    let total = ds.total_tiv();
    let estimated: i64 = ds
        .deliveries
        .iter()
        .filter(|d| d.is_estimate())
        .map(|d| d.tiv.0)
        .sum();
    if let Some((a, b)) = ds.year_span() {
        out.push(tr.f(
            "facts.loaded",
            &[
                ("deliveries", &tr.int(ds.deliveries.len() as i64)),
                ("deals", &tr.int(ds.deals.len() as i64)),
                ("years", &tr.years(a, b)),
            ],
        ));
    }
    if total.0 > 0 {
        out.push(tr.f(
            "facts.estimated",
            &[(
                "share",
                &tr.pct(100.0 * estimated as f64 / total.0 as f64, 0),
            )],
        ));
    }
    for r in &ds.releases {
        let kind = match r.format {
            SourceFormat::PerDeliveryYear => tr.t("facts.per_year"),
            SourceFormat::DealRegister => tr.t("facts.deal_level"),
        };
        out.push(tr.f(
            "facts.release",
            &[
                ("release", &r.year.to_string()),
                ("kind", kind),
                ("generated", &r.generated.to_string()),
                ("years", &tr.years(r.first_year, r.last_year)),
            ],
        ));
    }
    let mut releases: Vec<&crate::model::Release> = ds.releases.iter().collect();
    releases.sort_by_key(|r| r.first_year);
    for w in releases.windows(2) {
        if w[0].year != w[1].year {
            out.push(tr.f(
                "facts.seam",
                &[
                    ("last", &w[0].last_year.to_string()),
                    ("first", &w[1].first_year.to_string()),
                    ("old", &w[0].year.to_string()),
                    ("new", &w[1].year.to_string()),
                ],
            ));
        }
    }
    out
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
