//! A filter as names, before it meets a dataset (a link's `supplier=Russia`, a story
//! step's recipients), and what cannot be applied when it does.

use super::filter::{Filter, YearRange};
use crate::model::{Category, Dataset};

/// Something in a link that could not be applied, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryIssue {
    pub param: String,
    pub message: String,
}

/// The parts of a filter as names and numbers, borrowed from whoever holds them (a link's
/// state, a story step).
#[derive(Debug, Clone, Copy, Default)]
pub struct FilterNames<'a> {
    pub suppliers: &'a [String],
    pub recipients: &'a [String],
    pub categories: &'a [String],
    pub systems: &'a [String],
    pub text: &'a str,
    pub years: Option<(u16, u16)>,
}

impl FilterNames<'_> {
    /// The filter these names mean for `ds`. Names the dataset does not have are reported
    /// and left out; the rest applies.
    pub fn resolve(&self, ds: &Dataset) -> (Filter, Vec<QueryIssue>) {
        let mut issues = Vec::new();
        let mut entities = |names: &[String], param: &str| {
            names
                .iter()
                .filter_map(|n| {
                    let id = ds.entity_by_name(n);
                    if id.is_none() {
                        issues.push(QueryIssue {
                            param: param.into(),
                            message: format!("“{}” is not in this dataset", clip(n)),
                        });
                    }
                    id
                })
                .collect::<Vec<_>>()
        };
        let suppliers = entities(self.suppliers, "supplier");
        let recipients = entities(self.recipients, "recipient");
        let categories = self
            .categories
            .iter()
            .filter_map(|c| {
                let cat = Category::parse(c).filter(|_| !c.is_empty());
                if cat.is_none() {
                    issues.push(QueryIssue {
                        param: "category".into(),
                        message: format!("“{}” is not one of SIPRI's armament categories", clip(c)),
                    });
                }
                cat
            })
            .collect();
        let systems = self
            .systems
            .iter()
            .filter_map(|s| {
                let id = ds
                    .strings
                    .get(s)
                    .filter(|id| ds.deals.iter().any(|d| d.designation == *id));
                if id.is_none() {
                    issues.push(QueryIssue {
                        param: "system".into(),
                        message: format!("no weapon system “{}” in this dataset", clip(s)),
                    });
                }
                id
            })
            .collect();
        let years = self
            .years
            .and_then(|(a, b)| YearRange::new(i64::from(a), i64::from(b)).ok());
        (
            Filter {
                years,
                suppliers,
                recipients,
                categories,
                systems,
                text: self.text.to_owned(),
            },
            issues,
        )
    }
}

/// At most 40 characters of `s`, cleaned of hidden characters ([`crate::clean`]), and `…`
/// when cut: how a message quotes what it was given.
pub(crate) fn clip(s: &str) -> String {
    let s = crate::clean::plain_text(s);
    let mut c: String = s.chars().take(40).collect();
    if c.len() < s.len() {
        c.push('…');
    }
    c
}
