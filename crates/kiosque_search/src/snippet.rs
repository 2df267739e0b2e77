//! Search snippets as a reader sees them: the site's typography (French: « » ’ and no-break
//! spaces; English: “ ” ’), cut at word boundaries with an ellipsis where the excerpt starts or
//! ends in the middle of the text, and consecutive highlighted words (a phrase, "Bachar
//! al-Assad") marked as one run.
//!
//! tantivy picks the best fragment and the matching words; the typography is applied to the
//! whole text first (paragraph by paragraph, so that quotes pair up), since the analyzer splits
//! on the same letters and digits either way and the offsets then point into what is shown.

use std::ops::Range;

use kiosque_domain::typography::typeset;
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::TextAnalyzer;

/// A run of a snippet: text, highlighted or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnippetRun {
    pub text: String,
    pub highlighted: bool,
}

/// How far a cut may move to reach a space: a longer "word" (a URL) is cut where it is.
const MAX_WIDEN: usize = 40;
const ELLIPSIS: &str = "…";
const NBSP: char = '\u{a0}';

/// The text snippets are cut from: each paragraph of the body with the site's typography.
pub(crate) fn display_text(body: &str) -> String {
    body.lines().map(typeset).collect::<Vec<_>>().join("\n")
}

/// What opens a snippet cut in mid-text: French binds the ellipsis to the word after it with a
/// no-break space; English writes them together ("…Putin spoke").
fn leading_ellipsis() -> String {
    if kiosque_i18n::current().french_typography() {
        format!("{ELLIPSIS}{NBSP}")
    } else {
        ELLIPSIS.to_owned()
    }
}

/// A body longer than this is not read whole for its snippet: analysing every word (stemming
/// them) was most of a search's time once the page itself is found quickly.
const WINDOW: usize = 2_000;

/// What cuts the snippets of one search: tantivy's generator, and the beginnings of the query's
/// words to find cheaply where in a long body the generator should look.
pub(crate) struct Snippets {
    pub generator: SnippetGenerator,
    /// The first letters of each stem the query looks for in the body (a stem may end
    /// differently from the word it comes from: `différence` → `différent`).
    pub prefixes: Vec<String>,
    /// The analyzer without its stemmer: words lowercased and folded.
    pub quick: TextAnalyzer,
}

/// The snippet of `body` for the generator's query; empty when the body has no match.
pub(crate) fn snippet(s: &Snippets, body: &str) -> Vec<SnippetRun> {
    let text = display_text(body);
    // The generator reads a window around the first word that may match, and the whole text
    // only when the window holds no match.
    let window = (text.len() > WINDOW)
        .then(|| window(&text, s))
        .flatten()
        .and_then(|range| {
            let found = s.generator.snippet(&text[range.clone()]);
            (!found.fragment().is_empty()).then_some((range.start, found))
        });
    let (base, found) = match window {
        Some(w) => w,
        None => (0, s.generator.snippet(&text)),
    };
    let fragment = found.fragment();
    if fragment.is_empty() {
        return Vec::new();
    }
    // The fragment is a slice of `text`, copied: find where it was taken from.
    let Some(start) = text[base..].find(fragment).map(|i| i + base) else {
        return Vec::new();
    };
    let highlights: Vec<Range<usize>> = found
        .highlighted()
        .iter()
        .map(|r| r.start + start..r.end + start)
        .collect();
    shape(&text, start..start + fragment.len(), &highlights)
}

/// [`WINDOW`] bytes of `text` around the first word beginning like one of the query's stems.
fn window(text: &str, s: &Snippets) -> Option<Range<usize>> {
    let mut quick = s.quick.clone();
    let mut tokens = quick.token_stream(text);
    let mut first = None;
    while let Some(t) = tokens.next() {
        if s.prefixes.iter().any(|p| t.text.starts_with(p.as_str())) {
            first = Some(t.offset_from);
            break;
        }
    }
    let mut start = first?.saturating_sub(WINDOW / 4);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (start + WINDOW).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    Some(start..end)
}

