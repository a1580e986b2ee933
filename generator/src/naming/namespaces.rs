//! Cloudflare's component names: the namespace before the first `_`, and the hash
//! tokens its bundler added, which never reach a Rust name.

/// Whether a `-`/`_`-separated token of a component name is a hash the spec's bundler
/// added to keep names apart (`CEKIIMjh` in `account_identifier-CEKIIMjh`, `9mKreotC` in
/// `9mKreotC_dns-record`): eight letters and digits that mix digits with letters, or mix
/// cases in a way no camelCase or PascalCase word does (`YQbtxKNc`, but not `ZoneName`).
/// Such a token never reaches a Rust name.
pub fn is_hash_token(token: &str) -> bool {
    if token.len() != 8 || !token.chars().all(|c| c.is_ascii_alphanumeric()) {
        return false;
    }
    let digits = token.chars().filter(char::is_ascii_digit).count();
    let upper = token.chars().filter(char::is_ascii_uppercase).count();
    let lower = token.chars().filter(char::is_ascii_lowercase).count();
    if digits > 0 {
        return upper + lower > 0;
    }
    if upper >= 2 && lower >= 1 && !is_camel_words(token) && !is_acronym_and_word(token) {
        return true;
    }
    // Letters only, in a casing a word could have (`Messages`, `SkipRule`, `gBujMtLc`):
    // a hash where the parts do not read as words.
    upper >= 1 && !reads_as_words(token)
}

/// Whether a token's parts read as words: split before each capital that starts a word
/// (`SkipRule` is `Skip`, `Rule`; `DSRecord` is `DS`, `Record`), every part but the first
/// has three letters or more and a vowel, none has five consonants in a row or a `q`
/// without its `u`, and the token does not end in a capital. `Messages`, `Response`,
/// `ZoneName`, `dnsZones` and `MXRecord` read as words; `gBujMtLc`, `WvQtmVmp`,
/// `Eppbglpa`, `CunikQsv` and `jwoggzwF` do not.
fn reads_as_words(token: &str) -> bool {
    let chars: Vec<char> = token.chars().collect();
    if chars.last().is_some_and(char::is_ascii_uppercase) {
        return false;
    }
    let mut parts: Vec<String> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        // A capital starts a part unless it continues a run of capitals that is no
        // word's start (`DS` of `DSRecord`).
        let starts = i == 0
            || (c.is_ascii_uppercase()
                && (!chars[i - 1].is_ascii_uppercase()
                    || chars.get(i + 1).is_some_and(char::is_ascii_lowercase)));
        if starts {
            parts.push(String::new());
        }
        if let Some(part) = parts.last_mut() {
            part.push(c.to_ascii_lowercase());
        }
    }
    let vowel = |c: char| "aeiouy".contains(c);
    parts.iter().enumerate().all(|(i, part)| {
        let letters: Vec<char> = part.chars().collect();
        let consonant_run = letters
            .split(|&c| vowel(c))
            .map(<[char]>::len)
            .max()
            .unwrap_or(0);
        let lone_q =
            letters.windows(2).any(|w| w[0] == 'q' && w[1] != 'u') || letters.last() == Some(&'q');
        (i == 0 || (letters.len() >= 3 && letters.iter().any(|&c| vowel(c))))
            && consonant_run < 5
            && !lone_q
    })
}

/// `MXRecord`, `DSRecord`: capitals (an acronym and the next word's first letter), then
/// four or more small letters to the end that read like a word (a third of them vowels).
/// A bundler's hash is rarely that regular: `CEKIIMjh` ends in two small letters,
/// `CRHIdnps` and `YDXjjdxa` in too few vowels.
fn is_acronym_and_word(token: &str) -> bool {
    let upper = token.chars().take_while(char::is_ascii_uppercase).count();
    let rest = &token[upper..];
    let vowels = rest.chars().filter(|c| "aeiouy".contains(*c)).count();
    upper >= 2
        && rest.len() >= 4
        && rest.chars().all(|c| c.is_ascii_lowercase())
        && vowels * 3 >= rest.len()
}

/// `ZoneName`, `zoneName`: words that each start with one capital (the first may not).
fn is_camel_words(token: &str) -> bool {
    let chars: Vec<char> = token.chars().collect();
    chars.iter().enumerate().all(|(i, c)| {
        // A capital is followed by a small letter: no two capitals in a row, none last.
        !c.is_ascii_uppercase() || chars.get(i + 1).is_some_and(char::is_ascii_lowercase)
    })
}

/// A component name without its hash tokens: `account_identifier-CEKIIMjh` is
/// `account_identifier`. A name that is nothing but hashes stays as it is.
pub fn without_hashes(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut token = String::new();
    let flush = |token: &mut String, out: &mut String, sep: Option<char>| {
        if !is_hash_token(token) {
            out.push_str(token);
            if let Some(c) = sep {
                out.push(c);
            }
        }
        token.clear();
    };
    for c in raw.chars() {
        if c == '-' || c == '_' {
            flush(&mut token, &mut out, Some(c));
        } else {
            token.push(c);
        }
    }
    flush(&mut token, &mut out, None);
    let trimmed = out.trim_matches(['-', '_']).to_string();
    if trimmed.is_empty() {
        raw.to_string()
    } else {
        trimmed
    }
}

/// A namespaced component name split into its namespace and the rest:
/// `dns-records_dns-record` is (`dns-records`, `dns-record`). Cloudflare's names are
/// `<namespace>_<name>`, the namespace lower-case words joined by `-`.
pub fn split_namespace(raw: &str) -> Option<(&str, &str)> {
    let (ns, rest) = raw.split_once('_')?;
    let word = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
    let valid = !ns.is_empty() && ns.chars().all(word) && !ns.starts_with('-') && !rest.is_empty();
    valid.then_some((ns, rest))
}
