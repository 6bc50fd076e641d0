//! Which language the UI speaks: the locales shipped, and how one is chosen.

/// A language the UI can be shown in. Number formatting is complete for all of them;
/// the translation tables of some are partial (missing keys fall back to English).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    #[default]
    En,
    Fr,
    De,
    Ru,
}

impl Locale {
    /// Every locale, in the order the language switch lists them.
    pub const ALL: [Locale; 4] = [Locale::En, Locale::Fr, Locale::De, Locale::Ru];

    /// The BCP 47 tag, for `<html lang>` and the `lang=` URL parameter.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Fr => "fr",
            Locale::De => "de",
            Locale::Ru => "ru",
        }
    }

    /// The language's name in itself, for the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Fr => "Français",
            Locale::De => "Deutsch",
            Locale::Ru => "Русский",
        }
    }

    /// Reads a language tag such as `fr`, `fr-CA`, `de_AT`, `RU`: the primary subtag
    /// decides. `None` for languages Arms Atlas does not ship.
    pub fn parse(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Locale::ALL.into_iter().find(|l| l.tag() == primary)
    }

    /// The first supported language among the reader's preferences (in the order of
    /// `navigator.languages`), else English.
    pub fn negotiate<'a>(preferences: impl IntoIterator<Item = &'a str>) -> Locale {
        preferences
            .into_iter()
            .find_map(Locale::parse)
            .unwrap_or_default()
    }

    /// The locale to show: a valid `lang=` URL parameter wins, then the browser's list.
    pub fn choose<'a>(
        url_lang: Option<&str>,
        preferences: impl IntoIterator<Item = &'a str>,
    ) -> Locale {
        url_lang
            .and_then(Locale::parse)
            .unwrap_or_else(|| Locale::negotiate(preferences))
    }
}

/// The text with its first letter in upper case (for a category name heading a list
/// item: `aéronefs` → `Aéronefs`).
pub fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation_takes_the_first_supported() {
        assert_eq!(Locale::negotiate(["ja-JP", "de-AT", "fr"]), Locale::De);
        assert_eq!(Locale::negotiate(["pt-BR", "es"]), Locale::En);
        assert_eq!(Locale::negotiate([] as [&str; 0]), Locale::En);
        assert_eq!(Locale::negotiate(["RU_ru"]), Locale::Ru);
        assert_eq!(Locale::choose(Some("fr"), ["de-DE"]), Locale::Fr);
        assert_eq!(Locale::choose(Some("xx"), ["de-DE"]), Locale::De);
        assert_eq!(Locale::choose(None, ["en-GB", "fr"]), Locale::En);
        assert_eq!(Locale::parse(""), None);
        assert_eq!(capitalize("aéronefs"), "Aéronefs");
        assert_eq!(capitalize("élan"), "Élan");
        assert_eq!(capitalize(""), "");
        for l in Locale::ALL {
            assert_eq!(Locale::parse(l.tag()), Some(l));
        }
    }
}