/// A space where a line may break (not a no-break space, which binds « to its word).
fn breakable(c: char) -> bool {
    c.is_whitespace() && c != NBSP && c != '\u{202f}' && c != '\u{2007}'
}

fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Cuts `text[fragment]` at word boundaries, adds the ellipses, and splits it into runs with
/// `highlights` (byte ranges into `text`, sorted) merged where only spaces or hyphens separate
/// them.
pub(crate) fn shape(
    text: &str,
    fragment: Range<usize>,
    highlights: &[Range<usize>],
) -> Vec<SnippetRun> {
    let (start, end) = widen(text, fragment);
    let before = text[..start].trim_end_matches(|c: char| c.is_whitespace() && c != '\n');
    let at_start = before.is_empty()
        || before.ends_with('\n')
        || before.chars().next_back().is_some_and(ends_sentence);
    let mut body = text[start..end].trim_end_matches(char::is_whitespace);
    let rest =
        text[start + body.len()..].trim_start_matches(|c: char| c.is_whitespace() && c != '\n');
    let at_end = rest.is_empty()
        || rest.starts_with('\n')
        || body.chars().next_back().is_some_and(ends_sentence);
    if !at_end {
        // "la ville, …" reads badly: the cut drops a dangling comma or colon.
        body = body.trim_end_matches(|c: char| matches!(c, ',' | ';' | ':') || c.is_whitespace());
    }
    let stop = start + body.len();
    let marks = merge(text, highlights, start, stop);
    let mut runs: Vec<SnippetRun> = Vec::new();
    let mut push = |t: &str, highlighted: bool| {
        if t.is_empty() {
            return;
        }
        match runs.last_mut() {
            Some(last) if last.highlighted == highlighted => last.text.push_str(t),
            _ => runs.push(SnippetRun {
                text: t.to_owned(),
                highlighted,
            }),
        }
    };
    if !at_start {
        push(&leading_ellipsis(), false);
    }
    let mut at = start;
    for m in &marks {
        push(&text[at..m.start], false);
        push(&text[m.clone()], true);
        at = m.end;
    }
    push(&text[at..stop], false);
    if !at_end {
        push(ELLIPSIS, false);
    }
    runs
}

/// Moves the start back and the end forward to the nearest breakable space (or the text's
/// ends), within [`MAX_WIDEN`] characters.
fn widen(text: &str, fragment: Range<usize>) -> (usize, usize) {
    let start = fragment.start.min(text.len());
    let end = fragment.end.clamp(start, text.len());
    let back = text[..start]
        .char_indices()
        .rev()
        .take(MAX_WIDEN)
        .find(|(_, c)| breakable(*c))
        .map(|(i, c)| i + c.len_utf8());
    let start = match back {
        Some(i) => i,
        None if text[..start].chars().count() <= MAX_WIDEN => 0,
        None => start,
    };
    let forward = text[end..]
        .char_indices()
        .take(MAX_WIDEN)
        .find(|(_, c)| breakable(*c))
        .map(|(i, _)| end + i);
    let end = match forward {
        Some(i) => i,
        None if text[end..].chars().count() <= MAX_WIDEN => text.len(),
        None => end,
    };
    (start, end)
}

