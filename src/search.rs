//! Full-text search: the query language, the normalized text it runs
//! against, matching and ranking.
//!
//! Pure like `model`: no git, no terminal, no files. The store keeps each
//! ticket's normalized text in its cache ([`normalize`]) and hands it here
//! to be matched; this module must not import `store` or `cli`.
//!
//! Text is normalized to lowercase words separated by single spaces, each
//! field padded with a space on both sides, so every query term becomes one
//! substring search: a word `vpn` is ` vpn `, a prefix `conn*` is ` conn`,
//! and a phrase `"drops every"` is ` drops every `.

use memchr::memmem::Finder;

/// How much more a match in the title counts than one in the body.
const TITLE_WEIGHT: u32 = 3;

/// BM25's term-frequency saturation and length normalization.
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// A query that cannot be searched for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// The query holds no word to look for.
    #[error("nothing to search for: give at least one word")]
    Empty,
    /// A phrase was opened with `"` and not closed.
    #[error("unclosed quote in the search text")]
    UnclosedQuote,
}

/// A parsed query: every term must match (in the title or the body).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    patterns: Vec<String>,
}

impl Query {
    /// Parses `text`: words, `"phrases of words"` and prefixes (`conn*`),
    /// combined with AND. Punctuation separates words, as in the text.
    pub fn parse(text: &str) -> Result<Query, QueryError> {
        let mut patterns = Vec::new();
        let mut rest = text;
        while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
            rest = &rest[start..];
            let (term, after) = if let Some(inner) = rest.strip_prefix('"') {
                let end = inner.find('"').ok_or(QueryError::UnclosedQuote)?;
                (&inner[..end], &inner[end + 1..])
            } else {
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                (&rest[..end], &rest[end..])
            };
            rest = after;
            let prefix = term.trim_end().ends_with('*');
            let words = words(term);
            if words.is_empty() {
                continue;
            }
            // A word with inner punctuation (`e-mail`) is the phrase of its
            // parts, exactly as the text was normalized.
            patterns.push(pattern(&words, prefix));
        }
        if patterns.is_empty() {
            return Err(QueryError::Empty);
        }
        Ok(Query { patterns })
    }

    /// Returns the number of terms.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    /// Returns true when the query has no term (never, once parsed).
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }
}

fn pattern(words: &[String], prefix: bool) -> String {
    let mut p = format!(" {}", words.join(" "));
    if !prefix {
        p.push(' ');
    }
    p
}

/// Splits text into lowercase words: runs of letters and digits.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Returns the normalized search text of `fields`: each field's words,
/// lowercase, separated by one space, padded with a space on both sides;
/// fields joined by a newline, so a phrase never spans two fields.
pub fn normalize<'a>(fields: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    normalize_into(&mut out, fields);
    out
}

/// Like [`normalize`], appending the text to what `out` holds: a caller
/// that normalizes many texts reuses one buffer instead of growing a new
/// string for each.
pub fn normalize_into<'a>(out: &mut String, fields: impl IntoIterator<Item = &'a str>) {
    // Written word by word into one string: a cold list normalizes the
    // text of every ticket, and a string per word was a few percent of it.
    let start = out.len();
    for field in fields {
        let mut words = field
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .peekable();
        if words.peek().is_none() {
            continue;
        }
        if out.len() > start {
            out.push('\n');
        }
        out.push(' ');
        for word in words {
            push_lowercase(out, word);
            out.push(' ');
        }
    }
}

/// Appends `word` lowercased to `out`, as `str::to_lowercase` gives it.
fn push_lowercase(out: &mut String, word: &str) {
    if word.is_ascii() {
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_lowercase();
    } else {
        out.push_str(&word.to_lowercase());
    }
}

/// A query compiled for matching many documents.
pub struct Matcher {
    finders: Vec<Finder<'static>>,
}

/// How often each term occurs in one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Hits {
    /// Per term: weighted occurrences (title counts [`TITLE_WEIGHT`] times).
    pub counts: Vec<u32>,
    /// The document's length in bytes, for length normalization.
    pub len: usize,
}

impl Matcher {
    /// Compiles `query`.
    pub fn new(query: &Query) -> Matcher {
        Matcher {
            finders: query
                .patterns
                .iter()
                .map(|p| Finder::new(p.as_bytes()).into_owned())
                .collect(),
        }
    }

    /// Counts each term in a document's normalized title and body; `df`
    /// gains one for every term present. Returns the hits when every term
    /// is present.
    pub fn hits(&self, title: &str, body: &str, df: &mut [u64]) -> Option<Hits> {
        let mut counts = Vec::with_capacity(self.finders.len());
        let mut all = true;
        for (finder, df) in self.finders.iter().zip(df.iter_mut()) {
            let count = |hay: &str| {
                u32::try_from(finder.find_iter(hay.as_bytes()).count()).unwrap_or(u32::MAX)
            };
            let n = count(title)
                .saturating_mul(TITLE_WEIGHT)
                .saturating_add(count(body));
            if n > 0 {
                *df += 1;
            } else {
                all = false;
            }
            counts.push(n);
        }
        all.then(|| Hits {
            counts,
            len: title.len() + body.len(),
        })
    }
}

