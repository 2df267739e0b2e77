//! The newsroom's videos (`/admin/videos`), for contributors, journalists, editors and admins
//! (whoever may use the media library): the list, newest first, and a form to add or edit a
//! video — its title, section, duration, its own date, description and article, a poster (an
//! image of the media library, chosen among the latest, typed as a path, or sent with the form
//! and stored in the library) and either an uploaded MP4 or WebM file or the address of a video
//! hosted elsewhere (https only). A video
//! appears at once in the "À regarder" rail and has its page at `/videos/{slug}_{id}.html`.
//!
//! The form is `multipart/form-data` and its `csrf` field comes before the file, so that a
//! forged form is refused before any of its file is read. The file is streamed to disk, never
//! held in memory: its first bytes must be those of an MP4 (`ftyp` box) or a WebM (EBML magic)
//! file, else nothing is written. It is written under a hidden temporary name and renamed to
//! `YYYY/MM/DD/{slug}-{tag}.mp4|webm` in the media folder once complete; whatever is refused or
//! fails afterwards (a bad field, a database error, a dropped connection) deletes it, so the
//! disk holds no file without its row. The media folder is served at `/media/` by tower-http's
//! `ServeDir`, which answers `Range` requests (206): browsers can seek in the video.
//!
//! There is no owner column on videos: a journalist may edit a video that no public article
//! shows, as they may describe such an image of the media library. Once published or scheduled
//! articles show it (hero or body), only editors, admins and journalists who publish in every
//! section of those articles may change it (the store decides inside its write, see
//! `kiosque_store::media_rights`); each accepted change is a revision shown under the form.
//!
//! Recognising and storing the file is `kiosque_media`'s work ([`kiosque_media::VideoUpload`]);
//! this module reads the form, checks its fields and records the video.

mod checks;
mod editor;
mod form;
mod list;
mod poster;
mod routes;
mod save;
mod upload;

pub use checks::embed_host;
pub(crate) use checks::{format_duration, parse_duration};
pub use routes::routes;
pub(crate) use upload::{drain, read_text};
