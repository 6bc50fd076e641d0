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

/// The views an embed can show (`view=`), in the order the embed dialog offers them.
pub const EMBED_VIEWS: [&str; 5] = ["map", "timeline", "rankings", "register", "passport"];

/// The view an embed shows when its link names none.
pub const DEFAULT_VIEW: &str = "timeline";

/// The width an embed is made for, chosen in the embed dialog: the article's column
/// (`width="100%"`), or a fixed width in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EmbedSize {
    /// As wide as the article's column (the host script keeps it at 100 %).
    #[default]
    Column,
    /// A fixed width in CSS pixels (still never wider than the column).
    Fixed(u32),
}

impl EmbedSize {
    /// The sizes the dialog offers: the column, then the widths embeds are tested at.
    pub const ALL: [EmbedSize; 4] = [
        EmbedSize::Column,
        EmbedSize::Fixed(700),
        EmbedSize::Fixed(375),
        EmbedSize::Fixed(320),
    ];

    /// A stable id for the control (`column`, `700`, …).
    pub fn id(self) -> String {
        match self {
            EmbedSize::Column => "column".to_owned(),
            EmbedSize::Fixed(w) => w.to_string(),
        }
    }

    /// The iframe's `width` attribute.
    pub fn width_attr(self) -> String {
        match self {
            EmbedSize::Column => "100%".to_owned(),
            EmbedSize::Fixed(w) => w.to_string(),
        }
    }

    /// The width to plan the first height for (a column is taken as 700 px).
    pub fn planned_width(self) -> u32 {
        match self {
            EmbedSize::Column => 700,
            EmbedSize::Fixed(w) => w,
        }
    }
}

/// The chart's height at `width` px in an embed of `view`: the canvases' `clamp()` of
/// `style/main.css`; for the lists and tables, about what their few rows take in
/// `style/embed.css`.
pub fn chart_height(view: &str, width: u32) -> u32 {
    let w = f64::from(width);
    let h = match view {
        "map" => (w * 0.56).clamp(280.0, 580.0),
        "rankings" if width >= 600 => 190.0,
        "rankings" => 380.0,
        "register" => 260.0,
        "passport" => 260.0,
        _ => (w * 0.52).clamp(240.0, 420.0),
    };
    h.round() as u32
}

/// The height an embed's iframe starts with, before the graphic reports its own: the
/// chart plus the title, subtitle, legend, source line and "Explore" link (at most
/// 200 px). The host script then sizes the iframe to its content.
pub fn initial_height(view: &str, size: EmbedSize) -> u32 {
    chart_height(view, size.planned_width()) + 190
}

/// The title and subtitle of an embed. With a `custom` title (the journalist's `title=`)
/// it is the title, and the `automatic` heading becomes the start of the subtitle;
/// otherwise the automatic heading is the title. `what` says what the chart shows and its
/// unit (e.g. "million TIV per year, by supplier"); it always ends the subtitle.
pub fn embed_heading(custom: Option<&str>, automatic: &str, what: &str) -> (String, String) {
    match custom.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => (t.to_owned(), format!("{automatic} · {what}")),
        None => (automatic.to_owned(), what.to_owned()),
    }
}

/// The address an embed of `state` loads: the app's page (`page`, e.g. `location.href`,
/// without its query) with the state's query and `embed`. The embed dialog's preview
/// loads exactly this address, and the snippet carries it.
pub fn embed_src(page: &str, state: &UrlState) -> String {
    let (page, _) = split_page(page);
    let mut s = state.clone();
    s.show.embed = true;
    format!("{page}{}", s.to_query())
}

/// The snippet that embeds the graphic showing `state` into an article: a lazy-loaded
/// iframe with an initial height, and the host script that resizes it to its content
/// (it listens only to messages from the graphic's origin). `page` is the absolute
/// address of the app (e.g. `location.href`), so the snippet works under any sub-path.
pub fn embed_snippet(page: &str, state: &UrlState, title: &str, size: EmbedSize) -> String {
    let (_, folder) = split_page(page);
    let src = embed_src(page, state);
    let view = state.view.as_deref().unwrap_or(DEFAULT_VIEW);
    format!(
        "<iframe src=\"{}\" title=\"{}\" loading=\"lazy\" width=\"{}\" height=\"{}\" \
         frameborder=\"0\" scrolling=\"no\" data-arms-atlas></iframe>\n\
         <script src=\"{}\" async></script>",
        escape_attr(&src),
        escape_attr(title),
        size.width_attr(),
        initial_height(view, size),
        escape_attr(&format!("{folder}assets/embed-host.js")),
    )
}