/// Corpus-wide figures that ranking needs.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// Documents searched.
    pub docs: u64,
    /// Total length of all documents, in bytes.
    pub total_len: u64,
    /// Per term: documents that contain it.
    pub df: Vec<u64>,
}

impl Corpus {
    /// Adds the figures of another part of the corpus.
    pub fn add(&mut self, other: &Corpus) {
        self.docs += other.docs;
        self.total_len += other.total_len;
        if self.df.len() < other.df.len() {
            self.df.resize(other.df.len(), 0);
        }
        for (a, b) in self.df.iter_mut().zip(&other.df) {
            *a += b;
        }
    }

    /// Returns the BM25 score of a matching document: rare terms and
    /// repeated ones count more, long documents a little less.
    pub fn score(&self, hits: &Hits) -> f64 {
        let docs = self.docs.max(1) as f64;
        let avg = (self.total_len as f64 / docs).max(1.0);
        let norm = K1 * (1.0 - B + B * hits.len as f64 / avg);
        hits.counts
            .iter()
            .zip(&self.df)
            .map(|(&tf, &df)| {
                let df = df as f64;
                // `libm` rather than `f64::ln`: this is tk's only use of
                // the C math library, and linking it cost every command's
                // start-up one more shared library to load.
                let idf = libm::log(1.0 + (docs - df + 0.5) / (df + 0.5));
                let tf = f64::from(tf);
                idf * tf * (K1 + 1.0) / (tf + norm)
            })
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(query: &str, title: &str, body: &str) -> bool {
        let query = Query::parse(query).expect("valid query");
        let mut df = vec![0; query.len()];
        Matcher::new(&query)
            .hits(&normalize([title]), &normalize([body]), &mut df)
            .is_some()
    }

    #[test]
    fn normalize_writes_what_lowercasing_each_word_gives() {
        let fields = [
            "The VPN drops, every 10 MINUTES!",
            "",
            "  --  ",
            "ΟΔΟΣ Σίσυφος ΣΑΣ İstanbul straße ǅemal",
            "e-mail\tbounces\nagain",
        ];
        let mut expected = String::new();
        for field in fields {
            let words = words(field);
            if words.is_empty() {
                continue;
            }
            if !expected.is_empty() {
                expected.push('\n');
            }
            expected.push(' ');
            for word in words {
                expected.push_str(&word);
                expected.push(' ');
            }
        }
        assert_eq!(normalize(fields), expected);
    }

    #[test]
    fn normalize_lowercases_and_pads_words() {
        assert_eq!(
            normalize(["VPN drops, every 10 min!"]),
            " vpn drops every 10 min "
        );
        assert_eq!(normalize(["a", "", "b c"]), " a \n b c ");
    }

    #[test]
    fn words_match_whole_words_only() {
        assert!(matches("vpn", "The VPN drops", ""));
        assert!(!matches("vp", "The VPN drops", ""));
        assert!(matches("VPN printer", "VPN", "the printer jams"));
        assert!(!matches("vpn printer", "VPN", "nothing else"));
    }

    #[test]
    fn prefixes_match_word_starts() {
        assert!(matches("conn*", "", "connection refused"));
        assert!(!matches("onn*", "", "connection refused"));
    }

    #[test]
    fn phrases_need_the_words_in_order_within_one_field() {
        assert!(matches("\"drops every\"", "vpn drops every minute", ""));
        assert!(!matches("\"every drops\"", "vpn drops every minute", ""));
        assert!(!matches("\"vpn drops\"", "vpn", "drops"));
        assert!(matches("\"drops ev*\"", "vpn drops every minute", ""));
    }

    #[test]
    fn punctuation_inside_a_word_searches_its_parts_in_order() {
        assert!(matches("e-mail", "", "my e-mail bounces"));
        assert!(matches("e-mail", "", "my e mail bounces"));
        assert!(!matches("e-mail", "", "mail e bounces"));
    }

    #[test]
    fn bad_queries_are_refused() {
        assert_eq!(Query::parse("  "), Err(QueryError::Empty));
        assert_eq!(Query::parse("--- *"), Err(QueryError::Empty));
        assert_eq!(Query::parse("\"open"), Err(QueryError::UnclosedQuote));
    }

    #[test]
    fn titles_and_repeats_rank_higher() {
        let query = Query::parse("printer").expect("valid");
        let matcher = Matcher::new(&query);
        let mut corpus = Corpus {
            df: vec![0],
            ..Corpus::default()
        };
        let docs = [
            ("printer jams", "it jams"),
            ("paper", "the printer jams"),
            ("paper", "printer printer printer"),
            ("other", "nothing"),
        ];
        let hits: Vec<Option<Hits>> = docs
            .iter()
            .map(|(t, b)| {
                let (t, b) = (normalize([*t]), normalize([*b]));
                corpus.docs += 1;
                corpus.total_len += (t.len() + b.len()) as u64;
                matcher.hits(&t, &b, &mut corpus.df)
            })
            .collect();
        let score = |i: usize| corpus.score(hits[i].as_ref().expect("matches"));
        assert!(hits[3].is_none());
        assert!(score(0) > score(1), "a title match beats a body match");
        assert!(score(2) > score(1), "three mentions beat one");
    }
}
