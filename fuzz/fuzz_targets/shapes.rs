//! Structure-aware inputs for the import targets: a SIPRI-shaped file (per-year or
//! deal-level) described by an `arbitrary`-derived struct and rendered to bytes with the
//! hostile variations seen in real re-saved files: encodings (UTF-8 with and without BOM,
//! latin-1, UTF-16LE, UTF-8 cut inside a character), delimiters (`,` `;` TAB), CRLF, the
//! stray trailing `;`, quoted fields with delimiters, quotes and line breaks, huge numbers,
//! junk and blank lines, a cut anywhere. Shared by `sipri_rows` and `user_rows`.

use arbitrary::Arbitrary;

/// The per-year header, as the importer expects it (SIPRI names every column there).
use atlas_core::import::sipri::PER_YEAR_COLUMNS as PER_YEAR_HEADER;

/// The deal-level header as SIPRI writes it: the three `?` columns are unnamed.
const DEAL_HEADER: [&str; 16] = [
    "Recipient",
    "Supplier",
    "Year of order",
    " ",
    "Number ordered",
    " ",
    "Weapon designation",
    "Weapon description",
    "Number delivered",
    " ",
    "Year(s) of delivery",
    "status",
    "Comments",
    "SIPRI TIV per unit",
    "SIPRI TIV for total order",
    "SIPRI TIV of delivered weapons",
];
const NAMES: [&str; 12] = [
    "Ruritania",
    "Freedonia",
    "Côte d'Ivoire",
    "Wärtsilä",
    "Bü-181",
    "Santa Fé",
    "unknown supplier(s)",
    "NATO**",
    "Rebels (Syldavia)*",
    "a,b;c\td",
    "say \"hi\"",
    "two\nlines",
];
const WORDS: [&str; 8] = [
    "helicopter",
    "FGA aircraft",
    "SAM",
    "±5 ´x",
    "\u{202e}gnp.exe",
    "<b>x</b>",
    "",
    " ",
];
const CATEGORIES: [&str; 6] = [
    "Aircraft",
    "Missiles",
    "Air-defence systems",
    "Air defence systems",
    "Ships",
    "Bananas",
];
const STATUS: [&str; 4] = ["New", "Second hand", "Second hand but modernized", "Used"];
const FLAGS: [&str; 5] = ["Yes", "No", "", "?", "maybe"];

#[derive(Arbitrary, Debug)]
pub enum Num {
    Small(u16),
    Year(u8),
    Decimal(u32, u8),
    Huge(u64),
    Text(u8),
}

impl Num {
    fn render(&self) -> String {
        match self {
            Num::Small(n) => n.to_string(),
            Num::Year(y) => (1900 + u16::from(*y)).to_string(),
            Num::Decimal(a, b) => format!("{}.{}", a % 20_000, b % 100),
            Num::Huge(n) => n.to_string(),
            Num::Text(t) => [
                "",
                "-1",
                "1e3",
                "1,5",
                ".",
                "NaN",
                "90000000000000000",
                "1000001",
            ][usize::from(*t) % 8]
                .to_owned(),
        }
    }
}

#[derive(Arbitrary, Debug)]
pub struct Row {
    deal: u16,
    names: [u8; 4],
    category: u8,
    status: u8,
    flags: [u8; 4],
    order_year: Num,
    year: Num,
    years_more: u8,
    number: Num,
    tiv: [Num; 3],
    comment: Option<u8>,
    /// Fields written in quotes (bit i for field i), whether needed or not.
    quote_mask: u32,
    /// Drop or add a field, swap in junk.
    damage: Option<u8>,
}

#[derive(Arbitrary, Debug)]
pub enum Line {
    Row(Row),
    Blank,
    Junk(u8),
    LoneQuote,
}

#[derive(Arbitrary, Debug)]
pub struct File {
    deal_level: bool,
    delim: u8,
    crlf: bool,
    trailing_semicolon: bool,
    preamble: bool,
    generated: u8,
    encoding: u8,
    lines: Vec<Line>,
    cut: Option<u16>,
}

fn pick<'a>(list: &[&'a str], i: u8) -> &'a str {
    list[usize::from(i) % list.len()]
}

