# Kiosque — English catalogue.

site-name = Kiosque
html-lang = en
og-locale = en_GB

comments-count = { $count ->
    [one] { $count } comment
   *[other] { $count } comments
}

## Newsroom: navigation

nr-nav = Newsroom
nr-nav-articles = Articles
nr-nav-new-article = New article
nr-nav-site = Front page and sections
nr-nav-videos = Videos
nr-nav-media = Media library
nr-nav-moderation = Moderation
nr-nav-pages = Site pages
nr-nav-users = Users
nr-nav-api-keys = API keys
nr-nav-webhooks = Webhooks

## Newsroom: the list of articles

nr-articles-title = Articles
nr-articles-write = Write a new article
nr-articles-filter = Filter the articles
nr-articles-status = Status
nr-articles-all-statuses = All
nr-articles-section = Section
nr-articles-all-sections = All
nr-articles-byline = Byline (username)
nr-articles-title-contains = Title contains
nr-articles-sort = Sort by
nr-articles-sort-modified = Last modified
nr-articles-sort-published = Publication date
nr-articles-sort-title = Title
nr-articles-filter-button = Filter
nr-articles-count = { $count ->
    [one] { $count } article.
   *[other] { $count } articles.
}
nr-articles-col-title = Title
nr-articles-col-created-by = Created by
nr-articles-col-modified = Modified
nr-articles-col-published = Publication

## Newsroom: shared words

nr-save = Save
nr-search = Search
nr-yes = Yes
nr-no = No
nr-all = All
nr-col-name = Name
nr-col-address = Address
nr-col-status = Status
nr-col-created = Created
nr-col-published-articles = Published articles
nr-number = no. { $number }
nr-site-nav = Site structure
nr-site-front = Front page
nr-site-sections = Sections
nr-site-tags = Tags
nr-site-authors = Authors

## Newsroom: moderation journal

nr-journal-title = Moderation decisions log
nr-journal-back = Back to the queue
nr-journal-empty = No decision yet.
nr-journal-caption = Decisions, newest first
nr-journal-col-date = Date
nr-journal-col-action = Action
nr-journal-col-by = By
nr-journal-col-comment = Comment
nr-journal-col-member = Member
nr-journal-col-reason = Reason

## Newsroom: authors

nr-authors-count = { $count ->
    [one] { $count } author. Each has a public page, with a biography and a photo.
   *[other] { $count } authors. Each has a public page, with a biography and a photo.
}
nr-authors-col-page = Public page
nr-authors-col-bio = Biography
nr-authors-col-photo = Photo
nr-author-back = Back to the authors
nr-author-public = See the public page
nr-author-published = { $count ->
    [one] { $count } published article. The page’s address ({ $href }) does not change.
   *[other] { $count } published articles. The page’s address ({ $href }) does not change.
}
nr-author-photo-alt = Current photo of { $name }
nr-author-card = Author details
nr-author-bio = Biography (optional)
nr-author-photo = Photo: path of an image of the media library (optional)
nr-author-photo-help = Upload the photo to the <a href="/admin/medias">media library</a>, then copy its path here. Leave empty to show no photo.

## Newsroom: tags

nr-tags-help = Renaming a tag changes the name shown; its address (/tag/…) and its articles stay.
nr-tags-search = Search for a tag
nr-tags-tag = Tag
nr-tags-count = { $count ->
    [one] { $count } tag.
   *[other] { $count } tags.
}
nr-tags-col-rename = Rename
nr-tags-new-name = New name for “{ $name }”
nr-tags-rename = Rename

## Newsroom: users

nr-user-back = Back to the list
nr-user-roles = Roles
nr-user-sections = Sections where this journalist may publish their articles
nr-user-reactivate = Reactivate the account
nr-user-deactivate-help = Deactivating closes their sessions and prevents any log-in; their articles and comments stay.
nr-user-deactivate = Deactivate the account
nr-users-title = Users and roles
nr-users-invite = Invite someone to the team
nr-users-email = E-mail address
nr-users-name = Display name
nr-users-invite-sections = Sections where a journalist may publish
nr-users-send-invite = Send the invitation
nr-users-search = Search for a user
nr-users-q = Name or address
nr-users-role = Role
nr-users-count = { $count ->
    [one] { $count } account.
   *[other] { $count } accounts.
}
nr-users-caption = Accounts

## Newsroom: sections

nr-sections-help = Top-level sections make the site’s navigation and the blocks of the front page, in the order of their position (smallest first); each may have sub-sections (World › Europe).
nr-sections-caption = Section tree
nr-sections-col-section = Section
nr-sections-col-parent = Parent section
nr-sections-col-position = Position
nr-sections-new = New section
nr-sections-the-section = The section
nr-sections-slug = Address (after the site’s name: /middle-east)
nr-sections-slug-help = Lowercase letters without accents, digits and hyphens. The address never changes afterwards.
nr-sections-no-parent = None: top level
nr-sections-description = Description (optional)
nr-sections-create = Create the section
nr-section-back = Back to the sections
nr-section-top-level = None (top level)
nr-section-children = Sub-sections
nr-section-name-description = Name and description
nr-section-rename-help = The address of the section and those of its articles do not change.
nr-section-rename = Rename
nr-section-place = Place in the tree
nr-section-has-children = This section has sub-sections: it stays at the top level. Sections have only two levels.
nr-section-move = Move
nr-section-position-help = Position (smallest first, in the navigation and on the front page)
nr-section-save-position = Save the position

## Newsroom: front page

nr-front-pinned-number = (no. { $id }).
nr-front-choice-meta = ({ $section }, { $published }, no. { $id })
nr-front-read = read
nr-front-read-title = “{ $title }”
nr-front-other = Or the number of another published article (the number ending its address: …_123.html)
nr-front-blocks = Order of the section blocks
nr-front-blocks-help = Under the lead story and the latest news, one block per top-level section, by increasing position; the navigation follows the same order.
nr-front-block-position = Position of “{ $name }”
nr-front-save-order = Save the order

## Newsroom: media library

nr-media-title = Image no. { $id }
nr-media-back = Back to the media library
nr-media-snippet = To paste into the article’s text
nr-media-path = Path
nr-media-original = Original
nr-media-original-size = { $width } × { $height } px, { $mime }
nr-media-sent = Uploaded
nr-media-variants = WebP versions
nr-media-no-variant = none
nr-media-variant-width = { $width } px wide
nr-media-description = Description
nr-media-alt = Alternative text (required)
nr-media-alt-help = What the image shows, for readers who cannot see it. An article may replace it with its own.
nr-media-caption = Caption
nr-media-credit = Credit
nr-medias-title = Media library
nr-medias-upload = Upload an image
nr-medias-file = Image (JPEG, PNG or WebP, { $max } MB at most)
nr-medias-alt-help = What the image shows, for readers who cannot see it: “Civilians evacuated from Aleppo board a bus”.
nr-medias-send = Upload
nr-medias-images = Images
nr-medias-search = Search (alternative text, caption, credit, file name)
nr-medias-search-button = Search
nr-medias-none = No image yet.
nr-medias-no-match = No image matches “{ $q }”.
nr-medias-count = { $count ->
    [one] { $count } image.
   *[other] { $count } images.
}
nr-medias-count-for = { $count ->
    [one] { $count } image for “{ $q }”.
   *[other] { $count } images for “{ $q }”.
}
nr-medias-size = { $width } × { $height } px
nr-medias-no-alt = No alternative text
nr-medias-snippet = To paste into the article
nr-medias-edit = Edit the description

## Newsroom: moderation

nr-mod-title = Comment moderation
nr-mod-nav = Moderation
nr-mod-queue = Queue
nr-mod-words = Banned words
nr-mod-journal = Decisions log
nr-mod-empty = Nothing to moderate for now.
nr-mod-comment = comment no. { $id }
nr-mod-by = By
nr-mod-on = on
nr-mod-edits = Previous versions ({ $count })
nr-mod-reports = Reports ({ $count }):
nr-mod-decision = Decision
nr-mod-approve = Publish
nr-mod-reject = Reject
nr-mod-remove = Remove
nr-mod-reason = Reason given to the author (required to reject or remove)
nr-mod-apply = Apply
nr-mod-suspend = Suspend { $name }
nr-mod-1-day = 1 day
nr-mod-7-days = 7 days
nr-mod-30-days = 30 days
nr-mod-permanent = Permanently
nr-mod-lift = Lift the suspension
nr-mod-ban-reason = Reason
nr-mod-apply-member = Apply to the member

## Newsroom: revisions

nr-rev-title = History of “{ $title }”
nr-rev-back = Back to the article
nr-rev-current = current version: { $version }
nr-rev-caption = Revisions, newest first
nr-rev-col-from = Compare from
nr-rev-col-to = to
nr-rev-col-revision = Revision
nr-rev-col-version = Version
nr-rev-col-kind = Kind
nr-rev-col-by = By
nr-rev-col-date = Date
nr-rev-compare-from = Compare from revision { $id }
nr-rev-compare-to = Compare up to revision { $id }
nr-rev-compare = Compare the two chosen revisions
nr-rev-restore-title = Restore a revision
nr-rev-restore-help = Restoring saves the chosen revision’s content as a new version; nothing is erased from the history.
nr-rev-restore = Restore revision no. { $id }
nr-diff-title = Comparison of revisions no. { $from } and no. { $to }
nr-diff-back = Back to the history
nr-diff-summary = { $count ->
    [one] { $count } line changed. Removed lines are marked “−”, added lines “+”.
   *[other] { $count } lines changed. Removed lines are marked “−”, added lines “+”.
}

## Newsroom: integrations

