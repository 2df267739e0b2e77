//! Newsletters in tests: the public subscription form, the confirmation link of its mail, the
//! `kiosque newsletter` command, and a mail port that refuses connections.

use crate::browser::Browser;
use crate::mail::Mail;
use crate::page::Page;
use crate::server::{Server, Site};

/// Subscribes `email` to the newsletters named, through `/lettres` (its form and token).
pub async fn subscribe(b: &Browser, email: &str, newsletters: &[&str]) -> Page {
    let csrf = b.csrf("/lettres").await;
    let mut form = vec![("csrf", csrf.as_str()), ("email", email)];
    for n in newsletters {
        form.push(("lettre", n));
    }
    b.post("/lettres", &form).await
}

/// The mails to `email` that carry a newsletter confirmation link.
pub fn confirmation_mails(server: &Server, email: &str) -> Vec<Mail> {
    server
        .mails_to(email)
        .into_iter()
        .filter(|m| m.link("/lettres/confirmer?jeton=").is_some())
        .collect()
}

/// Follows the newest confirmation link sent to `email`: its page, then its button. Returns
/// the page the button leads to.
pub async fn confirm_subscription(server: &Server, email: &str) -> Page {
    let mail = confirmation_mails(server, email).pop().unwrap_or_else(|| {
        panic!(
            "no confirmation mail to {email}: {:?}",
            server.mails_to(email)
        )
    });
    let link = mail
        .link("/lettres/confirmer?jeton=")
        .unwrap_or_else(|| panic!("no link in {mail:?}"));
    let b = server.browser();
    let page = b.get(&link).await;
    assert_eq!(page.status, 200, "{}", page.main_text());
    let token = link.rsplit('=').next().unwrap_or_default().to_owned();
    b.post("/lettres/confirmer", &[("jeton", token.as_str())])
        .await
}

/// Runs `kiosque newsletter ARGS…` on the site; (success, standard output, standard error).
pub fn newsletter_command(site: &Site, args: &[&str]) -> (bool, String, String) {
    let out = site
        .command()
        .arg("newsletter")
        .args(args)
        .output()
        .expect("run kiosque newsletter");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A loopback port nothing listens on: connections to it are refused.
pub fn refusing_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    drop(listener);
    port
}

/// The HTML parts the outbox kept (`.html` beside each multipart mail), oldest first.
pub fn outbox_html(server: &Server) -> Vec<String> {
    let dir = server.data_dir.join("outbox");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<(std::time::SystemTime, std::path::PathBuf)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .map(|p| {
            let at = std::fs::metadata(&p)
                .and_then(|m| m.modified())
                .expect("file time");
            (at, p)
        })
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|(_, p)| std::fs::read_to_string(p).expect("read html"))
        .collect()
}
