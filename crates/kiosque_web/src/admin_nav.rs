//! The back office's header: who is logged in and the newsroom links they may use. It lives
//! apart from the handlers so that the page structs of `pages.rs` can carry it without a
//! circle through the session extractor.

use kiosque_domain::account::Role;
use kiosque_domain::newsroom::Actor;
use kiosque_store::UserRow;

/// The links of the back office a person may use, and what the header says about them.
pub struct AdminNav {
    pub current: &'static str,
    pub articles: bool,
    /// The breaking-news alert: editors and admins.
    pub alert: bool,
    pub media: bool,
    /// Podcasts: who may add videos (journalists, editors, admins).
    pub podcasts: bool,
    pub moderation: bool,
    pub admin: bool,
    /// The member's display name.
    pub name: String,
    /// Their newsroom roles, worded for the header ("Journaliste, Modérateur").
    pub role: String,
    /// The session's CSRF token, for the header's log-out form.
    pub csrf: String,
}

impl AdminNav {
    pub fn for_user(user: &UserRow, csrf: &str, current: &'static str) -> Self {
        let actor = Actor::of_roles(user.id, user.roles.clone());
        AdminNav {
            current,
            articles: actor.in_newsroom(),
            alert: actor.can_manage_site(),
            media: actor.can_use_media(),
            podcasts: actor.can_publish_media(),
            moderation: user.roles.can_moderate(),
            admin: user.roles.is_admin(),
            name: user.display_name.clone(),
            role: role_label(user),
            csrf: csrf.to_owned(),
        }
    }

    /// Whether the person may open any page of the back office.
    pub fn is_staff(&self) -> bool {
        self.articles || self.moderation || self.admin
    }
}

/// The roles that matter in the newsroom, highest first; every account is a member, so that
/// one is said only when it is all there is.
fn role_label(user: &UserRow) -> String {
    let mut roles: Vec<&str> = user
        .roles
        .iter()
        .filter(|r| *r != Role::Member)
        .map(Role::label)
        .collect();
    roles.reverse();
    if roles.is_empty() {
        Role::Member.label().to_owned()
    } else {
        roles.join(", ")
    }
}
