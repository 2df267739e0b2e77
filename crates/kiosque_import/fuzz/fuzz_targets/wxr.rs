//! Feeds arbitrary bytes to the WordPress export reader, and each item's body to the body
//! converter. Neither may panic nor loop, and every converted body must be one the editor
//! reads back.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut r = kiosque_import::wordpress::WxrReader::new(data);
    for _ in 0..data.len() + 1 {
        match r.next_entry() {
            Ok(Some(kiosque_import::wordpress::Entry::Item(item))) => {
                let body = kiosque_import::wordpress::convert(&item.content, &|_| None);
                let text = kiosque_domain::markup::render(&body.blocks);
                if let Err(e) = kiosque_domain::markup::parse(&text) {
                    panic!("a converted body does not read back: {e:?}\n{text}");
                }
            }
            Ok(Some(_)) => {}
            Ok(None) | Err(_) => return,
        }
    }
    panic!("more entries than bytes");
});
