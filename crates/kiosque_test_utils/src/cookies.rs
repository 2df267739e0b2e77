//! A browser's cookie jar, shared by the subprocess and the in-process clients.

use std::collections::BTreeMap;
use std::sync::Mutex;

use reqwest::header::HeaderMap;

/// The session cookie's name (the web crate keeps its constant private).
pub const SESSION_COOKIE: &str = "kiosque_session";

#[derive(Default)]
pub struct Jar(Mutex<BTreeMap<String, String>>);

impl Jar {
    pub fn get(&self, name: &str) -> Option<String> {
        self.0.lock().expect("cookies").get(name).cloned()
    }

    pub fn set(&self, name: &str, value: &str) {
        self.0
            .lock()
            .expect("cookies")
            .insert(name.to_owned(), value.to_owned());
    }

    pub fn remove(&self, name: &str) {
        self.0.lock().expect("cookies").remove(name);
    }

    /// The `Cookie` header to send, if the jar holds anything.
    pub fn header(&self) -> Option<String> {
        let jar = self.0.lock().expect("cookies");
        (!jar.is_empty()).then(|| {
            jar.iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ")
        })
    }

    /// Keeps the cookies an answer sets (and drops the ones it expires).
    pub fn keep(&self, headers: &HeaderMap) {
        let mut jar = self.0.lock().expect("cookies");
        for value in headers.get_all("set-cookie") {
            let Ok(value) = value.to_str() else { continue };
            let mut parts = value.split(';').map(str::trim);
            let Some((name, val)) = parts.next().and_then(|nv| nv.split_once('=')) else {
                continue;
            };
            let expired = parts.any(|a| a.eq_ignore_ascii_case("max-age=0"));
            if expired || val.is_empty() {
                jar.remove(name);
            } else {
                jar.insert(name.to_owned(), val.to_owned());
            }
        }
    }
}
