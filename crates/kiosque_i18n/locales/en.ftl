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

nr-front-pinned = Lead story:
nr-front-pinned-number = (no. { $id }).
nr-front-none-pinned = No pinned article: the latest published article leads the front page.
nr-front-lead = Lead story
nr-front-none = No pinned article: the latest leads
nr-front-choice-meta = ({ $section }, { $published }, no. { $id })
nr-front-read = read
nr-front-read-title = “{ $title }”
nr-front-other = Or the number of another published article (the number ending its address: …_123.html)
nr-front-save = Save the front page
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
