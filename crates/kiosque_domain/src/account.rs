//! Accounts: roles and what they may do, and the rules for e-mail addresses, display names and
//! passwords.

use std::fmt;
use std::sync::OnceLock;

/// A role of PRODUCT.md. A user has one or more; `Member` is everyone's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Member,
    Contributor,
    Journalist,
    Editor,
    Moderator,
    Admin,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Member,
        Role::Contributor,
        Role::Journalist,
        Role::Editor,
        Role::Moderator,
        Role::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Contributor => "contributor",
            Role::Journalist => "journalist",
            Role::Editor => "editor",
            Role::Moderator => "moderator",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The label shown in pages, in the site's language.
    ///
    /// Borrowed for the whole process: the site's language is chosen once, at start, so each
    /// label is looked up in the catalogue once and kept (pages build lists of these).
    pub fn label(self) -> &'static str {
        static LABELS: OnceLock<[String; 6]> = OnceLock::new();
        let labels = LABELS.get_or_init(|| Role::ALL.map(Role::worded));
        let at = Role::ALL.iter().position(|r| *r == self).unwrap_or(0);
        labels[at].as_str()
    }

    fn worded(self) -> String {
        match self {
            Role::Member => kiosque_i18n::t("acc-role-member"),
            Role::Contributor => kiosque_i18n::t("acc-role-contributor"),
            Role::Journalist => kiosque_i18n::t("acc-role-journalist"),
            Role::Editor => kiosque_i18n::t("acc-role-editor"),
            Role::Moderator => kiosque_i18n::t("acc-role-moderator"),
            Role::Admin => kiosque_i18n::t("acc-role-admin"),
        }
    }
}

/// The set of roles of a user, stored as space-separated names.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Roles(Vec<Role>);

impl Roles {
    pub fn member() -> Self {
        Roles(vec![Role::Member])
    }

    /// Parses the stored form; unknown names are ignored (a role removed from the code grants
    /// nothing), and `Member` is always included.
    pub fn parse(stored: &str) -> Self {
        let mut roles: Vec<Role> = stored.split_whitespace().filter_map(Role::parse).collect();
        roles.push(Role::Member);
        roles.sort();
        roles.dedup();
        Roles(roles)
    }

    pub fn with(mut self, role: Role) -> Self {
        self.0.push(role);
        self.0.sort();
        self.0.dedup();
        self
    }

    pub fn to_stored(&self) -> String {
        self.0
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    pub fn has(&self, role: Role) -> bool {
        self.0.contains(&role)
    }

    pub fn iter(&self) -> impl Iterator<Item = Role> + '_ {
        self.0.iter().copied()
    }

    /// Moderators work the comment queues; editors and admins may too.
    pub fn can_moderate(&self) -> bool {
        self.has(Role::Moderator) || self.has(Role::Editor) || self.has(Role::Admin)
    }

    /// Banning a member is a moderator's decision (admins have every right).
    pub fn can_ban(&self) -> bool {
        self.has(Role::Moderator) || self.has(Role::Admin)
    }

    pub fn is_admin(&self) -> bool {
        self.has(Role::Admin)
    }
}

/// What is wrong with an address, a name or a password. The variant is what code matches on;
/// its message, shown beside the form's field, is in the site's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountError {
    BadEmail,
    BadDisplayName,
    PasswordTooShort,
    PasswordTooLong,
    PasswordTooCommon,
}

impl fmt::Display for AccountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = match self {
            AccountError::BadEmail => kiosque_i18n::t("err-account-email"),
            AccountError::BadDisplayName => kiosque_i18n::t("err-account-display-name"),
            AccountError::PasswordTooShort => {
                kiosque_i18n::t1("err-account-password-short", "min", MIN_PASSWORD_CHARS)
            }
            AccountError::PasswordTooLong => {
                kiosque_i18n::t1("err-account-password-long", "max", MAX_PASSWORD_CHARS)
            }
            AccountError::PasswordTooCommon => kiosque_i18n::t("err-account-password-common"),
        };
        f.write_str(&message)
    }
}

impl std::error::Error for AccountError {}

pub const MIN_PASSWORD_CHARS: usize = 10;

/// zxcvbn knows QWERTY keyboards and English lists; French readers' most common passwords
/// (AZERTY rows, French words) are added here, compared without trailing digits or symbols.
const FRENCH_COMMON: &[&str] = &[
    "azerty",
    "azertyuiop",
    "azertyuiop^$",
    "azertyui",
    "azertyu",
    "azer",
    "qsdfghjklm",
    "wxcvbn",
    "motdepasse",
    "mot de passe",
    "motdepass",
    "bonjour",
    "soleil",
    "doudou",
    "chouchou",
    "loulou",
    "marseille",
    "doudoune",
    "jetaime",
    "je t'aime",
    "nicolas",
    "camille",
    "coucou",
    "bienvenue",
    "france",
    "liberte",
    "princesse",
    "chocolat",
];
pub const MAX_PASSWORD_CHARS: usize = 256;

