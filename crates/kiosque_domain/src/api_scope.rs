//! What an API key may do: its scopes. A key acts for its owner, a staff account, and can never
//! do more than the owner may: a scope opens a door, the owner's rights (the newsroom's
//! [`crate::newsroom::Actor`]) decide what happens behind it.

use crate::account::{Role, Roles};
use crate::newsroom::Actor;

/// One scope of an API key, written `content:read`, `content:write`… in the key's record, the
/// OpenAPI document and the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    /// The read-only content API (what every key made before scopes existed keeps).
    ContentRead,
    /// Create and update drafts, and move articles through the workflow.
    ContentWrite,
    /// Upload images to the media library.
    MediaWrite,
    /// Post to live blogs (`POST /api/v1/articles/{id}/live-posts`).
    LiveWrite,
    /// Publish or reject comments awaiting moderation.
    CommentsModerate,
}

impl Scope {
    pub const ALL: [Scope; 5] = [
        Scope::ContentRead,
        Scope::ContentWrite,
        Scope::MediaWrite,
        Scope::LiveWrite,
        Scope::CommentsModerate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::ContentRead => "content:read",
            Scope::ContentWrite => "content:write",
            Scope::MediaWrite => "media:write",
            Scope::LiveWrite => "live:write",
            Scope::CommentsModerate => "comments:moderate",
        }
    }

    pub fn parse(s: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|x| x.as_str() == s.trim())
    }

    /// What the scope allows, in the site's language (the back office's checkboxes).
    pub fn label(self) -> String {
        kiosque_i18n::t(match self {
            Scope::ContentRead => "api-scope-content-read",
            Scope::ContentWrite => "api-scope-content-write",
            Scope::MediaWrite => "api-scope-media-write",
            Scope::LiveWrite => "api-scope-live-write",
            Scope::CommentsModerate => "api-scope-comments-moderate",
        })
    }

    /// Whether the owner's roles can ever use this scope: a key is refused at creation rather
    /// than handed out with a door that stays shut.
    pub fn usable_by(self, owner: &Actor) -> bool {
        match self {
            Scope::ContentRead => true,
            Scope::ContentWrite | Scope::LiveWrite => owner.can_create(),
            Scope::MediaWrite => owner.can_use_media(),
            Scope::CommentsModerate => owner.roles.can_moderate(),
        }
    }
}

/// The scopes of one key: sorted, without repeats.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scopes(Vec<Scope>);

impl Scopes {
    pub fn new(scopes: impl IntoIterator<Item = Scope>) -> Scopes {
        let mut v: Vec<Scope> = scopes.into_iter().collect();
        v.sort_unstable();
        v.dedup();
        Scopes(v)
    }

    /// Parses the stored, space-separated form; a scope this build does not know (written by
    /// a newer one) is skipped, which only ever grants less.
    pub fn from_stored(s: &str) -> Scopes {
        Scopes::new(s.split_whitespace().filter_map(Scope::parse))
    }

    pub fn to_stored(&self) -> String {
        self.0
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    pub fn has(&self, scope: Scope) -> bool {
        self.0.contains(&scope)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = Scope> + '_ {
        self.0.iter().copied()
    }
}

/// A key's owner must be staff: someone with a role beyond a reader's.
pub fn may_own_key(roles: &Roles) -> bool {
    Role::ALL
        .iter()
        .any(|r| *r != Role::Member && roles.has(*r))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::UserId;

    #[test]
    fn scopes_round_trip_and_unknown_ones_grant_nothing() {
        for s in Scope::ALL {
            assert_eq!(Scope::parse(s.as_str()), Some(s));
        }
        assert_eq!(Scope::parse("content:delete"), None);
        let stored = Scopes::from_stored("media:write content:read media:write future:thing");
        assert_eq!(stored.to_stored(), "content:read media:write");
        assert!(stored.has(Scope::MediaWrite) && !stored.has(Scope::ContentWrite));
    }

    #[test]
    fn owners_are_staff_and_scopes_follow_their_roles() {
        let member = Roles::member();
        assert!(!may_own_key(&member));
        let moderator = Roles::member().with(Role::Moderator);
        assert!(may_own_key(&moderator));
        let m = Actor::of_roles(UserId(1), moderator);
        assert!(Scope::CommentsModerate.usable_by(&m));
        assert!(!Scope::ContentWrite.usable_by(&m));
        let j = Actor::of_roles(UserId(2), Roles::member().with(Role::Journalist));
        assert!(Scope::ContentWrite.usable_by(&j) && Scope::MediaWrite.usable_by(&j));
        assert!(!Scope::CommentsModerate.usable_by(&j));
    }
}
