//! The client behind trusted reverse proxies: which proxies are trusted (`--trusted-proxy`),
//! and the parsers of `Forwarded` (RFC 7239), `X-Forwarded-For` and `X-Forwarded-Proto`.
//!
//! Without trusted proxies these headers are ignored: anyone can send them, so reading them
//! would let any client choose the address its rate limits count. With them, the chain of
//! addresses is walked from the right (the hop nearest to us) past the trusted proxies; the
//! first address that is not one of them is the client.

use std::net::IpAddr;

use axum::http::HeaderMap;

/// One trusted network: an address and a prefix length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    addr: IpAddr,
    len: u8,
}

impl Cidr {
    /// Parses `10.0.0.0/8`, `2001:db8::/32`, or a bare address (the one address).
    pub fn parse(s: &str) -> Option<Cidr> {
        let s = s.trim();
        let (addr, len) = match s.split_once('/') {
            Some((a, l)) => (a.parse::<IpAddr>().ok()?, Some(l.parse::<u8>().ok()?)),
            None => (s.parse::<IpAddr>().ok()?, None),
        };
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let len = len.unwrap_or(max);
        (len <= max).then_some(Cidr { addr, len })
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        match (self.addr, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX.checked_shl(32 - u32::from(self.len)).unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.len))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

/// An IPv4 address seen through an IPv6 socket (`::ffff:a.b.c.d`) is that IPv4 address.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// The reverse proxies whose forwarding headers are believed (none by default).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<Cidr>);

impl TrustedProxies {
    /// From `--trusted-proxy` values, each of which may hold several, comma-separated; an
    /// unreadable one is returned as the error.
    pub fn parse<'a>(values: impl IntoIterator<Item = &'a str>) -> Result<Self, String> {
        let mut nets = Vec::new();
        for v in values {
            for part in v.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                nets.push(Cidr::parse(part).ok_or_else(|| part.to_owned())?);
            }
        }
        Ok(TrustedProxies(nets))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|c| c.contains(ip))
    }

    /// The client's address: the peer itself, unless the peer is a trusted proxy, in which case
    /// the first untrusted address of the forwarding chain from the right.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.trusts(peer) {
            return canonical(peer);
        }
        let chain = forwarded_for_chain(headers);
        let mut client = canonical(peer);
        for hop in chain.iter().rev() {
            match hop {
                // A hop we cannot read ("unknown", an obfuscated name, garbage): the hop to its
                // right, the last one we trust, is as far as we can see.
                None => break,
                Some(ip) => {
                    client = canonical(*ip);
                    if !self.trusts(client) {
                        break;
                    }
                }
            }
        }
        client
    }

    /// Whether the client reached the nearest trusted proxy over https, as that proxy says;
    /// `None` when no trusted proxy says.
    pub fn https(&self, peer: IpAddr, headers: &HeaderMap) -> Option<bool> {
        if !self.trusts(peer) {
            return None;
        }
        forwarded_proto(headers).map(|p| p.eq_ignore_ascii_case("https"))
    }
}

fn header_values<'a>(headers: &'a HeaderMap, name: &str) -> impl Iterator<Item = &'a str> {
    headers.get_all(name).iter().filter_map(|v| v.to_str().ok())
}

/// Splits on `sep` outside double quotes.
fn split_unquoted(s: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut start, mut quoted, mut escaped) = (0, false, false);
    for (i, c) in s.char_indices() {
        if escaped {
            escaped = false;
        } else if quoted && c == '\\' {
            escaped = true;
        } else if c == '"' {
            quoted = !quoted;
        } else if c == sep && !quoted {
            parts.push(&s[start..i]);
            start = i + c.len_utf8();
        }
    }
    parts.push(&s[start..]);
    parts
}

