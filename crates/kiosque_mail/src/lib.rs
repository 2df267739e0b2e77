#![doc = include_str!("../README.md")]

use std::path::{Path, PathBuf};

use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Body, Mailbox, SinglePart};
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

    /// Mail sent over SMTP, from a URL such as `smtp://user:pass@host:587`.
    pub fn smtp(url: &str, from: &str) -> Result<Self, MailError> {
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
        // lettre picks the transfer encoding (base64 or quoted-printable once a line passes 76
        // characters, as links do).
        let body = Body::new(text.to_owned());
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(parse_mailbox(to)?)
            .subject(subject);
        for (name, value) in headers {
            if !value.is_ascii() || value.contains(['\r', '\n']) {
                return Err(MailError::Header((*name).to_owned()));
            }
            builder = builder.raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str(name),
                value.clone(),
            ));
        }
        let message = builder.singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_PLAIN)
                .body(body),
        )?;
        match &self.transport {
            Transport::Outbox { dir, files } => {
                let id = files.send(message).await?;
                // Beside the real message, a plain-text copy a person (or a test) can read
                // without a mail client.
                let txt = dir.join(format!("{id}.txt"));
                let extra: String = headers
                    .iter()
                    .map(|(name, value)| format!("{name}: {value}\n"))
                    .collect();
                tokio::fs::write(
                    &txt,
                    format!("To: {to}\nSubject: {subject}\n{extra}\n{text}\n"),
                )
                .await?;
                tracing::info!(
                    mail.to = to,
                    mail.subject = subject,
                    mail.file = %txt.display(),
                    "mail written to the outbox"
                );
            }
            Transport::Smtp(smtp) => {
                smtp.send(message).await?;
                tracing::info!(mail.to = to, mail.subject = subject, "mail sent");
            }
        }
        Ok(())
    }
}

fn parse_mailbox(s: &str) -> Result<Mailbox, MailError> {
    s.parse().map_err(|_| MailError::Address(s.to_owned()))
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
}