/// Normalises an e-mail address for storage and lookup (trimmed, lowercased) and checks its
/// shape: one `@`, a non-empty local part, a domain with a dot, no spaces, at most 254 bytes.
/// Whether it exists is proven by the verification link, not here.
pub fn normalize_email(raw: &str) -> Result<String, AccountError> {
    let email = raw.trim().to_lowercase();
    let Some((local, domain)) = email.split_once('@') else {
        return Err(AccountError::BadEmail);
    };
    let ok = !local.is_empty()
        && email.len() <= 254
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>');
    if ok {
        Ok(email)
    } else {
        Err(AccountError::BadEmail)
    }
}

/// A display name is what other readers see under a comment: 2 to 50 visible characters, no
/// control characters; inner runs of spaces are collapsed.
pub fn normalize_display_name(raw: &str) -> Result<String, AccountError> {
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let n = name.chars().count();
    if !(2..=50).contains(&n) || name.chars().any(char::is_control) {
        return Err(AccountError::BadDisplayName);
    }
    Ok(name)
}

/// A password must be long enough and not among the most common or guessable ones (zxcvbn's
/// estimate, which knows the common-password lists and the user's own name and address).
pub fn check_password(password: &str, user_inputs: &[&str]) -> Result<(), AccountError> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        return Err(AccountError::PasswordTooShort);
    }
    if n > MAX_PASSWORD_CHARS {
        return Err(AccountError::PasswordTooLong);
    }
    let lower = password.to_lowercase();
    let core = lower.trim_end_matches(|c: char| c.is_ascii_digit() || c.is_ascii_punctuation());
    if FRENCH_COMMON.iter().any(|c| core == *c || lower == *c) {
        return Err(AccountError::PasswordTooCommon);
    }
    // zxcvbn matches user inputs as whole words: give it the parts too ("claire", "dubois").
    let mut inputs: Vec<String> = Vec::new();
    for input in user_inputs {
        let input = input.to_lowercase();
        inputs.extend(
            input
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() >= 3)
                .map(str::to_owned),
        );
        if let Some((local, _)) = input.split_once('@') {
            inputs.push(local.to_owned());
        }
        inputs.push(input);
    }
    let inputs: Vec<&str> = inputs.iter().map(String::as_str).collect();
    let estimate = zxcvbn::zxcvbn(password, &inputs);
    if (estimate.score() as u8) < 2 {
        return Err(AccountError::PasswordTooCommon);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_and_always_include_member() {
        let r = Roles::parse("moderator  bogus admin");
        assert!(r.has(Role::Member) && r.has(Role::Moderator) && r.is_admin());
        assert_eq!(r.to_stored(), "member moderator admin");
        assert!(!Roles::parse("").can_moderate());
        assert!(Roles::parse("editor").can_moderate());
        assert!(!Roles::parse("editor").can_ban());
    }

    #[test]
    fn messages_and_labels_come_from_the_catalogue_in_french_by_default() {
        assert_eq!(
            AccountError::PasswordTooShort.to_string(),
            format!("Le mot de passe doit compter au moins {MIN_PASSWORD_CHARS} caractères.")
        );
        assert_eq!(
            AccountError::PasswordTooLong.to_string(),
            "Le mot de passe est trop long (256 caractères au plus)."
        );
        assert_eq!(
            AccountError::BadEmail.to_string(),
            "Adresse e-mail invalide."
        );
        assert_eq!(Role::Member.label(), "Membre");
        assert_eq!(Role::Editor.label(), "Éditeur");
        assert_eq!(Role::Admin.label(), "Administrateur");
    }

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            normalize_email("  Claire.Dubois@Exemple.FR ").as_deref(),
            Ok("claire.dubois@exemple.fr")
        );
        for bad in [
            "",
            "claire",
            "@exemple.fr",
            "claire@",
            "claire@exemple",
            "a b@c.fr",
            "a@b@c.fr",
        ] {
            assert_eq!(normalize_email(bad), Err(AccountError::BadEmail), "{bad}");
        }
    }

    #[test]
    fn display_names() {
        assert_eq!(
            normalize_display_name("  Jean   Dupont ").as_deref(),
            Ok("Jean Dupont")
        );
        assert!(normalize_display_name("J").is_err());
        assert!(normalize_display_name(&"x".repeat(51)).is_err());
    }

    #[test]
    fn passwords() {
        assert_eq!(
            check_password("court", &[]),
            Err(AccountError::PasswordTooShort)
        );
        assert_eq!(
            check_password("password123", &[]),
            Err(AccountError::PasswordTooCommon)
        );
        assert_eq!(
            check_password("azertyuiop", &[]),
            Err(AccountError::PasswordTooCommon)
        );
        assert_eq!(
            check_password(
                "claire.dubois",
                &["claire.dubois@exemple.fr", "Claire Dubois"]
            ),
            Err(AccountError::PasswordTooCommon)
        );
        assert_eq!(
            check_password("Mésange bleue sur le balcon 42", &[]),
            Ok(())
        );
    }
}
