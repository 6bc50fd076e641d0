//! The register's text search, fast (cached per distinct string) and plain (for tests).

use super::rows::{RegisterRow, TextIndex};
use crate::model::{Category, Dataset, Status};

/// The rows matching `query`, as indices into `rows`, in order. The query is split on
/// whitespace; a row matches when every word occurs (case-insensitively) in at least one
/// of its text columns: supplier, recipient, designation, description, category, status,
/// comments. Supplier and recipient are looked for in the index's entity text (the name
/// shown and SIPRI's, folded as the index folds a term); category and status in SIPRI's
/// English and, for an index built for another language, in that language's names (folded
/// the same way). An empty query matches every row.
pub fn search(rows: &[RegisterRow], index: &TextIndex, query: &str) -> Vec<usize> {
    let terms: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if terms.is_empty() {
        return (0..rows.len()).collect();
    }
    // Per term, a lazily filled cache: 0 unknown, 1 miss, 2 hit, so each distinct string
    // is searched at most once per term.
    // The term as the entity names were folded; one that folds to nothing (punctuation
    // alone) finds no name.
    let folded: Vec<String> = terms.iter().map(|t| (index.fold)(t)).collect();
    let n_ent = index.entity_text.len();
    let n_str = index.string_lower.len();
    let mut ent_cache = vec![vec![0u8; n_ent]; terms.len()];
    let mut str_cache = vec![vec![0u8; n_str]; terms.len()];
    let fixed: Vec<Vec<bool>> = terms
        .iter()
        .map(|t| {
            let cat = Category::ALL
                .iter()
                .map(|c| c.name().to_lowercase().contains(t.as_str()));
            let status = [
                Status::New,
                Status::SecondHand,
                Status::SecondHandModernised,
            ]
            .iter()
            .map(|s| s.name().to_lowercase().contains(t.as_str()));
            let mut fixed: Vec<bool> = cat.chain(status).collect();
            // The same names in the reader's language.
            let f = (index.fold)(t);
            if !f.is_empty() {
                for (hit, shown) in fixed.iter_mut().zip(&index.kind_text) {
                    *hit |= shown.contains(f.as_str());
                }
            }
            fixed
        })
        .collect();
    let hit = |cache: &mut Vec<u8>, i: usize, text: &str, term: &str| -> bool {
        match cache.get(i) {
            Some(2) => true,
            Some(1) => false,
            Some(_) => {
                let h = text.contains(term);
                cache[i] = if h { 2 } else { 1 };
                h
            }
            None => false,
        }
    };
    let cat_pos = |c: Category| Category::ALL.iter().position(|k| *k == c).unwrap_or(0);
    let status_pos = |s: Status| Category::ALL.len() + s.code() as usize;
    rows.iter()
        .enumerate()
        .filter(|(_, r)| {
            terms.iter().enumerate().all(|(k, term)| {
                let t = term.as_str();
                let f = folded[k].as_str();
                fixed[k][cat_pos(r.category)]
                    || fixed[k][status_pos(r.status)]
                    || (!f.is_empty()
                        && (hit(
                            &mut ent_cache[k],
                            r.supplier.0 as usize,
                            index.entity_text(r.supplier),
                            f,
                        ) || hit(
                            &mut ent_cache[k],
                            r.recipient.0 as usize,
                            index.entity_text(r.recipient),
                            f,
                        )))
                    || hit(
                        &mut str_cache[k],
                        r.designation.0 as usize,
                        index.string_lower(r.designation),
                        t,
                    )
                    || hit(
                        &mut str_cache[k],
                        r.description.0 as usize,
                        index.string_lower(r.description),
                        t,
                    )
                    || r.comments.is_some_and(|c| {
                        hit(&mut str_cache[k], c.0 as usize, index.string_lower(c), t)
                    })
            })
        })
        .map(|(i, _)| i)
        .collect()
}

/// Whether `row` matches `query` in the plain, obviously-correct way (for tests).
pub fn row_matches(ds: &Dataset, row: &RegisterRow, query: &str) -> bool {
    let texts: Vec<String> = [
        Some(ds.entity(row.supplier).label().to_owned()),
        Some(ds.entity(row.recipient).label().to_owned()),
        Some(ds.str(row.designation).to_owned()),
        Some(ds.str(row.description).to_owned()),
        Some(row.category.name().to_owned()),
        Some(row.status.name().to_owned()),
        row.comments.map(|c| ds.str(c).to_owned()),
    ]
    .into_iter()
    .flatten()
    .map(|s| s.to_lowercase())
    .collect();
    query
        .split_whitespace()
        .all(|t| texts.iter().any(|s| s.contains(&t.to_lowercase())))
}
