//! What one line of body text is, by its first characters.

/// What a trimmed line is, judged by its start alone.
pub(super) enum Line<'a> {
    Blank,
    Text(&'a str),
    /// A line starting with `\`: text, whatever follows.
    Escaped(&'a str),
    Intertitle(&'a str),
    /// The text after `>`; empty for a bare `>`, which Markdown writers use inside quotes.
    Quote(&'a str),
    Item {
        ordered: bool,
        text: &'a str,
    },
    /// The whole line, `![` included.
    Image(&'a str),
    /// What follows `::`.
    Directive(&'a str),
}

pub(super) fn classify(line: &str) -> Line<'_> {
    if line.is_empty() {
        return Line::Blank;
    }
    if let Some(rest) = line.strip_prefix('\\') {
        // A lone backslash has nothing to escape, so it is kept as typed.
        return Line::Escaped(if rest.is_empty() {
            line
        } else {
            rest.trim_start()
        });
    }
    if let Some(text) = after_marker(line, "##") {
        return Line::Intertitle(text);
    }
    if line == ">" {
        return Line::Quote("");
    }
    if let Some(text) = after_marker(line, ">") {
        return Line::Quote(text);
    }
    if let Some(text) = after_marker(line, "-") {
        return Line::Item {
            ordered: false,
            text,
        };
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        if let Some(text) = after_marker(&line[digits..], ".") {
            return Line::Item {
                ordered: true,
                text,
            };
        }
    }
    if line.starts_with("![") {
        return Line::Image(line);
    }
    if let Some(rest) = line.strip_prefix("::") {
        return Line::Directive(rest);
    }
    Line::Text(line)
}

/// The text after `marker` when the marker is followed by whitespace: requiring the space keeps
/// `##Syrie`, `-5 %` and `>50 ans` ordinary text.
fn after_marker<'a>(line: &'a str, marker: &str) -> Option<&'a str> {
    let rest = line.strip_prefix(marker)?;
    rest.starts_with(char::is_whitespace)
        .then(|| rest.trim_start())
}