/// The elements of every `Forwarded` header, in order, each as its `(name, value)` pairs
/// (names lower-cased, values unquoted).
pub fn parse_forwarded(values: &[&str]) -> Vec<Vec<(String, String)>> {
    values
        .iter()
        .flat_map(|v| split_unquoted(v, ','))
        .map(|element| {
            split_unquoted(element, ';')
                .into_iter()
                .filter_map(|pair| {
                    let (k, v) = pair.split_once('=')?;
                    let v = v.trim();
                    let v = v
                        .strip_prefix('"')
                        .and_then(|v| v.strip_suffix('"'))
                        .map_or_else(
                            || v.to_owned(),
                            |q| q.replace("\\\"", "\"").replace("\\\\", "\\"),
                        );
                    Some((k.trim().to_ascii_lowercase(), v))
                })
                .collect()
        })
        .collect()
}

/// A node address of `for=` or `X-Forwarded-For`: `192.0.2.1`, `192.0.2.1:443`, `2001:db8::1`,
/// `[2001:db8::1]`, `[2001:db8::1]:443`; `None` for anything else (`unknown`, `_hidden`).
pub fn parse_node(s: &str) -> Option<IpAddr> {
    let s = s.trim();
    if let Ok(ip) = s.parse::<IpAddr>() {
        return Some(ip);
    }
    if let Some(rest) = s.strip_prefix('[') {
        let (inside, after) = rest.split_once(']')?;
        if after.is_empty() || after.strip_prefix(':').is_some_and(is_port) {
            return inside.parse::<std::net::Ipv6Addr>().ok().map(IpAddr::V6);
        }
        return None;
    }
    let (host, port) = s.rsplit_once(':')?;
    if !is_port(port) {
        return None;
    }
    host.parse::<std::net::Ipv4Addr>().ok().map(IpAddr::V4)
}

fn is_port(p: &str) -> bool {
    !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit())
}

/// The addresses the proxies recorded, oldest first: `Forwarded`'s `for=` when that header is
/// present, `X-Forwarded-For` otherwise.
pub fn forwarded_for_chain(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let forwarded: Vec<&str> = header_values(headers, "forwarded").collect();
    if !forwarded.is_empty() {
        return parse_forwarded(&forwarded)
            .into_iter()
            .map(|pairs| {
                pairs
                    .iter()
                    .find(|(k, _)| k == "for")
                    .and_then(|(_, v)| parse_node(v))
            })
            .collect();
    }
    header_values(headers, "x-forwarded-for")
        .flat_map(|v| v.split(','))
        .map(parse_node)
        .collect()
}

