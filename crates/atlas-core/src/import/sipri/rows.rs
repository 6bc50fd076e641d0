//! One line's fields into a typed row, or a located [`RowError`].

use super::types::{DealRow, PerYearRow, RowError, RowProblem, DEAL_COLUMNS, PER_YEAR_COLUMNS};
use crate::model::{Category, Flag, Status, Tiv, Year, MAX_ITEMS, MAX_TIV, MAX_YEAR, MIN_YEAR};

/// Field access that turns problems into located errors.
struct Fields<'r, 'a> {
    line: usize,
    fields: &'r [&'a str],
    names: &'static [&'static str],
}

impl Fields<'_, '_> {
    fn err(&self, i: usize, problem: RowProblem) -> RowError {
        RowError {
            line: self.line,
            column: self.names[i],
            problem,
        }
    }

    fn raw(&self, i: usize) -> &str {
        self.fields[i].trim()
    }

    fn text(&self, i: usize) -> Result<String, RowError> {
        let v = clean_text(self.raw(i));
        if v.is_empty() {
            Err(self.err(i, RowProblem::Missing))
        } else {
            Ok(v)
        }
    }

    fn opt_text(&self, i: usize) -> Option<String> {
        let v = clean_text(self.raw(i));
        (!v.is_empty()).then_some(v)
    }

    fn id(&self, i: usize) -> Result<u32, RowError> {
        let v = self.raw(i);
        if v.is_empty() {
            return Err(self.err(i, RowProblem::Missing));
        }
        v.parse::<u32>()
            .map_err(|_| self.err(i, RowProblem::NotANumber(short(v))))
    }

    /// An item count, at most [`MAX_ITEMS`].
    fn count(&self, i: usize) -> Result<u32, RowError> {
        let v = self.raw(i);
        if v.is_empty() {
            return Err(self.err(i, RowProblem::Missing));
        }
        if !v.bytes().all(|b| b.is_ascii_digit()) {
            return Err(self.err(i, RowProblem::NotANumber(short(v))));
        }
        match v.parse::<u32>() {
            Ok(n) if n <= MAX_ITEMS => Ok(n),
            _ => Err(self.err(i, RowProblem::CountTooLarge(short(v)))),
        }
    }

    fn opt_count(&self, i: usize) -> Result<Option<u32>, RowError> {
        if self.raw(i).is_empty() {
            Ok(None)
        } else {
            self.count(i).map(Some)
        }
    }

    fn year(&self, i: usize) -> Result<Year, RowError> {
        parse_year(self.raw(i)).map_err(|p| self.err(i, p))
    }

    fn tiv(&self, i: usize) -> Result<Tiv, RowError> {
        let v = self.raw(i);
        if v.is_empty() {
            return Err(self.err(i, RowProblem::Missing));
        }
        let well_formed = !v.is_empty()
            && v.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && v.bytes().filter(|&b| b == b'.').count() <= 1
            && v != ".";
        match Tiv::parse(v) {
            Some(t) if t <= MAX_TIV => Ok(t),
            // Well formed but too large (or too long for a TIV at all).
            _ if well_formed => Err(self.err(i, RowProblem::TivTooLarge(short(v)))),
            _ => Err(self.err(i, RowProblem::NotATiv(short(v)))),
        }
    }

    fn opt_tiv(&self, i: usize) -> Result<Option<Tiv>, RowError> {
        if self.raw(i).is_empty() {
            Ok(None)
        } else {
            self.tiv(i).map(Some)
        }
    }

    fn yes_no(&self, i: usize) -> Result<Flag, RowError> {
        match self.raw(i).to_ascii_lowercase().as_str() {
            "" => Ok(Flag::Blank),
            "yes" | "true" => Ok(Flag::Yes),
            "no" | "false" => Ok(Flag::No),
            other => Err(self.err(i, RowProblem::NotAFlag(short(other)))),
        }
    }

    fn question(&self, i: usize) -> Result<Flag, RowError> {
        match self.raw(i) {
            "" => Ok(Flag::No),
            "?" => Ok(Flag::Yes),
            other => Err(self.err(i, RowProblem::NotAFlag(short(other)))),
        }
    }