/// The highlights within `start..stop`, clipped, with neighbours joined when the text between
/// them is only spaces, hyphens or apostrophes: the words of a phrase make one mark.
fn merge(text: &str, highlights: &[Range<usize>], start: usize, stop: usize) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in highlights {
        let (a, b) = (r.start.max(start), r.end.min(stop));
        if a >= b || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
            continue;
        }
        if let Some(last) = out.last_mut() {
            if a < last.end {
                last.end = last.end.max(b);
                continue;
            }
            let gap = &text[last.end..a];
            if gap.chars().all(|c| {
                c.is_whitespace() && c != '\n' || matches!(c, '-' | '\u{2011}' | '\'' | '’')
            }) {
                last.end = b;
                continue;
            }
        }
        out.push(a..b);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn plain(runs: &[SnippetRun]) -> String {
        runs.iter().map(|r| r.text.as_str()).collect()
    }

    fn marked(runs: &[SnippetRun]) -> Vec<&str> {
        runs.iter()
            .filter(|r| r.highlighted)
            .map(|r| r.text.as_str())
            .collect()
    }

    fn range_of(text: &str, word: &str) -> Range<usize> {
        let i = text.find(word).expect("word");
        i..i + word.len()
    }

    #[test]
    fn typography_applies_paragraph_by_paragraph() {
        assert_eq!(
            display_text("l'armée \"un pas\"\nun \"seul"),
            "l’armée «\u{a0}un pas\u{a0}»\nun \"seul"
        );
    }

    #[test]
    fn a_cut_in_mid_text_gets_ellipses_at_word_boundaries() {
        let text = "Vladimir Poutine s’est entretenu avec Bachar Al-Assad, vendredi 23 décembre, pour le féliciter.";
        // A fragment starting inside "Poutine" and ending inside "vendredi".
        let a = text.find("tine").expect("a");
        let b = text.find("dredi").expect("b");
        let runs = shape(text, a..b, &[range_of(text, "Bachar")]);
        assert_eq!(
            plain(&runs),
            "…\u{a0}Poutine s’est entretenu avec Bachar Al-Assad, vendredi…"
        );
        assert_eq!(marked(&runs), ["Bachar"]);
    }

    #[test]
    fn no_ellipsis_at_the_ends_of_the_text_nor_after_a_sentence() {
        let text = "Alep est tombée. La ville est détruite.";
        let runs = shape(text, text.find("La").expect("la")..text.len(), &[]);
        assert_eq!(plain(&runs), "La ville est détruite.");
        let runs = shape(text, 0..text.find(" est tombée").expect("e"), &[]);
        assert_eq!(plain(&runs), "Alep…");
        let text = "Premier paragraphe\nSecond paragraphe sans point";
        let runs = shape(text, text.find("Second").expect("s")..text.len(), &[]);
        assert_eq!(plain(&runs), "Second paragraphe sans point");
    }

    #[test]
    fn a_phrase_is_one_mark() {
        let text = "Le président Bachar al-Assad et Bachar lui-même";
        let hl = [
            range_of(text, "Bachar"),
            range_of(text, "al"),
            range_of(text, "Assad"),
            text.rfind("Bachar").map(|i| i..i + 6).expect("second"),
        ];
        let runs = shape(text, 0..text.len(), &hl);
        assert_eq!(marked(&runs), ["Bachar al-Assad", "Bachar"]);
    }

    fn text_strategy() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            (
                "[a-zéèàç’«»]{1,9}",
                prop_oneof![
                    Just(" "),
                    Just("-"),
                    Just(", "),
                    Just(". "),
                    Just("\n"),
                    Just("\u{a0}"),
                ],
            ),
            0..40,
        )
        .prop_map(|words| words.into_iter().map(|(w, s)| format!("{w}{s}")).collect())
    }

    proptest! {
        #[test]
        fn snippets_are_pieces_of_the_text(
            text in text_strategy(),
            cuts in proptest::collection::vec(0usize..400, 2..8),
        ) {
            // Byte positions on character boundaries, sorted: a fragment and highlights.
            let mut at: Vec<usize> = cuts
                .iter()
                .map(|c| {
                    let mut c = (*c).min(text.len());
                    while !text.is_char_boundary(c) {
                        c -= 1;
                    }
                    c
                })
                .collect();
            at.sort_unstable();
            let fragment = at[0]..at[at.len() - 1];
            let highlights: Vec<Range<usize>> =
                at[1..at.len() - 1].chunks(2).filter(|p| p.len() == 2).map(|p| p[0]..p[1]).collect();
            let runs = shape(&text, fragment, &highlights);
            let shown = plain(&runs);
            let core = shown
                .strip_prefix("…\u{a0}")
                .unwrap_or(&shown);
            let core = core.strip_suffix('…').unwrap_or(core);
            prop_assert!(text.contains(core), "{shown:?} not in {text:?}");
            for w in runs.windows(2) {
                prop_assert!(w[0].highlighted != w[1].highlighted, "runs alternate");
            }
            for r in &runs {
                prop_assert!(!r.text.is_empty());
            }
        }
    }
}
