//! The decoder: bytes to a dataset, every id and code checked, errors located.

use super::{
    fnv1a64, peek_meta_hash, Bundle, BundleError, BundleMeta, EarlierRelease, FORMAT_VERSION,
    HEADER_LEN, MAGIC, YEAR_BASE,
};
use crate::model::{
    Category, Dataset, Deal, DealIdx, Delivery, Entity, EntityId, EntityKind, Flag, Interner,
    Release, SourceFormat, Status, StrId, Tiv, Year, MAX_ITEMS, MAX_TIV,
};
use crate::store::varint::{self, VarintError};

struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
    /// Offset of `buf[0]` in the whole file, so errors point into the file.
    base: usize,
}

impl Reader<'_> {
    fn corrupt(&self, what: impl Into<String>) -> BundleError {
        BundleError::Corrupt {
            offset: self.base + self.pos,
            what: what.into(),
        }
    }

    fn varint(&mut self) -> Result<u64, BundleError> {
        varint::read_u64(self.buf, &mut self.pos).map_err(|e| match e {
            VarintError::End => self.corrupt("unexpected end of data"),
            VarintError::TooLong => self.corrupt("varint longer than 64 bits"),
        })
    }

    fn small(&mut self, max: u64, what: &str) -> Result<u64, BundleError> {
        let at = self.pos;
        let v = self.varint()?;
        if v > max {
            self.pos = at;
            return Err(self.corrupt(format!("{what} {v} is out of range (max {max})")));
        }
        Ok(v)
    }

    fn count(&mut self, what: &str) -> Result<usize, BundleError> {
        // No table can have more entries than there are bytes left.
        let left = (self.buf.len() - self.pos) as u64;
        self.small(left, what).map(|v| v as usize)
    }

    fn str(&mut self) -> Result<String, BundleError> {
        let len = self.count("string length")?;
        let bytes = &self.buf[self.pos..self.pos + len];
        let s = std::str::from_utf8(bytes).map_err(|_| self.corrupt("string is not UTF-8"))?;
        self.pos += len;
        Ok(s.to_owned())
    }

    fn column<T>(
        &mut self,
        n: usize,
        mut f: impl FnMut(&mut Self) -> Result<T, BundleError>,
    ) -> Result<Vec<T>, BundleError> {
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(f(self)?);
        }
        Ok(out)
    }
}

fn opt_year(code: u64) -> Option<Year> {
    code.checked_sub(1).map(|v| YEAR_BASE + v as u16)
}

fn opt_tiv(code: u64) -> Option<Tiv> {
    code.checked_sub(1).map(|v| Tiv(v as i64))
}

/// Decodes a bundle, checking its hash and every id: the dataset, and the earlier
/// release's block when one follows it (see the module docs).
pub fn decode(bytes: &[u8]) -> Result<Bundle, BundleError> {
    let (first, used) = decode_block(bytes, 0)?;
    let earlier = match bytes.get(used..).filter(|rest| !rest.is_empty()) {
        None => None,
        Some(rest) => {
            if rest.len() < 8 || &rest[..8] != MAGIC {
                return Err(BundleError::Corrupt {
                    offset: used,
                    what: "the bytes after the dataset are not an earlier release's block".into(),
                });
            }
            let (second, used2) = decode_block(rest, used)?;
            if used + used2 != bytes.len() {
                return Err(BundleError::Corrupt {
                    offset: used + used2,
                    what: "more than one earlier release follows the dataset".into(),
                });
            }
            Some(Box::new(EarlierRelease {
                meta: second.0,
                dataset: second.1,
            }))
        }
    };
    Ok(Bundle {
        meta: first.0,
        dataset: first.1,
        earlier,
    })
}

