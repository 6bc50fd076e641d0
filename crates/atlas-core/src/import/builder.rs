//! Turning parsed SIPRI files into one [`Dataset`].
//!
//! Several files can go into one dataset (SIPRI splits long year ranges into several
//! exports). Deals merge by SIPRI's deal id *within a release*: the id is not unique
//! across releases, so a deal seen in two releases stays two deals.

use std::collections::{HashMap, HashSet};

use crate::import::places::{PlaceRule, PlaceTable};
use crate::import::sipri::{DealRow, ParsedFile, PerYearRow, Rows};
use crate::model::{
    Category, Dataset, Deal, DealIdx, Delivery, Entity, EntityId, EntityKind, Flag, Release,
    SourceFormat, Tiv, Year,
};

/// The part of a row a selection can look at when building a subset.
#[derive(Debug, Clone, Copy)]
pub struct RowKey<'a> {
    pub supplier: &'a str,
    pub recipient: &'a str,
    /// The delivery year of a per-year row; `None` for a deal-level row.
    pub year: Option<Year>,
}

/// What one [`DatasetBuilder::add`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AddReport {
    /// Valid rows in the file.
    pub rows: usize,
    /// Rows the selection kept.
    pub kept: usize,
    /// New deals created.
    pub new_deals: usize,
    /// Deliveries added.
    pub deliveries: usize,
    /// Lines whose (deal, year) was already in the dataset; the first one read is kept.
    pub duplicate_lines: Vec<usize>,
}

/// Collects files into a dataset. See the module docs.
#[derive(Debug, Default)]
pub struct DatasetBuilder {
    ds: Dataset,
    entity_index: HashMap<String, EntityId>,
    deal_index: HashMap<(u8, u32), DealIdx>,
    delivered: HashSet<(DealIdx, Year)>,
}

impl DatasetBuilder {
    /// An empty builder.
    pub fn new() -> DatasetBuilder {
        DatasetBuilder::default()
    }

