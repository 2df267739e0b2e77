//! Where webhooks may go. A webhook's URL is chosen by an admin, and its deliveries are sent
//! from inside the newsroom's network: without a check, a URL naming 127.0.0.1, a private
//! address or the cloud's metadata service (169.254.169.254) turns the sender (and the
//! "resend" button) into a probe of internal services. The rule is the domain's
//! (`kiosque_domain::webhook::forbidden_ip`); this module applies it where addresses are
//! known: when a webhook is registered (a clear refusal) and when a delivery connects (the
//! client's resolver drops forbidden addresses, so a name that resolved to a public address
//! at registration and to 127.0.0.1 later — DNS rebinding — is refused too).

use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicBool, Ordering};

use kiosque_domain::webhook::{forbidden_ip, UrlError};

/// Set once at start by `kiosque serve --webhooks-allow-private`: for tests only, whose
/// receivers listen on loopback. Off by default.
static ALLOW_PRIVATE: AtomicBool = AtomicBool::new(false);

/// Lets webhooks reach loopback and private addresses (tests' local receivers).
pub fn allow_private(allow: bool) {
    ALLOW_PRIVATE.store(allow, Ordering::Relaxed);
}

fn refused(ip: IpAddr) -> bool {
    !ALLOW_PRIVATE.load(Ordering::Relaxed) && forbidden_ip(ip)
}

/// Checks a normalised webhook URL before it is registered: an address literal (any form the
/// URL parser accepts: `2130706433`, `[::ffff:127.0.0.1]`…) or a name that resolves to a
/// forbidden address is refused. A name that does not resolve now is let through (a partner
/// may register before its DNS is live): every delivery is checked when it connects.
pub async fn check_target(url: &str) -> Result<(), UrlError> {
    let parsed = url::Url::parse(url).map_err(|_| UrlError::Invalid)?;
    let port = parsed.port_or_known_default().unwrap_or(443);
    match parsed.host() {
        Some(url::Host::Ipv4(ip)) if refused(IpAddr::V4(ip)) => Err(UrlError::Private),
        Some(url::Host::Ipv6(ip)) if refused(IpAddr::V6(ip)) => Err(UrlError::Private),
        Some(url::Host::Domain(name)) => {
            let Ok(addrs) = tokio::net::lookup_host((name, port)).await else {
                return Ok(());
            };
            if addrs.into_iter().any(|a| refused(a.ip())) {
                Err(UrlError::Private)
            } else {
                Ok(())
            }
        }
        Some(_) => Ok(()),
        None => Err(UrlError::Invalid),
    }
}

/// A delivery's URL whose host is a forbidden address literal (which no resolver sees).
pub(crate) fn literal_refused(url: &str) -> bool {
    match url::Url::parse(url).ok().as_ref().and_then(url::Url::host) {
        Some(url::Host::Ipv4(ip)) => refused(IpAddr::V4(ip)),
        Some(url::Host::Ipv6(ip)) => refused(IpAddr::V6(ip)),
        _ => false,
    }
}

/// The webhook client's resolver: the system's, minus forbidden addresses; a name left with
/// none fails to connect.
pub(crate) struct PublicOnly;

impl reqwest::dns::Resolve for PublicOnly {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let all: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let allowed: Vec<SocketAddr> = all.into_iter().filter(|a| !refused(a.ip())).collect();
            if allowed.is_empty() {
                return Err(format!("{host} has no public address").into());
            }
            let addrs: reqwest::dns::Addrs = Box::new(allowed.into_iter());
            Ok(addrs)
        })
    }
}
