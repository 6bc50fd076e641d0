//! Sorting the register: its columns, the direction, and a total order on rows.

use std::cmp::Ordering;

use super::rows::RegisterRow;
use crate::model::Flag;

/// The register's columns, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Supplier,
    Recipient,
    Designation,
    Description,
    Category,
    OrderYear,
    Ordered,
    Delivered,
    Years,
    Tiv,
    Status,
    LocalProduction,
    Comments,
}

impl Column {
    /// Every column, in display order.
    pub const ALL: [Column; 13] = [
        Column::Supplier,
        Column::Recipient,
        Column::Designation,
        Column::Description,
        Column::Category,
        Column::OrderYear,
        Column::Ordered,
        Column::Delivered,
        Column::Years,
        Column::Tiv,
        Column::Status,
        Column::LocalProduction,
        Column::Comments,
    ];

    /// Header text.
    pub fn label(self) -> &'static str {
        match self {
            Column::Supplier => "Supplier",
            Column::Recipient => "Recipient",
            Column::Designation => "Designation",
            Column::Description => "Description",
            Column::Category => "Category",
            Column::OrderYear => "Ordered in",
            Column::Ordered => "No. ordered",
            Column::Delivered => "No. delivered",
            Column::Years => "Delivered in",
            Column::Tiv => "TIV delivered",
            Column::Status => "Status",
            Column::LocalProduction => "Local production",
            Column::Comments => "Comments",
        }
    }

    /// A stable lowercase name, for test hooks and CSS classes.
    pub fn id(self) -> &'static str {
        match self {
            Column::Supplier => "supplier",
            Column::Recipient => "recipient",
            Column::Designation => "designation",
            Column::Description => "description",
            Column::Category => "category",
            Column::OrderYear => "order-year",
            Column::Ordered => "ordered",
            Column::Delivered => "delivered",
            Column::Years => "years",
            Column::Tiv => "tiv",
            Column::Status => "status",
            Column::LocalProduction => "local",
            Column::Comments => "comments",
        }
    }

    /// True for columns holding numbers (right-aligned; sorted largest first on first click).
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            Column::OrderYear | Column::Ordered | Column::Delivered | Column::Years | Column::Tiv
        )
    }

    /// The direction a first click sorts in: text A→Z, numbers largest (or latest) first.
    pub fn default_direction(self) -> Direction {
        if self.is_numeric() {
            Direction::Descending
        } else {
            Direction::Ascending
        }
    }
}

/// Sort direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Direction {
    #[default]
    Ascending,
    Descending,
}

impl Direction {
    /// The other direction.
    pub fn flip(self) -> Direction {
        match self {
            Direction::Ascending => Direction::Descending,
            Direction::Descending => Direction::Ascending,
        }
    }

    /// The value of `aria-sort`.
    pub fn aria(self) -> &'static str {
        match self {
            Direction::Ascending => "ascending",
            Direction::Descending => "descending",
        }
    }

    fn apply(self, o: Ordering) -> Ordering {
        match self {
            Direction::Ascending => o,
            Direction::Descending => o.reverse(),
        }
    }
}

/// The register's sort: a column and a direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sort {
    pub column: Column,
    pub direction: Direction,
}

impl Default for Sort {
    /// Most recent orders first.
    fn default() -> Sort {
        Sort {
            column: Column::OrderYear,
            direction: Direction::Descending,
        }
    }
}

impl Sort {
    /// The sort after a click on `column`'s header: the same column flips, another
    /// column starts in its default direction.
    pub fn click(self, column: Column) -> Sort {
        if self.column == column {
            Sort {
                column,
                direction: self.direction.flip(),
            }
        } else {
            Sort {
                column,
                direction: column.default_direction(),
            }
        }
    }

    /// `aria-sort` of `column`'s header under this sort.
    pub fn aria_for(self, column: Column) -> &'static str {
        if self.column == column {
            self.direction.aria()
        } else {
            "none"
        }
    }
}

/// Orders present values by `dir` and puts missing ones last in both directions, so a
/// sort never opens on a screenful of blanks.
fn cmp_missing_last<T: Ord>(a: Option<T>, b: Option<T>, dir: Direction) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => dir.apply(x.cmp(&y)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// How two rows compare on `column` in direction `dir`. A total order; rows it calls
/// equal keep their relative order in [`sort_rows`] (stable sort).
pub fn compare(a: &RegisterRow, b: &RegisterRow, column: Column, dir: Direction) -> Ordering {
    let local = |f: Flag| match f {
        Flag::Yes => Some(true),
        Flag::No => Some(false),
        Flag::Blank => None,
    };
    match column {
        Column::Supplier => dir.apply(a.keys.supplier.cmp(&b.keys.supplier)),
        Column::Recipient => dir.apply(a.keys.recipient.cmp(&b.keys.recipient)),
        Column::Designation => dir.apply(a.keys.designation.cmp(&b.keys.designation)),
        Column::Description => dir.apply(a.keys.description.cmp(&b.keys.description)),
        Column::Category => dir.apply(a.category.name().cmp(b.category.name())),
        Column::OrderYear => cmp_missing_last(a.order_year, b.order_year, dir),
        Column::Ordered => cmp_missing_last(a.number_ordered, b.number_ordered, dir),
        Column::Delivered => dir.apply(a.delivered.cmp(&b.delivered)),
        Column::Years => dir.apply(a.years.cmp(&b.years)),
        Column::Tiv => dir.apply(a.tiv.cmp(&b.tiv)),
        Column::Status => dir.apply(a.status.name().cmp(b.status.name())),
        Column::LocalProduction => {
            cmp_missing_last(local(a.local_production), local(b.local_production), dir)
        }
        Column::Comments => cmp_missing_last(a.keys.comments, b.keys.comments, dir),
    }
}

/// Sorts rows by `column` in `direction`, stably.
pub fn sort_rows(rows: &mut [RegisterRow], column: Column, direction: Direction) {
    rows.sort_by(|a, b| compare(a, b, column, direction));
}

/// Sorts `order` (indices into `rows`) by the rows they point at, stably: the register
/// sorts an index list instead of moving 30,000 rows around.
pub fn sort_indices(
    rows: &[RegisterRow],
    order: &mut [usize],
    column: Column,
    direction: Direction,
) {
    order.sort_by(|&a, &b| compare(&rows[a], &rows[b], column, direction));
}