    /// Adds the rows of `file` for which `keep` is true. Files without a recognisable
    /// release date are given release 0 ("unknown").
    pub fn add(&mut self, file: &ParsedFile, keep: impl Fn(RowKey<'_>) -> bool) -> AddReport {
        let release_year = file.release.unwrap_or(0);
        let release = self.release_index(release_year, file);
        let mut report = AddReport {
            rows: file.rows.len(),
            ..AddReport::default()
        };
        match &file.rows {
            Rows::PerYear(rows) => {
                for row in rows {
                    let key = RowKey {
                        supplier: &row.supplier,
                        recipient: &row.recipient,
                        year: Some(row.year),
                    };
                    if keep(key) {
                        report.kept += 1;
                        self.add_per_year(release, row, &mut report);
                    }
                }
            }
            Rows::Deals(rows) => {
                for row in rows {
                    let key = RowKey {
                        supplier: &row.supplier,
                        recipient: &row.recipient,
                        year: None,
                    };
                    if keep(key) {
                        report.kept += 1;
                        self.add_deal_row(release, row, &mut report);
                    }
                }
            }
        }
        report
    }

    fn release_index(&mut self, year: u16, file: &ParsedFile) -> u8 {
        let generated = file.generated.clone().unwrap_or_default();
        if let Some(i) = self
            .ds
            .releases
            .iter()
            .position(|r| r.year == year && r.format == file.format)
        {
            return i as u8;
        }
        self.ds.releases.push(Release {
            year,
            generated,
            format: file.format,
            first_year: Year::MAX,
            last_year: 0,
        });
        (self.ds.releases.len() - 1) as u8
    }

    fn note_year(&mut self, release: u8, year: Year) {
        let r = &mut self.ds.releases[release as usize];
        r.first_year = r.first_year.min(year);
        r.last_year = r.last_year.max(year);
    }

    fn entity(&mut self, name: &str) -> EntityId {
        if let Some(&id) = self.entity_index.get(name) {
            return id;
        }
        let mut kind = EntityKind::from_name(name);
        if let Some(place) = PlaceTable::builtin().get(name) {
            match place.rule {
                PlaceRule::Historical => kind = EntityKind::Historical,
                PlaceRule::Unknown => kind = EntityKind::Unknown,
                _ => {}
            }
        }
        let id = EntityId(self.ds.entities.len() as u32);
        self.ds.entities.push(Entity {
            name: name.to_owned(),
            kind,
        });
        self.entity_index.insert(name.to_owned(), id);
        id
    }

    fn add_per_year(&mut self, release: u8, row: &PerYearRow, report: &mut AddReport) {
        let deal = match self.deal_index.get(&(release, row.deal_id)) {
            Some(&d) => d,
            None => {
                let supplier = self.entity(&row.supplier);
                let recipient = self.entity(&row.recipient);
                let deal = Deal {
                    release,
                    sipri_id: Some(row.deal_id),
                    supplier,
                    recipient,
                    designation: self.ds.strings.intern(&row.designation),
                    description: self.ds.strings.intern(&row.description),
                    category: row.category,
                    order_year: Some(row.order_year),
                    order_year_estimate: row.order_year_estimate,
                    number_ordered: None,
                    number_ordered_estimate: Flag::Blank,
                    status: row.status,
                    local_production: row.local_production,
                    comments: None,
                    tiv_unit_new: row.tiv_unit_new,
                    tiv_unit_deal: row.tiv_unit_deal,
                    tiv_total_order: None,
                };
                let idx = DealIdx(self.ds.deals.len() as u32);
                self.ds.deals.push(deal);
                self.deal_index.insert((release, row.deal_id), idx);
                report.new_deals += 1;
                idx
            }
        };
        if !self.delivered.insert((deal, row.year)) {
            report.duplicate_lines.push(row.line);
            return;
        }
        self.note_year(release, row.year);
        self.ds.deliveries.push(Delivery {
            deal,
            year: row.year,
            year_estimate: row.year_estimate,
            number: row.number,
            number_estimate: row.number_estimate,
            tiv: row.tiv,
            approximate: false,
        });
        report.deliveries += 1;
    }

    fn add_deal_row(&mut self, release: u8, row: &DealRow, report: &mut AddReport) {
        let supplier = self.entity(&row.supplier);
        let recipient = self.entity(&row.recipient);
        let comments = row.comments.as_deref().map(|c| self.ds.strings.intern(c));
        let deal = Deal {
            release,
            sipri_id: None,
            supplier,
            recipient,
            designation: self.ds.strings.intern(&row.designation),
            description: self.ds.strings.intern(&row.description),
            category: Category::Unspecified,
            order_year: Some(row.order_year),
            order_year_estimate: row.order_year_estimate,
            number_ordered: row.number_ordered,
            number_ordered_estimate: row.number_ordered_estimate,
            status: row.status,
            local_production: Flag::Blank,
            comments,
            tiv_unit_new: None,
            tiv_unit_deal: row.tiv_per_unit,
            tiv_total_order: row.tiv_total_order,
        };
        let idx = DealIdx(self.ds.deals.len() as u32);
        self.ds.deals.push(deal);
        report.new_deals += 1;
        let mut years = row.delivery_years.clone();
        years.sort_unstable();
        years.dedup();
        let total = row.tiv_delivered.unwrap_or(Tiv::ZERO);
        let tivs = split_evenly(total.0, years.len());
        let numbers = split_evenly(i64::from(row.number_delivered), years.len());
        for (k, &year) in years.iter().enumerate() {
            self.delivered.insert((idx, year));
            self.note_year(release, year);
            self.ds.deliveries.push(Delivery {
                deal: idx,
                year,
                year_estimate: Flag::Blank,
                number: u32::try_from(numbers[k]).unwrap_or(u32::MAX),
                number_estimate: row.number_delivered_estimate,
                tiv: Tiv(tivs[k]),
                // One delivery year means the total *is* that year's figure.
                approximate: years.len() > 1,
            });
            report.deliveries += 1;
        }
    }

    /// Finishes the dataset: deliveries sorted by `(year, deal)`.
    pub fn finish(mut self) -> Dataset {
        self.ds.deliveries.sort_by_key(|d| (d.year, d.deal));
        for r in &mut self.ds.releases {
            if r.first_year > r.last_year {
                r.first_year = 0;
                r.last_year = 0;
            }
        }
        self.ds
    }

    /// Formats of the files added so far (for reports).
    pub fn formats(&self) -> Vec<SourceFormat> {
        self.ds.releases.iter().map(|r| r.format).collect()
    }
}

/// Splits `total` into `parts` integers that differ by at most one and add up exactly;
/// the larger shares go to the earliest parts. Used only for the deal register, whose
/// per-year figures are then marked approximate.
pub(crate) fn split_evenly(total: i64, parts: usize) -> Vec<i64> {
    if parts == 0 {
        return Vec::new();
    }
    let n = parts as i64;
    let (q, r) = (total.div_euclid(n), total.rem_euclid(n));
    (0..n).map(|i| q + i64::from(i < r)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn even_split_adds_up() {
        assert_eq!(split_evenly(10, 3), vec![4, 3, 3]);
        assert_eq!(split_evenly(0, 2), vec![0, 0]);
        assert_eq!(split_evenly(5, 0), Vec::<i64>::new());
        for total in 0..50 {
            for parts in 1..7 {
                assert_eq!(split_evenly(total, parts).iter().sum::<i64>(), total);
            }
        }
    }
}
