//! The encoder: a dataset to bytes, column by column.

use super::{fnv1a64, FORMAT_VERSION, HEADER_LEN, MAGIC, YEAR_BASE};
use crate::model::{Dataset, Delivery, Tiv, Year};
use crate::store::varint;

struct Writer {
    buf: Vec<u8>,
}

impl Writer {
    fn varint(&mut self, v: u64) {
        varint::put(&mut self.buf, v);
    }

    fn str(&mut self, s: &str) {
        self.varint(s.len() as u64);
        self.buf.extend_from_slice(s.as_bytes());
    }

    fn column<T>(&mut self, items: &[T], f: impl Fn(&T) -> u64) {
        for item in items {
            self.varint(f(item));
        }
    }
}

fn opt_plus_one(v: Option<u64>) -> u64 {
    v.map_or(0, |x| x + 1)
}

fn year_code(y: Option<Year>) -> u64 {
    opt_plus_one(y.map(|y| u64::from(y.saturating_sub(YEAR_BASE))))
}

fn tiv_code(t: Option<Tiv>) -> u64 {
    opt_plus_one(t.map(|t| t.0.max(0) as u64))
}

/// Encodes a dataset. The output depends only on the dataset, so rebuilding from the
/// same sources gives the same bytes.
pub fn encode(ds: &Dataset, title: &str, note: &str) -> Vec<u8> {
    let mut w = Writer { buf: Vec::new() };
    w.str(title);
    w.str(note);
    w.varint(ds.releases.len() as u64);
    for r in &ds.releases {
        w.varint(u64::from(r.year));
        w.str(&r.generated);
        w.varint(u64::from(r.format.code()));
        w.varint(u64::from(r.first_year));
        w.varint(u64::from(r.last_year));
    }
    w.varint(ds.strings.len() as u64);
    for s in ds.strings.strings() {
        w.str(s);
    }
    w.varint(ds.entities.len() as u64);
    for e in &ds.entities {
        w.str(&e.name);
        w.varint(u64::from(e.kind.code()));
    }
    let deals = &ds.deals;
    w.varint(deals.len() as u64);
    w.column(deals, |d| u64::from(d.release));
    w.column(deals, |d| opt_plus_one(d.sipri_id.map(u64::from)));
    w.column(deals, |d| u64::from(d.supplier.0));
    w.column(deals, |d| u64::from(d.recipient.0));
    w.column(deals, |d| u64::from(d.designation.0));
    w.column(deals, |d| u64::from(d.description.0));
    w.column(deals, |d| u64::from(d.category.code()));
    w.column(deals, |d| year_code(d.order_year));
    w.column(deals, |d| {
        u64::from(
            d.order_year_estimate.code()
                | d.number_ordered_estimate.code() << 2
                | d.local_production.code() << 4
                | d.status.code() << 6,
        )
    });
    w.column(deals, |d| opt_plus_one(d.number_ordered.map(u64::from)));
    w.column(deals, |d| opt_plus_one(d.comments.map(|c| u64::from(c.0))));
    w.column(deals, |d| tiv_code(d.tiv_unit_new));
    w.column(deals, |d| tiv_code(d.tiv_unit_deal));
    w.column(deals, |d| tiv_code(d.tiv_total_order));

    let mut dels: Vec<Delivery> = ds.deliveries.clone();
    dels.sort_by_key(|d| (d.deal, d.year));
    w.varint(dels.len() as u64);
    // Deliveries are sorted by deal, so the deal column is stored as deltas.
    let mut prev = 0u64;
    for d in &dels {
        let v = u64::from(d.deal.0);
        w.varint(v - prev);
        prev = v;
    }
    w.column(&dels, |d| year_code(Some(d.year)));
    w.column(&dels, |d| {
        u64::from(
            d.year_estimate.code() | d.number_estimate.code() << 2 | u8::from(d.approximate) << 4,
        )
    });
    w.column(&dels, |d| u64::from(d.number));
    w.column(&dels, |d| d.tiv.0.max(0) as u64);

    let body = w.buf;
    let mut out = Vec::with_capacity(HEADER_LEN + body.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend_from_slice(&fnv1a64(&body).to_le_bytes());
    out.extend_from_slice(&body);
    out
}

/// Encodes a dataset followed by an earlier release's block (see the module docs): the
/// first block is exactly [`encode`]'s output for `ds` alone.
pub fn encode_with_earlier(
    ds: &Dataset,
    title: &str,
    note: &str,
    earlier: Option<(&Dataset, &str, &str)>,
) -> Vec<u8> {
    let mut out = encode(ds, title, note);
    if let Some((e, t, n)) = earlier {
        out.extend_from_slice(&encode(e, t, n));
    }
    out
}
