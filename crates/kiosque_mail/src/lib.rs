#![doc = include_str!("../README.md")]

use std::path::{Path, PathBuf};

use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Body, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum MailError {
    #[error("invalid address {0:?}")]
    Address(String),
    #[error("cannot build the message: {0}")]
    Build(#[from] lettre::error::Error),
    #[error("invalid SMTP URL: {0}")]
    Config(String),
    #[error("SMTP: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    #[error("outbox: {0}")]
    Outbox(#[from] lettre::transport::file::Error),
    #[error("invalid value for the header field {0}")]
    Header(String),
    #[error("outbox folder: {0}")]
    Io(#[from] std::io::Error),
}

impl MailError {
    /// An error that another try cannot fix (a bad address or header): the message is given
    /// up at once instead of retried.
    pub fn is_permanent(&self) -> bool {
        match self {
            MailError::Address(_) | MailError::Build(_) | MailError::Header(_) => true,
            MailError::Smtp(e) => e.is_permanent(),
            _ => false,
        }
    }
}

/// Where mail goes.
#[derive(Clone)]
pub struct Mailer {
    from: Mailbox,
    transport: Transport,
}

#[derive(Clone)]
enum Transport {
    Outbox {
        dir: PathBuf,
        files: AsyncFileTransport<Tokio1Executor>,
    },
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

impl Mailer {
    /// Mail written as `.eml` files into `dir` (created if missing).
    pub fn outbox(dir: &Path, from: &str) -> Result<Self, MailError> {
        std::fs::create_dir_all(dir)?;
        Ok(Mailer {
            from: parse_mailbox(from)?,
            transport: Transport::Outbox {
                dir: dir.to_owned(),
                files: AsyncFileTransport::new(dir),
            },
        })
    }

    /// Mail sent over SMTP, from a URL such as `smtps://user:pass@host:465` (TLS from the
    /// start) or `smtp://user:pass@host:587?tls=required` (STARTTLS, never without it).
    pub fn smtp(url: &str, from: &str) -> Result<Self, MailError> {
        credentials_protected(url)?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| MailError::Config(e.to_string()))?
            .build();
        Ok(Mailer {
            from: parse_mailbox(from)?,
            transport: Transport::Smtp(transport),
        })
    }

    /// True when mail goes over the network (SMTP): slow and variable, so callers send it off
    /// the request's path; an outbox write is local and quick.
    pub fn is_remote(&self) -> bool {
        matches!(self.transport, Transport::Smtp(_))
    }

    /// The folder mail is written to, when there is no SMTP server.
    pub fn outbox_dir(&self) -> Option<&Path> {
        match &self.transport {
            Transport::Outbox { dir, .. } => Some(dir),
            Transport::Smtp(_) => None,
        }
    }

    /// A short description for the start-up log.
    pub fn describe(&self) -> String {
        match &self.transport {
            Transport::Outbox { dir, .. } => format!("outbox folder {}", dir.display()),
            Transport::Smtp(_) => "SMTP".to_owned(),
        }
    }

    /// Sends a plain-text message.
    pub async fn send(&self, to: &str, subject: &str, text: &str) -> Result<(), MailError> {
        self.send_with_headers(to, subject, text, &[]).await
    }

    /// Sends a plain-text message with extra header fields (such as `List-Unsubscribe`). The
    /// names are fixed by the caller; values must be ASCII on one line, or the message is
    /// refused.
    pub async fn send_with_headers(
        &self,
        to: &str,
        subject: &str,
        text: &str,
        headers: &[(&'static str, String)],
    ) -> Result<(), MailError> {
        let headers: Vec<(String, String)> = headers
            .iter()
            .map(|(n, v)| ((*n).to_owned(), v.clone()))
            .collect();
        self.deliver(&Outgoing {
            to,
            subject,
            text,
            html: None,
            headers: &headers,
            message_id: None,
        })
        .await
    }

    /// Sends one message: plain text, or plain text and HTML (`multipart/alternative`), with
    /// its `Message-ID` and extra header fields. Header names must be ASCII tokens and values
    /// ASCII on one line, or the message is refused.
    pub async fn deliver(&self, m: &Outgoing<'_>) -> Result<(), MailError> {
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(parse_mailbox(m.to)?)
            .subject(m.subject);
        if let Some(id) = m.message_id {
            if !id.is_ascii() || id.contains(['\r', '\n']) {
                return Err(MailError::Header("Message-ID".to_owned()));
            }
            builder = builder.message_id(Some(id.to_owned()));
        }
        for (name, value) in m.headers {
            let valid_name =
                !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
            if !valid_name || !value.is_ascii() || value.contains(['\r', '\n']) {
                return Err(MailError::Header(name.clone()));
            }
            builder = builder.raw_header(HeaderValue::new(
                HeaderName::new_from_ascii(name.clone())
                    .map_err(|_| MailError::Header(name.clone()))?,
                value.clone(),
            ));
        }
        // lettre picks the transfer encoding (base64 or quoted-printable once a line passes 76
        // characters, as links do).
        let plain = SinglePart::builder()
            .header(ContentType::TEXT_PLAIN)
            .body(Body::new(m.text.to_owned()));
        let message = match m.html {
            None => builder.singlepart(plain)?,
            Some(html) => builder.multipart(
                MultiPart::alternative().singlepart(plain).singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_HTML)
                        .body(Body::new(html.to_owned())),
                ),
            )?,
        };
        match &self.transport {
            Transport::Outbox { dir, files } => {
                let id = files.send(message).await?;
                // Beside the real message, a plain-text copy a person (or a test) can read
                // without a mail client, and the HTML part to open in a browser.
                let txt = dir.join(format!("{id}.txt"));
                let mut extra: String = m
                    .message_id
                    .map(|id| format!("Message-ID: {id}\n"))
                    .unwrap_or_default();
                for (name, value) in m.headers {
                    extra.push_str(&format!("{name}: {value}\n"));
                }
                if let Some(html) = m.html {
                    tokio::fs::write(dir.join(format!("{id}.html")), html).await?;
                }
                tokio::fs::write(
                    &txt,
                    format!(
                        "To: {}\nSubject: {}\n{extra}\n{}\n",
                        m.to, m.subject, m.text
                    ),
                )
                .await?;
                tracing::debug!(
                    mail.to = m.to,
                    mail.subject = m.subject,
                    mail.file = %txt.display(),
                    "mail written to the outbox"
                );
            }
            Transport::Smtp(smtp) => {
                smtp.send(message).await?;
                tracing::debug!(mail.to = m.to, mail.subject = m.subject, "mail sent");
            }
        }
        Ok(())
    }
}

/// One message to send.
pub struct Outgoing<'a> {
    pub to: &'a str,
    pub subject: &'a str,
    pub text: &'a str,
    /// An HTML version: the message is then `multipart/alternative`.
    pub html: Option<&'a str>,
    /// Extra header fields (`List-Unsubscribe`…), name and value.
    pub headers: &'a [(String, String)],
    /// `<…@domain>`, the same at every try of one message.
    pub message_id: Option<&'a str>,
}

fn parse_mailbox(s: &str) -> Result<Mailbox, MailError> {
    s.parse().map_err(|_| MailError::Address(s.to_owned()))
}

/// Refuses an `smtp://` URL that would send its password over a connection allowed to stay in
/// clear text (plain, or STARTTLS that an attacker on the path can strip), except to this
/// machine: `smtps://` and `smtp://…?tls=required` encrypt it.
fn credentials_protected(url: &str) -> Result<(), MailError> {
    let Some(rest) = url.strip_prefix("smtp://") else {
        return Ok(());
    };
    let (authority, query) = match rest.split_once('?') {
        Some((a, q)) => (a.trim_end_matches('/'), q),
        None => (rest.trim_end_matches('/'), ""),
    };
    let Some((_, host_port)) = authority.rsplit_once('@') else {
        return Ok(());
    };
    let host = match host_port.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(v6),
        None => host_port.split(':').next().unwrap_or(host_port),
    };
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    let tls_required = query.split('&').any(|kv| kv == "tls=required");
    if loopback || tls_required {
        return Ok(());
    }
    Err(MailError::Config(
        "this smtp:// URL would send its password unencrypted: use smtps://…:465, or add \
         ?tls=required to the smtp:// URL"
            .to_owned(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn outbox_keeps_links_whole() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mailer = Mailer::outbox(dir.path(), "Kiosque <noreply@kiosque.local>").expect("mailer");
        let link = format!(
            "http://127.0.0.1:8080/compte/verifier?jeton={}",
            "a".repeat(64)
        );
        mailer
            .send(
                "lectrice@exemple.fr",
                "Confirmez votre adresse",
                &format!("Bonjour,\n\nConfirmez votre adresse : {link}\n\nÀ bientôt."),
            )
            .await
            .expect("send");
        let files = |ext: &str| -> Vec<std::path::PathBuf> {
            std::fs::read_dir(dir.path())
                .expect("outbox")
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == ext))
                .collect()
        };
        assert_eq!(files("eml").len(), 1);
        let eml = std::fs::read_to_string(&files("eml")[0]).expect("read");
        assert!(eml.contains("To: lectrice@exemple.fr"));
        let txt = std::fs::read_to_string(&files("txt")[0]).expect("read");
        assert!(txt.contains(&link), "{txt}");
        assert!(txt.contains("Subject: Confirmez votre adresse"));
        assert!(mailer.send("pas une adresse", "x", "y").await.is_err());
    }

    #[tokio::test]
    async fn extra_headers_reach_the_message_and_its_copy() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mailer = Mailer::outbox(dir.path(), "Kiosque <noreply@kiosque.local>").expect("mailer");
        let headers = [
            ("List-Unsubscribe", "<https://kiosque.example/x>".to_owned()),
            (
                "List-Unsubscribe-Post",
                "List-Unsubscribe=One-Click".to_owned(),
            ),
        ];
        mailer
            .send_with_headers("lectrice@exemple.fr", "Réponse", "Bonjour", &headers)
            .await
            .expect("send");
        for ext in ["eml", "txt"] {
            let file = std::fs::read_dir(dir.path())
                .expect("outbox")
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .find(|p| p.extension().is_some_and(|x| x == ext))
                .expect("a file");
            let text = std::fs::read_to_string(file).expect("read");
            assert!(
                text.contains("List-Unsubscribe: <https://kiosque.example/x>"),
                "{text}"
            );
            assert!(
                text.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"),
                "{text}"
            );
        }
        let bad = [("List-Unsubscribe", "<x>\r\nBcc: a@b.c".to_owned())];
        assert!(mailer
            .send_with_headers("lectrice@exemple.fr", "x", "y", &bad)
            .await
            .is_err());
    }

    #[tokio::test]
    async fn html_mail_is_multipart_with_its_message_id() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mailer = Mailer::outbox(dir.path(), "Kiosque <noreply@kiosque.local>").expect("mailer");
        let headers = vec![("List-Id".to_owned(), "<1.kiosque.example>".to_owned())];
        mailer
            .deliver(&Outgoing {
                to: "lectrice@exemple.fr",
                subject: "L’essentiel du jour",
                text: "Bonjour",
                html: Some("<p>Bonjour</p>"),
                headers: &headers,
                message_id: Some("<kiosque.1.2@kiosque.example>"),
            })
            .await
            .expect("send");
        let read = |ext: &str| {
            let file = std::fs::read_dir(dir.path())
                .expect("outbox")
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .find(|p| p.extension().is_some_and(|x| x == ext))
                .expect("a file");
            std::fs::read_to_string(file).expect("read")
        };
        let eml = read("eml");
        assert!(
            eml.contains("Message-ID: <kiosque.1.2@kiosque.example>"),
            "{eml}"
        );
        assert!(eml.contains("multipart/alternative"), "{eml}");
        assert!(eml.contains("text/html"), "{eml}");
        assert!(read("txt").contains("Message-ID: <kiosque.1.2@kiosque.example>"));
        assert_eq!(read("html"), "<p>Bonjour</p>");
        let bad = vec![("Bad Name".to_owned(), "x".to_owned())];
        let refused = mailer
            .deliver(&Outgoing {
                to: "lectrice@exemple.fr",
                subject: "x",
                text: "y",
                html: None,
                headers: &bad,
                message_id: None,
            })
            .await
            .expect_err("refused");
        assert!(refused.is_permanent());
    }

    #[test]
    fn passwords_go_only_over_encrypted_connections() {
        let refused = |url: &str| credentials_protected(url).is_err();
        assert!(refused("smtp://user:secret@mail.example.org:587"));
        assert!(refused(
            "smtp://user:secret@mail.example.org:587?tls=opportunistic"
        ));
        assert!(refused("smtp://user:secret@mail.example.org"));
        assert!(!refused(
            "smtp://user:secret@mail.example.org:587?tls=required"
        ));
        assert!(!refused("smtps://user:secret@mail.example.org:465"));
        // Without a password, or to this machine, there is nothing to protect on the way.
        assert!(!refused("smtp://mail.example.org:25"));
        assert!(!refused("smtp://user:secret@127.0.0.1:2525"));
        assert!(!refused("smtp://user:secret@localhost:2525"));
        assert!(!refused("smtp://user:secret@[::1]:2525"));
        let Err(e) = Mailer::smtp("smtp://u:p@mail.example.org:587", "Kiosque <a@b.c>") else {
            panic!("a password over plain smtp:// is refused");
        };
        assert!(e.to_string().contains("tls=required"), "{e}");
    }
}
