//! The site's outgoing mail, as the outbox mailer writes it (one `.txt` file per mail).

use std::path::{Path, PathBuf};

/// One mail of the outbox (its plain-text copy).
#[derive(Debug, Clone)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
    /// The header lines of the copy (`To:`, `Subject:` and any extra field the site added).
    pub head: String,
}

impl Mail {
    /// The value of a header field of the mail (`List-Unsubscribe`), if it has one.
    pub fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_owned())
        })
    }

    /// The path and query of the first link in the body whose path and query start with
    /// `prefix` (such as `/compte/verifier?jeton=`), up to the end of its token.
    pub fn link(&self, prefix: &str) -> Option<String> {
        let at = self.body.find(prefix)?;
        let token: String = self.body[at + prefix.len()..]
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        (!token.is_empty()).then(|| format!("{prefix}{token}"))
    }
}

/// Every mail of an outbox folder, oldest first (none when the folder does not exist yet).
pub fn read_outbox(dir: &Path) -> Vec<Mail> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let at = std::fs::metadata(&p)
                .and_then(|m| m.modified())
                .expect("mail file time");
            (at, p)
        })
        .collect();
    files.sort();
    files.into_iter().map(|(_, p)| read_mail(&p)).collect()
}

fn read_mail(p: &Path) -> Mail {
    let text = std::fs::read_to_string(p).expect("read a mail");
    let (head, body) = text
        .split_once("\n\n")
        .unwrap_or_else(|| panic!("no blank line in {}", p.display()));
    let field = |name: &str| {
        head.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_owned())
            .unwrap_or_else(|| panic!("no {name} in {}", p.display()))
    };
    Mail {
        to: field("To:"),
        subject: field("Subject:"),
        body: body.to_owned(),
        head: head.to_owned(),
    }
}

/// The mail of an outbox sent to this address, oldest first.
pub fn mails_to(dir: &Path, address: &str) -> Vec<Mail> {
    read_outbox(dir)
        .into_iter()
        .filter(|m| m.to.eq_ignore_ascii_case(address))
        .collect()
}
