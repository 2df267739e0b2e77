//! The site's words: templates and handlers ask for them with `crate::i18n::t` (and `t1` …
//! `t3` with arguments), from the catalogue of the language the site was started in. A module
//! of its own, so that the files asking for words depend on it and not on `lib.rs`.

pub(crate) use kiosque_i18n::{t, t1, t2, t3};
