//! Feeds arbitrary bytes to the WordPress export reader. It must never panic nor loop: each
//! call reads an entry, the end, or an error, and the input is finite.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut r = kiosque_import::wordpress::WxrReader::new(data);
    for _ in 0..data.len() + 1 {
        match r.next_entry() {
            Ok(Some(_)) => {}
            Ok(None) | Err(_) => return,
        }
    }
    panic!("more entries than bytes");
});