nr-int-nav = Integrations
nr-int-openapi = OpenAPI documentation
nr-keys-title = Content API keys
nr-keys-new = New key
nr-keys-usage = Applications send it in the <code>Authorization: Bearer { $key }</code> header.
nr-keys-name = Name of the new key (what or whom it is for)
nr-keys-create = Create a key
nr-keys-none = No key yet.
nr-keys-caption = Keys, newest first
nr-keys-col-prefix = Start of the key
nr-keys-col-created = Created
nr-keys-col-used = Last used
nr-keys-never = never
nr-keys-revoked = Revoked on { $date }
nr-keys-revoke = Revoke
nr-hooks-help = Each registered address receives a JSON <code>POST</code> when an article is published, updated or unpublished. The <code>Kiosque-Signature</code> header (<code>t=…,v1=…</code>) is the HMAC-SHA256 of <code>t.body</code> with the webhook’s secret. A refused delivery is retried up to 8 times, at growing intervals.
nr-hooks-secret = Signing secret
nr-hooks-url = Recipient address (https://…)
nr-hooks-events = Events sent
nr-hooks-save = Save the webhook
nr-hooks-none = No webhook yet.
nr-hooks-caption = Registered webhooks
nr-hooks-col-events = Events
nr-hooks-col-pending = Pending
nr-hooks-col-failed = Given up
nr-hooks-active = Active
nr-hooks-paused = Paused
nr-hook-title = Webhook no. { $id }
nr-hook-back = Back to the webhooks
nr-hook-created = Registered
nr-hook-pause = Pause
nr-hook-resume = Resume
nr-hook-delete = Delete
nr-hook-deliveries = Delivery log
nr-hook-no-delivery = No delivery yet.
nr-hook-delivery = no. { $id } — { $event } (article no. { $article }) —
nr-hook-delivery-created = Created { $date }
nr-hook-delivery-created-next = Created { $date }; next try { $next }
nr-hook-payload = Payload sent
nr-hook-resend = Send again

## Newsroom: the article editor

nr-edit-title = Edit article no. { $id }
nr-edit-new = New article
nr-edit-status = Status:
nr-edit-scheduled = — publication scheduled on { $date }
nr-edit-public = see the public page
nr-edit-history = revision history
nr-edit-autosave = An automatically saved version ({ $when }) is newer than the last save.
nr-edit-autosave-take = Take it back
nr-edit-field-title = Title
nr-edit-standfirst = Standfirst
nr-edit-section = Section
nr-edit-tags = Tags (comma-separated)
nr-edit-authors = Bylines (authors or agency, comma-separated)
nr-edit-hero = Main image
nr-edit-hero-path = Path in the media library (/2016/12/23/photo.jpg)
nr-edit-hero-alt = Alternative text
nr-edit-hero-caption = Caption
nr-edit-hero-credit = Credit
nr-edit-hero-video = Or a video on top: its number (see <a href="/admin/videos">the videos</a>)
nr-edit-comments = Comments
nr-edit-body = Article text
nr-edit-help = Formatting: subheadings, quotes, images, videos…
nr-edit-preview = Preview
nr-edit-save = Save
nr-edit-create = Create the draft
nr-edit-preview-title = Preview
nr-edit-publication = Publication
nr-edit-schedule = Schedule the publication (Paris time)
nr-edit-date = Date
nr-edit-time = Time
nr-edit-schedule-button = Schedule
nr-edit-corrections = Corrections
nr-edit-new-correction = New correction (shown under the article)
nr-edit-add-correction = Add the correction

## Newsroom: article statuses

nr-status-draft = Draft
nr-status-in-review = In review
nr-status-scheduled = Scheduled
nr-status-published = Published
nr-status-unpublished = Unpublished
nr-workflow-impossible = Not possible from the status “{ $status }”.

## Newsroom: page titles

nr-title-authors = Authors — Newsroom
nr-title-author = { $name } — Authors — Newsroom
nr-title-front = Front page — Newsroom
nr-title-sections = Sections — Newsroom
nr-title-section = { $name } — Sections — Newsroom
nr-title-tags = Tags — Newsroom
nr-title-image = Image no. { $id } — Media library — Kiosque
nr-title-media = Media library — Kiosque
nr-title-users = Users — Kiosque
nr-title-user = User — Kiosque
nr-title-moderation = Moderation — Kiosque
nr-title-words = Banned words — Kiosque
nr-title-journal = Moderation log — Kiosque
nr-title-api-keys = API keys — Kiosque
nr-title-webhooks = Webhooks — Kiosque
nr-title-webhook = Webhook — Kiosque
nr-title-article = { $title } — Newsroom
nr-title-new-article = New article — Newsroom
nr-title-history = History — Newsroom
nr-title-compare = Comparison — Newsroom
nr-title-articles = Articles — Newsroom

## Newsroom: notices of the site structure

nr-author-saved = Author details saved.
nr-front-pinned-done = Article placed as the lead story.
nr-front-automatic-done = No pinned article any more: the latest leads.
nr-front-order-done = Order of the sections saved.
nr-front-section-gone = One of the sections no longer exists: reload the page.
nr-front-no-position = No position received.
nr-front-not-published = Article no. { $id } is not published: only an article online can lead the front page.
nr-front-no-such-article = No article has the number { $id }.
nr-section-created = Section created.
nr-section-no-parent = This parent section does not exist.
nr-position-invalid = The position of “{ $name }” must be a whole number from 0 to { $max }.

## Newsroom: notices of the site structure (2)

nr-front-not-a-number = “{ $raw }” is not an article number: give the number that ends its address (…_123.html).

## Newsroom: the article editor (messages)

nr-done-created = Article created. It is saved as a draft.
nr-done-saved = Changes saved.
nr-done-submitted = Article sent for review.
nr-done-published = Article published.
nr-done-scheduled = Publication scheduled.
nr-done-unpublished = Article unpublished: it is no longer online.
nr-done-correction = Correction added to the public page.
nr-done-restored = Revision restored.
nr-autosave-taken = Automatically saved version taken back: read it again, then save.
nr-version-missing = Missing version: reload the page.
nr-preview-hero-video = Video no. { $id } on top of the article
nr-rev-choose-two = Choose two revisions to compare.
nr-rev-version-missing = Missing version: reload the history.
nr-unknown-action = Unknown action.
nr-schedule-date = Give the publication date (dd/mm/yyyy).
nr-schedule-time = Give the publication time (hh:mm).
nr-schedule-past = This date is past: choose a moment to come, or publish now.
nr-status-changed = The article changed status in the meantime: reload the page.
nr-correction-published-only = A correction is added to a published article.
nr-form-title-missing = Give the article a title.
nr-form-section-missing = Choose a section.
nr-form-comment-mode = Choose one of the comment modes offered.

## Newsroom: the article editor (messages 2)

nr-form-hero-video = The main video is given by its number (the one in the list of videos).
nr-list-scheduled-on = on { $date }
nr-rev-stale = The article was changed in the meantime: reload the history before restoring.

## Newsroom: site pages

nr-pages-back = Back to the site pages
nr-pages-public = See the public page
nr-pages-edited = Edited on { $date }.
nr-pages-template = Template text, never edited: complete the passages in brackets.
nr-pages-address = The page’s address (/pages/{ $slug }) does not change.
nr-pages-title = Title
nr-pages-body = Text
nr-pages-help = Formatting: paragraphs separated by an empty line, subheadings, lists…
nr-pages-save = Save and publish
nr-pages-heading = Site pages
nr-pages-intro = These pages are linked from the foot of every page of the site. Their address does not change; only their title and text are edited here.
nr-pages-col-page = Page
nr-pages-col-address = Public address
nr-pages-col-modified = Last modified
nr-pages-to-complete = Template to complete

## Site: reader extras

site-reading-time = Reading time: { $minutes } min
site-share = Share the article
site-share-email = By e-mail
site-share-x = X
site-share-facebook = Facebook
site-share-linkedin = LinkedIn
site-share-whatsapp = WhatsApp
site-share-bluesky = Bluesky
site-most-read = Most read

## Newsroom: videos

nr-videos-add = Add a video
nr-videos-none = No video yet.
nr-videos-count = { $count ->
    [one] { $count } video, newest first. They appear in the “Watch” rail in this order.
   *[other] { $count } videos, newest first. They appear in the “Watch” rail in this order.
}
nr-videos-col-poster = Poster
nr-videos-col-title = Title
nr-videos-col-section = Section
nr-videos-col-date = Date
nr-videos-col-duration = Length
nr-videos-col-source = Source
nr-videos-col-published = Publication
nr-videos-col-page = Public page
nr-videos-no-poster = None
nr-videos-see = See
nr-videos-see-title = “{ $title }”
nr-video-edit = Edit video no. { $id }
nr-video-new = New video
nr-video-public = See the public page
nr-video-all = all videos
nr-video-title = Title
nr-video-section = Section
nr-video-no-section = None
nr-video-day = Date of the video
nr-video-day-hint = The day it was shot or first shown. Without it, the page gives the day it went online here (and none for an archive video).
nr-video-duration = Length
nr-video-duration-placeholder = 3:25
nr-video-duration-hint = In minutes and seconds (3:25) or in seconds (205).
nr-video-description = Description
nr-video-description-hint = Shown under the video: what it shows, who speaks, where and when. One paragraph per line.
nr-video-article = Linked article
nr-video-article-placeholder = 123 or /world/title_123.html
nr-video-article-now = Now:
nr-video-article-hint = Its number or its address. An article that opens with this video is shown without needing to be named.
nr-video-poster = Poster
nr-video-poster-hint = The image shown before playing and on the thumbnails of lists.
nr-video-poster-current = Current poster: { $path }
nr-video-poster-pick = Choose among the latest images of the media library
nr-video-poster-file = Or upload an image (JPEG, PNG or WebP)
nr-video-poster-file-hint = It joins the media library, with the alternative text and credit below.
nr-video-poster-credit = Credit of the uploaded image
nr-video-poster-credit-placeholder = AFP
nr-video-poster-path = Or path of an image of the <a href="/admin/medias">media library</a>
nr-video-poster-path-placeholder = /2016/12/23/photo.jpg
nr-video-poster-path-hint = Empty it to remove the poster.
nr-video-poster-alt = Alternative text of the poster
nr-video-source = The video: a file or an address
nr-video-current-file = Current file:
nr-video-replace-file = Choose another file to replace it.
nr-video-embed = Address of the video on another site (https://…)
nr-video-embed-placeholder = https://www.dailymotion.com/video/…
nr-video-embed-hint = The video’s page sends readers to that site. Leave empty to upload a file.
nr-video-file = Or video file (MP4 or WebM, { $max } MB at most)
nr-video-save = Save
nr-video-publish = Publish the video

## Newsroom: users (messages)

nr-user-state-deactivated = Deactivated
nr-user-state-suspended = Suspended
nr-user-state-unverified = Address not confirmed
nr-user-state-active = Active
nr-user-member = Member
nr-user-unknown-role = Unknown role.
nr-user-unknown-section = The section “{ $name }” does not exist.
nr-user-exists-change = An account already exists for { $email }: change its roles from the list.
nr-user-exists = An account already exists for { $email }.
nr-user-own-admin = You cannot remove your own administrator role.
nr-user-own-deactivate = You cannot deactivate your own account.

## Newsroom: integrations (messages)

nr-keys-created = Key created. Copy it now: it will never be shown again.
nr-hooks-no-event = Choose at least one event to send.
nr-hooks-paused-notice = Webhook paused: events pile up without being sent.

## Newsroom: moderation (messages)

nr-mod-words-limit = At most 2,000 words of 60 characters each.
nr-mod-choose-decision = Choose a decision.
nr-mod-reason-needed = Give the reason: it is sent to the comment’s author.
nr-mod-reason-1000 = The reason is limited to 1,000 characters.
nr-mod-reason-500 = The reason is limited to 500 characters.
nr-mod-not-yourself = You cannot suspend yourself.
nr-mod-admin-only = Only an administrator can suspend a member of the team.
nr-mod-choose-duration = Choose a duration.

## Newsroom: videos and uploads (messages)

nr-video-duration-unreadable = The length “{ $raw }” cannot be read: write it in minutes and seconds (3:25) or in seconds (205).
nr-video-duration-zero = A video lasts at least one second: leave the length empty if you do not know it.
nr-video-duration-too-long = This length exceeds 24 hours: check it.
nr-video-url-https = The video’s address must be a secure web address starting with https:// (for example https://www.dailymotion.com/video/x123).
nr-video-url-too-long = The video’s address is too long ({ $max } characters at most).
nr-video-url-credentials = The video’s address must not hold a user name or a password.
nr-video-date-unreadable = The date “{ $raw }” cannot be read: write it as 2016-12-22.
nr-title-video = { $title } — Videos — Newsroom
nr-title-new-video = New video — Newsroom
nr-title-videos = Videos — Newsroom
nr-video-created = Video saved: it is online and in the “Watch” rail.
nr-video-title-missing = Give the video a title.
nr-video-title-too-long = The title is too long ({ $max } characters at most).
nr-video-alt-too-long = The poster’s alternative text is too long ({ $max } characters at most).
nr-video-credit-too-long = The poster’s credit is too long ({ $max } characters at most).
nr-videos-mp4 = MP4 file
nr-videos-link = Link to { $host }
nr-videos-archive = Archive (no playback)
nr-upload-interrupted = The upload was interrupted or the form is malformed; try again.
nr-form-malformed = The form is malformed: reload the page and try again.
nr-upload-choose-image = Choose an image to upload (JPEG, PNG or WebP).
nr-upload-malformed = The upload form is malformed: choose an image and try again.
nr-media-alt-too-long = The alternative text is too long ({ $max } characters at most).
nr-media-caption-too-long = The caption is too long ({ $max } characters at most).
nr-media-credit-too-long = The credit is too long ({ $max } characters at most).
## Comments: under articles and on a comment's page

cm-edited = (edited)
cm-reply = Reply
cm-report = Report
cm-your-reply = Your reply
cm-publish-reply = Post reply
cm-edit = Edit
cm-your-text = Your text
cm-save = Save
cm-delete = Delete
cm-delete-confirm = Delete this comment? It will disappear from the discussion.
cm-delete-for-good = Delete permanently
cm-page-kicker = Comment
cm-page-on = On “
cm-page-on-end = ”
cm-page-edit-heading = Edit my comment
cm-page-edit-until = You can edit it until { $date }.
cm-text = Text
cm-page-delete-heading = Delete my comment
cm-page-report-heading = Report this comment
cm-report-reason = Reason
cm-report-details = Details (optional)
cm-report-send = Send the report
cm-moderate = Moderate
cm-mod-decision = Decision
cm-mod-approve = Publish
cm-mod-reject = Reject
cm-mod-remove = Remove
cm-mod-reason = Reason given to the author
cm-mod-apply = Apply
cm-login = Log in
cm-page-login-end = to reply to this comment or report it.
cm-back-to-article = Back to the article
cm-invite-or = or
cm-invite-signup = create your Kiosque account
cm-invite-end = to comment.
cm-have-account = Already have an account?
cm-sign-in = Log in
cm-closed = Comments are closed on this article.
cm-banned = Your account is suspended: you cannot comment.
cm-banned-until = Your account is suspended until { $date }: you cannot comment.
cm-unverified-as = Logged in as { $name }.
cm-unverified-confirm = Confirm your email address to comment:
cm-unverified-resend = resend the confirmation email
cm-your-comment = Your comment
cm-posted-as = (posted as { $name })
cm-rules = Plain text, at most 3,000 characters and 2 links.
cm-premoderated = Comments are reviewed before they appear.
cm-notify-replies = Email me when someone replies to my comments
cm-publish = Post
cm-pending = Your comments awaiting moderation:

## Account: reader's pages

acc-my-comments = My comments
acc-no-comments = You have not commented on anything yet.
acc-comment-on = On
acc-mod-reason = Reason for the moderation decision:
acc-manage-comment = Manage this comment
acc-back-to-account = Back to my account
acc-fields-to-fix = { $count ->
    [one] One field needs correcting:
   *[other] { $count } fields need correcting:
}
acc-profile-title = My account
acc-display-name = Display name
acc-email = Email address
acc-verified = confirmed
acc-unverified = unconfirmed
acc-roles = Roles
acc-resend-confirmation = Resend the confirmation email
acc-emails = Emails
acc-notify-replies = Email me when someone replies to my comments (at most one email per hour and per discussion)
acc-save = Save
acc-link-name = Change my display name
acc-link-email = Change my email address
acc-link-password = Change my password
acc-link-export = Download my data (JSON)
acc-link-delete = Delete my account
acc-link-newsroom = The newsroom: articles, media library, videos
acc-link-moderation = Comment moderation
acc-link-users = Users and roles
acc-link-api = API keys and webhooks
acc-logout = Log out

## Comments: messages and errors shown to readers

cm-msg-edited = Your comment has been edited.
cm-msg-edited-held = Your edited comment will appear once a moderator has reviewed it.
cm-msg-deleted = Your comment has been deleted.
cm-msg-reported = Thank you: your report has been passed on to the moderators.
cm-msg-posted = Your comment is published.
cm-msg-posted-held = Thank you: your comment will appear once a moderator has reviewed it.
cm-err-report-reason = Choose a reason for the report.
cm-err-report-details = Details are limited to 1,000 characters.
cm-err-own-report = You cannot report your own comment.
cm-err-csrf = This form has expired: reload the page.
cm-err-too-many = Too many comments in a short time: wait a minute.
cm-err-login = Log in to comment.
cm-err-unknown = Something went wrong; try again.
cm-err-unknown-article = Unknown article.
cm-err-unknown-comment = Unknown comment.
cm-page-title = Comment on “{ $title }” — Kiosque
## Site: page frame (header, navigation, footer)

site-skip-link = Skip to content
site-search = Search
site-account = My account
site-account-of = My account:
site-sections = Sections
site-videos = Videos
site-tagline = The news, as it happens.
site-footer-site = About the site
site-footer-contact = Contact
site-footer-charter = Moderation policy
site-footer-legal = Legal notice
site-footer-privacy = Privacy policy
site-footer-follow = Follow the news
site-footer-rss = RSS feed
site-footer-atom = Atom feed
site-footer-json-feed = JSON Feed
site-colophon = Kiosque — no ad trackers, no third-party scripts.

## Site: cards, video rail, pagination, article body

site-rail-title = Watch
site-rail-all = All videos
site-video-duration = Length: { $minutes } min { $seconds } s
site-video-duration-hours = Length: { $hours } h { $minutes } min { $seconds } s
site-video-recorded = Video from { $day }
site-video-published = Published { $day }
site-pagination = Pagination
site-page-prev = ← Previous page
site-page-of = Page { $current } of { $total }
site-page-next = Next page →
site-link-label = { $label }:

## Site: front page, lists, authors, site pages

site-front-heading = Kiosque — front page
site-front-empty = No article has been published yet.
site-front-latest = Latest news
site-breadcrumb = Breadcrumb
site-subsections = Subsections
site-list-empty = Nothing published here yet.
site-author-kicker = Author
site-page-updated = Updated

## Site: videos and error pages

site-videos-empty = No videos yet.
site-error-home = Back to the front page
site-video-length = Length:
site-length = { $minutes } min { $seconds } s
site-length-hours = { $hours } h { $minutes } min { $seconds } s
site-video-unsupported = Your browser cannot play this video here:
site-video-download-it = download it
site-video-elsewhere = Watch the video on { $host }
site-video-elsewhere-hint = This video is hosted by another site: it opens there.
site-video-archived = This archived video can no longer be played.
site-video-article = The article

## Site: search and article pages

site-search-heading = Search
site-search-hint = Search covers articles and videos. Put a phrase in quotes to find it exactly; a word preceded by “-” is excluded.
site-search-section = Section
site-search-all-sections = All
site-search-from = From
site-search-to = To
site-search-sort = Sort by
site-search-by-relevance = Relevance
site-search-by-date = Date
site-search-video = Video:
site-bylines-by = By
site-bylines-and = and
site-video-download = Download the video
site-corrections = Corrections
site-tags = Tags
site-related = Read also
site-comments-heading = Comments
site-no-comments = No comments yet. Be the first to respond.

## Site: page titles and picture descriptions

site-title = { $title } — Kiosque
site-title-page = { $title } — page { $page } — Kiosque
site-title-front = Kiosque — the news, as it happens
site-description-front = All the news from France and around the world.
site-title-search = Search — Kiosque
site-title-search-for = { $query } — Search — Kiosque
site-title-video = { $title } — Video — Kiosque
site-title-videos = Videos — Kiosque
site-illustration = Illustration
site-illustration-of = Illustration: { $title }

## Site: error pages

site-error-not-found = Page not found
site-error-not-found-text = The page you are looking for does not exist or is no longer online. It may have moved: find the latest news from the front page.
site-error-forbidden = Action refused
site-error-forbidden-text = Your account does not have the rights needed for this page.
site-error-csrf-text = This form has expired or does not come from this site. Reload the page and try again.
site-error-too-many = Too many attempts
site-error-too-many-text = You have made too many attempts in a short time. Wait a few minutes before trying again.
site-error-unauthorized = Access denied
site-error-unauthorized-text = This address requires a valid API key.
site-error-bad-request = Bad request
site-error-bad-request-text = The request could not be understood.
site-error-internal = Internal error
site-error-internal-text = Something went wrong on our side. Try again in a moment.

## Site: search messages

site-search-bad-from = The start date is not valid: it is ignored.
site-search-bad-to = The end date is not valid: it is ignored.
site-search-too-long = Your search is too long: { $max } characters at most.
site-search-unavailable = Search is not available on this site.

## Site page templates: the text of a site page until an admin first edits it.
page-template-legal-title = Legal notice
page-template-legal-body =
    Template for the site's publisher to complete: replace every passage in brackets, then delete this paragraph.

    ## Publisher

    This site is published by [name of the publisher or company], [legal form] with a share capital of [amount], registered in [city] under number [company registration number], whose registered office is at [full postal address].

    Telephone: [telephone number]. E-mail: [contact address].

    ## Editor in chief

    Editor responsible for publication: [first name and surname].

    ## Hosting

    The site is hosted by [name of the host], [postal address of the host], [telephone number of the host].

    ## Intellectual property

    The articles, photographs and videos published on this site are protected by copyright. Any reproduction without the publisher's permission is forbidden, except short quotations that name their source.
page-template-privacy-title = Privacy policy
page-template-privacy-body =
    Template for the site's publisher to complete: replace every passage in brackets, then delete this paragraph.

    ## Data controller

    The personal data collected on this site is processed by [name of the publisher], [postal address], who can be reached at [contact address for personal data].

    ## What we collect

    Reading the site requires no account. We use no advertising tracker, no third-party audience measurement and no cookie other than those the site needs to work.

    If you create a reader account, we keep your e-mail address, the name you choose, your password in an encrypted and irreversible form, and the comments you publish.

    - A session cookie keeps you logged in for thirty days at most.
    - A security cookie protects forms against forged submissions.

    ## How long we keep it

    Your data is kept as long as your account exists. You can delete it at any time from “My account”; your comments are then made anonymous.

    ## Your rights

    You have the right to access, correct, erase and carry away your data: export and deletion are available in “My account”. For any other request, write to [contact address]. You may also lodge a complaint with the data protection authority.
page-template-charter-title = Moderation charter
page-template-charter-body =
    Template for the site's publisher to complete: read these rules, adapt them, then delete this paragraph.

    Comments are a space for discussion open to registered readers. Their authors are responsible for them, and they are published under the responsibility of [name of the publisher].

    ## What has no place here

    - Insulting, defamatory, racist, sexist or homophobic remarks, or calls to hatred or violence.
    - Personal attacks on other readers, on journalists or on the people quoted.
    - Personal information about others (address, telephone…).
    - Advertising, promotional links and repeated messages.
    - Remarks unrelated to the article.

    ## How we moderate

    Any comment can be reported by readers. The moderation team can hide or remove a comment that breaks this charter; its author then receives an e-mail explaining why. Repeated breaches can lead to an account being suspended.

    Some articles are moderated beforehand: comments appear there only once approved.

    To contest a decision, write to [contact address of the moderation team].
page-template-contact-title = Contact
page-template-contact-body =
    Template for the site's publisher to complete: replace every passage in brackets, then delete this paragraph.

    ## The newsroom

    To report a mistake, suggest a story or respond to an article: [e-mail address of the newsroom].

    ## Your reader account

    For a question about your account or your comments: [e-mail address of the reader service].

    ## By post

    {"["}Name of the publisher], [full postal address].
## Errors and labels of the library crates (domain, store, media): markup, comments, sections, uploads

err-markup-line = Line { $line }: { $message }
err-markup-image-path = the image needs a path from the media library (/2016/12/23/photo.jpg).
err-markup-image-not-in-library = the image must come from the media library, not from a web address: upload it, then give its path (/2016/12/23/photo.jpg).
err-markup-image-syntax = the image is badly written; the expected form, alone on its line, is ![description](/2016/12/23/photo.jpg "Caption" "Credit").
err-markup-image-unterminated = the image is not closed: a “]”, a “)” or a quotation mark is missing (![description](/2016/12/23/photo.jpg "Caption" "Credit")).
err-markup-video-id = ::video expects the video’s number, for example ::video 12.
err-markup-embed-url = ::embed expects a full web address, for example ::embed https://www.youtube.com/watch?v=abc123.
err-markup-read-also = ::lire-aussi expects the article’s number then its title, for example ::lire-aussi 123 Title of the article.
err-markup-unknown-directive = “::{ $name }” is not a known command (::video, ::embed, ::lire-aussi). To start a paragraph with “::”, write \:: .
err-markup-empty-quote = the quote is empty: write its text after “>”.
err-markup-too-many-blocks = the text has more than { $max } blocks (paragraphs, subheadings, images…); split the article.
err-markup-block-too-long = this block is longer than { $max } characters; split it into several paragraphs.
# The syntax itself (##, >, ::video, ::lire-aussi…) is the same in every language; every
# example line must parse.
nr-markup-help =
    Formatting cheat sheet

    Separate paragraphs with a blank line. A single line break becomes a space.
    In a paragraph, a quote or a list: *italics*, **bold** and links.

    Italics and bold:
    The city is *almost entirely* destroyed, according to **the UN**.

    Link to another article of the site (its address, copied from the page) or to the web:
    Read [our investigation](/world/aleppo-the-battle_123.html) and [the report](https://www.un.org/en/).

    Only web addresses (https://…) and the site’s own (/monde/…) are accepted. A lone star stays a star; \* writes one where it would be read as italics.
    Shortcuts: Ctrl+I for italics, Ctrl+B for bold, Ctrl+K for a link (Cmd on a Mac).

    Subheading:
    ## Fighting resumes in Aleppo

    Quote, with its source (optional) on the last line:
    > A very important step towards peace.
    > — Vladimir Putin

    Bulleted list, one line per item:
    - First item
    - Second item

    Numbered list:
    1. First item
    2. Second item

    Image from the media library: description, path, then caption and credit (optional):
    ![Civilians evacuated from Aleppo](/2016/12/23/photo.jpg "Evacuation on 22 December" "AFP")

    Video of the site, by its number:
    ::video 12

    Outside content (YouTube, X…), by its address:
    ::embed https://www.youtube.com/watch?v=abc123

    “Read also” link, by the article’s number then its title:
    ::lire-aussi 123 Aleppo, the decisive battle

    For a paragraph to really start with ##, >, -, 1., ![ or ::, write \ in front of it:
    \## is not a subheading.

cm-status-published = Published
cm-status-pending = Awaiting moderation
cm-status-rejected = Rejected
cm-status-deleted = Deleted by you
cm-status-removed = Removed by the moderators
cm-status-hidden = Hidden after reports, under review
cm-reason-spam = Spam or advertising
cm-reason-abuse = Abuse or harassment
cm-reason-off-topic = Off topic
cm-reason-illegal = Illegal content
cm-err-empty = The comment is empty.
cm-err-too-short = The comment is too short (at least { $min } characters).
cm-err-too-long = The comment is too long ({ $max } characters at most).
cm-err-too-many-links = The comment has too many links ({ $max } at most).
cm-err-reply-to-reply = Only a top-level comment can be replied to.
cm-err-edit-window-over = The time for editing this comment is over.
cm-err-not-yours = This comment is not yours.
cm-err-unverified = Confirm your email address before commenting.
cm-err-parent-not-published = This comment no longer accepts replies.
cm-err-already-reported = You have already reported this comment.

err-draft-title-too-long = The title is too long (300 characters at most).
err-draft-standfirst-too-long = The standfirst is too long (1,000 characters at most).
err-draft-too-many-blocks = The text has too many blocks ({ $max } at most).
err-draft-block-too-long = A block of the text is too long ({ $max } characters at most).
err-draft-published-without-date = A published article must have a publication date.
err-unknown-section = This section does not exist.
err-page-unknown = This page does not exist.
err-page-empty-title = The title is required.
err-page-title-too-long = The title is longer than { $max } characters.
err-page-empty-body = The page’s text is empty.
err-description-too-long = The description is too long ({ $max } characters at most).
err-video-article-missing = Article no. { $id } does not exist: give the number of an article of the newsroom.
err-video-title = Give the video a title of 300 characters at most.
err-correction-length = A correction must be 1 to 2,000 characters long.
err-moderation-not-applicable = This comment is “{ $status }”: this action does not apply to it.

nr-event-published = Article published
nr-event-updated = Article updated
nr-event-unpublished = Article unpublished
err-webhook-url-invalid = The address must be a full URL starting with http:// or https://.
err-webhook-url-credentials = The address must not contain credentials (user:password@).
err-webhook-url-too-long = The address is too long (2,000 characters at most).
err-webhook-no-event = Choose at least one event.
err-api-key-name = Give the key a name of 1 to 100 characters.

# A revision written out as text for the diff, beside its body in the editor's syntax: plain
# spaces, like the text the journalist types.
nr-rev-field-title = Title: { $value }
nr-rev-field-standfirst = Standfirst: { $value }
nr-rev-field-section = Section: { $value }
nr-rev-field-tags = Tags: { $value }
nr-rev-field-bylines = Bylines: { $value }
nr-rev-field-image = Image: { $value }

err-email-taken = This email address is already used by another account.
err-section-slug-taken = A section already has this address.
err-tag-name-taken = Another tag already has this name.
err-author-name-taken = Another author already has this name.
err-media-path-taken = A file in the media library already has this name.
err-value-taken = This value is already in use.
err-name-missing-section = Give the section a name.
err-name-missing-tag = Give the tag a name.
err-name-missing-author = Give the author a name.
err-name-too-long = This name is too long ({ $max } characters at most).
err-name-one-line = A name fits on one line.
err-name-separators = A name cannot contain a comma or a semicolon.
err-bio-too-long = The biography is too long ({ $max } characters at most).
err-author-photo-path = The photo must be a path in the media library (/2016/12/23/portrait.jpg).
err-section-slug-invalid = The address “{ $slug }” is not valid: lower-case letters without accents, digits and hyphens only (for example “middle-east”).
err-section-slug-reserved = The address “{ $slug }” is reserved by the site: choose another one.
err-section-slug-unusable = “{ $slug }” cannot be the address of a section.
err-section-slug-used = A section already has the address “{ $slug }”.
err-section-parent-missing = The chosen parent section does not exist.
err-section-under-itself = A section cannot be placed under itself.
err-section-under-its-child = A section cannot be placed under one of its subsections.
err-section-parent-is-child = “{ $name }” is already a subsection: sections have only two levels.
err-section-has-children = “{ $name }” has subsections: it stays at the top level (move its subsections first).
err-section-position = The position { $position } is not valid: give a number from 0 to { $max }.
err-section-gone = One of the sections no longer exists.

err-media-empty = The file is empty.
err-media-too-heavy = The file is larger than the maximum size of { $max }.
err-media-megabytes = { $whole } MB
err-media-megabytes-tenths = { $whole }.{ $tenths } MB
err-media-megapixels = { $whole } megapixels
err-media-megapixels-tenths = { $whole }.{ $tenths } megapixels
err-media-not-an-image = This file is not a JPEG, PNG or WebP image.
err-media-too-many-pixels = The image is too large ({ $width } × { $height } pixels; { $max } at most).
err-media-side-too-long = The image is too large ({ $width } × { $height } pixels; { $max } pixels per side at most).
err-media-unsupported-encoding = This { $format } image uses an encoding Kiosque cannot read: save it again from an image editor, then try again.
err-media-unreadable = The image is unreadable or truncated.
err-media-processing = Processing the image failed; try again later.
err-media-not-a-video = This file is not an MP4 or WebM video: its content matches neither format, whatever its name. Export the video as MP4 (H.264) or WebM, then upload it again.
err-media-video-too-heavy = This video is too large: { $max } MB at most. Make it smaller (resolution or bitrate) or publish it on a video host and give its address.
err-media-video-write = Saving the video failed; try again later.
err-media-not-found = The file { $path } does not exist.
err-media-storage = Storing the media failed; try again later.
## Site: dates, typography and the public site's words built in code (site helper)

# Dates are written with chrono's strftime patterns; %B stands for the month's name below.
date-day-pattern = %-d %B %Y
date-time-pattern = %H:%M
date-month = { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
}
date-at = { $date } at { $time }
date-on-at = on { $date } at { $time }
date-published = Published { $date } at { $time }
date-published-day = Published { $date }
date-updated = Updated { $date } at { $time }
# The language tag of schema.org, feeds and the browser's date formats.
site-locale = en-GB
site-home = Home
site-error = Error
site-form-malformed = The form sent is incomplete or malformed. Reload the page and try again.
site-video-label = Video
site-block-read-also = See also
site-block-watch = Watch the video
site-tag-kicker = Tag
site-author-photo = Photo of { $name }
site-correction = Correction, { $date }: { $text }
site-feed-link = { $name } — Kiosque ({ $format })
site-feed-link-site = Kiosque ({ $format })
site-feed-author = Articles by { $name }
site-feed-tag = Articles about { $name }
site-search-none = No article matches these criteria.
site-search-none-for = No article matches “{ $q }”. Check the spelling, or try fewer or more general words.
site-search-found-articles = { $count ->
    [one] { $count } article found.
   *[other] { $count } articles found.
}
site-search-found-videos = { $count ->
    [one] { $count } video found.
   *[other] { $count } videos found.
}
site-search-found-both = { $total } results found: { $articles } and { $videos }.
site-search-articles = { $count ->
    [one] { $count } article
   *[other] { $count } articles
}
site-search-videos = { $count ->
    [one] { $count } video
   *[other] { $count } videos
}
cm-deleted-account = Deleted account
cm-guest-unnamed = Anonymous
cm-deleted-by-author = This comment was deleted by its author.
cm-removed-by-moderation = This comment was removed by the moderators.
# What the comment script says; { $minutes }, { $hours } and { $time } are filled in by the script.
cm-js-now = just now
cm-js-minutes-ago = { $minutes } min ago
cm-js-hours-ago = { $hours } h ago
cm-js-yesterday = yesterday at { $time }
cm-js-sending = Sending…
cm-js-failed = That did not work. Please try again.
cm-js-offline = Connection lost: nothing was sent. Please try again.
mail-illegal-report-subject = Your report of illegal content
mail-illegal-report-body =
    Hello { $name },

    We have received your report of comment no. { $id } as illegal content. Our moderators will review it; you will receive an e-mail telling you of their decision.
## Account: forms, messages and e-mails worded in Rust (handlers/account, the reply e-mail, account rules)

acc-login = Log in
acc-login-intro = Log in to your account to comment on articles.
acc-login-failed = Incorrect email address or password.
acc-login-deactivated = This account has been deactivated. Please contact the site’s administrators.
acc-login-no-account = No account yet? Create one
acc-password = Password
acc-current-password = Current password
acc-new-password = New password
acc-new-email = New email address
acc-password-hint = At least { $min } characters; avoid common passwords.
acc-password-hint-signup = At least { $min } characters; avoid common passwords. A sentence works best.
acc-wrong-password = Incorrect password.
acc-wrong-current-password = Incorrect current password.
acc-signup = Create my account
acc-signup-intro = Your account lets you comment on articles. We will send you a link to confirm your email address.
acc-signup-name = Name shown under your comments
acc-signup-charter = I have read and accept the comment moderation policy:
acc-signup-charter-link = read the policy
acc-signup-charter-needed = Accept the moderation policy to create your account.
acc-signup-have-account = Already have an account? Log in
acc-signup-sent = If { $email } can receive our messages, an email has just been sent to it. Follow the link it contains to confirm your address and open your account.
acc-check-inbox = Check your inbox
acc-link-invalid = Invalid link
acc-link-expired = Invalid or expired link
acc-verify-invalid-text = This confirmation link is not valid: it has expired or has already been used. Log in to ask for a new one from your account.
acc-verified-heading = Address confirmed
acc-verified-text = Thank you: your address is confirmed. You can now comment on articles.
acc-forgot = Forgotten password
acc-forgot-link = Forgotten your password?
acc-forgot-intro = Enter your account’s email address: we will send a link there to choose a new password.
acc-forgot-submit = Send the link
acc-forgot-sent = If an account exists for { $email }, a link to choose a new password has just been sent to it.
acc-reset-heading = Choose a new password
acc-reset-invalid-text = This link is no longer valid: it has expired or has already been used. Ask for a new one.
acc-password-changed = Password changed
acc-password-changed-text = Your new password is saved; your other sessions have been closed.
acc-notice-resent = A new confirmation email has been sent to you.
acc-notice-name = Your display name has been changed.
acc-notice-password = Your password has been changed; your other sessions have been closed.
acc-notice-email = Your new address is confirmed.
acc-notice-notifications = Your email preferences are saved.
acc-confirm-new-email = Confirm the new address
acc-confirm-new-email-text = A confirmation link has been sent to { $email }. Your current address remains valid until the new one is confirmed.
acc-email-confirm-invalid-text = This link is no longer valid: it has expired, has already been used, or the address has since been taken.
acc-comment-date = { $date } at { $time }
acc-export-filename = kiosque-my-data.json
acc-delete-intro = Your account, your email address and your sessions will be erased. Your comments stay under the articles, signed “Deleted account”, so that discussions keep their meaning. To erase them too, delete them first from “My comments”.
acc-delete-password = Password, to confirm
acc-delete-submit = Delete my account permanently
acc-cancel = Cancel
acc-deleted = Account deleted
acc-deleted-text = Your account has been deleted. Thank you for taking part.
acc-unsubscribe-invalid-text = This unsubscribe link is not valid. You can choose which emails you receive from your account.
acc-unsubscribed = Unsubscribed
acc-unsubscribed-text = You will no longer receive an email when someone replies to your comments. You can turn these emails back on at any time from your account.
acc-unsubscribe-invalid-plain = Invalid unsubscribe link.
acc-unsubscribed-plain = You have been unsubscribed.
acc-role-member = Member
acc-role-contributor = Contributor
acc-role-journalist = Journalist
acc-role-editor = Editor
acc-role-moderator = Moderator
acc-role-admin = Administrator
err-account-email = Invalid email address.
err-account-display-name = The display name must be 2 to 50 characters long.
err-account-password-short = The password must be at least { $min } characters long.
err-account-password-long = The password is too long ({ $max } characters at most).
err-account-password-common = This password is too common or too easy to guess. Choose another one.
mail-acc-hello = Hello,
mail-acc-hello-name = Hello { $name },
mail-acc-exists-subject = Your Kiosque account already exists
mail-acc-exists-text = Someone (perhaps you) asked to create a Kiosque account with this address, which already has one.
mail-acc-exists-login = To log in: { $link }
mail-acc-exists-reset = Forgotten your password? { $link }
mail-acc-exists-ignore = If you did not make this request, you can ignore this message.
mail-acc-verify-subject = Confirm your email address
mail-acc-verify-text = Welcome to Kiosque. To confirm your address and start commenting, open this link (valid for { $hours ->
    [one] { $hours } hour
   *[other] { $hours } hours
}):
mail-acc-verify-ignore = If you did not create an account, you can ignore this message.
mail-acc-reset-subject = Choose a new password
mail-acc-reset-text = To choose a new password, open this link (valid for { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}, and only once):
mail-acc-reset-ignore = If you did not ask for this, you can ignore this message: your password stays the same.
mail-acc-email-subject = Confirm your new email address
mail-acc-email-text = To use this address for your Kiosque account from now on, open this link (valid for { $hours ->
    [one] { $hours } hour
   *[other] { $hours } hours
}):
mail-reply-subject = New reply to your comment
mail-reply-someone = A member
mail-reply-text = { $replier } replied to your comment on the article “{ $title }”:
mail-reply-quote = “{ $excerpt }”
mail-reply-read = Read the reply and the discussion:
mail-reply-why = You are receiving this email because you asked to be emailed when someone replies to your comments (at most one email per hour and per discussion).
mail-reply-unsubscribe = Stop receiving these emails, in one click: { $link }
## Newsroom: the remaining words built in code (notices, labels, refusals) and the newsroom's e-mails

nr-when = { $date } at { $time }
nr-when-by = { $date }, by { $name }
nr-mod-deleted-account = Deleted account
nr-mod-report-line = { $reason } — by { $by }, { $date }
nr-mod-report-by-deleted = deleted account
nr-mod-report-details = { $report }: “{ $details }”
nr-mod-done-decision = Decision recorded.
nr-mod-done-member = Measure applied to the member.
nr-mod-done-words = Banned words list saved.
nr-mod-words-intro = A comment containing one of these words (ignoring capitals and accents) is held for moderation instead of being published. One word per line.
nr-mod-words-field = Words
nr-journal-approve = Approval
nr-journal-reject = Rejection
nr-journal-remove = Removal
nr-journal-ban = Suspension
nr-journal-unban = Suspension lifted
nr-journal-auto-hide = Hidden automatically (reports)
nr-journal-banned-words = Banned words changed
nr-journal-system = system
nr-user-done-invite = Invitation sent.
nr-user-done-roles = Roles saved.
nr-user-done-deactivated = Account deactivated: its sessions are closed.
nr-user-done-reactivated = Account reactivated.
nr-keys-done-revoked = The key is revoked: it no longer gives access to the API.
nr-hooks-done-deleted = Webhook deleted, with its log.
nr-hooks-done-resumed = Webhook resumed.
nr-hooks-done-redeliver = The delivery will be sent again in a moment.
nr-hooks-done-created = Webhook no. { $id } registered. Here is its signing secret: give it to the receiver now, it will not be shown again.
nr-delivery-delivered = Delivered
nr-delivery-failed = Given up
nr-delivery-pending = Pending
nr-title-site-pages = Site pages — Newsroom
nr-title-site-page = { $title } — Site pages — Newsroom
nr-pages-saved = Page saved: it is online.
nr-media-alt-missing = Describe the image in the alternative text: readers who cannot see it hear this instead.
nr-media-uploaded = Image saved. Copy the line below into the article’s text to insert it.
nr-section-done-renamed = Name and description saved.
nr-section-done-moved = Section moved.
nr-section-done-position = Position saved.
nr-tags-done-renamed = Tag renamed; its address does not change.
nr-author-photo-unknown = No image of the media library has the path “{ $path }”: copy the path shown in the media library.
nr-edit-move-denied = This article is online: you cannot move it to a section where you do not publish.
nr-edit-no-such-video = There is no video no. { $id }: choose one from the list of videos.
nr-edit-no-such-read-also = “Read also” points to article no. { $id }, which does not exist.
nr-edit-mode-open = Open
nr-edit-mode-pre-moderated = Pre-moderated
nr-edit-mode-closed = Closed
nr-edit-submit = Submit for review
nr-edit-publish = Publish now
nr-edit-unpublish = Unpublish
nr-edit-autosaved = Saved automatically at { $time }
nr-edit-autosave-expired = Session expired: save after logging in again.
nr-edit-autosave-failed = Autosave is not possible for the moment.
nr-edit-conflict = Someone saved this article while you were editing it (version { $version }). Nothing was overwritten: your version is kept as revision no. { $kept }. Compare the two versions in the history ({ $href }), then carry your changes over to the current version.
nr-form-hero-path = The main image must be a path of the media library (/2016/12/23/photo.jpg).
nr-rev-kind-save = Save
nr-rev-kind-restore = Restore
nr-rev-kind-autosave = Autosave
nr-rev-kind-conflict = Refused version (conflict)
nr-rev-kind-other = Revision
nr-done-deleted = Article deleted.
nr-videos-webm = WebM file
nr-video-poster-path-invalid = The poster must be an image of the media library, given by its path (/2016/12/23/photo.jpg).
nr-video-poster-not-in-library = The image { $path } is not in the media library: upload it to the media library first, then copy its path here.
nr-video-article-unreadable = Give the article by its number (123) or by its address (/world/title_123.html).
nr-video-both-sources = A video is either an uploaded file or a link to another site, not both: empty the address to upload a file, or choose no file to give an address.
nr-video-no-source = Upload the video file (MP4 or WebM), or give the address where it is published (https://…).
mail-nr-hello = Hello { $name },
mail-nr-hello-anonymous = Hello,
mail-mod-reason = Reason: { $reason }
mail-mod-rejected-subject = Your comment has been rejected
mail-mod-removed-subject = Your comment has been removed
mail-mod-rejected = Your comment no. { $id } has been rejected by the moderation team.
mail-mod-removed = Your comment no. { $id } has been removed by the moderation team.
mail-mod-your-comment =
    Your comment:
    “{ $body }”
mail-mod-contest =
    You will find this decision under “{ $page }”: { $link }
    If you think this is a mistake, you can reply to this message to contest it.
mail-mod-report-subject = The outcome of your report
mail-mod-report-kept = You reported comment no. { $id } as illegal content. After review, the moderation team kept it online.
mail-mod-report-rejected = You reported comment no. { $id } as illegal content. After review, the moderation team rejected it.
mail-mod-report-removed = You reported comment no. { $id } as illegal content. After review, the moderation team removed it.
mail-mod-ban-subject = Your Kiosque account is suspended
mail-mod-ban-until = until { $date }
mail-mod-ban-for-good = until further notice
mail-mod-ban-no-reason = not given
mail-mod-ban =
    Your account can no longer post comments { $until }.
    Reason: { $reason }
mail-invite-subject = Invitation to join the Kiosque newsroom
mail-invite-intro = { $admin } invites you to join Kiosque ({ $roles }).
mail-invite-link = { $days ->
    [one] To activate your account, choose your password by opening this link (valid for { $days } day, once only):
   *[other] To activate your account, choose your password by opening this link (valid for { $days } days, once only):
}
mail-invite-then = You can then log in and reach the newsroom: { $newsroom }

## Rights on shared media (the media library's image page and the video form)
nr-rights-image-refused = This image appears in published articles of sections where you may not publish ({ $sections }). Its texts were not changed: only an editor, or a journalist who publishes in all of those sections, may change them.
nr-rights-video-refused = This video appears in published articles of sections where you may not publish ({ $sections }). It was not changed: only an editor, or a journalist who publishes in all of those sections, may change it.
nr-rights-history = History of changes
nr-rights-revision = Changed by { $name } { $when }
nr-rights-deleted-account = a deleted account
## Re-import of archive pages (issue 12, item 9): the history names what an import wrote
nr-rev-kind-import = Archive page import
nr-rev-author-import = import
## save (one text, never lost: the editor's save status and workflow buttons)
save-status-saved = Saved at { $time }
save-status-unsaved = Unsaved changes
save-status-offline = Offline: saved in this browser
save-status-backup = Unsaved changes (backup copy at { $time })
save-status-restored = Unsaved text found in this browser: read it again, then save.
save-status-older = This browser holds unsaved text written before the article's last save.
save-status-take = Take this text back
save-status-refused = Not saved: the text stays in this browser.
save-workflow-note = These buttons save the text on the screen first.

## inline formatting (issue 12 item 3)
err-markup-link-url = “{ $href }” is not an accepted link address: write a full web address (https://…) or an address of the site starting with / (/monde/…_12.html).
nr-edit-link-prompt = Link address (https://… or /monde/…_12.html):
## Back office (issue 12, item 7: the newsroom's own header and its dashboard)
bo-logout = Log out
bo-nav-dashboard = Dashboard
bo-title-dashboard = Dashboard — Newsroom
bo-dash-heading = Hello, { $name }
bo-dash-drafts = My drafts
bo-dash-review = Waiting for review
bo-dash-scheduled = Scheduled
bo-dash-published = Recently published
bo-dash-comments = Pending comments
bo-dash-comments-count = { $count ->
    [one] { $count } comment awaits a decision
   *[other] { $count } comments await a decision
}
bo-dash-empty = Nothing yet.
bo-dash-all = See all
bo-item-meta = { $section } · { $date }

## Article editor: writing first, media picker, link picker (issue 12, items 1, 3 and 4)
ed-missing-hero = The main image “{ $path }” is not in the media library: pick it with “Choose from the library” or upload it.
ed-missing-image = the image { $path } is not in the media library: insert it with the “Image” button, which can also upload it.
ed-missing-video = There is no video no. { $id }: pick one with the “Video” button.
ed-missing-read-also = “Read also” points to article no. { $id }, which does not exist.
ed-title-placeholder = Headline
ed-tools = Formatting and insertion
ed-tool-italic = Italic
ed-tool-italic-key = Italic (Ctrl+I)
ed-tool-bold = Bold
ed-tool-bold-key = Bold (Ctrl+B)
ed-tool-link = Link to an article
ed-tool-image = Image
ed-tool-video = Video
ed-side-title = Article settings
ed-hero-pick = Choose from the library
ed-address = Public address
ed-address-later = Given on publication, from the headline.
ed-pick-image = Insert an image
ed-pick-hero = Choose the main image
ed-pick-video = Insert a video
ed-pick-link = Link an article
ed-pick-empty = No results.
ed-pick-failed = The upload failed; check the connection and try again.
ed-pick-sending = Uploading…
ed-pick-not-image = Choose an image (JPEG, PNG, WebP or GIF).
ed-pick-close = Close
ed-pick-link-text = Link text
ed-pick-link-hint = Left empty, the link uses the chosen article’s headline.
ed-pick-search = Search
ed-pick-upload = Or upload a new image
ed-pick-drop = Drag an image here or paste it.
ed-pick-choose = Choose a file
ed-pick-alt = Alt text (required)
ed-pick-alt-hint = What the image shows, for those who cannot see it.
ed-pick-upload-insert = Upload and insert
## API (write API: key scopes and owners, write errors)
api-scope-content-read = Read published content (content:read)
api-scope-content-write = Write: create and update drafts, move them through the workflow (content:write)
api-scope-media-write = Upload images to the media library (media:write)
api-scope-live-write = Post to live blogs (live:write)
api-scope-comments-moderate = Publish or reject comments awaiting moderation (comments:moderate)
api-key-no-scope = Tick at least one permission for the key.
api-key-owner-unknown = The key's owner must be an existing, open account.
api-key-owner-not-staff = The key's owner must be staff (newsroom or moderation), not a reader.
api-key-scope-not-for-owner = The key's owner cannot use the { $scope } permission: their role does not allow it.
api-err-scope = This key does not have the { $scope } permission needed here.
api-err-owner-rights = This key's owner may not do that (the newsroom's rules apply).
api-err-stale-version = The article was saved since the version sent; the current version is { $version }. Nothing was saved.
api-err-too-large = The request is too large.
api-err-json = The request body is not the expected JSON: { $detail }
api-err-body-twice = Give the body either as text (body) or as blocks (blocks), not both.
api-err-unknown-image = No image of the media library has the path { $path }.
api-err-version-missing = Give the version you edited (version).
api-err-schedule-missing = Give the time to go online (scheduled_at).
api-err-schedule-format = The time to go online must be RFC 3339, such as 2026-12-24T08:00:00+01:00.
nr-keys-owner = Owner (the key acts on their behalf, with their rights)
nr-keys-scopes = Permissions
nr-keys-col-owner = Owner
nr-keys-col-scopes = Permissions
nr-keys-owner-gone = deleted account
nr-keys-cli = From the command line, for deployment scripts: <code>kiosque key create --owner EMAIL --scope content:write --name NAME</code> (the key is shown once).
## Front page composition and framing (issue 12, items 6 and 5: slots, section blocks, a section page's lead, focal points)
site-front-secondary = Also in the headlines
err-front-slot = This slot does not exist: choose a number from 1 to { $count }.
err-front-other-section = Article no. { $id } is not in this section: only an article of the section (or of a section inside it) can be placed here.
nr-compose-front-heading = Front page slots
nr-compose-front-help = The first slot is the lead story; the next four go with it. A slot with no chosen article shows the newest one not already on the page; an unpublished article leaves its slot by itself.
nr-compose-front-lead = 1 · Lead story
nr-compose-slot = Slot { $number }
nr-compose-section-lead = Lead story of the page
nr-compose-target = { $place } — { $slot }
nr-compose-block-heading = “{ $name }” block on the front page
nr-compose-block-help = The chosen articles open the section's block on the front page, in this order; free slots show its newest articles.
nr-compose-section-heading = “{ $name }” section page
nr-compose-section-help = The chosen article opens the section's page. Without a choice, the newest one with a picture does.
nr-compose-section-title = Compose “{ $name }”
nr-compose-placed-done = Article placed.
nr-compose-removed-done = Slot freed: the newest article fills it.
nr-compose-moved-done = Slot moved.
nr-compose-bad-target = This slot does not exist: reload the page.
nr-compose-back = ← Back to the front page
nr-compose-placed = Chosen
nr-compose-automatic = Automatic
nr-compose-automatic-none = no article yet
nr-compose-up = Move up
nr-compose-down = Move down
nr-compose-remove = Remove
nr-compose-place-legend = Place an article
nr-compose-drag-hint = Drag an article onto a slot, or choose it here with the slot and confirm.
nr-compose-none = None: the slot goes back to the newest article
nr-compose-target-label = Slot
nr-compose-place = Place the article
nr-compose-block-link = Compose the block
nr-compose-section-link = Compose the section (the lead of its page)
nr-compose-positions = Exact block positions
nr-focal-heading = Framing
nr-focal-help = The spot to keep in view when the image is cropped (thumbnails, cards, lead story): click it on the image, or give its position in percent of the width and height from the top left corner (50 and 50: the centre).
nr-focal-picker-alt = The image: click the spot to keep in view
nr-focal-x = Horizontal (%)
nr-focal-y = Vertical (%)
nr-focal-save = Save the framing
nr-focal-previews = The site's crops (16/9, square, portrait):
nr-focal-done = Framing saved: pages showing the image follow.
nr-focal-invalid = The framing must be two numbers from 0 to 100.
nr-focal-refused = This image appears in published articles of sections where you may not publish ({ $sections }). Its framing was not changed: only an editor, or a journalist who publishes in all those sections, can change it.

## Editor: the article's images, each framed from the side panel
ed-images = Images in the article
ed-images-help = “Frame” opens the image’s page in the media library: a click there picks the spot every crop keeps in view.
ed-images-frame = Frame
ed-images-frame-which = : { $alt }
## Slug and search-engine fields (issue 12 item 1: the editor's side panel, the public page's head)
seo-err-slug = The end of the address may only hold lowercase letters without accents, digits and single hyphens, with no hyphen at either end, at most { $max } characters (for example: { $example }).
seo-err-title-long = The search-engine title is longer than { $max } characters.
seo-err-description-long = The search-engine description is longer than { $max } characters.
seo-rev-field-slug = Address: { $value }
seo-rev-field-title = Search-engine title: { $value }
seo-rev-field-description = Search-engine description: { $value }
seo-slug-label = End of the address (slug)
seo-slug-help = Lowercase letters without accents, digits and hyphens. Left empty, it is formed from the title. After a change, the old address redirects to the new one.
seo-slug-placeholder = from the title
seo-address-after = online once published
seo-legend = Search engines and sharing
seo-title-label = Search-engine title
seo-title-help = Optional. Replaces the headline in the browser tab, search results and shared links; the article's headline does not change.
seo-description-label = Search-engine description
seo-description-help = Optional. Replaces the standfirst in search results and shared links.
seo-counter = { $count } / { $max } characters

## Breaking news (issue 11 item 2: the banner, /admin/alerte, `kiosque alert`)
alert-label = Breaking
alert-nav = Breaking news
alert-title = Breaking news
alert-heading = Breaking news
alert-intro = The banner shows at the top of every page of the site until it expires or you end it. Sending a new alert ends the previous one.
alert-current = Current alert
alert-none = No alert is showing.
alert-sent-on = Sent { $date }
alert-until = until { $date }
alert-end = End the alert
alert-new = New alert
alert-text = Alert text
alert-text-help = One sentence, { $max } characters at most.
alert-link = Link (optional)
alert-link-help = A path on the site (/world/…) or a full http(s):// address.
alert-expires = Show for
alert-for-30m = 30 minutes
alert-for-1h = 1 hour
alert-for-2h = 2 hours
alert-for-6h = 6 hours
alert-for-24h = 24 hours
alert-send = Send the alert
alert-sent = The alert is live on every page.
alert-ended = The alert was removed from every page.
alert-log = Alert log
alert-log-empty = No alert sent yet.
alert-col-sent = Sent
alert-col-text = Text
alert-col-until = Expires
alert-col-ended = Ended
alert-showing = Showing
alert-expired = Expired
alert-err-text-empty = Write the alert's text.
alert-err-text-long = The text must fit in { $max } characters.
alert-err-link = The link must be a path on the site (starting with /) or an http(s):// address.
alert-err-duration = Duration not understood: choose between 1 minute and 24 hours (for example 30m, 2h, 1h30m).
alert-cli-sent = Alert { $id } sent.
alert-cli-ended = Alert ended.
alert-cli-none = No alert is showing.

## Live blogs (issue 11 item 1: "En direct", /direct, the newsroom's composer)
live-nav = Live
live-badge = Live
live-badge-ended = Live ended
live-closed = This live blog has ended.
live-started = Live coverage started { $date }
live-ended-on = ended { $date }
live-day-time = { $day } { $month }, { $time }
live-edited-at = edited { $time }
live-important = Important
live-key-point = Key point
live-by = By { $name }
live-essentials = Key points
live-feed-title = Live updates
live-reload = Reload to see new posts
live-new-one = 1 new post
live-new-many = { $count } new posts
live-empty = No posts yet.
live-newer = Newer posts
live-older = Older posts
live-feed-name = { $title } (live)
live-index-title = Live
live-index-heading = Live
live-index-intro = The newsroom's live blogs: those under way, then those that ended recently.
live-index-open = Under way
live-index-none-open = No live blog is under way.
live-index-closed = Ended recently
live-index-posts = { $count ->
    [one] 1 post
   *[other] { $count } posts
}
live-index-last = { $posts } · latest on { $date }
live-index-ended = { $posts } · ended on { $date }
live-err-title-empty = Give the post a title.
live-err-title-long = The title must fit in { $max } characters.
live-err-body-empty = Write the post's text.
live-err-body-long = The text must fit in { $max } characters.
live-err-closed = This live blog has ended: nothing more can be posted on it. Reopen it to post.
live-err-not-live = This article is not a live blog.
live-desk-link = Live blog (real-time posts)
live-desk-title = Live: { $title }
live-desk-edit-article = Edit the article
live-desk-public = See the public page
live-desk-since = Live coverage started { $date }
live-desk-ended = ended { $date }
live-desk-close = End the live blog
live-desk-reopen = Reopen the live blog
live-desk-make = Make this article a live blog
live-desk-not-live = This article is not a live blog. As a live blog, it takes timestamped posts that readers see arrive without reloading the page.
live-desk-not-allowed = Only editors, admins and the section's journalists may write on this live blog.
live-desk-posts = { $count ->
    [one] 1 post online
   *[other] { $count } posts online
}
live-desk-edit = Edit
live-desk-delete = Delete
live-desk-posted = Post published.
live-desk-saved = Post saved.
live-desk-deleted = Post deleted.
live-desk-opened = The live blog is open.
live-desk-closed = The live blog has ended; its page stays online.
live-desk-list-title = Live blogs
live-desk-list-intro = The live blogs online. To start one, open an article and choose "Live blog".
live-composer = New post
live-post-title = Edit a post
live-post-title-label = Title
live-post-body-label = Text
live-post-important = Important (highlighted)
live-post-key-point = Key point (pinned at the top)
live-post-submit = Publish the post
live-post-save = Save
live-post-back = Back to the live blog
live-post-history = History
live-post-col-what = Action
live-post-col-when = When
live-post-col-text = Content
live-rev-create = Published
live-rev-edit = Edited
live-rev-delete = Deleted
## Newsletters (issue 11 item 3: /lettres, "Mes lettres", /admin/lettres, the digests, `kiosque newsletter`)
nl-daily-title = The Daily Briefing
nl-daily-blurb = Every morning, the stories not to miss, chosen by the newsroom.
nl-section-title = The { $section } newsletter
nl-section-blurb = The latest { $section } stories, once a day.
nl-subject = { $newsletter }: { $lead }
nl-mail-why = You receive this newsletter because you subscribed to it on { $site }.
nl-mail-read-site = Read on the site
nl-mail-unsubscribe = Unsubscribe
nl-mail-unsubscribe-line = Unsubscribe in one click: { $link }
nl-page-title = Newsletters
nl-page-intro = Get the news that matters by e-mail, free and without an account. You can unsubscribe at any time, in one click, from every newsletter.
nl-choose = Choose your newsletters
nl-email = E-mail address
nl-email-placeholder = you@example.com
nl-subscribe = Subscribe
nl-double-opt-in = We will send you a confirmation e-mail: no newsletter is sent before you click its link.
nl-error-email = This e-mail address is not valid. Please check it (for example: name@example.com).
nl-error-none = Choose at least one newsletter.
nl-check-inbox = Check your inbox
nl-check-inbox-text = Unless it was already done, a confirmation e-mail is on its way to { $email }. Click its link to receive your newsletters; without confirmation we will not write to you.
nl-confirm-mail-subject = Confirm your subscription
nl-confirm-mail-text = You (or someone using your address) asked to receive:
nl-confirm-mail-link = To confirm, open this link: { $link }
nl-confirm-mail-ignore = If you did not ask for anything, ignore this message: you will receive nothing.
nl-confirm-title = Confirm your subscription
nl-confirm-text = Confirm the subscription of { $email } to:
nl-confirm-button = Confirm my subscription
nl-confirmed = Subscription confirmed
nl-confirmed-text = Thank you! From now on you will receive:
nl-link-spent = This link no longer works
nl-link-spent-text = It was already used or it expired (it lasts seven days). You can subscribe again from the newsletters page.
nl-link-all = All our newsletters
nl-link-front = Back to the front page
nl-unsub-title = Unsubscribe
nl-unsub-text = Stop sending “{ $newsletter }” to { $email }?
nl-unsub-button = Unsubscribe me
nl-unsub-done = You are unsubscribed
nl-unsub-done-text = { $email } will no longer receive “{ $newsletter }”.
nl-unsub-already = Already done
nl-unsub-already-text = { $email } is no longer subscribed to “{ $newsletter }”: there is nothing else to do.
nl-unsub-invalid = Incomplete unsubscribe link
nl-unsub-invalid-text = This link is not complete. Copy it whole from the newsletter, or write to us.
nl-mine-title = My newsletters
nl-mine-intro = The newsletters sent to { $email }. Tick the ones you want to receive.
nl-mine-saved = Your newsletters are saved.
nl-mine-saved-confirm = Noted: a confirmation e-mail was just sent for the newsletters you added.
nl-state-pending = Waiting for confirmation
nl-state-confirmed = Subscribed
nl-admin-nav = Newsletters
nl-admin-title = Newsletters
nl-admin-intro = Confirmed subscribers, each newsletter’s send time (Paris time) and its last sends.
nl-admin-queue = Mail queue: { $queued } message(s) waiting, { $failed } given up.
nl-admin-confirmed = { $count } confirmed subscriber(s)
nl-admin-time = Send time
nl-admin-time-save = Save the time
nl-admin-time-saved = The send time is saved.
nl-admin-time-invalid = Time not understood: “{ $time }”. Write it as 07:30.
nl-admin-no-sends = Nothing sent yet.
nl-admin-sends = Last sends
nl-admin-special = Special
nl-admin-col-when = Date
nl-admin-col-subject = Subject
nl-admin-col-articles = Articles
nl-admin-col-recipients = Recipients
nl-admin-col-sent = Sent
nl-admin-col-failed = Failed
nl-admin-col-waiting = Waiting
nl-admin-addresses = Addresses in error
nl-admin-addresses-intro = An address its server rejected (bounce) or whose owner complained receives no newsletter any more.
nl-admin-state = State
nl-admin-bounced = Rejected (bounce)
nl-admin-complained = Complaint
nl-admin-ok = Normal
nl-admin-mark = Save
nl-admin-address-saved = The address’s state is saved.
nl-admin-unknown-address = No subscriber has the address { $email }.
## Podcasts (issue 11 item 4)
err-markup-audio-id = ::audio expects the episode’s number, for example ::audio 12.
err-media-not-audio = This file is not an MP3, M4A, Ogg or WAV sound: its content matches none of these formats, whatever its name. Export the episode as MP3 or M4A, then upload it again.
err-media-audio-too-heavy = This sound file is too large: { $max } MB at most. Export it at a lower bitrate (128 kb/s is plenty for speech).
err-media-audio-write = Saving the sound file failed; try again later.
pod-err-title = Give a title of at most { $max } characters.
pod-err-description = The description must fit in { $max } characters.
pod-err-author = Give the author (who makes the show), at most { $max } characters.
pod-err-category = Choose a category from the list.
pod-err-duration = Duration not understood: write minutes and seconds (12:30) or hours (1:02:03), between 1 second and 24 hours.
pod-err-external-url = The address must start with https:// and point at an audio file (.mp3, .m4a, .ogg, .opus or .wav).
pod-err-show-missing = There is no show number { $id }.
pod-cat-news = News
pod-cat-society = Society & Culture
pod-cat-government = Government
pod-cat-history = History
pod-cat-business = Business
pod-cat-technology = Technology
pod-cat-science = Science
pod-cat-health = Health & Fitness
pod-cat-education = Education
pod-cat-arts = Arts
pod-cat-music = Music
pod-cat-tv = TV & Film
pod-cat-sports = Sports
pod-cat-comedy = Comedy
pod-cat-fiction = Fiction
pod-cat-true-crime = True Crime
pod-cat-religion = Religion & Spirituality
pod-cat-kids = Kids & Family
pod-cat-leisure = Leisure
pod-image-not-in-library = { $path } is not an image of the media library: choose one from the list, or upload it to the library first.
pod-choose-show = Choose the show
pod-both-sources = Give either a file or an address, not both.
pod-no-source = Upload the sound file, or give the address of a file hosted elsewhere.
ed-missing-audio = There is no podcast episode no. { $id }: its number is in the Podcasts list of the newsroom.
pod-nav = Podcasts
pod-title-index = Podcasts
pod-heading-index = Podcasts
pod-index-intro = Our shows to listen to here or in your podcast app.
pod-no-shows = No show yet.
pod-no-episodes = No episode yet.
pod-episode-count = { $count ->
    [one] { $count } episode
   *[other] { $count } episodes
}
pod-explicit = Explicit
pod-subscribe = Subscribe (RSS feed)
pod-subscribe-hint = Copy this address into your podcast app.
pod-feed-link = Podcast: { $title }
pod-title-show = { $title }, podcast
pod-title-episode = { $title } — { $show }
pod-episodes = Episodes
pod-published = Published on { $day }
pod-length = Length:
pod-description-heading = About this episode
pod-no-description = No description for this episode.
pod-download = Download the episode
pod-listen-elsewhere = Listen on the host’s site
pod-read-description = Description and transcript
pod-audio-unsupported = Your browser cannot play this sound here:
pod-listen-label = Listen
pod-listen-episode = the podcast episode
pod-size-kb = { $size } kB
pod-size-mb = { $whole }.{ $tenths } MB
pod-add-episode = Add an episode
pod-add-episode-short = add one
pod-add-show = New show
pod-see-public = See the public podcasts page
pod-shows = Shows
pod-latest-episodes = Latest episodes
pod-col-title = Title
pod-col-category = Category
pod-col-episodes = Episodes
pod-col-page = Page
pod-col-show = Show
pod-col-duration = Length
pod-col-published = Published
pod-see = See
pod-title-new-show = New show
pod-title-edit-show = Show: { $title }
pod-new-show = New show
pod-edit-show = Edit the show
pod-see-page = See the public page
pod-all = All podcasts
pod-field-title = Title
pod-field-author = Author
pod-field-author-hint = Who makes the show: podcast apps show it under the title.
pod-field-category = Category (podcast directories)
pod-field-explicit = Explicit content (podcast apps warn listeners)
pod-field-description = Description
pod-image = Artwork
pod-image-hint = A square image of the media library (podcast apps want at least 1400 × 1400 pixels).
pod-image-pick = The library’s latest images
pod-image-none = No artwork
pod-image-path = Path of an image of the library
pod-save = Save
pod-publish = Publish the episode
pod-title-new-episode = New episode
pod-title-edit-episode = Episode: { $title }
pod-new-episode = New episode
pod-edit-episode = Edit the episode
pod-episode-saved = Episode saved: it is on the show’s page and in its feed.
pod-markup-hint = To play it in an article, write this line in its body:
pod-need-show = An episode belongs to a show: create one first.
pod-field-show = Show
pod-field-episode-description = Description or transcript
pod-field-episode-description-hint = One paragraph per line. A transcript makes the episode accessible to deaf and hard-of-hearing readers.
pod-field-duration = Length
pod-field-duration-hint = Read from the uploaded file; write it (12:30 or 1:02:03) only to correct it, or for a file hosted elsewhere.
pod-field-sound = The sound
pod-current-file = Now playing:
pod-replace-file = Upload another file to replace it.
pod-field-file = Sound file (MP3, M4A, Ogg or WAV; { $max } MB at most)
pod-field-url = Or the address of a file hosted elsewhere
pod-field-url-hint = https only, ending in .mp3, .m4a, .ogg, .opus or .wav.
pod-field-url-placeholder = https://…/episode.mp3

## Security findings (issue 14: e-mail change, webhooks)
mail-acc-email-changed-subject = Your account’s email address has changed
mail-acc-email-changed-text = Your Kiosque account’s email address is now { $email }. Your other sessions were ended and pending links cancelled.
mail-acc-email-changed-not-you = If you did not make this change, contact the site’s team right away.
err-webhook-url-private = This address leads to this server or to a private network (127.0.0.1, localhost, 10.x, 192.168.x, 169.254.x…): a webhook must point to a public service.
nr-attempt-delivered = Delivered
nr-attempt-failed = Failed

## Load (issue 13: the page a browser gets when the node is at capacity)
site-error-busy = The site is very busy
site-error-busy-text = Too many readers are asking for pages at the same time: try again in a moment.
## Search at a million (issue 13: estimated counts, bounded pagination)
site-search-about = About { $count } results.
site-search-too-deep = Results stop at page { $max }: refine your search (more precise words, a section, dates) to find what you are looking for.
site-search-last-page = Only the first { $count } results are shown: refine your search to go further.

## The wire desk (/admin/depeches)
wire-section-name = Wire
wire-nav = Wire
wire-title = Wire
wire-heading = Agency wire
wire-intro = The items received, newest first. Each arrives as a draft in the "Wire" section, kept out of the site's navigation: open it to edit, move and publish it. A newer version of an item updates its draft, unless it was edited since.
wire-empty = No items received. They arrive through "kiosque import ninjs" or the watched folder ("serve --wire-dir").
wire-col-received = Received
wire-col-item = Item
wire-col-agency = Agency
wire-col-urgency = Urgency
wire-col-draft = Draft
wire-withheld = Withheld by the agency
wire-canceled = Canceled by the agency
wire-version = Version { $version } · { $count ->
    [one] { $count } version received
   *[other] { $count } versions received
}
wire-versions = { $count ->
    [one] { $count } version received
   *[other] { $count } versions received
}
