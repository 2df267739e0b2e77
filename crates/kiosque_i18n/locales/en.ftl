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
