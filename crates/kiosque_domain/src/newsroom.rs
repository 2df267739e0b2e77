//! Who may do what in the newsroom: one permission matrix, checked by every back-office
//! handler on the server (a forged request from a contributor is refused here, not by hiding a
//! button).

use crate::account::{Role, Roles};
use crate::{ArticleStatus, SectionId, UserId};

/// What someone wants to do to an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// See it in the back office and open the editor.
    View,
    /// Save changes to its content (title, body, …).
    Edit,
    /// Send a draft for review.
    Submit,
    /// Put it online now.
    Publish,
    /// Set a date and time for it to go online.
    Schedule,
    /// Take it offline.
    Unpublish,
    /// Add a correction note shown on the public page.
    Correct,
}

impl Action {
    pub const ALL: [Action; 7] = [
        Action::View,
        Action::Edit,
        Action::Submit,
        Action::Publish,
        Action::Schedule,
        Action::Unpublish,
        Action::Correct,
    ];
}

/// The person acting: their id, roles, and the sections where a journalist may publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: UserId,
    pub roles: Roles,
    /// Sections (ids) where this journalist may publish their own articles.
    pub publish_sections: Vec<SectionId>,
}

/// What the rules need to know about the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subject {
    /// Who created it in the newsroom; `None` for imported articles.
    pub created_by: Option<UserId>,
    pub section_id: SectionId,
    pub status: ArticleStatus,
}

impl Actor {
    /// Someone acting where no article is involved (the media library, the menu): their
    /// publishing sections do not matter.
    pub fn of_roles(user_id: UserId, roles: Roles) -> Self {
        Actor {
            user_id,
            roles,
            publish_sections: Vec::new(),
        }
    }

    fn editor(&self) -> bool {
        self.roles.has(Role::Editor) || self.roles.has(Role::Admin)
    }

    /// Contributors and above work in the newsroom.
    pub fn in_newsroom(&self) -> bool {
        self.editor() || self.roles.has(Role::Journalist) || self.roles.has(Role::Contributor)
    }

    /// May start a new article.
    pub fn can_create(&self) -> bool {
        self.in_newsroom()
    }

    /// May upload to the media library and reuse its images.
    pub fn can_use_media(&self) -> bool {
        self.in_newsroom()
    }

    /// What goes online without review: video entries, and the descriptions of library
    /// images that published articles show. Journalists and up; contributors upload only.
    pub fn can_publish_media(&self) -> bool {
        self.editor() || self.roles.has(Role::Journalist)
    }

    /// Whether this person may change the public text of a shared image or video (alt text,
    /// caption, credit; a video's title, description, poster…) that public articles of
    /// `used_in` show: editors and admins always; journalists only when they may publish in
    /// every one of those sections, since the change rewrites those articles. `Err` lists the
    /// sections that stop them (empty when their role alone does). Unused media stay open to
    /// every journalist.
    pub fn may_describe_media(&self, used_in: &[SectionId]) -> Result<(), Vec<SectionId>> {
        if self.editor() {
            return Ok(());
        }
        if !self.can_publish_media() {
            return Err(Vec::new());
        }
        let mut outside: Vec<SectionId> = used_in
            .iter()
            .copied()
            .filter(|s| !self.publish_sections.contains(s))
            .collect();
        outside.sort_unstable_by_key(|s| s.0);
        outside.dedup();
        if outside.is_empty() {
            Ok(())
        } else {
            Err(outside)
        }
    }

    /// Sections, tags, authors and the front page.
    pub fn can_manage_site(&self) -> bool {
        self.editor()
    }

    /// Users and roles.
    pub fn can_manage_users(&self) -> bool {
        self.roles.has(Role::Admin)
    }

    /// The matrix. Editors and admins may do everything to any article. Journalists work on
    /// their own articles and publish them in the sections they are allowed. Contributors write
    /// and submit their own drafts and cannot publish; once submitted, a draft is the desk's.
    pub fn may(&self, action: Action, a: &Subject) -> bool {
        if self.editor() {
            return true;
        }
        let own = a.created_by == Some(self.user_id);
        let editable = matches!(a.status, ArticleStatus::Draft | ArticleStatus::InReview);
        if self.roles.has(Role::Journalist) {
            let allowed_here = self.publish_sections.contains(&a.section_id);
            return match action {
                Action::View | Action::Edit | Action::Submit | Action::Correct => own,
                // Not from unpublished or scheduled: putting back online what the desk took
                // down, or overriding its schedule, is the desk's decision.
                Action::Publish => {
                    own && allowed_here
                        && matches!(a.status, ArticleStatus::Draft | ArticleStatus::InReview)
                }
                Action::Schedule | Action::Unpublish => false,
            };
        }
        if self.roles.has(Role::Contributor) {
            return match action {
                Action::View => own,
                Action::Edit => own && a.status == ArticleStatus::Draft,
                Action::Submit => own && a.status == ArticleStatus::Draft,
                _ => false,
            } && (editable || action == Action::View);
        }
        false
    }
}

impl Actor {
    /// Whether the person may save a text over `before` that puts the article in section
    /// `to`: they may edit it, and moving an online (or scheduled) article to another section
    /// publishes it there, so that needs the right to publish there too. The store asks this
    /// inside the write's transaction, with `before` read there, so that a publish racing a
    /// section change cannot put an article online where its author may not publish.
    pub fn may_save(&self, before: &Subject, to: SectionId) -> bool {
        if !self.may(Action::Edit, before) {
            return false;
        }
        let online = matches!(
            before.status,
            ArticleStatus::Published | ArticleStatus::Scheduled
        );
        let there = Subject {
            section_id: to,
            status: ArticleStatus::InReview,
            ..*before
        };
        !online || to == before.section_id || self.may(Action::Publish, &there)
    }
}

