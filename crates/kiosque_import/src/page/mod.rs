//! Article pages saved as plain text, parsed into an [`ImportedPage`].
//!
//! The input is what a browser's "save as text" (or a text dump of an archived page) gives for
//! an article of a French news site: one element per line, no markup. [`parse_page`] is pure:
//! no I/O, no clock, no panic on any input. It reads the page line by line with these rules.
//!
//! # Decoding
//!
//! * Pages larger than [`MAX_PAGE_BYTES`] are refused ([`PageError::TooLarge`]).
//! * A UTF-8 byte order mark is skipped. Nothing else (or only whitespace) left:
//!   [`PageError::Empty`].
//! * A NUL byte, or control characters (other than tab, LF, CR and form feed) making up more
//!   than 5 % of the bytes: [`PageError::Binary`]. This is checked before the encoding, so a
//!   PNG file is `Binary`, not `NotUtf8`.
//! * Not valid UTF-8 (a Latin-1 or Windows-1252 file, say): [`PageError::NotUtf8`].
//!
//! # Lines
//!
//! Lines end with LF, CRLF or a lone CR. Each line is cleaned: control and zero-width
//! characters are removed, tabs and runs of spaces become one space, and the line is trimmed
//! at both ends. Blank lines are ignored everywhere. Lines with no letter or digit at all (a
//! lone `-`, `***`, `•`) are separators: they never become text.
//!
//! # Title and topic
//!
//! The first non-blank line is the title. It is refused ([`PageError::NoTitle`]) when it is a
//! separator, an image reference, a boilerplate line, the `À regarder` rail heading, a date
//! line, or longer than [`MAX_TITLE_CHARS`] characters.
//!
//! The topic is the part of the title before the first ` : ` (a colon with whitespace on both
//! sides, as French typography writes it), when that part is at most [`MAX_TOPIC_CHARS`]
//! characters and [`MAX_TOPIC_WORDS`] words and something follows the colon:
//! `Syrie : Poutine appelle…` has the topic `Syrie`.
//!
//! # Image references
//!
//! A line `/YYYY/MM/DD/name.ext` with an optional closing `)` (what remains of a Markdown
//! image), where `ext` is `jpg`, `jpeg`, `png`, `gif` or `webp` in any case and `name` has no
//! whitespace or `/`. Images whose file name contains `placeholder` (any case) are dropped;
//! the others are kept in [`ImportedPage::images`] in page order, and the first kept one is the
//! hero. The date in the hero's path is the fallback publication date (an impossible date
//! such as `/2016/13/45/` is simply no date). Images are not body blocks.
//!
//! # Standfirst
//!
//! * With an image reference line: the text lines between the title and the first image
//!   reference line (placeholder or not) are the standfirst, joined with a space, provided
//!   there are at most [`MAX_STANDFIRST_LINES`] of them and they total at most
//!   [`MAX_STANDFIRST_CHARS`] characters. No line there: no standfirst. Too many or too long:
//!   they are read as if there were no image line (next rule), since the page then evidently
//!   has its images further down the body.
//! * Without an image reference line: the first text line is the standfirst only when it is
//!   at most [`MAX_LONE_STANDFIRST_CHARS`] characters, ends like a sentence (`.`, `!`, `?`,
//!   `…`, `»`, `"`, `”` or `)`) and the lines after it still hold at least one body paragraph.
//!   Otherwise it is body. (A page with no image and no standfirst whose first paragraph is
//!   short is therefore read as having a standfirst: the text alone cannot tell them apart.)
//!
//! # Dates
//!
//! A line that is wholly a publication stamp is metadata, never body:
//! `Publié le 23/12/2016 à 15:34`, optionally followed (after `-`, `–`, `—`, `|`, `·`, `,` or
//! `;`, or nothing) by `Mis à jour le 24/12/2016 à 09:02`; the update part may also stand on
//! its own line. Accepted forms: `Publié`/`Publie`; `Mis à jour`, `Modifié`, `Actualisé`
//! (with or without accents); an optional `le`; a date `23/12/2016` (also `23.12.2016`, one-
//! digit day and month) or `vendredi 23 décembre 2016` (weekday optional, `1er` accepted);
//! an optional time `à 15:34`, `à 15h34`, `à 15 h 34` or `à 15h`; a final `.`. Letter case
//! is ignored. A line that starts like a stamp but does not parse completely is body text.
//! The first publication stamp and the first update stamp found win.
//!
//! The publication date is the stamp's date when there is one, else the hero image's path
//! date, else none. The time is known only from a stamp.
//!
//! # Byline
//!
//! A line `Par Prénom Nom`, `Par A et B` or `Par A, B et C` (at most four names of at most
//! five words each; every word capitalised except the particles `de`, `du`, `des`, `d'`,
//! `la`, `le`, `van`, `von`, `di`, `da`, `del`, `ben`, `el`; at most 120 characters) names the
//! authors. It is metadata, never body. Only the first byline is used.
//!
//! # Boilerplate
//!
//! Dropped wherever it appears (letter case, typographic apostrophes, non-breaking spaces and
//! a final `:` ignored): `Commentaires`, `Voir les commentaires`, `Réagir`, `Se connecter`,
//! `S'inscrire`, `Déjà un compte ?`, `Déjà un compte ? Se connecter`, `Partager`,
//! `Partager l'article`, `Partager sur …` (Facebook, Twitter, X, LinkedIn, WhatsApp),
//! `Envoyer par e-mail`, `Copier le lien`, `Lire aussi`, `À lire aussi`, `Lire la suite`,
//! `Publicité`, `Abonnez-vous`, `S'abonner`, and any line starting with `Connectez-vous` and
//! ending with `pour commenter` (optionally followed by `.`).
//!
//! # Video rail
//!
//! The line `À regarder` (or `A regarder`, optionally with a final `:`) ends the article and
//! starts the rail. In the rail, separators (`-` lines) are skipped, image references
//! (thumbnails) are ignored, and every other line of at most [`MAX_TITLE_CHARS`] characters is
//! one video title, kept in page order (a title listed twice is kept once). The first
//! boilerplate line ends the rail; every text line after it is page chrome and ignored. Date
//! stamps are still read there.
//!
//! # Body
//!
//! The remaining text lines, in order, each become one block:
//!
//! * **Quote** when the line is wholly a quotation: it starts with `"`, `«` or `“`, the
//!   matching closing mark (nesting of `«»` and `“”` is counted) is followed by nothing, by a
//!   lone `.`, or by an attribution: at most [`MAX_ATTRIBUTION_CHARS`] characters, starting
//!   with `,` or a dash, with no quotation mark. The attribution, without its leading
//!   separator and trailing `.`, is the quote's `source`; the text is what lies between the
//!   outer marks, trimmed.
//! * **Intertitle** otherwise, when the line is at most [`MAX_INTERTITLE_CHARS`] characters,
//!   does not end with `.`, `…`, `:`, `,` or `;`, and is not the last body line.
//!   (`"Un pas très important" vers la paix` is one: its closing quote is followed by more
//!   than an attribution, so it is no quote.)
//! * **Paragraph** otherwise.
//!
//! A page whose body has no paragraph is refused ([`PageError::NoBody`]). So is a body that
//! an article could not hold: more than [`MAX_BLOCKS`] blocks ([`PageError::TooManyBlocks`])
//! or a block over [`MAX_BLOCK_CHARS`] characters ([`PageError::BlockTooLong`]). Hence for
//! every parsed page, [`ImportedPage::to_draft`] with a valid section slug passes
//! [`ArticleDraft::validate`].
//!
//! [`MAX_TITLE_CHARS`]: kiosque_domain::article::MAX_TITLE_CHARS
//! [`MAX_STANDFIRST_CHARS`]: kiosque_domain::article::MAX_STANDFIRST_CHARS
//! [`MAX_BLOCKS`]: kiosque_domain::article::MAX_BLOCKS
//! [`MAX_BLOCK_CHARS`]: kiosque_domain::article::MAX_BLOCK_CHARS
//! [`ArticleDraft::validate`]: kiosque_domain::ArticleDraft::validate

mod blocks;
mod lines;
mod meta;
mod model;
mod parse;
mod stamps;
#[cfg(test)]
mod test_support;
mod videos;

pub use blocks::{MAX_ATTRIBUTION_CHARS, MAX_INTERTITLE_CHARS};
pub use meta::{MAX_TOPIC_CHARS, MAX_TOPIC_WORDS};
pub use model::{ImportedPage, PageError, MAX_PAGE_BYTES};
pub use parse::{parse_page, MAX_LONE_STANDFIRST_CHARS, MAX_STANDFIRST_LINES};
