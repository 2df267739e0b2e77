//! The account area's page structs.

use askama::Template;
use kiosque_domain::typography::french;

use crate::pages::Layout;

/// The typography of the site's language on a fixed text of the account pages: French spacing
/// and quotes on a French site, the text as worded on an English one (French rules would put
/// no-break spaces before its colons and question marks).
pub fn typeset(text: &str) -> String {
    if kiosque_i18n::current().french_typography() {
        french(text)
    } else {
        text.to_owned()
    }
}

pub struct Field {
    pub name: &'static str,
    pub label: String,
    /// `text`, `email`, `password`, `textarea`…
    pub kind: &'static str,
    pub value: String,
    pub autocomplete: Option<&'static str>,
    pub required: bool,
    pub hint: Option<String>,
    /// What is wrong with this field, shown beside it (every field's at once).
    pub error: Option<String>,
    /// For a checkbox: a link inside its label (the charter the box accepts).
    pub link: Option<(String, String)>,
    /// For a checkbox: ticked.
    pub checked: bool,
}

impl Field {
    pub fn new(name: &'static str, label: &str, kind: &'static str) -> Self {
        Field {
            name,
            label: label.to_owned(),
            kind,
            value: String::new(),
            autocomplete: None,
            required: true,
            hint: None,
            error: None,
            link: None,
            checked: false,
        }
    }

    pub fn error(mut self, e: Option<String>) -> Self {
        self.error = e;
        self
    }

    pub fn link(mut self, href: &str, text: &str) -> Self {
        self.link = Some((href.to_owned(), text.to_owned()));
        self
    }

    pub fn checked(mut self, on: bool) -> Self {
        self.checked = on;
        self
    }

    /// The ids the field's `aria-describedby` names: its error, then its hint.
    pub fn described_by(&self) -> String {
        let mut ids = Vec::new();
        if self.error.is_some() {
            ids.push(format!("erreur-{}", self.name));
        }
        if self.hint.is_some() {
            ids.push(format!("aide-{}", self.name));
        }
        ids.join(" ")
    }

    pub fn value(mut self, v: &str) -> Self {
        self.value = v.to_owned();
        self
    }

    pub fn autocomplete(mut self, a: &'static str) -> Self {
        self.autocomplete = Some(a);
        self
    }

    pub fn hint(mut self, h: &str) -> Self {
        self.hint = Some(h.to_owned());
        self
    }
}

/// One form: sign-up, log-in, reset, profile changes, deletion.
#[derive(Template)]
#[template(path = "account/form.html")]
pub struct FormPage {
    pub layout: Layout,
    pub heading: String,
    pub intro: Option<String>,
    pub error: Option<String>,
    pub action: String,
    pub csrf: String,
    pub hidden: Vec<(String, String)>,
    pub fields: Vec<Field>,
    pub submit: String,
    pub links: Vec<(String, String)>,
}

impl FormPage {
    /// The fields the person must correct: the error summary above the form lists them.
    pub fn field_errors(&self) -> Vec<(&'static str, &str)> {
        self.fields
            .iter()
            .filter_map(|f| f.error.as_deref().map(|e| (f.name, e)))
            .collect()
    }

    /// The language's typography on every fixed text of the page (labels, hints, links, messages).
    pub fn typeset(mut self) -> Self {
        self.heading = typeset(&self.heading);
        self.intro = self.intro.map(|s| typeset(&s));
        self.error = self.error.map(|s| typeset(&s));
        self.submit = typeset(&self.submit);
        for f in &mut self.fields {
            f.label = typeset(&f.label);
            f.hint = f.hint.as_deref().map(typeset);
            f.error = f.error.as_deref().map(typeset);
            if let Some(l) = &mut f.link {
                l.1 = typeset(&l.1);
            }
        }
        for l in &mut self.links {
            l.1 = typeset(&l.1);
        }
        self
    }
}

#[derive(Template)]
#[template(path = "account/notice.html")]
pub struct NoticePage {
    pub layout: Layout,
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub links: Vec<(String, String)>,
}

impl NoticePage {
    pub fn typeset(mut self) -> Self {
        self.heading = typeset(&self.heading);
        self.paragraphs = self.paragraphs.iter().map(|p| typeset(p)).collect();
        for l in &mut self.links {
            l.1 = typeset(&l.1);
        }
        self
    }
}

#[derive(Template)]
#[template(path = "account/profile.html")]
pub struct ProfilePage {
    pub layout: Layout,
    pub notice: Option<String>,
    pub display_name: String,
    pub email: String,
    pub verified: bool,
    pub roles: String,
    pub can_moderate: bool,
    /// Contributors and up: a link to the newsroom.
    pub in_newsroom: bool,
    pub is_admin: bool,
    /// E-mail me when someone replies to my comments.
    pub notify_replies: bool,
    pub csrf: String,
}

pub struct MyComment {
    pub id: kiosque_domain::CommentId,
    pub article_title: String,
    pub article_href: String,
    pub date: String,
    pub datetime: String,
    pub status: String,
    pub body: Vec<String>,
    pub reason: Option<String>,
    /// Still on the site (not deleted or taken down): it has a page of its own.
    pub visible: bool,
}

#[derive(Template)]
#[template(path = "account/comments.html")]
pub struct MyCommentsPage {
    pub layout: Layout,
    pub items: Vec<MyComment>,
}