/// The status an action leads to, and whether it may start from `from`.
pub fn transition(from: ArticleStatus, action: Action) -> Option<ArticleStatus> {
    use ArticleStatus::*;
    match (action, from) {
        (Action::Submit, Draft) => Some(InReview),
        (Action::Publish, Draft | InReview | Scheduled | Unpublished) => Some(Published),
        (Action::Schedule, Draft | InReview | Scheduled | Unpublished) => Some(Scheduled),
        (Action::Unpublish, Published | Scheduled) => Some(Unpublished),
        _ => None,
    }
}

/// Limits on a correction note.
pub const MAX_CORRECTION_CHARS: usize = 2_000;

#[cfg(test)]
mod tests {
    use super::*;
    use ArticleStatus::*;

    fn actor(role: Role, sections: &[i64]) -> Actor {
        Actor {
            user_id: UserId(7),
            roles: Roles::member().with(role),
            publish_sections: sections.iter().copied().map(SectionId).collect(),
        }
    }

    fn subject(created_by: Option<i64>, status: ArticleStatus) -> Subject {
        Subject {
            // The tests name users by their plain number.
            created_by: created_by.map(UserId),
            section_id: SectionId(3),
            status,
        }
    }

    #[test]
    fn contributors_write_and_submit_their_drafts_only() {
        let c = actor(Role::Contributor, &[3]);
        let mine = subject(Some(7), Draft);
        assert!(c.may(Action::Edit, &mine));
        assert!(c.may(Action::Submit, &mine));
        for a in [
            Action::Publish,
            Action::Schedule,
            Action::Unpublish,
            Action::Correct,
        ] {
            assert!(!c.may(a, &mine), "{a:?}");
        }
        let submitted = subject(Some(7), InReview);
        assert!(c.may(Action::View, &submitted));
        assert!(!c.may(Action::Edit, &submitted));
        let theirs = subject(Some(8), Draft);
        assert!(Action::ALL.iter().all(|a| !c.may(*a, &theirs)));
    }

    #[test]
    fn journalists_publish_their_own_in_allowed_sections() {
        let allowed = actor(Role::Journalist, &[3]);
        let elsewhere = actor(Role::Journalist, &[4]);
        let mine = subject(Some(7), InReview);
        assert!(allowed.may(Action::Publish, &mine));
        assert!(!elsewhere.may(Action::Publish, &mine));
        assert!(elsewhere.may(Action::Edit, &mine));
        assert!(!allowed.may(Action::Schedule, &mine));
        assert!(!allowed.may(Action::Unpublish, &subject(Some(7), Published)));
        assert!(
            !allowed.may(Action::Publish, &subject(Some(7), Unpublished)),
            "what the desk took down stays down"
        );
        assert!(!allowed.may(Action::Edit, &subject(Some(8), Draft)));
        assert!(!allowed.may(Action::Edit, &subject(None, Published)));
    }

    #[test]
    fn editors_and_admins_do_everything_others_nothing() {
        let s = subject(None, Published);
        for role in [Role::Editor, Role::Admin] {
            let a = actor(role, &[]);
            assert!(Action::ALL.iter().all(|x| a.may(*x, &s)));
            assert!(a.can_manage_site());
        }
        for role in [Role::Member, Role::Moderator] {
            let a = actor(role, &[3]);
            assert!(!a.in_newsroom());
            assert!(Action::ALL
                .iter()
                .all(|x| !a.may(*x, &subject(Some(7), Draft))));
        }
        assert!(actor(Role::Admin, &[]).can_manage_users());
        assert!(actor(Role::Journalist, &[]).can_publish_media());
        assert!(!actor(Role::Contributor, &[]).can_publish_media());
        assert!(actor(Role::Contributor, &[]).can_use_media());
        assert!(!actor(Role::Editor, &[]).can_manage_users());
    }

    #[test]
    fn shared_media_follow_the_sections_of_the_articles_using_them() {
        let j = actor(Role::Journalist, &[3]);
        assert_eq!(j.may_describe_media(&[]), Ok(()), "unused: as before");
        assert_eq!(j.may_describe_media(&[SectionId(3), SectionId(3)]), Ok(()));
        assert_eq!(
            j.may_describe_media(&[SectionId(5), SectionId(3), SectionId(5)]),
            Err(vec![SectionId(5)])
        );
        let editor = actor(Role::Editor, &[]);
        assert_eq!(editor.may_describe_media(&[SectionId(5)]), Ok(()));
        let c = actor(Role::Contributor, &[3]);
        assert_eq!(c.may_describe_media(&[]), Err(vec![]));
    }

    #[test]
    fn transitions() {
        assert_eq!(transition(Draft, Action::Submit), Some(InReview));
        assert_eq!(transition(InReview, Action::Submit), None);
        assert_eq!(transition(InReview, Action::Schedule), Some(Scheduled));
        assert_eq!(transition(Published, Action::Publish), None);
        assert_eq!(transition(Draft, Action::Unpublish), None);
        assert_eq!(transition(Scheduled, Action::Unpublish), Some(Unpublished));
        assert_eq!(transition(Unpublished, Action::Publish), Some(Published));
    }
}
