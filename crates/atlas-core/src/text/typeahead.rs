//! Finding a name as the reader types it: "cote" finds "Côte d'Ivoire", "RUS" finds
//! "Russia", "myan" lists "Myanmar" before "MTA (Myanmar)*".
//!
//! Names and what is typed are compared after [`fold`]: lower case, accents and other
//! diacritics taken off, apostrophes dropped, any other punctuation a space. A name matches
//! when the folded query is inside it; matches are ranked by where ([`MatchKind`]): the
//! whole name, then the name's start, then a word's start, then anywhere. Within a rank
//! the candidates keep the order they were given in (alphabetical in the filters).

/// How well a name matches a query; the smaller, the better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchKind {
    /// The folded name is the folded query.
    Whole,
    /// The name starts with the query.
    Prefix,
    /// A word of the name (after the first) starts with the query.
    WordPrefix,
    /// The query is somewhere inside the name.
    Inside,
}

/// The letter(s) `c` (already lower case) is compared as: Latin letters without their
/// diacritics (ligatures spelled out), Cyrillic ё as е; other characters as they are.
pub(crate) fn base_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ǎ' | 'ạ' | 'ả' | 'ấ' | 'ầ' | 'ẩ'
        | 'ẫ' | 'ậ' | 'ắ' | 'ằ' | 'ẳ' | 'ẵ' | 'ặ' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'ẹ' | 'ẻ' | 'ẽ' | 'ế' | 'ề' | 'ể'
        | 'ễ' | 'ệ' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'ǐ' | 'ỉ' | 'ị' => "i",
        'ĳ' => "ij",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ǒ' | 'ơ' | 'ọ' | 'ỏ' | 'ố' | 'ồ'
        | 'ổ' | 'ỗ' | 'ộ' | 'ớ' | 'ờ' | 'ở' | 'ỡ' | 'ợ' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ǔ' | 'ư' | 'ụ' | 'ủ' | 'ứ'
        | 'ừ' | 'ử' | 'ữ' | 'ự' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' | 'ỳ' | 'ỵ' | 'ỷ' | 'ỹ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'ё' => "е",
        _ => return None,
    })
}

/// Whether `c` is a combining mark (a diacritic written as its own character, as in a
/// decomposed "é" = "e" + U+0301): dropped.
fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// A name or a query as it is compared: lower case, without diacritics, apostrophes
/// dropped ("d'Ivoire" → "divoire"), every other run of punctuation or space one space,
/// none at either end. `fold("Côte d’Ivoire") == "cote divoire"`,
/// `fold("MTA (Myanmar)*") == "mta myanmar"`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars().flat_map(char::to_lowercase) {
        if is_combining(c) || matches!(c, '\'' | '’' | 'ʼ' | '‘' | '`' | '´') {
            continue;
        }
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            match base_letter(c) {
                Some(b) => out.push_str(b),
                None => out.push(c),
            }
        } else {
            space = true;
        }
    }
    out
}

/// How `name` (folded) matches `query` (folded, not empty), if it does.
pub fn match_kind(name: &str, query: &str) -> Option<MatchKind> {
    if query.is_empty() {
        return None;
    }
    if name == query {
        return Some(MatchKind::Whole);
    }
    if name.starts_with(query) {
        return Some(MatchKind::Prefix);
    }
    let at_word = name
        .match_indices(' ')
        .any(|(i, _)| name[i + 1..].starts_with(query));
    if at_word {
        return Some(MatchKind::WordPrefix);
    }
    name.contains(query).then_some(MatchKind::Inside)
}

/// Candidates to pick from by name, each with one or more names (the name shown, SIPRI's
/// spelling…), folded once when built so that each keystroke only compares.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameIndex<K> {
    items: Vec<(K, Vec<String>)>,
}