    fn status(&self, i: usize) -> Result<Status, RowError> {
        let v = self.raw(i);
        Status::parse(v).ok_or_else(|| self.err(i, RowProblem::UnknownStatus(short(v))))
    }
}

/// Removes controls, bidirectional overrides and invisible characters, which SIPRI never
/// writes and which would let a name display as something else (`\u{202e}` reverses it):
/// the one sanitiser of text from outside, [`crate::clean::plain_text`].
pub(crate) use crate::clean::plain_text as clean_text;

/// Keeps error messages short even for hostile, huge fields.
/// Control characters (a line break inside a quoted field, say) become spaces, so that
/// every message stays on one line.
pub(super) fn short(v: &str) -> String {
    let mut s: String = v
        .chars()
        .take(60)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if s.len() < v.len() {
        s.push('…');
    }
    s
}

fn parse_year(v: &str) -> Result<Year, RowProblem> {
    if v.is_empty() {
        return Err(RowProblem::Missing);
    }
    let n: u32 = v.parse().map_err(|_| RowProblem::NotANumber(short(v)))?;
    match Year::try_from(n) {
        Ok(y) if (MIN_YEAR..=MAX_YEAR).contains(&y) => Ok(y),
        _ => Err(RowProblem::YearOutOfRange(short(v))),
    }
}

pub(super) fn per_year_row(line: usize, fields: &[&str]) -> Result<PerYearRow, RowError> {
    let f = Fields {
        line,
        fields,
        names: &PER_YEAR_COLUMNS,
    };
    let category_text = f.raw(5);
    let category = match Category::parse(category_text) {
        Some(Category::Unspecified) if category_text.is_empty() => {
            return Err(f.err(5, RowProblem::Missing))
        }
        Some(c) => c,
        None => return Err(f.err(5, RowProblem::UnknownCategory(short(category_text)))),
    };
    Ok(PerYearRow {
        line,
        deal_id: f.id(0)?,
        supplier: f.text(1)?,
        recipient: f.text(2)?,
        designation: f.text(3)?,
        description: clean_text(f.raw(4)),
        category,
        order_year: f.year(6)?,
        order_year_estimate: f.yes_no(7)?,
        number: f.count(8)?,
        number_estimate: f.yes_no(9)?,
        year: f.year(10)?,
        year_estimate: f.yes_no(11)?,
        status: f.status(12)?,
        tiv_unit_new: f.opt_tiv(13)?,
        tiv_unit_deal: f.opt_tiv(14)?,
        tiv: f.tiv(15)?,
        local_production: f.yes_no(16)?,
    })
}

pub(super) fn deal_row(line: usize, fields: &[&str]) -> Result<DealRow, RowError> {
    let f = Fields {
        line,
        fields,
        names: &DEAL_COLUMNS,
    };
    let years_text = f.raw(10);
    let mut delivery_years = Vec::new();
    if !years_text.is_empty() {
        for part in years_text.split(';') {
            let y = parse_year(part.trim()).map_err(|p| match p {
                RowProblem::YearOutOfRange(_) => f.err(10, p),
                _ => f.err(10, RowProblem::BadYearList(short(years_text))),
            })?;
            delivery_years.push(y);
        }
    }
    let number_delivered = f.count(8)?;
    if number_delivered > 0 && delivery_years.is_empty() {
        return Err(f.err(
            10,
            RowProblem::Inconsistent(number_delivered.to_string(), "no".into()),
        ));
    }
    Ok(DealRow {
        line,
        recipient: f.text(0)?,
        supplier: f.text(1)?,
        order_year: f.year(2)?,
        order_year_estimate: f.question(3)?,
        number_ordered: f.opt_count(4)?,
        number_ordered_estimate: f.question(5)?,
        designation: f.text(6)?,
        description: clean_text(f.raw(7)),
        number_delivered,
        number_delivered_estimate: f.question(9)?,
        delivery_years,
        status: f.status(11)?,
        comments: f.opt_text(12),
        tiv_per_unit: f.opt_tiv(13)?,
        tiv_total_order: f.opt_tiv(14)?,
        tiv_delivered: f.opt_tiv(15)?,
    })
}