/// Reads the `src` back out of a snippet made by [`embed_snippet`] (attribute escapes
/// undone), e.g. to check that a preview shows what the code embeds.
pub fn snippet_src(snippet: &str) -> Option<String> {
    let start = snippet.find("src=\"")? + 5;
    let end = start + snippet[start..].find('"')?;
    Some(
        snippet[start..end]
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&#39;", "'")
            .replace("&amp;", "&"),
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
            EmbedSize::Column,
        );
        assert!(s.contains(
            "src=\"https://news.example/graphics/2026/arms/?recipient=Myanmar&amp;embed\""
        ));
        assert!(s.contains("title=\"Arms &quot;to&quot; &lt;Myanmar&gt;\""));
        assert!(s.contains("loading=\"lazy\""));
        assert!(s.contains("width=\"100%\" height=\"554\""));
        assert!(
            s.contains("<script src=\"https://news.example/graphics/2026/arms/assets/embed-host.js\" async></script>")
        );
        let s = embed_snippet(
            "http://127.0.0.1:8080/index.html",
            &st,
            "t",
            EmbedSize::Fixed(320),
        );
        assert!(s.contains("width=\"320\" height=\"430\""));
        assert!(s.contains("src=\"http://127.0.0.1:8080/index.html?recipient=Myanmar&amp;embed\""));
        assert!(s.contains("\"http://127.0.0.1:8080/assets/embed-host.js\""));
    }

    #[test]
    fn the_preview_loads_what_the_code_embeds() {
        let st = UrlState {
            suppliers: vec!["Russia".into()],
            view: Some("map".into()),
            show: crate::url::state::Presentation {
                title: Some("Who arms \"Myanmar\" & why".into()),
                ..Default::default()
            },
            ..UrlState::default()
        };
        let page = "https://news.example/arms/?x=1";
        for size in EmbedSize::ALL {
            let code = embed_snippet(page, &st, "t", size);
            assert_eq!(
                snippet_src(&code).as_deref(),
                Some(embed_src(page, &st).as_str())
            );
            assert!(code.contains(&format!("width=\"{}\"", size.width_attr())));
        }
        assert_eq!(
            embed_src(page, &st),
            "https://news.example/arms/?supplier=Russia&view=map&embed&title=Who+arms+%22Myanmar%22+%26+why"
        );
        assert_eq!(snippet_src("no iframe"), None);
    }

    #[test]
    fn a_custom_title_replaces_the_automatic_one_which_becomes_the_subtitle() {
        let auto = "Arms deliveries to Myanmar, 1950–2024";
        let what = "million TIV per year";
        assert_eq!(
            embed_heading(None, auto, what),
            (auto.to_owned(), what.to_owned())
        );
        assert_eq!(
            embed_heading(Some("  "), auto, what),
            (auto.to_owned(), what.to_owned())
        );
        assert_eq!(
            embed_heading(Some("Who arms Myanmar"), auto, what),
            ("Who arms Myanmar".to_owned(), format!("{auto} · {what}"))
        );
    }

    #[test]
    fn first_heights_follow_the_view_and_width() {
        // The canvases grow with the width up to a cap; the lists do not.
        assert!(
            initial_height("map", EmbedSize::Fixed(320)) < initial_height("map", EmbedSize::Column)
        );
        assert_eq!(chart_height("timeline", 2000), 420);
        assert_eq!(chart_height("register", 320), chart_height("register", 700));
        for v in EMBED_VIEWS {
            for s in EmbedSize::ALL {
                let h = initial_height(v, s);
                assert!((350..=800).contains(&h), "{v} {s:?}: {h}");
            }
        }
    }
}