/// The scheme the nearest proxy saw: `Forwarded`'s last `proto=`, or `X-Forwarded-Proto`'s
/// last value.
pub fn forwarded_proto(headers: &HeaderMap) -> Option<String> {
    let forwarded: Vec<&str> = header_values(headers, "forwarded").collect();
    if !forwarded.is_empty() {
        return parse_forwarded(&forwarded).last().and_then(|pairs| {
            pairs
                .iter()
                .find(|(k, _)| k == "proto")
                .map(|(_, v)| v.clone())
        });
    }
    header_values(headers, "x-forwarded-proto")
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .last()
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, v.parse().expect("header value"));
        }
        h
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("ip")
    }

    #[test]
    fn headers_are_ignored_without_trusted_proxies() {
        let none = TrustedProxies::default();
        let h = headers(&[
            ("x-forwarded-for", "198.51.100.1"),
            ("forwarded", "for=1.2.3.4"),
        ]);
        assert_eq!(none.client(ip("203.0.113.5"), &h), ip("203.0.113.5"));
        assert_eq!(none.https(ip("203.0.113.5"), &h), None);
    }

    #[test]
    fn the_first_untrusted_address_from_the_right_is_the_client() {
        let t = TrustedProxies::parse(["10.0.0.0/8", "192.0.2.7,2001:db8::/32"]).expect("cidrs");
        // The client put a spoofed address first; the proxies appended the real ones.
        let h = headers(&[("x-forwarded-for", "6.6.6.6, 198.51.100.1, 10.1.1.1")]);
        assert_eq!(t.client(ip("10.0.0.2"), &h), ip("198.51.100.1"));
        // Not from a trusted proxy: the peer itself.
        assert_eq!(t.client(ip("203.0.113.5"), &h), ip("203.0.113.5"));
        let h = headers(&[(
            "forwarded",
            "for=6.6.6.6, for=\"[2001:db8:cafe::17]:4711\";proto=https, for=192.0.2.7",
        )]);
        // Every hop but the first is a trusted proxy here.
        assert_eq!(t.client(ip("::ffff:10.0.0.2"), &h), ip("6.6.6.6"));
        let t = TrustedProxies::parse(["10.0.0.0/8"]).expect("cidr");
        assert_eq!(t.client(ip("10.0.0.2"), &h), ip("192.0.2.7"));
        let h = headers(&[("forwarded", "for=198.51.100.9;proto=https")]);
        assert_eq!(t.client(ip("10.0.0.2"), &h), ip("198.51.100.9"));
        assert_eq!(t.https(ip("10.0.0.2"), &h), Some(true));
        let h = headers(&[("x-forwarded-proto", "http")]);
        assert_eq!(t.https(ip("10.0.0.2"), &h), Some(false));
        // An unreadable hop stops the walk at the last trusted one.
        let h = headers(&[("x-forwarded-for", "198.51.100.1, unknown, 10.1.1.1")]);
        assert_eq!(t.client(ip("10.0.0.2"), &h), ip("10.1.1.1"));
        assert!(TrustedProxies::parse(["10.0.0.0/33"]).is_err());
        assert!(TrustedProxies::parse(["nope"]).is_err());
    }

    #[test]
    fn nodes_parse_in_every_written_form() {
        assert_eq!(parse_node("192.0.2.1:443"), Some(ip("192.0.2.1")));
        assert_eq!(parse_node("[2001:db8::1]:443"), Some(ip("2001:db8::1")));
        assert_eq!(parse_node("[2001:db8::1]"), Some(ip("2001:db8::1")));
        assert_eq!(parse_node(" 2001:db8::1 "), Some(ip("2001:db8::1")));
        for bad in ["unknown", "_hidden", "[::1]x", "1.2.3.4:", "[1.2.3.4]", ""] {
            assert_eq!(parse_node(bad), None, "{bad}");
        }
    }

    proptest! {
        #[test]
        fn parsers_never_panic(s in "\\PC{0,80}") {
            let _ = parse_forwarded(&[&s]);
            let _ = parse_node(&s);
            let _ = Cidr::parse(&s);
            if let Ok(v) = axum::http::HeaderValue::from_str(&s) {
                let mut h = HeaderMap::new();
                h.insert("forwarded", v.clone());
                h.insert("x-forwarded-for", v);
                let t = TrustedProxies::parse(["0.0.0.0/0", "::/0"]).expect("all");
                let _ = t.client(ip("10.0.0.1"), &h);
                let _ = t.https(ip("10.0.0.1"), &h);
            }
        }

        #[test]
        fn a_written_chain_reads_back(addrs in proptest::collection::vec(any::<std::net::IpAddr>(), 1..6), ports in proptest::collection::vec(proptest::option::of(1u16..), 6)) {
            let written: Vec<String> = addrs.iter().zip(&ports).map(|(a, p)| match (a, p) {
                (IpAddr::V4(v4), Some(p)) => format!("for={v4}:{p}"),
                (IpAddr::V6(v6), Some(p)) => format!("for=\"[{v6}]:{p}\""),
                (IpAddr::V6(v6), None) => format!("for=\"[{v6}]\""),
                (a, None) => format!("for={a}"),
            }).collect();
            let h = headers(&[("forwarded", &written.join(", "))]);
            let chain: Vec<Option<IpAddr>> = addrs.iter().copied().map(Some).collect();
            prop_assert_eq!(forwarded_for_chain(&h), chain.clone());
            let xff: Vec<String> = addrs.iter().map(ToString::to_string).collect();
            let h = headers(&[("x-forwarded-for", &xff.join(", "))]);
            prop_assert_eq!(forwarded_for_chain(&h), chain);
        }

        #[test]
        fn cidrs_contain_their_own_addresses(a in any::<std::net::Ipv4Addr>(), len in 0u8..=32) {
            let c = Cidr::parse(&format!("{a}/{len}")).expect("cidr");
            prop_assert!(c.contains(IpAddr::V4(a)));
            prop_assert!(!c.contains(ip("2001:db8::1")));
        }
    }
}