/// One block at `bytes[0..]`, which sits at byte `at` of the file (for error offsets):
/// its meta and dataset, and how many bytes it used.
fn decode_block(bytes: &[u8], at: usize) -> Result<((BundleMeta, Dataset), usize), BundleError> {
    let shift = |e: BundleError| match e {
        BundleError::Truncated { needed, found } if at > 0 => BundleError::Truncated {
            needed: needed + at,
            found: found + at,
        },
        BundleError::Corrupt { offset, what } => BundleError::Corrupt {
            offset: offset + at,
            what,
        },
        other => other,
    };
    let (version, hash) = peek_meta_hash(bytes).map_err(shift)?;
    if version != FORMAT_VERSION {
        return Err(BundleError::Version { found: version });
    }
    let len = u32::from_le_bytes([bytes[10], bytes[11], bytes[12], bytes[13]]) as usize;
    let needed = HEADER_LEN.saturating_add(len);
    if bytes.len() < needed {
        return Err(shift(BundleError::Truncated {
            needed,
            found: bytes.len(),
        }));
    }
    let body = &bytes[HEADER_LEN..needed];
    if fnv1a64(body) != hash {
        return Err(BundleError::HashMismatch);
    }
    let mut r = Reader {
        buf: body,
        pos: 0,
        base: HEADER_LEN,
    };
    let block = (|| {
        let title = r.str()?;
        let note = r.str()?;
        let releases = read_releases(&mut r)?;
        let n_strings = r.count("string count")?;
        let strings = r.column(n_strings, Reader::str)?;
        let entities = read_entities(&mut r)?;
        let deals = read_deals(&mut r, releases.len(), entities.len(), n_strings)?;
        let deliveries = read_deliveries(&mut r, deals.len())?;
        if r.pos != body.len() {
            return Err(r.corrupt("trailing bytes after the deliveries"));
        }
        let deliveries = sorted_deliveries(deliveries, HEADER_LEN + r.pos)?;
        Ok((
            BundleMeta {
                version,
                hash,
                title,
                note,
            },
            Dataset {
                strings: Interner::from_strings(strings),
                entities,
                deals,
                deliveries,
                releases,
            },
        ))
    })()
    .map_err(shift)?;
    Ok((block, needed))
}

/// The releases table.
fn read_releases(r: &mut Reader<'_>) -> Result<Vec<Release>, BundleError> {
    let n_releases = r.small(255, "release count")? as usize;
    let mut releases = Vec::with_capacity(n_releases);
    for _ in 0..n_releases {
        let year = r.small(u64::from(u16::MAX), "release year")? as u16;
        let generated = r.str()?;
        let format = SourceFormat::from_code(r.small(255, "format")? as u8)
            .ok_or_else(|| r.corrupt("unknown source format"))?;
        let first_year = r.small(u64::from(u16::MAX), "year")? as u16;
        let last_year = r.small(u64::from(u16::MAX), "year")? as u16;
        releases.push(Release {
            year,
            generated,
            format,
            first_year,
            last_year,
        });
    }
    Ok(releases)
}

/// The entities table.
fn read_entities(r: &mut Reader<'_>) -> Result<Vec<Entity>, BundleError> {
    let n_entities = r.count("entity count")?;
    let mut entities = Vec::with_capacity(n_entities);
    for _ in 0..n_entities {
        let name = r.str()?;
        let kind = EntityKind::from_code(r.small(255, "entity kind")? as u8)
            .ok_or_else(|| r.corrupt("unknown entity kind"))?;
        entities.push(Entity { name, kind });
    }

    Ok(entities)
}

