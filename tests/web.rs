//! Browser tests (wasm-bindgen-test in headless Chromium): the real components, mounted
//! with the real bundled dataset, driven through the DOM like a person would.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use arms_atlas::panels::filters::FilterPanel;
use arms_atlas::state::{provide_app_state, Load, Shared};
use arms_atlas::views::timeline::Timeline;
use atlas_core::store::bundle::decode as decode_bundle;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlCanvasElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

const BUNDLE: &[u8] = include_bytes!("../assets/sea.atlas");

fn by_testid<T: JsCast>(id: &str) -> T {
    document()
        .query_selector(&format!("[data-testid=\"{id}\"]"))
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no element with data-testid={id}"))
        .dyn_into::<T>()
        .unwrap_or_else(|_| panic!("{id} has another element type"))
}

fn inked(canvas: &HtmlCanvasElement) -> usize {
    let ctx = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into::<web_sys::CanvasRenderingContext2d>()
        .unwrap();
    let data = ctx
        .get_image_data(
            0.0,
            0.0,
            f64::from(canvas.width()),
            f64::from(canvas.height()),
        )
        .unwrap()
        .data();
    data.chunks(4)
        .filter(|p| p[0] < 235 || p[1] < 235 || p[2] < 235)
        .count()
}

async fn settle() {
    for _ in 0..3 {
        leptos::task::tick().await;
    }
}

#[wasm_bindgen_test]
async fn filter_panel_drives_the_timeline() {
    let bundle = decode_bundle(BUNDLE).expect("the committed bundle decodes");
    let host = document().create_element("div").unwrap();
    host.set_attribute("style", "width: 800px").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let _mounted = leptos::mount::mount_to(host.unchecked_into(), move || {
        let state = provide_app_state();
        state
            .load
            .set(Load::Ready(Shared(Arc::new(bundle.clone()))));
        view! { <FilterPanel/> <Timeline/> }
    });
    settle().await;

    let supplier: HtmlSelectElement = by_testid("filter-supplier");
    assert!(
        supplier.length() > 40,
        "48 suppliers plus All: {}",
        supplier.length()
    );
    assert_eq!(supplier.value(), "", "starts at All");
    let canvas: HtmlCanvasElement = by_testid("timeline-canvas");
    assert!(inked(&canvas) > 1000, "the timeline is painted");
    let title = || {
        by_testid::<web_sys::HtmlElement>("timeline-title")
            .text_content()
            .unwrap_or_default()
    };
    assert_eq!(title(), "Arms deliveries by supplier, 1950–2024, SIPRI TIV");

    supplier.set_value("Russia");
    supplier
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    settle().await;
    assert_eq!(
        title(),
        "Arms deliveries from Russia by supplier, 1950–2024, SIPRI TIV"
    );

    let category: HtmlSelectElement = by_testid("filter-category");
    category.set_value("Aircraft");
    category
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    settle().await;
    assert!(
        title().starts_with("Deliveries of aircraft from Russia"),
        "{}",
        title()
    );
    let legend = by_testid::<web_sys::HtmlElement>("timeline-legend")
        .text_content()
        .unwrap_or_default();
    assert!(
        legend.contains("Russia") && !legend.contains("China"),
        "{legend}"
    );
}

#[wasm_bindgen_test]
async fn words_asked_for_outside_the_component_tree_follow_the_app_locale() {
    use arms_atlas::state::locale::{provide_locale, tr, Lang};
    use atlas_core::text::{install, Locale, Tr};
    // In the browser only English is compiled in; the page fetches the others (boot.js).
    install(
        Locale::Fr,
        include_str!("../crates/atlas-core/locales/fr.tsv").to_owned(),
    );
    let key = "register.legend_tiv";
    assert_ne!(Tr::new(Locale::Fr).t(key), Tr::new(Locale::En).t(key));
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let lang = std::rc::Rc::new(std::cell::Cell::new(None::<Lang>));
    let keep = lang.clone();
    let _mounted = leptos::mount::mount_to(host.unchecked_into(), move || {
        keep.set(Some(provide_locale()));
        view! { <p>{move || tr().t("register.legend_tiv")}</p> }
    });
    settle().await;
    let lang = lang.get().expect("the component ran");
    lang.0.set(Locale::Fr);
    settle().await;
    // Here there is no reactive owner, as in a timeout or an animation frame.
    assert_eq!(tr().t(key), Tr::new(Locale::Fr).t(key));
    lang.0.set(Locale::En);
    settle().await;
    assert_eq!(tr().t(key), Tr::new(Locale::En).t(key));
}
