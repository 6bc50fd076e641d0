//! Fetching and decoding what the app shows: the bundled dataset, the world map, any file
//! next to the page (annotations), with errors in words a reader can act on. At start the
//! dataset the reader kept (Cache Storage, [`super::user_data`]) wins over the bundled one.

use std::sync::Arc;

use atlas_core::geo::world::WorldMap;
use atlas_core::store::bundle::decode as decode_bundle;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::locale::tr;
use super::perf;
use super::user_data::{other_order_kept, saved};
use super::{AppState, Load, MapLoad, Shared};
use crate::{BUNDLE_URL, MAP_URL};

/// Fetches a file next to the page, as bytes, with errors a reader can act on.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let resp = gloo_net::http::Request::get(url)
        .send()
        .await
        .map_err(|e| {
            tr().f(
                "app.fetch_failed",
                &[("url", url), ("error", &e.to_string())],
            )
        })?;
    if !resp.ok() {
        let status = format!("HTTP {}", resp.status());
        return Err(tr().f("app.fetch_failed", &[("url", url), ("error", &status)]));
    }
    resp.binary().await.map_err(|e| {
        tr().f(
            "app.read_failed",
            &[("url", url), ("error", &e.to_string())],
        )
    })
}

/// Fetches and decodes the world map (Natural Earth), for the flow map only.
async fn load_map(map: RwSignal<MapLoad>) {
    let result = async {
        let bytes = fetch_bytes(MAP_URL).await?;
        WorldMap::decode(&bytes).map_err(|e| {
            tr().f(
                "app.damaged",
                &[("url", MAP_URL), ("error", &e.to_string())],
            )
        })
    }
    .await;
    map.set(match result {
        Ok(m) => MapLoad::Ready(Shared(Arc::new(m))),
        Err(e) => MapLoad::Failed(e),
    });
}

/// Fetches and decodes the bundled dataset, reporting failure in words.
pub async fn load_bundle(load: RwSignal<Load>) {
    load.set(fetch_bundle().await);
}

async fn fetch_bundle() -> Load {
    perf::mark("atlas:fetch:start");
    let result = async {
        let bytes = fetch_bytes(BUNDLE_URL).await?;
        perf::measure("atlas:fetch", "atlas:fetch:start");
        perf::mark("atlas:decode:start");
        let bundle = decode_bundle(&bytes).map_err(|e| {
            tr().f(
                "app.damaged",
                &[("url", BUNDLE_URL), ("error", &e.to_string())],
            )
        })?;
        perf::measure("atlas:decode", "atlas:decode:start");
        Ok(bundle)
    }
    .await;
    match result {
        Ok(b) => Load::Ready(Shared(Arc::new(b))),
        Err(e) => Load::Failed(e),
    }
}

/// Starts loading the data and the map, once, at the top of the app.
pub fn load_at_start(state: AppState) {
    // The bundled data is fetched at once, while Cache Storage is asked whether the user
    // kept a dataset of their own (that wins, until cleared): the two waits overlap
    // instead of adding up on a cold load.
    let kept_checked = StoredValue::new(false);
    let bundled = StoredValue::new(None::<Load>);
    spawn_local(async move {
        if let Some(bytes) = saved().await {
            if let Ok(b) = atlas_core::store::bundle::decode(&bytes) {
                // Two releases compared: the order the reader chose is the data kept; the
                // other order is kept beside it, so they can still swap.
                let two = b.earlier.is_some();
                state.user_data.set(true);
                state.load.set(Load::Ready(Shared(Arc::new(b))));
                if two && other_order_kept().await {
                    state.swappable.set(true);
                }
            }
        }
        kept_checked.set_value(true);
        if let Some(l) = bundled
            .get_value()
            .filter(|_| !state.user_data.get_untracked())
        {
            state.load.set(l);
        }
    });
    spawn_local(async move {
        let l = fetch_bundle().await;
        if !kept_checked.get_value() {
            bundled.set_value(Some(l));
        } else if !state.user_data.get_untracked() {
            state.load.set(l);
        }
    });
    spawn_local(load_map(state.map));
}
