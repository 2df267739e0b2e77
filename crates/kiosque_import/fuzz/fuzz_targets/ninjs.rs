//! Feeds arbitrary bytes to the ninjs reader. It may not panic, and every item it reads must
//! make a draft the store accepts.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(item) = kiosque_import::ninjs::parse(data) {
        let draft = kiosque_import::ninjs::to_draft(&item, None, 0);
        if let Err(e) = draft.validate() {
            panic!("an item made an invalid draft: {e:?}\n{item:?}");
        }
    }
});
