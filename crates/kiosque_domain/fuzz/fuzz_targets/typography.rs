//! Feeds arbitrary text to the typography rules, which every page applies to what authors and
//! archive pages wrote. They must never panic, never lose a letter or a digit, and headlines
//! may differ from body text only by non-breaking hyphens.

#![no_main]

use kiosque_domain::typography::{french, headline};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let body = french(text);
    let keep = |t: &str| {
        t.chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
    };
    assert_eq!(keep(&body), keep(text));
    let head = headline(text);
    assert_eq!(head.chars().count(), body.chars().count());
    for (a, b) in body.chars().zip(head.chars()) {
        assert!(a == b || (a == '-' && b == '\u{2011}'), "{text:?}");
    }
});
