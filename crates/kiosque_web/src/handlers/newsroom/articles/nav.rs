//! The back office's navigation for a logged-in member.

pub use crate::admin_nav::AdminNav;
use crate::auth::Member;

impl AdminNav {
    pub fn of(m: &Member, current: &'static str) -> Self {
        AdminNav::for_user(&m.user, &m.csrf, current)
    }
}