impl<K: Copy> NameIndex<K> {
    /// Indexes `items` in the order given (the order ties keep).
    pub fn new<I, N, S>(items: I) -> NameIndex<K>
    where
        I: IntoIterator<Item = (K, N)>,
        N: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        NameIndex {
            items: items
                .into_iter()
                .map(|(k, names)| {
                    let mut folded: Vec<String> =
                        names.into_iter().map(|n| fold(n.as_ref())).collect();
                    folded.dedup();
                    (k, folded)
                })
                .collect(),
        }
    }

    /// How many candidates there are.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The candidates that match `query`, best first (see the module docs), leaving out
    /// those `skip` says to (already chosen ones). A query with nothing to compare (empty,
    /// or only spaces and punctuation) matches every candidate, in the order given, so
    /// that opening the list shows them all.
    pub fn search(&self, query: &str, skip: impl Fn(K) -> bool) -> Vec<K> {
        let q = fold(query);
        let mut hits: Vec<(MatchKind, usize, K)> = self
            .items
            .iter()
            .enumerate()
            .filter(|(_, (k, _))| !skip(*k))
            .filter_map(|(i, (k, names))| {
                if q.is_empty() {
                    return Some((MatchKind::Inside, i, *k));
                }
                let best = names.iter().filter_map(|n| match_kind(n, &q)).min()?;
                Some((best, i, *k))
            })
            .collect();
        hits.sort_by_key(|&(kind, i, _)| (kind, i));
        hits.into_iter().map(|(_, _, k)| k).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_takes_off_case_accents_and_punctuation() {
        assert_eq!(fold("Côte d’Ivoire"), "cote divoire");
        assert_eq!(fold("Côte d'Ivoire"), "cote divoire");
        assert_eq!(fold("TÜRKİYE"), fold("Turkiye"));
        assert_eq!(fold("MTA (Myanmar)*"), "mta myanmar");
        assert_eq!(fold("  Bosnia-Herzegovina "), "bosnia herzegovina");
        assert_eq!(fold("Curaçao"), "curacao");
        assert_eq!(fold("São Tomé and Príncipe"), "sao tome and principe");
        assert_eq!(fold("Việt Nam"), "viet nam");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Œuvre"), "oeuvre");
        assert_eq!(fold("Łódź"), "lodz");
        // A decomposed accent (e + combining acute) folds like the composed one.
        assert_eq!(fold("Re\u{301}union"), fold("Réunion"));
        // Cyrillic keeps its letters, in lower case; ё is е.
        assert_eq!(fold("Российская Федерация"), "российская федерация");
        assert_eq!(fold("Ёлка"), "елка");
        assert_eq!(fold(""), "");
        assert_eq!(fold(" (*) "), "");
    }

    #[test]
    fn match_kinds_rank_whole_then_start_then_word_then_inside() {
        assert_eq!(match_kind("russia", "russia"), Some(MatchKind::Whole));
        assert_eq!(match_kind("russia", "rus"), Some(MatchKind::Prefix));
        assert_eq!(
            match_kind("mta myanmar", "myan"),
            Some(MatchKind::WordPrefix)
        );
        assert_eq!(match_kind("belarus", "rus"), Some(MatchKind::Inside));
        assert_eq!(match_kind("china", "rus"), None);
        assert_eq!(match_kind("china", ""), None);
        assert!(MatchKind::Whole < MatchKind::Prefix);
        assert!(MatchKind::Prefix < MatchKind::WordPrefix);
        assert!(MatchKind::WordPrefix < MatchKind::Inside);
    }

    fn index(names: &[&'static str]) -> NameIndex<&'static str> {
        NameIndex::new(names.iter().map(|n| (*n, [*n])))
    }

    #[test]
    fn prefix_matches_come_first_then_the_given_order() {
        let ix = index(&[
            "Belarus",
            "China",
            "MTA (Myanmar)*",
            "Myanmar",
            "Russia",
            "South Africa",
            "Ukraine",
        ]);
        assert_eq!(ix.search("rus", |_| false), ["Russia", "Belarus"]);
        assert_eq!(ix.search("RUS", |_| false), ["Russia", "Belarus"]);
        assert_eq!(ix.search("myan", |_| false), ["Myanmar", "MTA (Myanmar)*"]);
        assert_eq!(ix.search("a", |_| false)[0], "South Africa");
        assert_eq!(ix.search("af", |_| false), ["South Africa"]);
        assert_eq!(ix.search("zzz", |_| false), Vec::<&str>::new());
        // An exact name beats a longer one that starts the same.
        let ix = index(&["Korea, North", "Korea, South", "Korea"]);
        assert_eq!(ix.search("korea", |_| false)[0], "Korea");
    }

    #[test]
    fn accents_and_case_do_not_matter_either_way() {
        let ix = index(&["Côte d'Ivoire", "Curaçao", "Türkiye", "Viet Nam"]);
        assert_eq!(ix.search("cote", |_| false), ["Côte d'Ivoire"]);
        assert_eq!(ix.search("CÔTE D’IV", |_| false), ["Côte d'Ivoire"]);
        assert_eq!(ix.search("cote divoire", |_| false), ["Côte d'Ivoire"]);
        assert_eq!(ix.search("curacao", |_| false), ["Curaçao"]);
        assert_eq!(ix.search("turk", |_| false), ["Türkiye"]);
        assert_eq!(ix.search("nam", |_| false), ["Viet Nam"]);
        // Accents typed where the name has none.
        let ix = index(&["Turkiye"]);
        assert_eq!(ix.search("Tür", |_| false), ["Turkiye"]);
    }

    #[test]
    fn any_of_a_candidates_names_counts_at_its_best() {
        let ix: NameIndex<u32> = NameIndex::new([
            (1, vec!["Viet Nam", "Vietnam"]),
            (2, vec!["Россия", "Russia"]),
            (3, vec!["Belarus", "Беларусь"]),
        ]);
        assert_eq!(ix.search("vietn", |_| false), [1]);
        assert_eq!(ix.search("росс", |_| false), [2]);
        assert_eq!(ix.search("РОСС", |_| false), [2]);
        assert_eq!(ix.search("rus", |_| false), [2, 3]);
        assert_eq!(ix.len(), 3);
    }

    #[test]
    fn chosen_candidates_are_left_out_and_an_empty_query_lists_the_rest() {
        let ix = index(&["China", "Russia", "Ukraine"]);
        assert_eq!(ix.search("", |k| k == "Russia"), ["China", "Ukraine"]);
        assert_eq!(ix.search("  ", |_| false), ["China", "Russia", "Ukraine"]);
        assert_eq!(ix.search("r", |k| k == "Russia"), ["Ukraine"]);
        assert!(NameIndex::<u8>::new(Vec::<(u8, Vec<&str>)>::new()).is_empty());
    }

    #[test]
    fn hostile_queries_never_panic() {
        let ix = index(&["China", "Russia"]);
        for q in [
            "\u{0}",
            "\u{202E}rus",
            "İ",
            "ﬃ",
            "🇷🇺",
            "(",
            "\\",
            ".*",
            &"a".repeat(10_000),
        ] {
            let _ = ix.search(q, |_| false);
        }
        assert_eq!(ix.search("\u{202E}rus", |_| false), ["Russia"]);
    }
}
