//! Feeds arbitrary `Forwarded`, `X-Forwarded-For` and `X-Forwarded-Proto` headers, as a
//! client behind a trusted proxy may send them, to the parsers that pick the client's address
//! (its rate limits) and scheme. They must never panic, and with no proxy trusted the headers
//! change nothing.

#![no_main]

use std::net::IpAddr;

use http::{HeaderMap, HeaderValue};
use kiosque_web::TrustedProxies;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut parts = text.splitn(3, '\n');
    let mut headers = HeaderMap::new();
    for name in ["forwarded", "x-forwarded-for", "x-forwarded-proto"] {
        if let Some(v) = parts.next().and_then(|p| HeaderValue::from_str(p).ok()) {
            headers.insert(name, v);
        }
    }
    let peer: IpAddr = [10, 0, 0, 1].into();
    let none = TrustedProxies::default();
    assert_eq!(none.client(peer, &headers), peer);
    assert_eq!(none.https(peer, &headers), None);
    let all = TrustedProxies::parse(["10.0.0.0/8", "0.0.0.0/0", "::/0"]).expect("cidrs");
    let _ = all.client(peer, &headers);
    let _ = all.https(peer, &headers);
});
