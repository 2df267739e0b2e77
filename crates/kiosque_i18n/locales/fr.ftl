# Kiosque — catalogue français (la langue par défaut).
# Keys are English kebab-case; values follow French typography: ’ « » and no-break spaces
# (U+00A0 before : ; ! ?, U+202F inside « »).

site-name = Kiosque
html-lang = fr
og-locale = fr_FR

comments-count = { $count ->
    [one] { $count } commentaire
   *[other] { $count } commentaires
}

## Newsroom: navigation

nr-nav = Rédaction
nr-nav-articles = Articles
nr-nav-new-article = Nouvel article
nr-nav-site = Une et rubriques
nr-nav-videos = Vidéos
nr-nav-media = Médiathèque
nr-nav-moderation = Modération
nr-nav-users = Utilisateurs
nr-nav-api-keys = Clés d’API
nr-nav-webhooks = Webhooks

## Newsroom: the list of articles

nr-articles-title = Articles
nr-articles-write = Écrire un nouvel article
nr-articles-filter = Filtrer les articles
nr-articles-status = État
nr-articles-all-statuses = Tous
nr-articles-section = Rubrique
nr-articles-all-sections = Toutes
nr-articles-byline = Signature (identifiant)
nr-articles-title-contains = Titre contenant
nr-articles-sort = Trier par
nr-articles-sort-modified = Dernière modification
nr-articles-sort-published = Date de publication
nr-articles-sort-title = Titre
nr-articles-filter-button = Filtrer
nr-articles-count = { $count ->
    [one] { $count } article.
   *[other] { $count } articles.
}
nr-articles-col-title = Titre
nr-articles-col-created-by = Créé par
nr-articles-col-modified = Modifié
nr-articles-col-published = Publication