/// The deals, column by column, every id checked against its table.
fn read_deals(
    r: &mut Reader<'_>,
    n_releases: usize,
    n_entities: usize,
    n_strings: usize,
) -> Result<Vec<Deal>, BundleError> {
    let n = r.count("deal count")?;
    let max_rel = (n_releases as u64).saturating_sub(1);
    let max_ent = (n_entities as u64).saturating_sub(1);
    let max_str = (n_strings as u64).saturating_sub(1);
    if n > 0 && (n_releases == 0 || n_entities == 0 || n_strings == 0) {
        return Err(r.corrupt("deals without releases, entities or strings"));
    }
    let release = r.column(n, |r| r.small(max_rel, "release").map(|v| v as u8))?;
    let sipri_id = r.column(n, |r| {
        r.small(u64::from(u32::MAX) + 1, "deal id")
            .map(|v| v.checked_sub(1).map(|x| x as u32))
    })?;
    let supplier = r.column(n, |r| {
        r.small(max_ent, "supplier").map(|v| EntityId(v as u32))
    })?;
    let recipient = r.column(n, |r| {
        r.small(max_ent, "recipient").map(|v| EntityId(v as u32))
    })?;
    let designation = r.column(n, |r| {
        r.small(max_str, "designation").map(|v| StrId(v as u32))
    })?;
    let description = r.column(n, |r| {
        r.small(max_str, "description").map(|v| StrId(v as u32))
    })?;
    let category = r.column(n, |r| {
        let c = r.small(255, "category")? as u8;
        Category::from_code(c).ok_or_else(|| r.corrupt("unknown category"))
    })?;
    let order_year = r.column(n, |r| r.small(300, "order year").map(opt_year))?;
    let flags = r.column(n, |r| r.small(255, "flags").map(|v| v as u8))?;
    let number_ordered = r.column(n, |r| {
        r.small(u64::from(MAX_ITEMS) + 1, "number ordered")
            .map(|v| v.checked_sub(1).map(|x| x as u32))
    })?;
    let comments = r.column(n, |r| {
        r.small(max_str + 1, "comment")
            .map(|v| v.checked_sub(1).map(|x| StrId(x as u32)))
    })?;
    // The importer's plausibility bounds hold for a kept or hostile bundle too, so that
    // no sum over a decoded dataset can overflow (see `model::MAX_TIV`).
    let max_tiv = MAX_TIV.0 as u64 + 1;
    let tiv_unit_new = r.column(n, |r| r.small(max_tiv, "TIV").map(opt_tiv))?;
    let tiv_unit_deal = r.column(n, |r| r.small(max_tiv, "TIV").map(opt_tiv))?;
    let tiv_total_order = r.column(n, |r| r.small(max_tiv, "TIV").map(opt_tiv))?;
    let mut deals = Vec::with_capacity(n);
    for i in 0..n {
        let f = flags[i];
        deals.push(Deal {
            release: release[i],
            sipri_id: sipri_id[i],
            supplier: supplier[i],
            recipient: recipient[i],
            designation: designation[i],
            description: description[i],
            category: category[i],
            order_year: order_year[i],
            order_year_estimate: Flag::from_code(f),
            number_ordered: number_ordered[i],
            number_ordered_estimate: Flag::from_code(f >> 2),
            local_production: Flag::from_code(f >> 4),
            status: Status::from_code(f >> 6).ok_or_else(|| r.corrupt("unknown status"))?,
            comments: comments[i],
            tiv_unit_new: tiv_unit_new[i],
            tiv_unit_deal: tiv_unit_deal[i],
            tiv_total_order: tiv_total_order[i],
        });
    }

    Ok(deals)
}

/// The deliveries, column by column, in the stored `(deal, year)` order.
fn read_deliveries(r: &mut Reader<'_>, n: usize) -> Result<Vec<Delivery>, BundleError> {
    let m = r.count("delivery count")?;
    if m > 0 && n == 0 {
        return Err(r.corrupt("deliveries without deals"));
    }
    let max_deal = (n as u64).saturating_sub(1);
    let mut deal = 0u64;
    let deal_col = r.column(m, |r| {
        let d = r.varint()?;
        deal = deal
            .checked_add(d)
            .ok_or_else(|| r.corrupt("deal index overflow"))?;
        if deal > max_deal {
            return Err(r.corrupt(format!("delivery points to deal {deal}, there are {n}")));
        }
        Ok(DealIdx(deal as u32))
    })?;
    let year = r.column(m, |r| {
        r.small(300, "delivery year")?
            .checked_sub(1)
            .map(|v| YEAR_BASE + v as u16)
            .ok_or_else(|| r.corrupt("missing delivery year"))
    })?;
    let dflags = r.column(m, |r| r.small(31, "delivery flags").map(|v| v as u8))?;
    let number = r.column(m, |r| {
        r.small(u64::from(MAX_ITEMS), "number delivered")
            .map(|v| v as u32)
    })?;
    let max_tiv = MAX_TIV.0 as u64;
    let tiv = r.column(m, |r| r.small(max_tiv, "TIV").map(|v| Tiv(v as i64)))?;
    Ok((0..m)
        .map(|i| Delivery {
            deal: deal_col[i],
            year: year[i],
            year_estimate: Flag::from_code(dflags[i]),
            number_estimate: Flag::from_code(dflags[i] >> 2),
            approximate: dflags[i] & 16 != 0,
            number: number[i],
            tiv: tiv[i],
        })
        .collect())
}

/// Deliveries in the dataset's `(year, deal)` order; a deal with two deliveries in one
/// year is corrupt (`offset` is where the reading ended).
fn sorted_deliveries(
    mut deliveries: Vec<Delivery>,
    offset: usize,
) -> Result<Vec<Delivery>, BundleError> {
    deliveries.sort_by_key(|d| (d.year, d.deal));
    if deliveries
        .windows(2)
        .any(|w| w[0].year == w[1].year && w[0].deal == w[1].deal)
    {
        return Err(BundleError::Corrupt {
            offset,
            what: "a deal has two deliveries in one year".into(),
        });
    }
    Ok(deliveries)
}