impl File {
    fn fields(&self, r: &Row) -> Vec<String> {
        let name = |i: usize| pick(&NAMES, r.names[i]).to_owned();
        let flag = |i: usize| pick(&FLAGS, r.flags[i]).to_owned();
        let mut f: Vec<String> = if self.deal_level {
            let first = match &r.year {
                Num::Year(y) => 1900 + u16::from(*y),
                _ => 2000,
            };
            let years: Vec<String> = (0..=u16::from(r.years_more % 40))
                .map(|k| (first + k).to_string())
                .collect();
            vec![
                name(0),
                name(1),
                r.order_year.render(),
                if r.flags[0] % 2 == 0 {
                    "?".into()
                } else {
                    String::new()
                },
                r.number.render(),
                String::new(),
                name(2),
                pick(&WORDS, r.names[3]).to_owned(),
                r.number.render(),
                String::new(),
                if r.years_more % 7 == 6 {
                    String::new()
                } else {
                    years.join("; ")
                },
                pick(&STATUS, r.status).to_owned(),
                r.comment
                    .map(|c| format!("$200 m deal;\n{}", pick(&WORDS, c)))
                    .unwrap_or_default(),
                r.tiv[0].render(),
                r.tiv[1].render(),
                r.tiv[2].render(),
            ]
        } else {
            vec![
                r.deal.to_string(),
                name(0),
                name(1),
                name(2),
                pick(&WORDS, r.names[3]).to_owned(),
                pick(&CATEGORIES, r.category).to_owned(),
                r.order_year.render(),
                flag(0),
                r.number.render(),
                flag(1),
                r.year.render(),
                flag(2),
                pick(&STATUS, r.status).to_owned(),
                r.tiv[0].render(),
                r.tiv[1].render(),
                r.tiv[2].render(),
                flag(3),
            ]
        };
        match r.damage {
            Some(d) if d % 3 == 0 => {
                f.pop();
            }
            Some(d) if d % 3 == 1 => f.push("extra".into()),
            Some(d) => {
                let i = usize::from(d) % f.len();
                f[i] = "\u{1}".into();
            }
            None => {}
        }
        f
    }

    /// The file as text (before encoding).
    fn text(&self) -> String {
        let delim = [',', ';', '\t'][usize::from(self.delim) % 3];
        let eol = if self.crlf { "\r\n" } else { "\n" };
        let semi = if self.trailing_semicolon { ";" } else { "" };
        let mut out = String::new();
        if self.preamble {
            for l in [
                "Transfers of major conventional arms",
                "",
                "Source: SIPRI Arms Transfers Database (c) SIPRI.",
            ] {
                out.push_str(l);
                out.push_str(semi);
                out.push_str(eol);
            }
            let date = ["12 Feb 2026 12:26:12 PM", "18 May 2026", "31 Foo 99999", ""]
                [usize::from(self.generated) % 4];
            out.push_str(&format!("Data generated: {date}{semi}{eol}"));
        }
        let header: Vec<&str> = if self.deal_level {
            DEAL_HEADER.to_vec()
        } else {
            PER_YEAR_HEADER.to_vec()
        };
        out.push_str(&header.join(&delim.to_string()));
        out.push_str(semi);
        out.push_str(eol);
        for line in &self.lines {
            match line {
                Line::Row(r) => {
                    let fields: Vec<String> = self
                        .fields(r)
                        .into_iter()
                        .enumerate()
                        .map(|(i, v)| {
                            let needs = v.contains(delim) || v.contains('"') || v.contains('\n');
                            if needs || r.quote_mask & (1 << (i % 32)) != 0 {
                                format!("\"{}\"", v.replace('"', "\"\""))
                            } else {
                                v
                            }
                        })
                        .collect();
                    out.push_str(&fields.join(&delim.to_string()));
                }
                Line::Blank => out.push_str(if self.crlf { " " } else { "" }),
                Line::Junk(j) => out.push_str(
                    [
                        "x",
                        "broken row",
                        "\"",
                        "1,2,3",
                        "é,ü,ß",
                        "99999999999999999999",
                    ][usize::from(*j) % 6],
                ),
                Line::LoneQuote => out.push_str("1,\"Ruritania"),
            }
            out.push_str(semi);
            out.push_str(eol);
        }
        out
    }

    /// The file's bytes in the chosen encoding, perhaps cut.
    pub fn render(&self) -> Vec<u8> {
        let text = self.text();
        let mut bytes = match self.encoding % 5 {
            0 => text.into_bytes(),
            1 => [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
            2 => text
                .chars()
                .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
                .collect(),
            3 => {
                let mut b = vec![0xFF, 0xFE];
                for u in text.encode_utf16() {
                    b.extend_from_slice(&u.to_le_bytes());
                }
                b
            }
            _ => {
                // UTF-8 with one character cut in the middle, somewhere in the rows.
                let mut b = text.into_bytes();
                if let Some(i) = b.iter().rposition(|&x| x >= 0xC0) {
                    b.remove(i + 1.min(b.len() - 1 - i));
                }
                b
            }
        };
        if let Some(c) = self.cut {
            bytes.truncate(usize::from(c) % (bytes.len() + 1) + bytes.len() / 2);
        }
        bytes
    }
}
