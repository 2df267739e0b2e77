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
nr-nav-pages = Pages du site
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

## Newsroom: shared words

nr-save = Enregistrer
nr-search = Chercher
nr-yes = Oui
nr-no = Non
nr-all = Tous
nr-col-name = Nom
nr-col-address = Adresse
nr-col-status = État
nr-col-created = Créé
nr-col-published-articles = Articles publiés
nr-number = n° { $number }
nr-site-nav = Organisation du site
nr-site-front = La une
nr-site-sections = Rubriques
nr-site-tags = Mots-clés
nr-site-authors = Auteurs

## Newsroom: moderation journal

nr-journal-title = Journal des décisions de modération
nr-journal-back = Retour à la file d’attente
nr-journal-empty = Aucune décision pour l’instant.
nr-journal-caption = Décisions, de la plus récente à la plus ancienne
nr-journal-col-date = Date
nr-journal-col-action = Action
nr-journal-col-by = Par
nr-journal-col-comment = Commentaire
nr-journal-col-member = Membre
nr-journal-col-reason = Motif

## Newsroom: authors

nr-authors-count = { $count ->
    [one] { $count } auteur. Chacun a sa page publique, avec sa biographie et sa photo.
   *[other] { $count } auteurs. Chacun a sa page publique, avec sa biographie et sa photo.
}
nr-authors-col-page = Page publique
nr-authors-col-bio = Biographie
nr-authors-col-photo = Photo
nr-author-back = Retour aux auteurs
nr-author-public = Voir la page publique
nr-author-published = { $count ->
    [one] { $count } article publié. L’adresse de la page ({ $href }) ne change pas.
   *[other] { $count } articles publiés. L’adresse de la page ({ $href }) ne change pas.
}
nr-author-photo-alt = Photo actuelle de { $name }
nr-author-card = Fiche de l’auteur
nr-author-bio = Biographie (facultative)
nr-author-photo = Photo : chemin d’une image de la médiathèque (facultatif)
nr-author-photo-help = Téléversez la photo dans la <a href="/admin/medias">médiathèque</a> puis copiez son chemin ici. Laissez vide pour ne pas afficher de photo.

## Newsroom: tags

nr-tags-help = Renommer un mot-clé change le nom affiché ; son adresse (/tag/…) et ses articles restent.
nr-tags-search = Chercher un mot-clé
nr-tags-tag = Mot-clé
nr-tags-count = { $count ->
    [one] { $count } mot-clé.
   *[other] { $count } mots-clés.
}
nr-tags-col-rename = Renommer
nr-tags-new-name = Nouveau nom de « { $name } »
nr-tags-rename = Renommer

## Newsroom: users

nr-user-back = Retour à la liste
nr-user-roles = Rôles
nr-user-sections = Rubriques où ce journaliste peut publier ses articles
nr-user-reactivate = Réactiver le compte
nr-user-deactivate-help = Désactiver ferme ses sessions et empêche toute connexion ; ses articles et commentaires restent.
nr-user-deactivate = Désactiver le compte
nr-users-title = Utilisateurs et rôles
nr-users-invite = Inviter quelqu’un dans l’équipe
nr-users-email = Adresse e-mail
nr-users-name = Nom affiché
nr-users-invite-sections = Rubriques où un journaliste peut publier
nr-users-send-invite = Envoyer l’invitation
nr-users-search = Chercher un utilisateur
nr-users-q = Nom ou adresse
nr-users-role = Rôle
nr-users-count = { $count ->
    [one] { $count } compte.
   *[other] { $count } comptes.
}
nr-users-caption = Comptes

## Newsroom: sections

nr-sections-help = Les rubriques de premier niveau forment la navigation du site et les blocs de la une, dans l’ordre de leur position (la plus petite d’abord) ; chacune peut avoir des sous-rubriques (Monde › Europe).
nr-sections-caption = Arbre des rubriques
nr-sections-col-section = Rubrique
nr-sections-col-parent = Rubrique parente
nr-sections-col-position = Position
nr-sections-new = Nouvelle rubrique
nr-sections-the-section = La rubrique
nr-sections-slug = Adresse (après le nom du site : /proche-orient)
nr-sections-slug-help = Lettres minuscules sans accent, chiffres et tirets. L’adresse ne change plus ensuite.
nr-sections-no-parent = Aucune : premier niveau
nr-sections-description = Description (facultative)
nr-sections-create = Créer la rubrique
nr-section-back = Retour aux rubriques
nr-section-top-level = Aucune (premier niveau)
nr-section-children = Sous-rubriques
nr-section-name-description = Nom et description
nr-section-rename-help = L’adresse de la rubrique et celles de ses articles ne changent pas.
nr-section-rename = Renommer
nr-section-place = Place dans l’arbre
nr-section-has-children = Cette rubrique a des sous-rubriques : elle reste au premier niveau. Les rubriques n’ont que deux niveaux.
nr-section-move = Déplacer
nr-section-position-help = Position (la plus petite d’abord, dans la navigation et sur la une)
nr-section-save-position = Enregistrer la position

## Newsroom: front page

nr-front-pinned-number = (n° { $id }).
nr-front-choice-meta = ({ $section }, { $published }, n° { $id })
nr-front-read = lire
nr-front-read-title = « { $title } »
nr-front-other = Ou le numéro d’un autre article publié (le nombre qui termine son adresse : …_123.html)
nr-front-blocks = Ordre des blocs de rubriques
nr-front-blocks-help = Sous l’article à la une et les dernières informations, un bloc par rubrique de premier niveau, par position croissante ; la navigation suit le même ordre.
nr-front-block-position = Position de « { $name } »
nr-front-save-order = Enregistrer l’ordre

## Newsroom: media library

nr-media-title = Image n° { $id }
nr-media-back = Retour à la médiathèque
nr-media-snippet = À coller dans le texte de l’article
nr-media-path = Chemin
nr-media-original = Original
nr-media-original-size = { $width } × { $height } px, { $mime }
nr-media-sent = Envoyée
nr-media-variants = Versions WebP
nr-media-no-variant = aucune
nr-media-variant-width = { $width } px de large
nr-media-description = Description
nr-media-alt = Texte alternatif (obligatoire)
nr-media-alt-help = Ce que montre l’image, pour les lecteurs qui ne la voient pas. Un article peut le remplacer par le sien.
nr-media-caption = Légende
nr-media-credit = Crédit
nr-medias-title = Médiathèque
nr-medias-upload = Envoyer une image
nr-medias-file = Image (JPEG, PNG ou WebP, { $max } Mo au plus)
nr-medias-alt-help = Ce que montre l’image, pour les lecteurs qui ne la voient pas : « Des civils évacués d’Alep montent dans un bus ».
nr-medias-send = Envoyer
nr-medias-images = Images
nr-medias-search = Rechercher (texte alternatif, légende, crédit, nom du fichier)
nr-medias-search-button = Rechercher
nr-medias-none = Aucune image pour l’instant.
nr-medias-no-match = Aucune image ne correspond à « { $q } ».
nr-medias-count = { $count ->
    [one] { $count } image.
   *[other] { $count } images.
}
nr-medias-count-for = { $count ->
    [one] { $count } image pour « { $q } ».
   *[other] { $count } images pour « { $q } ».
}
nr-medias-size = { $width } × { $height } px
nr-medias-no-alt = Sans texte alternatif
nr-medias-snippet = À coller dans l’article
nr-medias-edit = Modifier la description

## Newsroom: moderation

nr-mod-title = Modération des commentaires
nr-mod-nav = Modération
nr-mod-queue = File d’attente
nr-mod-words = Mots interdits
nr-mod-journal = Journal des décisions
nr-mod-empty = Rien à modérer pour l’instant.
nr-mod-comment = commentaire n° { $id }
nr-mod-by = Par
nr-mod-on = sur
nr-mod-edits = Versions précédentes ({ $count })
nr-mod-reports = Signalements ({ $count }) :
nr-mod-decision = Décision
nr-mod-approve = Publier
nr-mod-reject = Refuser
nr-mod-remove = Retirer
nr-mod-reason = Motif communiqué à l’auteur (obligatoire pour refuser ou retirer)
nr-mod-apply = Appliquer
nr-mod-suspend = Suspendre { $name }
nr-mod-1-day = 1 jour
nr-mod-7-days = 7 jours
nr-mod-30-days = 30 jours
nr-mod-permanent = Définitivement
nr-mod-lift = Lever la suspension
nr-mod-ban-reason = Motif
nr-mod-apply-member = Appliquer au membre

## Newsroom: revisions

nr-rev-title = Historique de « { $title } »
nr-rev-back = Retour à l’article
nr-rev-current = version actuelle : { $version }
nr-rev-caption = Révisions, de la plus récente à la plus ancienne
nr-rev-col-from = Comparer de
nr-rev-col-to = à
nr-rev-col-revision = Révision
nr-rev-col-version = Version
nr-rev-col-kind = Type
nr-rev-col-by = Par
nr-rev-col-date = Date
nr-rev-compare-from = Comparer depuis la révision { $id }
nr-rev-compare-to = Comparer jusqu’à la révision { $id }
nr-rev-compare = Comparer les deux révisions choisies
nr-rev-restore-title = Restaurer une révision
nr-rev-restore-help = Restaurer enregistre le contenu de la révision choisie comme nouvelle version ; rien n’est effacé de l’historique.
nr-rev-restore = Restaurer la révision n° { $id }
nr-diff-title = Comparaison des révisions n° { $from } et n° { $to }
nr-diff-back = Retour à l’historique
nr-diff-summary = { $count ->
    [one] { $count } ligne modifiée. Les lignes retirées sont marquées « − », les lignes ajoutées « + ».
   *[other] { $count } lignes modifiées. Les lignes retirées sont marquées « − », les lignes ajoutées « + ».
}

## Newsroom: integrations

nr-int-nav = Intégrations
nr-int-openapi = Documentation OpenAPI
nr-keys-title = Clés de l’API de contenu
nr-keys-new = Nouvelle clé
nr-keys-usage = Les applications l’envoient dans l’en-tête <code>Authorization: Bearer { $key }</code>.
nr-keys-name = Nom de la nouvelle clé (à quoi ou à qui elle sert)
nr-keys-create = Créer une clé
nr-keys-none = Aucune clé pour l’instant.
nr-keys-caption = Clés, de la plus récente à la plus ancienne
nr-keys-col-prefix = Début de la clé
nr-keys-col-created = Créée
nr-keys-col-used = Dernier usage
nr-keys-never = jamais
nr-keys-revoked = Révoquée le { $date }
nr-keys-revoke = Révoquer
nr-hooks-help = Chaque adresse enregistrée reçoit un <code>POST</code> JSON quand un article est publié, mis à jour ou dépublié. L’en-tête <code>Kiosque-Signature</code> (<code>t=…,v1=…</code>) est le HMAC-SHA256 de <code>t.corps</code> avec le secret du webhook. Un envoi refusé est retenté jusqu’à 8 fois, à intervalles croissants.
nr-hooks-secret = Secret de signature
nr-hooks-url = Adresse du destinataire (https://…)
nr-hooks-events = Événements transmis
nr-hooks-save = Enregistrer le webhook
nr-hooks-none = Aucun webhook pour l’instant.
nr-hooks-caption = Webhooks enregistrés
nr-hooks-col-events = Événements
nr-hooks-col-pending = En attente
nr-hooks-col-failed = Abandonnés
nr-hooks-active = Actif
nr-hooks-paused = Suspendu
nr-hook-title = Webhook n° { $id }
nr-hook-back = Retour aux webhooks
nr-hook-created = Enregistré
nr-hook-pause = Suspendre
nr-hook-resume = Réactiver
nr-hook-delete = Supprimer
nr-hook-deliveries = Journal des livraisons
nr-hook-no-delivery = Aucune livraison pour l’instant.
nr-hook-delivery = n° { $id } — { $event } (article n° { $article }) —
nr-hook-delivery-created = Créée { $date }
nr-hook-delivery-created-next = Créée { $date } ; prochain essai { $next }
nr-hook-payload = Contenu envoyé
nr-hook-resend = Renvoyer

## Newsroom: the article editor

nr-edit-title = Modifier l’article n° { $id }
nr-edit-new = Nouvel article
nr-edit-status = État :
nr-edit-scheduled = — publication programmée le { $date }
nr-edit-public = voir la page publique
nr-edit-history = historique des révisions
nr-edit-autosave = Une version enregistrée automatiquement ({ $when }) est plus récente que le dernier enregistrement.
nr-edit-autosave-take = La reprendre
nr-edit-field-title = Titre
nr-edit-standfirst = Chapô
nr-edit-section = Rubrique
nr-edit-tags = Mots-clés (séparés par des virgules)
nr-edit-authors = Signatures (auteurs ou agence, séparés par des virgules)
nr-edit-hero = Image principale
nr-edit-hero-path = Chemin dans la médiathèque (/2016/12/23/photo.jpg)
nr-edit-hero-alt = Texte alternatif
nr-edit-hero-caption = Légende
nr-edit-hero-credit = Crédit
nr-edit-hero-video = Ou une vidéo en tête : son numéro (voir <a href="/admin/videos">les vidéos</a>)
nr-edit-comments = Commentaires
nr-edit-body = Texte de l’article
nr-edit-help = Mise en forme : intertitres, citations, images, vidéos…
nr-edit-preview = Prévisualiser
nr-edit-save = Enregistrer
nr-edit-create = Créer le brouillon
nr-edit-preview-title = Aperçu
nr-edit-publication = Publication
nr-edit-schedule = Programmer la publication (heure de Paris)
nr-edit-date = Date
nr-edit-time = Heure
nr-edit-schedule-button = Programmer
nr-edit-corrections = Rectificatifs
nr-edit-new-correction = Nouveau rectificatif (affiché sous l’article)
nr-edit-add-correction = Ajouter le rectificatif

## Newsroom: article statuses

nr-status-draft = Brouillon
nr-status-in-review = À relire
nr-status-scheduled = Programmé
nr-status-published = Publié
nr-status-unpublished = Dépublié
nr-workflow-impossible = Impossible depuis l’état « { $status } ».

## Newsroom: page titles

nr-title-authors = Auteurs — Rédaction
nr-title-author = { $name } — Auteurs — Rédaction
nr-title-front = La une — Rédaction
nr-title-sections = Rubriques — Rédaction
nr-title-section = { $name } — Rubriques — Rédaction
nr-title-tags = Mots-clés — Rédaction
nr-title-image = Image n° { $id } — Médiathèque — Kiosque
nr-title-media = Médiathèque — Kiosque
nr-title-users = Utilisateurs — Kiosque
nr-title-user = Utilisateur — Kiosque
nr-title-moderation = Modération — Kiosque
nr-title-words = Mots interdits — Kiosque
nr-title-journal = Journal de modération — Kiosque
nr-title-api-keys = Clés d’API — Kiosque
nr-title-webhooks = Webhooks — Kiosque
nr-title-webhook = Webhook — Kiosque
nr-title-article = { $title } — Rédaction
nr-title-new-article = Nouvel article — Rédaction
nr-title-history = Historique — Rédaction
nr-title-compare = Comparaison — Rédaction
nr-title-articles = Articles — Rédaction

## Newsroom: notices of the site structure

nr-author-saved = Fiche de l’auteur enregistrée.
nr-front-pinned-done = Article placé à la une.
nr-front-automatic-done = Plus d’article épinglé : le plus récent fait la une.
nr-front-order-done = Ordre des rubriques enregistré.
nr-front-section-gone = Une des rubriques n’existe plus : rechargez la page.
nr-front-no-position = Aucune position reçue.
nr-front-not-published = L’article n° { $id } n’est pas publié : seul un article en ligne peut faire la une.
nr-front-no-such-article = Aucun article ne porte le numéro { $id }.
nr-section-created = Rubrique créée.
nr-section-no-parent = Cette rubrique parente n’existe pas.
nr-position-invalid = La position de « { $name } » doit être un nombre entier de 0 à { $max }.

## Newsroom: notices of the site structure (2)

nr-front-not-a-number = « { $raw } » n’est pas un numéro d’article : indiquez le nombre qui termine son adresse (…_123.html).

## Newsroom: the article editor (messages)

nr-done-created = Article créé. Il est enregistré comme brouillon.
nr-done-saved = Modifications enregistrées.
nr-done-submitted = Article envoyé en relecture.
nr-done-published = Article publié.
nr-done-scheduled = Publication programmée.
nr-done-unpublished = Article dépublié : il n’est plus en ligne.
nr-done-correction = Rectificatif ajouté à la page publique.
nr-done-restored = Révision restaurée.
nr-autosave-taken = Version enregistrée automatiquement reprise : relisez-la puis enregistrez.
nr-version-missing = Version manquante : rechargez la page.
nr-preview-hero-video = Vidéo n° { $id } en tête de l’article
nr-rev-choose-two = Choisissez deux révisions à comparer.
nr-rev-version-missing = Version manquante : rechargez l’historique.
nr-unknown-action = Action inconnue.
nr-schedule-date = Indiquez la date de publication (jj/mm/aaaa).
nr-schedule-time = Indiquez l’heure de publication (hh:mm).
nr-schedule-past = Cette date est passée : choisissez un moment à venir, ou publiez maintenant.
nr-status-changed = L’article a changé d’état entre-temps : rechargez la page.
nr-correction-published-only = Un rectificatif s’ajoute à un article publié.
nr-form-title-missing = Donnez un titre à l’article.
nr-form-section-missing = Choisissez une rubrique.
nr-form-comment-mode = Choisissez l’un des modes de commentaires proposés.

## Newsroom: the article editor (messages 2)

nr-form-hero-video = La vidéo principale se désigne par son numéro (celui de la liste des vidéos).
nr-list-scheduled-on = le { $date }
nr-rev-stale = L’article a été modifié entre-temps : rechargez l’historique avant de restaurer.

## Newsroom: site pages

nr-pages-back = Retour aux pages du site
nr-pages-public = Voir la page publique
nr-pages-edited = Modifiée le { $date }.
nr-pages-template = Texte modèle, jamais modifié : complétez les passages entre crochets.
nr-pages-address = L’adresse de la page (/pages/{ $slug }) ne change pas.
nr-pages-title = Titre
nr-pages-body = Texte
nr-pages-help = Mise en forme : paragraphes séparés par une ligne vide, intertitres, listes…
nr-pages-save = Enregistrer et publier
nr-pages-heading = Pages du site
nr-pages-intro = Ces pages sont liées depuis le pied de chaque page du site. Leur adresse ne change pas ; seuls leur titre et leur texte se modifient ici.
nr-pages-col-page = Page
nr-pages-col-address = Adresse publique
nr-pages-col-modified = Dernière modification
nr-pages-to-complete = Modèle à compléter

## Site: reader extras

site-reading-time = Lecture : { $minutes } min
site-share = Partager l’article
site-share-email = Par e-mail
site-share-x = X
site-share-facebook = Facebook
site-share-linkedin = LinkedIn
site-share-whatsapp = WhatsApp
site-share-bluesky = Bluesky
site-most-read = Les plus lus

## Newsroom: videos

nr-videos-add = Ajouter une vidéo
nr-videos-none = Aucune vidéo pour l’instant.
nr-videos-count = { $count ->
    [one] { $count } vidéo, les plus récentes d’abord. Elles figurent dans le rail « À regarder » dans cet ordre.
   *[other] { $count } vidéos, les plus récentes d’abord. Elles figurent dans le rail « À regarder » dans cet ordre.
}
nr-videos-col-poster = Affiche
nr-videos-col-title = Titre
nr-videos-col-section = Rubrique
nr-videos-col-date = Date
nr-videos-col-duration = Durée
nr-videos-col-source = Source
nr-videos-col-published = Publication
nr-videos-col-page = Page publique
nr-videos-no-poster = Aucune
nr-videos-see = Voir
nr-videos-see-title = « { $title } »
nr-video-edit = Modifier la vidéo n° { $id }
nr-video-new = Nouvelle vidéo
nr-video-public = Voir la page publique
nr-video-all = toutes les vidéos
nr-video-title = Titre
nr-video-section = Rubrique
nr-video-no-section = Aucune
nr-video-day = Date de la vidéo
nr-video-day-hint = Le jour où elle a été tournée ou montrée pour la première fois. Sans elle, la page donne le jour de sa mise en ligne ici (et aucun pour une vidéo d’archive).
nr-video-duration = Durée
nr-video-duration-placeholder = 3:25
nr-video-duration-hint = En minutes et secondes (3:25) ou en secondes (205).
nr-video-description = Description
nr-video-description-hint = Montrée sous la vidéo : ce qu’on y voit, qui parle, où et quand. Un paragraphe par ligne.
nr-video-article = Article lié
nr-video-article-placeholder = 123 ou /monde/titre_123.html
nr-video-article-now = Aujourd’hui :
nr-video-article-hint = Son numéro ou son adresse. Un article qui s’ouvre sur cette vidéo est montré sans qu’il soit besoin de l’indiquer.
nr-video-poster = Affiche
nr-video-poster-hint = L’image montrée avant la lecture et sur les vignettes des listes.
nr-video-poster-current = Affiche actuelle : { $path }
nr-video-poster-pick = Choisir parmi les dernières images de la médiathèque
nr-video-poster-file = Ou envoyer une image (JPEG, PNG ou WebP)
nr-video-poster-file-hint = Elle rejoint la médiathèque, avec le texte alternatif et le crédit ci-dessous.
nr-video-poster-credit = Crédit de l’image envoyée
nr-video-poster-credit-placeholder = AFP
nr-video-poster-path = Ou chemin d’une image de la <a href="/admin/medias">médiathèque</a>
nr-video-poster-path-placeholder = /2016/12/23/photo.jpg
nr-video-poster-path-hint = Videz-le pour retirer l’affiche.
nr-video-poster-alt = Texte alternatif de l’affiche
nr-video-source = La vidéo : un fichier ou une adresse
nr-video-current-file = Fichier actuel :
nr-video-replace-file = Choisissez un autre fichier pour le remplacer.
nr-video-embed = Adresse de la vidéo sur un autre site (https://…)
nr-video-embed-placeholder = https://www.dailymotion.com/video/…
nr-video-embed-hint = La page de la vidéo renvoie les lecteurs vers ce site. Laissez vide pour envoyer un fichier.
nr-video-file = Ou fichier vidéo (MP4 ou WebM, { $max } Mo au plus)
nr-video-save = Enregistrer
nr-video-publish = Publier la vidéo

## Newsroom: users (messages)

nr-user-state-deactivated = Désactivé
nr-user-state-suspended = Suspendu
nr-user-state-unverified = Adresse non confirmée
nr-user-state-active = Actif
nr-user-member = Membre
nr-user-unknown-role = Rôle inconnu.
nr-user-unknown-section = La rubrique « { $name } » n’existe pas.
nr-user-exists-change = Un compte existe déjà pour { $email } : changez ses rôles depuis la liste.
nr-user-exists = Un compte existe déjà pour { $email }.
nr-user-own-admin = Vous ne pouvez pas retirer votre propre rôle d’administrateur.
nr-user-own-deactivate = Vous ne pouvez pas désactiver votre propre compte.

## Newsroom: integrations (messages)

nr-keys-created = Clé créée. Copiez-la maintenant : elle ne sera plus jamais affichée.
nr-hooks-no-event = Choisissez au moins un événement à transmettre.
nr-hooks-paused-notice = Webhook suspendu : les événements s’accumulent sans être envoyés.

## Newsroom: moderation (messages)

nr-mod-words-limit = Au plus 2 000 mots de 60 caractères chacun.
nr-mod-choose-decision = Choisissez une décision.
nr-mod-reason-needed = Indiquez le motif : il est communiqué à l’auteur du commentaire.
nr-mod-reason-1000 = Le motif est limité à 1 000 caractères.
nr-mod-reason-500 = Le motif est limité à 500 caractères.
nr-mod-not-yourself = Vous ne pouvez pas vous suspendre vous-même.
nr-mod-admin-only = Seul un administrateur peut suspendre un membre de l’équipe.
nr-mod-choose-duration = Choisissez une durée.

## Newsroom: videos and uploads (messages)

nr-video-duration-unreadable = La durée « { $raw } » est illisible : écrivez-la en minutes et secondes (3:25) ou en secondes (205).
nr-video-duration-zero = Une vidéo dure au moins une seconde : laissez la durée vide si vous ne la connaissez pas.
nr-video-duration-too-long = Cette durée dépasse 24 heures : vérifiez-la.
nr-video-url-https = L’adresse de la vidéo doit être une adresse web sécurisée, commençant par https:// (par exemple https://www.dailymotion.com/video/x123).
nr-video-url-too-long = L’adresse de la vidéo est trop longue ({ $max } caractères au plus).
nr-video-url-credentials = L’adresse de la vidéo ne doit pas contenir d’identifiant ni de mot de passe.
nr-video-date-unreadable = La date « { $raw } » est illisible : écrivez-la sous la forme 2016-12-22.
nr-title-video = { $title } — Vidéos — Rédaction
nr-title-new-video = Nouvelle vidéo — Rédaction
nr-title-videos = Vidéos — Rédaction
nr-video-created = Vidéo enregistrée : elle est en ligne et dans le rail « À regarder ».
nr-video-title-missing = Donnez un titre à la vidéo.
nr-video-title-too-long = Le titre est trop long ({ $max } caractères au plus).
nr-video-alt-too-long = Le texte alternatif de l’affiche est trop long ({ $max } caractères au plus).
nr-video-credit-too-long = Le crédit de l’affiche est trop long ({ $max } caractères au plus).
nr-videos-mp4 = Fichier MP4
nr-videos-link = Lien vers { $host }
nr-videos-archive = Archive (sans lecture)
nr-upload-interrupted = L’envoi a été interrompu ou le formulaire est mal formé ; réessayez.
nr-form-malformed = Le formulaire est mal formé : rechargez la page et réessayez.
nr-upload-choose-image = Choisissez une image à envoyer (JPEG, PNG ou WebP).
nr-upload-malformed = Le formulaire d’envoi est mal formé : choisissez une image et réessayez.
nr-media-alt-too-long = Le texte alternatif est trop long ({ $max } caractères au plus).
nr-media-caption-too-long = La légende est trop longue ({ $max } caractères au plus).
nr-media-credit-too-long = Le crédit est trop long ({ $max } caractères au plus).
## Comments: under articles and on a comment's page

cm-edited = (modifié)
cm-reply = Répondre
cm-report = Signaler
cm-your-reply = Votre réponse
cm-publish-reply = Publier la réponse
cm-edit = Modifier
cm-your-text = Votre texte
cm-save = Enregistrer
cm-delete = Supprimer
cm-delete-confirm = Supprimer ce commentaire ? Il disparaîtra de la discussion.
cm-delete-for-good = Supprimer définitivement
cm-page-kicker = Commentaire
cm-page-on = Sur « 
cm-page-on-end =  »
cm-page-edit-heading = Modifier mon commentaire
cm-page-edit-until = Vous pouvez le modifier jusqu’au { $date }.
cm-text = Texte
cm-page-delete-heading = Supprimer mon commentaire
cm-page-report-heading = Signaler ce commentaire
cm-report-reason = Motif
cm-report-details = Précisions (facultatif)
cm-report-send = Envoyer le signalement
cm-moderate = Modérer
cm-mod-decision = Décision
cm-mod-approve = Publier
cm-mod-reject = Refuser
cm-mod-remove = Retirer
cm-mod-reason = Motif communiqué à l’auteur
cm-mod-apply = Appliquer
cm-login = Connectez-vous
cm-page-login-end = pour répondre à ce commentaire ou le signaler.
cm-back-to-article = Retour à l’article
cm-invite-or = ou
cm-invite-signup = créez votre espace Kiosque
cm-invite-end = pour commenter.
cm-have-account = Déjà un compte ?
cm-sign-in = Se connecter
cm-closed = Les commentaires sont fermés sur cet article.
cm-banned = Votre compte est suspendu : vous ne pouvez pas commenter.
cm-banned-until = Votre compte est suspendu jusqu’au { $date } : vous ne pouvez pas commenter.
cm-unverified-as = Connecté en tant que { $name }.
cm-unverified-confirm = Confirmez votre adresse e-mail pour commenter :
cm-unverified-resend = renvoyer l’e-mail de confirmation
cm-your-comment = Votre commentaire
cm-posted-as = (publié sous le nom { $name })
cm-rules = Texte simple, 3 000 caractères et 2 liens au plus.
cm-premoderated = Les commentaires sont relus avant publication.
cm-notify-replies = M’avertir par e-mail quand quelqu’un répond à mes commentaires
cm-publish = Publier
cm-pending = Vos commentaires en attente de modération :

## Account: reader's pages

acc-my-comments = Mes commentaires
acc-no-comments = Vous n’avez encore rien commenté.
acc-comment-on = Sur
acc-mod-reason = Motif de la décision de modération :
acc-manage-comment = Gérer ce commentaire
acc-back-to-account = Retour à mon espace
acc-fields-to-fix = { $count ->
    [one] Un champ est à corriger :
   *[other] { $count } champs sont à corriger :
}
acc-profile-title = Mon espace
acc-display-name = Nom affiché
acc-email = Adresse e-mail
acc-verified = confirmée
acc-unverified = à confirmer
acc-roles = Rôles
acc-resend-confirmation = Renvoyer l’e-mail de confirmation
acc-emails = E-mails
acc-notify-replies = M’avertir par e-mail quand quelqu’un répond à mes commentaires (au plus un e-mail par heure et par discussion)
acc-save = Enregistrer
acc-link-name = Changer mon nom affiché
acc-link-email = Changer mon adresse e-mail
acc-link-password = Changer mon mot de passe
acc-link-export = Télécharger mes données (JSON)
acc-link-delete = Supprimer mon compte
acc-link-newsroom = La rédaction : articles, médiathèque, vidéos
acc-link-moderation = Modération des commentaires
acc-link-users = Utilisateurs et rôles
acc-link-api = Clés d’API et webhooks
acc-logout = Se déconnecter

## Comments: messages and errors shown to readers

cm-msg-edited = Votre commentaire a été modifié.
cm-msg-edited-held = Votre commentaire modifié sera publié après relecture par la modération.
cm-msg-deleted = Votre commentaire a été supprimé.
cm-msg-reported = Merci : votre signalement a été transmis à la modération.
cm-msg-posted = Votre commentaire est publié.
cm-msg-posted-held = Merci : votre commentaire sera publié après relecture par la modération.
cm-err-report-reason = Choisissez le motif du signalement.
cm-err-report-details = Les précisions sont limitées à 1 000 caractères.
cm-err-own-report = On ne signale pas son propre commentaire.
cm-err-csrf = Ce formulaire a expiré : rechargez la page.
cm-err-too-many = Trop de commentaires en peu de temps : patientez une minute.
cm-err-login = Connectez-vous pour commenter.
cm-err-unknown = Une erreur est survenue ; réessayez.
cm-err-unknown-article = Article inconnu.
cm-err-unknown-comment = Commentaire inconnu.
cm-page-title = Commentaire sur « { $title } » — Kiosque
## Site: page frame (header, navigation, footer)

site-skip-link = Aller au contenu
site-search = Rechercher
site-account = Mon espace
site-account-of = Mon espace :
site-sections = Rubriques
site-videos = Vidéos
site-tagline = L’actualité en continu.
site-footer-site = Le site
site-footer-contact = Contact
site-footer-charter = Charte de modération
site-footer-legal = Mentions légales
site-footer-privacy = Politique de confidentialité
site-footer-follow = Suivre l’actualité
site-footer-rss = Flux RSS
site-footer-atom = Flux Atom
site-footer-json-feed = JSON Feed
site-colophon = Kiosque — sans traceur publicitaire ni script tiers.

## Site: cards, video rail, pagination, article body

site-rail-title = À regarder
site-rail-all = Toutes les vidéos
site-video-duration = Durée : { $minutes } min { $seconds } s
site-video-duration-hours = Durée : { $hours } h { $minutes } min { $seconds } s
site-video-recorded = Vidéo du { $day }
site-video-published = Publiée le { $day }
site-pagination = Pagination
site-page-prev = ← Page précédente
site-page-of = Page { $current } sur { $total }
site-page-next = Page suivante →
site-link-label = { $label } :

## Site: front page, lists, authors, site pages

site-front-heading = Kiosque — la une
site-front-empty = Aucun article n’est encore publié.
site-front-latest = Dernières informations
site-breadcrumb = Fil d’Ariane
site-subsections = Sous-rubriques
site-list-empty = Aucun article publié ici pour l’instant.
site-author-kicker = Auteur
site-page-updated = Mise à jour le

## Site: videos and error pages

site-videos-empty = Aucune vidéo pour l’instant.
site-error-home = Retour à la une
site-video-length = Durée :
site-length = { $minutes } min { $seconds } s
site-length-hours = { $hours } h { $minutes } min { $seconds } s
site-video-unsupported = Votre navigateur ne sait pas lire cette vidéo ici :
site-video-download-it = téléchargez-la
site-video-elsewhere = Voir la vidéo sur { $host }
site-video-elsewhere-hint = Cette vidéo est hébergée par un autre site : elle s’ouvre chez lui.
site-video-archived = Cette vidéo d’archive n’est plus disponible en lecture.
site-video-article = L’article

## Site: search and article pages

site-search-heading = Recherche
site-search-hint = La recherche porte sur les articles et les vidéos. Mettez une expression entre guillemets pour la chercher telle quelle ; un mot précédé de « - » est exclu.
site-search-section = Rubrique
site-search-all-sections = Toutes
site-search-from = Du
site-search-to = Au
site-search-sort = Trier par
site-search-by-relevance = Pertinence
site-search-by-date = Date
site-search-video = Vidéo :
site-bylines-by = Par
site-bylines-and = et
site-video-download = Télécharger la vidéo
site-corrections = Rectificatifs
site-tags = Mots-clés
site-related = À lire aussi
site-comments-heading = Commentaires
site-no-comments = Aucun commentaire pour l’instant. Soyez le premier à réagir.

## Site: page titles and picture descriptions

site-title = { $title } — Kiosque
site-title-page = { $title } — page { $page } — Kiosque
site-title-front = Kiosque — l’actualité en continu
site-description-front = Toute l’actualité en France et dans le monde.
site-title-search = Recherche — Kiosque
site-title-search-for = { $query } — Recherche — Kiosque
site-title-video = { $title } — Vidéo — Kiosque
site-title-videos = Vidéos — Kiosque
site-illustration = Illustration
site-illustration-of = Illustration : { $title }

## Site: error pages

site-error-not-found = Page introuvable
site-error-not-found-text = La page que vous cherchez n’existe pas ou n’est plus en ligne. Elle a peut-être été déplacée : retrouvez l’actualité depuis la une.
site-error-forbidden = Action refusée
site-error-forbidden-text = Votre compte n’a pas les droits nécessaires pour cette page.
site-error-csrf-text = Ce formulaire a expiré ou ne vient pas de ce site. Rechargez la page et réessayez.
site-error-too-many = Trop de tentatives
site-error-too-many-text = Vous avez fait trop de tentatives en peu de temps. Patientez quelques minutes avant de réessayer.
site-error-unauthorized = Accès refusé
site-error-unauthorized-text = Cette adresse demande une clé d’API valide.
site-error-bad-request = Requête incorrecte
site-error-bad-request-text = La requête n’a pas pu être comprise.
site-error-internal = Erreur interne
site-error-internal-text = Une erreur est survenue de notre côté. Réessayez dans un instant.

## Site: search messages

site-search-bad-from = La date de début n’est pas valide : elle est ignorée.
site-search-bad-to = La date de fin n’est pas valide : elle est ignorée.
site-search-too-long = Votre recherche est trop longue : { $max } caractères au plus.
site-search-unavailable = La recherche n’est pas disponible sur ce site.

## Site page templates: the text of a site page until an admin first edits it.
page-template-legal-title = Mentions légales
page-template-legal-body =
    Modèle à compléter par l’éditeur du site : remplacez chaque passage entre crochets, puis supprimez ce paragraphe.

    ## Éditeur

    Ce site est édité par [nom de l’éditeur ou de la société], [forme juridique] au capital de [montant] euros, immatriculée au registre du commerce et des sociétés de [ville] sous le numéro [numéro RCS], dont le siège est situé [adresse postale complète].

    Téléphone : [numéro de téléphone]. Adresse électronique : [adresse de contact].

    ## Direction de la publication

    Directeur ou directrice de la publication : [prénom et nom].

    ## Hébergement

    Le site est hébergé par [nom de l’hébergeur], [adresse postale de l’hébergeur], [numéro de téléphone de l’hébergeur].

    ## Propriété intellectuelle

    Les articles, photographies et vidéos publiés sur ce site sont protégés par le droit d’auteur. Toute reproduction sans autorisation de l’éditeur est interdite, sauf les courtes citations mentionnant leur source.
page-template-privacy-title = Politique de confidentialité
page-template-privacy-body =
    Modèle à compléter par l’éditeur du site : remplacez chaque passage entre crochets, puis supprimez ce paragraphe.

    ## Responsable du traitement

    Les données personnelles recueillies sur ce site sont traitées par [nom de l’éditeur], [adresse postale], joignable à [adresse de contact pour les données personnelles].

    ## Ce que nous recueillons

    La lecture du site ne demande aucun compte. Nous n’utilisons ni traceur publicitaire, ni outil de mesure d’audience tiers, ni cookie autre que ceux qui sont nécessaires au fonctionnement du site.

    Si vous créez un espace lecteur, nous conservons votre adresse électronique, le nom que vous choisissez, votre mot de passe sous une forme chiffrée et irréversible, et les commentaires que vous publiez.

    - Un cookie de session vous garde connecté pendant trente jours au plus.
    - Un cookie de sécurité protège les formulaires contre les envois frauduleux.

    ## Durée de conservation

    Vos données sont conservées tant que votre espace existe. Vous pouvez le supprimer à tout moment depuis « Mon espace » ; vos commentaires sont alors anonymisés.

    ## Vos droits

    Vous disposez d’un droit d’accès, de rectification, d’effacement et de portabilité de vos données : l’export et la suppression sont disponibles dans « Mon espace ». Pour toute autre demande, écrivez à [adresse de contact]. Vous pouvez aussi adresser une réclamation à la CNIL.
page-template-charter-title = Charte de modération
page-template-charter-body =
    Modèle à compléter par l’éditeur du site : relisez ces règles, adaptez-les, puis supprimez ce paragraphe.

    Les commentaires sont un espace de discussion ouvert aux lecteurs inscrits. Ils engagent leurs auteurs, et sont publiés sous la responsabilité de [nom de l’éditeur].

    ## Ce qui n’a pas sa place ici

    - Les propos injurieux, diffamatoires, racistes, sexistes, homophobes ou appelant à la haine ou à la violence.
    - Les attaques personnelles contre d’autres lecteurs, les journalistes ou les personnes citées.
    - Les informations personnelles sur autrui (adresse, téléphone…).
    - La publicité, les liens promotionnels et les messages répétés.
    - Les propos sans rapport avec l’article.

    ## Comment nous modérons

    Chaque commentaire peut être signalé par les lecteurs. L’équipe de modération peut masquer ou retirer un commentaire qui ne respecte pas cette charte ; son auteur reçoit alors un courriel qui en expose les raisons. En cas de manquements répétés, un compte peut être suspendu.

    Certains articles sont modérés a priori : les commentaires n’y apparaissent qu’après validation.

    Pour contester une décision, écrivez à [adresse de contact de la modération].
page-template-contact-title = Contact
page-template-contact-body =
    Modèle à compléter par l’éditeur du site : remplacez chaque passage entre crochets, puis supprimez ce paragraphe.

    ## La rédaction

    Pour signaler une erreur, proposer une information ou réagir à un article : [adresse électronique de la rédaction].

    ## Votre espace lecteur

    Pour une question sur votre compte ou vos commentaires : [adresse électronique du service aux lecteurs].

    ## Par courrier

    {"["}Nom de l’éditeur], [adresse postale complète].
## Errors and labels of the library crates (domain, store, media): markup, comments, sections, uploads

err-markup-line = Ligne { $line } : { $message }
err-markup-image-path = l’image doit avoir un chemin de la médiathèque (/2016/12/23/photo.jpg).
err-markup-image-not-in-library = l’image doit venir de la médiathèque, pas d’une adresse web : déposez-la, puis indiquez son chemin (/2016/12/23/photo.jpg).
err-markup-image-syntax = l’image est mal écrite ; la forme attendue, seule sur sa ligne, est ![description](/2016/12/23/photo.jpg "Légende" "Crédit").
err-markup-image-unterminated = l’image n’est pas refermée : il manque un « ] », un « ) » ou un guillemet (![description](/2016/12/23/photo.jpg "Légende" "Crédit")).
err-markup-video-id = ::video attend le numéro de la vidéo, par exemple ::video 12.
err-markup-embed-url = ::embed attend une adresse web complète, par exemple ::embed https://www.youtube.com/watch?v=abc123.
err-markup-read-also = ::lire-aussi attend le numéro de l’article puis son titre, par exemple ::lire-aussi 123 Titre de l’article.
err-markup-unknown-directive = « ::{ $name } » n’est pas une commande connue (::video, ::embed, ::lire-aussi). Pour commencer un paragraphe par « :: », écrivez \:: .
err-markup-empty-quote = la citation est vide : écrivez son texte après « > ».
err-markup-too-many-blocks = le texte compte plus de { $max } blocs (paragraphes, intertitres, images…) ; découpez l’article.
err-markup-block-too-long = ce bloc dépasse { $max } caractères ; coupez-le en plusieurs paragraphes.
# The syntax itself (##, >, ::video, ::lire-aussi…) is the same in every language; every
# example line must parse.
nr-markup-help =
    Aide-mémoire de mise en forme

    Séparez les paragraphes par une ligne vide. Un simple retour à la ligne devient une espace.
    Dans un paragraphe, une citation ou une liste : *italique*, **gras** et liens.

    Italique et gras :
    La ville est *presque entièrement* détruite, selon **l’ONU**.

    Lien vers un autre article du site (son adresse, copiée depuis la page) ou vers le web :
    Lire [notre enquête](/monde/alep-la-bataille_123.html) et [le rapport](https://www.un.org/fr/).

    Seules les adresses web (https://…) et celles du site (/monde/…) sont acceptées. Une étoile seule reste une étoile ; \* en écrit une là où elle serait lue comme italique.
    Raccourcis : Ctrl+I pour l’italique, Ctrl+B pour le gras, Ctrl+K pour un lien (Cmd sur Mac).

    Intertitre :
    ## Les combats reprennent à Alep

    Citation, avec sa source (facultative) sur la dernière ligne :
    > Un pas très important vers la paix.
    > — Vladimir Poutine

    Liste à puces, une ligne par élément :
    - Premier élément
    - Deuxième élément

    Liste numérotée :
    1. Premier élément
    2. Deuxième élément

    Image de la médiathèque : description, chemin, puis légende et crédit (facultatifs) :
    ![Des civils évacués d’Alep](/2016/12/23/photo.jpg "Évacuation du 22 décembre" "AFP")

    Vidéo du site, par son numéro :
    ::video 12

    Contenu extérieur (YouTube, X…), par son adresse :
    ::embed https://www.youtube.com/watch?v=abc123

    Lien « Lire aussi », par le numéro de l’article puis son titre :
    ::lire-aussi 123 Alep, la bataille décisive

    Pour qu’un paragraphe commence vraiment par ##, >, -, 1., ![ ou ::, écrivez \ devant :
    \## n’est pas un intertitre.

cm-status-published = Publié
cm-status-pending = En attente de modération
cm-status-rejected = Refusé
cm-status-deleted = Supprimé par vous
cm-status-removed = Retiré par la modération
cm-status-hidden = Masqué après signalements, en cours d’examen
cm-reason-spam = Spam ou publicité
cm-reason-abuse = Propos injurieux ou harcèlement
cm-reason-off-topic = Hors sujet
cm-reason-illegal = Contenu illicite
cm-err-empty = Le commentaire est vide.
cm-err-too-short = Le commentaire est trop court ({ $min } caractères au moins).
cm-err-too-long = Le commentaire est trop long ({ $max } caractères au plus).
cm-err-too-many-links = Le commentaire contient trop de liens ({ $max } au plus).
cm-err-reply-to-reply = On ne peut répondre qu’à un commentaire de premier niveau.
cm-err-edit-window-over = Le délai pour modifier ce commentaire est dépassé.
cm-err-not-yours = Ce commentaire n’est pas le vôtre.
cm-err-unverified = Confirmez votre adresse e-mail avant de commenter.
cm-err-parent-not-published = Ce commentaire n’accepte plus de réponse.
cm-err-already-reported = Vous avez déjà signalé ce commentaire.

err-draft-title-too-long = Le titre est trop long (300 caractères au plus).
err-draft-standfirst-too-long = Le chapô est trop long (1 000 caractères au plus).
err-draft-too-many-blocks = Le texte compte trop de blocs ({ $max } au plus).
err-draft-block-too-long = Un bloc du texte est trop long ({ $max } caractères au plus).
err-draft-published-without-date = Un article publié doit avoir une date de publication.
err-unknown-section = Cette rubrique n’existe pas.
err-page-unknown = Cette page n’existe pas.
err-page-empty-title = Le titre est obligatoire.
err-page-title-too-long = Le titre dépasse { $max } caractères.
err-page-empty-body = Le texte de la page est vide.
err-description-too-long = La description est trop longue ({ $max } caractères au plus).
err-video-article-missing = L’article n° { $id } n’existe pas : indiquez le numéro d’un article de la rédaction.
err-video-title = Donnez à la vidéo un titre de 300 caractères au plus.
err-correction-length = Le rectificatif doit compter de 1 à 2 000 caractères.
err-moderation-not-applicable = Ce commentaire est « { $status } » : cette action ne s’y applique pas.

nr-event-published = Article publié
nr-event-updated = Article mis à jour
nr-event-unpublished = Article dépublié
err-webhook-url-invalid = L’adresse doit être une URL complète en http:// ou https://.
err-webhook-url-credentials = L’adresse ne doit pas contenir d’identifiants (utilisateur:mot-de-passe@).
err-webhook-url-too-long = L’adresse est trop longue (2 000 caractères au plus).
err-webhook-no-event = Choisissez au moins un événement.
err-api-key-name = Donnez à la clé un nom de 1 à 100 caractères.

# A revision written out as text for the diff, beside its body in the editor's syntax: plain
# spaces, like the text the journalist types.
nr-rev-field-title = Titre : { $value }
nr-rev-field-standfirst = Chapô : { $value }
nr-rev-field-section = Rubrique : { $value }
nr-rev-field-tags = Mots-clés : { $value }
nr-rev-field-bylines = Signatures : { $value }
nr-rev-field-image = Image : { $value }

err-email-taken = Cette adresse e-mail est déjà utilisée par un autre compte.
err-section-slug-taken = Une rubrique a déjà cette adresse.
err-tag-name-taken = Un autre mot-clé porte déjà ce nom.
err-author-name-taken = Un autre auteur porte déjà ce nom.
err-media-path-taken = Un fichier de la médiathèque porte déjà ce nom.
err-value-taken = Cette valeur est déjà utilisée.
err-name-missing-section = Donnez un nom à la rubrique.
err-name-missing-tag = Donnez un nom au mot-clé.
err-name-missing-author = Donnez un nom à l’auteur.
err-name-too-long = Ce nom est trop long ({ $max } caractères au plus).
err-name-one-line = Un nom tient sur une ligne.
err-name-separators = Un nom ne peut pas contenir de virgule ni de point-virgule.
err-bio-too-long = La biographie est trop longue ({ $max } caractères au plus).
err-author-photo-path = La photo doit être un chemin de la médiathèque (/2016/12/23/portrait.jpg).
err-section-slug-invalid = L’adresse « { $slug } » n’est pas valable : lettres minuscules sans accent, chiffres et tirets seulement (par exemple « proche-orient »).
err-section-slug-reserved = L’adresse « { $slug } » est réservée par le site : choisissez-en une autre.
err-section-slug-unusable = « { $slug } » ne peut pas être l’adresse d’une rubrique.
err-section-slug-used = Une rubrique a déjà l’adresse « { $slug } ».
err-section-parent-missing = La rubrique parente choisie n’existe pas.
err-section-under-itself = Une rubrique ne peut pas être rangée sous elle-même.
err-section-under-its-child = Une rubrique ne peut pas être rangée sous l’une de ses sous-rubriques.
err-section-parent-is-child = « { $name } » est déjà une sous-rubrique : les rubriques n’ont que deux niveaux.
err-section-has-children = « { $name } » a des sous-rubriques : elle reste au premier niveau (déplacez d’abord ses sous-rubriques).
err-section-position = La position { $position } n’est pas valable : un nombre de 0 à { $max }.
err-section-gone = Une des rubriques n’existe plus.

err-media-empty = Le fichier est vide.
err-media-too-heavy = Le fichier dépasse la taille maximale de { $max }.
err-media-megabytes = { $whole } Mo
err-media-megabytes-tenths = { $whole },{ $tenths } Mo
err-media-megapixels = { $whole } mégapixels
err-media-megapixels-tenths = { $whole },{ $tenths } mégapixels
err-media-not-an-image = Ce fichier n’est pas une image JPEG, PNG ou WebP.
err-media-too-many-pixels = L’image est trop grande ({ $width } × { $height } pixels ; { $max } au plus).
err-media-side-too-long = L’image est trop grande ({ $width } × { $height } pixels ; { $max } pixels de côté au plus).
err-media-unsupported-encoding = Cette image { $format } utilise un codage que Kiosque ne sait pas lire : enregistrez-la de nouveau depuis un logiciel d’images, puis réessayez.
err-media-unreadable = L’image est illisible ou tronquée.
err-media-processing = Le traitement de l’image a échoué ; réessayez plus tard.
err-media-not-a-video = Ce fichier n’est pas une vidéo MP4 ou WebM : son contenu ne correspond à aucun de ces formats, quel que soit son nom. Exportez la vidéo en MP4 (H.264) ou en WebM, puis envoyez-la de nouveau.
err-media-video-too-heavy = Cette vidéo est trop lourde : { $max } Mo au plus. Réduisez-la (définition ou débit) ou publiez-la chez un hébergeur de vidéos et indiquez son adresse.
err-media-video-write = L’enregistrement de la vidéo a échoué ; réessayez plus tard.
err-media-not-found = Le fichier { $path } n’existe pas.
err-media-storage = Le stockage des médias a échoué ; réessayez plus tard.
## Site: dates, typography and the public site's words built in code (site helper)

# Dates are written with chrono's strftime patterns; %B stands for the month's name below.
date-day-pattern = %d/%m/%Y
date-time-pattern = %H:%M
date-month = { $month ->
    [1] janvier
    [2] février
    [3] mars
    [4] avril
    [5] mai
    [6] juin
    [7] juillet
    [8] août
    [9] septembre
    [10] octobre
    [11] novembre
   *[12] décembre
}
date-at = { $date } à { $time }
date-on-at = le { $date } à { $time }
date-published = Publié le { $date } à { $time }
date-published-day = Publié le { $date }
date-updated = Mis à jour le { $date } à { $time }
# The language tag of schema.org, feeds and the browser's date formats.
site-locale = fr-FR
site-home = Accueil
site-error = Erreur
site-form-malformed = Le formulaire envoyé est incomplet ou mal formé. Rechargez la page et réessayez.
site-video-label = Vidéo
site-block-read-also = Lire aussi
site-block-watch = Voir la vidéo
site-tag-kicker = Mot-clé
site-author-photo = Photo de { $name }
site-correction = Rectificatif du { $date } : { $text }
site-feed-link = { $name } — Kiosque ({ $format })
site-feed-link-site = Kiosque ({ $format })
site-feed-author = Les articles de { $name }
site-feed-tag = Les articles sur { $name }
site-search-none = Aucun article ne correspond à ces critères.
site-search-none-for = Aucun article ne correspond à « { $q } ». Vérifiez l’orthographe, ou essayez des mots plus généraux ou moins nombreux.
site-search-found-articles = { $count ->
    [one] { $count } article trouvé.
   *[other] { $count } articles trouvés.
}
site-search-found-videos = { $count ->
    [one] { $count } vidéo trouvée.
   *[other] { $count } vidéos trouvées.
}
site-search-found-both = { $total } résultats trouvés : { $articles } et { $videos }.
site-search-articles = { $count ->
    [one] { $count } article
   *[other] { $count } articles
}
site-search-videos = { $count ->
    [one] { $count } vidéo
   *[other] { $count } vidéos
}
cm-deleted-account = Compte supprimé
cm-guest-unnamed = Anonyme
cm-deleted-by-author = Ce commentaire a été supprimé par son auteur.
cm-removed-by-moderation = Ce commentaire a été retiré par la modération.
# What the comment script says; { $minutes }, { $hours } and { $time } are filled in by the script.
cm-js-now = à l’instant
cm-js-minutes-ago = il y a { $minutes } min
cm-js-hours-ago = il y a { $hours } h
cm-js-yesterday = hier à { $time }
cm-js-sending = Envoi…
cm-js-failed = L’action n’a pas pu aboutir. Réessayez.
cm-js-offline = Connexion perdue : rien n’a été envoyé. Réessayez.
mail-illegal-report-subject = Votre signalement de contenu illicite
mail-illegal-report-body =
    Bonjour { $name },

    Nous avons bien reçu votre signalement du commentaire n° { $id } pour contenu illicite. Notre équipe de modération va l’examiner ; vous recevrez un e-mail vous informant de sa décision.
## Account: forms, messages and e-mails worded in Rust (handlers/account, the reply e-mail, account rules)

acc-login = Se connecter
acc-login-intro = Connectez-vous à votre espace pour commenter les articles.
acc-login-failed = Adresse e-mail ou mot de passe incorrect.
acc-login-deactivated = Ce compte a été désactivé. Adressez-vous à l’administration du site.
acc-login-no-account = Pas encore de compte ? Créer mon espace
acc-password = Mot de passe
acc-current-password = Mot de passe actuel
acc-new-password = Nouveau mot de passe
acc-new-email = Nouvelle adresse e-mail
acc-password-hint = Au moins { $min } caractères ; évitez les mots de passe courants.
acc-password-hint-signup = Au moins { $min } caractères ; évitez les mots de passe courants. Une phrase est idéale.
acc-wrong-password = Mot de passe incorrect.
acc-wrong-current-password = Mot de passe actuel incorrect.
acc-signup = Créer mon espace
acc-signup-intro = Votre espace vous permet de commenter les articles. Nous vous enverrons un lien pour confirmer votre adresse.
acc-signup-name = Nom affiché sous vos commentaires
acc-signup-charter = J’ai lu et j’accepte la charte de modération des commentaires :
acc-signup-charter-link = lire la charte
acc-signup-charter-needed = Acceptez la charte de modération pour créer votre espace.
acc-signup-have-account = Déjà un compte ? Se connecter
acc-signup-sent = Si l’adresse { $email } peut recevoir nos messages, un e-mail vient d’y être envoyé. Suivez le lien qu’il contient pour confirmer votre adresse et ouvrir votre espace.
acc-check-inbox = Vérifiez votre boîte e-mail
acc-link-invalid = Lien invalide
acc-link-expired = Lien invalide ou expiré
acc-verify-invalid-text = Ce lien de confirmation n’est pas valable : il a expiré ou a déjà servi. Connectez-vous pour en demander un nouveau depuis votre espace.
acc-verified-heading = Adresse confirmée
acc-verified-text = Merci : votre adresse est confirmée. Vous pouvez maintenant commenter les articles.
acc-forgot = Mot de passe oublié
acc-forgot-link = Mot de passe oublié ?
acc-forgot-intro = Indiquez l’adresse de votre espace : nous y enverrons un lien pour choisir un nouveau mot de passe.
acc-forgot-submit = Envoyer le lien
acc-forgot-sent = Si un espace existe pour l’adresse { $email }, un lien pour choisir un nouveau mot de passe vient d’y être envoyé.
acc-reset-heading = Choisir un nouveau mot de passe
acc-reset-invalid-text = Ce lien n’est plus valable : il a expiré ou a déjà servi. Demandez-en un nouveau.
acc-password-changed = Mot de passe changé
acc-password-changed-text = Votre nouveau mot de passe est enregistré ; vos autres sessions ont été fermées.
acc-notice-resent = Un nouvel e-mail de confirmation vous a été envoyé.
acc-notice-name = Votre nom affiché a été modifié.
acc-notice-password = Votre mot de passe a été modifié ; vos autres sessions ont été fermées.
acc-notice-email = Votre nouvelle adresse est confirmée.
acc-notice-notifications = Vos préférences d’e-mail sont enregistrées.
acc-confirm-new-email = Confirmez la nouvelle adresse
acc-confirm-new-email-text = Un lien de confirmation a été envoyé à { $email }. Votre adresse actuelle reste valable tant que la nouvelle n’est pas confirmée.
acc-email-confirm-invalid-text = Ce lien n’est plus valable : il a expiré, a déjà servi, ou l’adresse est désormais prise.
acc-comment-date = { $date } à { $time }
acc-export-filename = kiosque-mes-donnees.json
acc-delete-intro = Votre compte, votre adresse et vos sessions seront effacés. Vos commentaires restent sous les articles, signés « Compte supprimé », pour que les discussions gardent leur sens. Pour les effacer aussi, supprimez-les avant depuis « Mes commentaires ».
acc-delete-password = Mot de passe, pour confirmer
acc-delete-submit = Supprimer définitivement mon compte
acc-cancel = Annuler
acc-deleted = Compte supprimé
acc-deleted-text = Votre compte a été supprimé. Merci d’avoir participé.
acc-unsubscribe-invalid-text = Ce lien de désabonnement n’est pas valable. Vous pouvez choisir les e-mails que vous recevez depuis votre espace.
acc-unsubscribed = Désabonnement confirmé
acc-unsubscribed-text = Vous ne recevrez plus d’e-mail quand quelqu’un répond à vos commentaires. Vous pouvez les réactiver à tout moment depuis votre espace.
acc-unsubscribe-invalid-plain = Lien de désabonnement invalide.
acc-unsubscribed-plain = Désabonnement enregistré.
acc-role-member = Membre
acc-role-contributor = Contributeur
acc-role-journalist = Journaliste
acc-role-editor = Éditeur
acc-role-moderator = Modérateur
acc-role-admin = Administrateur
err-account-email = Adresse e-mail invalide.
err-account-display-name = Le nom affiché doit compter de 2 à 50 caractères.
err-account-password-short = Le mot de passe doit compter au moins { $min } caractères.
err-account-password-long = Le mot de passe est trop long ({ $max } caractères au plus).
err-account-password-common = Ce mot de passe est trop courant ou trop facile à deviner. Choisissez-en un autre.
mail-acc-hello = Bonjour,
mail-acc-hello-name = Bonjour { $name },
mail-acc-exists-subject = Votre espace Kiosque existe déjà
mail-acc-exists-text = Quelqu’un (peut-être vous) a demandé à créer un espace Kiosque avec cette adresse, qui en a déjà un.
mail-acc-exists-login = Pour vous connecter : { $link }
mail-acc-exists-reset = Mot de passe oublié : { $link }
mail-acc-exists-ignore = Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.
mail-acc-verify-subject = Confirmez votre adresse e-mail
mail-acc-verify-text = Bienvenue sur Kiosque. Pour confirmer votre adresse et pouvoir commenter, ouvrez ce lien (valable { $hours ->
    [one] { $hours } heure
   *[other] { $hours } heures
}) :
mail-acc-verify-ignore = Si vous n’avez pas créé d’espace, ignorez ce message.
mail-acc-reset-subject = Choisir un nouveau mot de passe
mail-acc-reset-text = Pour choisir un nouveau mot de passe, ouvrez ce lien (valable { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}, une seule fois) :
mail-acc-reset-ignore = Si vous n’avez rien demandé, ignorez ce message : votre mot de passe ne change pas.
mail-acc-email-subject = Confirmez votre nouvelle adresse
mail-acc-email-text = Pour que votre espace Kiosque utilise désormais cette adresse, ouvrez ce lien (valable { $hours ->
    [one] { $hours } heure
   *[other] { $hours } heures
}) :
mail-reply-subject = Nouvelle réponse à votre commentaire
mail-reply-someone = Un membre
mail-reply-text = { $replier } a répondu à votre commentaire sous l’article « { $title } » :
mail-reply-quote = « { $excerpt } »
mail-reply-read = Lire la réponse et la discussion :
mail-reply-why = Vous recevez cet e-mail parce que vous avez demandé un e-mail quand quelqu’un répond à vos commentaires (au plus un par heure et par discussion).
mail-reply-unsubscribe = Ne plus recevoir ces e-mails, en un clic : { $link }
## Newsroom: the remaining words built in code (notices, labels, refusals) and the newsroom's e-mails

nr-when = { $date } à { $time }
nr-when-by = { $date }, par { $name }
nr-mod-deleted-account = Compte supprimé
nr-mod-report-line = { $reason } — par { $by }, { $date }
nr-mod-report-by-deleted = compte supprimé
nr-mod-report-details = { $report } : « { $details } »
nr-mod-done-decision = Décision enregistrée.
nr-mod-done-member = Mesure appliquée au membre.
nr-mod-done-words = Liste des mots interdits enregistrée.
nr-mod-words-intro = Un commentaire qui contient l’un de ces mots (sans tenir compte des majuscules ni des accents) est mis en attente de modération au lieu d’être publié. Un mot par ligne.
nr-mod-words-field = Mots
nr-journal-approve = Publication
nr-journal-reject = Refus
nr-journal-remove = Retrait
nr-journal-ban = Suspension
nr-journal-unban = Levée de suspension
nr-journal-auto-hide = Masquage automatique (signalements)
nr-journal-banned-words = Mots interdits modifiés
nr-journal-system = système
nr-user-done-invite = Invitation envoyée.
nr-user-done-roles = Rôles enregistrés.
nr-user-done-deactivated = Compte désactivé : ses sessions sont fermées.
nr-user-done-reactivated = Compte réactivé.
nr-keys-done-revoked = La clé est révoquée : elle ne donne plus accès à l’API.
nr-hooks-done-deleted = Webhook supprimé, avec son journal.
nr-hooks-done-resumed = Webhook réactivé.
nr-hooks-done-redeliver = La livraison sera renvoyée dans un instant.
nr-hooks-done-created = Webhook n° { $id } enregistré. Voici son secret de signature : donnez-le au destinataire maintenant, il ne sera plus affiché.
nr-delivery-delivered = Livré
nr-delivery-failed = Abandonné
nr-delivery-pending = En attente
nr-title-site-pages = Pages du site — Rédaction
nr-title-site-page = { $title } — Pages du site — Rédaction
nr-pages-saved = Page enregistrée : elle est en ligne.
nr-media-alt-missing = Décrivez l’image dans le texte alternatif : les lecteurs qui ne la voient pas l’entendent à sa place.
nr-media-uploaded = Image enregistrée. Copiez la ligne ci-dessous dans le texte de l’article pour l’y insérer.
nr-section-done-renamed = Nom et description enregistrés.
nr-section-done-moved = Rubrique déplacée.
nr-section-done-position = Position enregistrée.
nr-tags-done-renamed = Mot-clé renommé ; son adresse ne change pas.
nr-author-photo-unknown = Aucune image de la médiathèque n’a le chemin « { $path } » : copiez le chemin affiché dans la médiathèque.
nr-edit-move-denied = Cet article est en ligne : vous ne pouvez pas le déplacer dans une rubrique où vous ne publiez pas.
nr-edit-no-such-video = Il n’y a pas de vidéo n° { $id } : choisissez-en une dans la liste des vidéos.
nr-edit-no-such-read-also = « Lire aussi » renvoie à l’article n° { $id }, qui n’existe pas.
nr-edit-mode-open = Ouverts
nr-edit-mode-pre-moderated = Modérés a priori
nr-edit-mode-closed = Fermés
nr-edit-submit = Envoyer en relecture
nr-edit-publish = Publier maintenant
nr-edit-unpublish = Dépublier
nr-edit-autosaved = Enregistré automatiquement à { $time }
nr-edit-autosave-expired = Session expirée : enregistrez après vous être reconnecté.
nr-edit-autosave-failed = Sauvegarde automatique impossible pour l’instant.
nr-edit-conflict = Quelqu’un a enregistré cet article pendant que vous le modifiiez (version { $version }). Rien n’a été écrasé : votre version est conservée comme révision n° { $kept }. Comparez les deux versions dans l’historique ({ $href }), puis reportez vos changements sur la version actuelle.
nr-form-hero-path = L’image principale doit être un chemin de la médiathèque (/2016/12/23/photo.jpg).
nr-rev-kind-save = Enregistrement
nr-rev-kind-restore = Restauration
nr-rev-kind-autosave = Sauvegarde automatique
nr-rev-kind-conflict = Version refusée (conflit)
nr-rev-kind-other = Révision
nr-done-deleted = Article supprimé.
nr-videos-webm = Fichier WebM
nr-video-poster-path-invalid = L’affiche doit être une image de la médiathèque, indiquée par son chemin (/2016/12/23/photo.jpg).
nr-video-poster-not-in-library = L’image { $path } n’est pas dans la médiathèque : envoyez-la d’abord à la médiathèque, puis copiez son chemin ici.
nr-video-article-unreadable = Indiquez l’article par son numéro (123) ou par son adresse (/monde/titre_123.html).
nr-video-both-sources = Une vidéo est soit un fichier envoyé, soit un lien vers un autre site, pas les deux : videz l’adresse pour envoyer un fichier, ou n’en choisissez pas pour donner une adresse.
nr-video-no-source = Envoyez le fichier de la vidéo (MP4 ou WebM), ou indiquez l’adresse où elle est publiée (https://…).
mail-nr-hello = Bonjour { $name },
mail-nr-hello-anonymous = Bonjour,
mail-mod-reason = Motif : { $reason }
mail-mod-rejected-subject = Votre commentaire a été refusé
mail-mod-removed-subject = Votre commentaire a été retiré
mail-mod-rejected = Votre commentaire n° { $id } a été refusé par l’équipe de modération.
mail-mod-removed = Votre commentaire n° { $id } a été retiré par l’équipe de modération.
mail-mod-your-comment =
    Votre commentaire :
    « { $body } »
mail-mod-contest =
    Vous retrouvez cette décision dans « { $page } » : { $link }
    Si vous pensez qu’il s’agit d’une erreur, vous pouvez répondre à ce message pour la contester.
mail-mod-report-subject = Suite donnée à votre signalement
mail-mod-report-kept = Vous aviez signalé le commentaire n° { $id } pour contenu illicite. Après examen, l’équipe de modération l’a maintenu en ligne.
mail-mod-report-rejected = Vous aviez signalé le commentaire n° { $id } pour contenu illicite. Après examen, l’équipe de modération l’a refusé.
mail-mod-report-removed = Vous aviez signalé le commentaire n° { $id } pour contenu illicite. Après examen, l’équipe de modération l’a retiré.
mail-mod-ban-subject = Votre compte Kiosque est suspendu
mail-mod-ban-until = jusqu’au { $date }
mail-mod-ban-for-good = jusqu’à nouvel ordre
mail-mod-ban-no-reason = non précisé
mail-mod-ban =
    Votre compte ne peut plus publier de commentaires { $until }.
    Motif : { $reason }
mail-invite-subject = Invitation à rejoindre la rédaction de Kiosque
mail-invite-intro = { $admin } vous invite à rejoindre Kiosque ({ $roles }).
mail-invite-link = { $days ->
    [one] Pour activer votre compte, choisissez votre mot de passe en ouvrant ce lien (valable { $days } jour, une seule fois) :
   *[other] Pour activer votre compte, choisissez votre mot de passe en ouvrant ce lien (valable { $days } jours, une seule fois) :
}
mail-invite-then = Vous pourrez ensuite vous connecter et accéder à la rédaction : { $newsroom }

## Rights on shared media (the media library's image page and the video form)
nr-rights-image-refused = Cette image paraît dans des articles publiés de rubriques où vous ne pouvez pas publier ({ $sections }). Ses textes n’ont pas été modifiés : seuls un éditeur ou un journaliste qui publie dans toutes ces rubriques peuvent les changer.
nr-rights-video-refused = Cette vidéo paraît dans des articles publiés de rubriques où vous ne pouvez pas publier ({ $sections }). Elle n’a pas été modifiée : seuls un éditeur ou un journaliste qui publie dans toutes ces rubriques peuvent la changer.
nr-rights-history = Historique des modifications
nr-rights-revision = Modifié par { $name } { $when }
nr-rights-deleted-account = un compte supprimé
## Re-import of archive pages (issue 12, item 9): the history names what an import wrote
nr-rev-kind-import = Import d’une page d’archive
nr-rev-author-import = import
## save (one text, never lost: the editor's save status and workflow buttons)
save-status-saved = Enregistré à { $time }
save-status-unsaved = Modifications non enregistrées
save-status-offline = Hors ligne : enregistré dans ce navigateur
save-status-backup = Modifications non enregistrées (copie de secours à { $time })
save-status-restored = Texte non enregistré retrouvé dans ce navigateur : relisez-le puis enregistrez.
save-status-older = Ce navigateur garde un texte non enregistré, écrit avant le dernier enregistrement de l’article.
save-status-take = Reprendre ce texte
save-status-refused = Non enregistré : le texte reste dans ce navigateur.
save-workflow-note = Ces boutons enregistrent d’abord le texte affiché.

## inline formatting (issue 12 item 3)
err-markup-link-url = « { $href } » n’est pas une adresse de lien acceptée : écrivez une adresse web complète (https://…) ou une adresse du site commençant par / (/monde/…_12.html).
nr-edit-link-prompt = Adresse du lien (https://… ou /monde/…_12.html) :
## Back office (issue 12, item 7: the newsroom's own header and its dashboard)
bo-logout = Se déconnecter
bo-nav-dashboard = Tableau de bord
bo-title-dashboard = Tableau de bord — Rédaction
bo-dash-heading = Bonjour, { $name }
bo-dash-drafts = Mes brouillons
bo-dash-review = En attente de relecture
bo-dash-scheduled = Programmés
bo-dash-published = Publiés récemment
bo-dash-comments = Commentaires en attente
bo-dash-comments-count = { $count ->
    [one] { $count } commentaire attend une décision
   *[other] { $count } commentaires attendent une décision
}
bo-dash-empty = Rien pour l’instant.
bo-dash-all = Tout voir
bo-item-meta = { $section } · { $date }

## Article editor: writing first, media picker, link picker (issue 12, items 1, 3 and 4)
ed-missing-hero = L’image principale « { $path } » n’est pas dans la médiathèque : choisissez-la avec « Choisir dans la médiathèque » ou déposez-la.
ed-missing-image = l’image { $path } n’est pas dans la médiathèque : insérez-la avec le bouton « Image », qui permet aussi de la déposer.
ed-missing-video = il n’y a pas de vidéo n° { $id } : choisissez-la avec le bouton « Vidéo ».
ed-missing-read-also = « Lire aussi » renvoie à l’article n° { $id }, qui n’existe pas.
ed-title-placeholder = Titre de l’article
ed-tools = Mise en forme et insertion
ed-tool-italic = Italique
ed-tool-italic-key = Italique (Ctrl+I)
ed-tool-bold = Gras
ed-tool-bold-key = Gras (Ctrl+B)
ed-tool-link = Lien vers un article
ed-tool-image = Image
ed-tool-video = Vidéo
ed-side-title = Réglages de l’article
ed-hero-pick = Choisir dans la médiathèque
ed-address = Adresse publique
ed-address-later = Donnée à la publication, d’après le titre.
ed-pick-image = Insérer une image
ed-pick-hero = Choisir l’image principale
ed-pick-video = Insérer une vidéo
ed-pick-link = Lier un article
ed-pick-empty = Aucun résultat.
ed-pick-failed = L’envoi a échoué ; vérifiez la connexion puis réessayez.
ed-pick-sending = Envoi en cours…
ed-pick-not-image = Choisissez une image (JPEG, PNG, WebP ou GIF).
ed-pick-close = Fermer
ed-pick-link-text = Texte du lien
ed-pick-link-hint = Laissé vide, le lien reprend le titre de l’article choisi.
ed-pick-search = Rechercher
ed-pick-upload = Ou déposer une nouvelle image
ed-pick-drop = Glissez une image ici ou collez-la.
ed-pick-choose = Choisir un fichier
ed-pick-alt = Texte alternatif (obligatoire)
ed-pick-alt-hint = Ce que montre l’image, pour qui ne la voit pas.
ed-pick-upload-insert = Déposer et insérer
## API (write API: key scopes and owners, write errors)
api-scope-content-read = Lire les contenus publiés (content:read)
api-scope-content-write = Écrire : créer et modifier des brouillons, les faire avancer dans le circuit de publication (content:write)
api-scope-media-write = Déposer des images dans la médiathèque (media:write)
api-scope-live-write = Publier dans les directs (live:write)
api-scope-comments-moderate = Publier ou refuser les commentaires en attente (comments:moderate)
api-key-no-scope = Cochez au moins une permission pour la clé.
api-key-owner-unknown = Le propriétaire de la clé doit être un compte existant et ouvert.
api-key-owner-not-staff = Le propriétaire de la clé doit faire partie de l’équipe (rédaction ou modération), pas un simple lecteur.
api-key-scope-not-for-owner = Le propriétaire de la clé ne peut pas se servir de la permission { $scope } : son rôle ne le permet pas.
api-err-scope = Cette clé n’a pas la permission { $scope }, nécessaire ici.
api-err-owner-rights = Le propriétaire de cette clé n’a pas le droit de faire cela (les règles de la rédaction s’appliquent).
api-err-stale-version = L’article a été enregistré depuis la version envoyée ; la version actuelle est la { $version }. Rien n’a été enregistré.
api-err-too-large = La requête est trop volumineuse.
api-err-json = Le corps de la requête n’est pas le JSON attendu : { $detail }
api-err-body-twice = Donnez le corps soit en texte (body), soit en blocs (blocks), pas les deux.
api-err-unknown-image = Aucune image de la médiathèque n’a le chemin { $path }.
api-err-version-missing = Indiquez la version modifiée (version).
api-err-schedule-missing = Indiquez la date de mise en ligne (scheduled_at).
api-err-schedule-format = La date de mise en ligne doit être au format RFC 3339, par exemple 2026-12-24T08:00:00+01:00.
nr-keys-owner = Propriétaire (la clé agit en son nom, avec ses droits)
nr-keys-scopes = Permissions
nr-keys-col-owner = Propriétaire
nr-keys-col-scopes = Permissions
nr-keys-owner-gone = compte supprimé
nr-keys-cli = En ligne de commande, pour les scripts de déploiement : <code>kiosque key create --owner ADRESSE --scope content:write --name NOM</code> (la clé est affichée une seule fois).
## Front page composition and framing (issue 12, items 6 and 5: slots, section blocks, a section page's lead, focal points)
site-front-secondary = Également à la une
err-front-slot = Cet emplacement n’existe pas : choisissez un numéro de 1 à { $count }.
err-front-other-section = L’article n° { $id } n’est pas de cette rubrique : seul un article de la rubrique (ou d’une rubrique qu’elle contient) peut y être placé.
nr-compose-front-heading = Emplacements de la une
nr-compose-front-help = Le premier emplacement est l’article principal ; les quatre suivants l’accompagnent. Un emplacement sans article choisi montre le plus récent qui ne figure pas ailleurs sur la page ; un article dépublié quitte son emplacement de lui-même.
nr-compose-front-lead = 1 · Article principal
nr-compose-slot = Emplacement { $number }
nr-compose-section-lead = Article principal de la page
nr-compose-target = { $place } — { $slot }
nr-compose-block-heading = Bloc « { $name } » de la une
nr-compose-block-help = Les articles choisis ouvrent le bloc de la rubrique sur la une, dans cet ordre ; les emplacements libres montrent ses articles les plus récents.
nr-compose-section-heading = Page de la rubrique « { $name } »
nr-compose-section-help = L’article choisi ouvre la page de la rubrique. Sans choix, c’est le plus récent avec une image.
nr-compose-section-title = Composer « { $name } »
nr-compose-placed-done = Article placé.
nr-compose-removed-done = Emplacement libéré : l’article le plus récent le remplit.
nr-compose-moved-done = Emplacement déplacé.
nr-compose-bad-target = Cet emplacement n’existe pas : rechargez la page.
nr-compose-back = ← Retour à la une
nr-compose-placed = Choisi
nr-compose-automatic = Automatique
nr-compose-automatic-none = aucun article pour l’instant
nr-compose-up = Monter
nr-compose-down = Descendre
nr-compose-remove = Retirer
nr-compose-place-legend = Placer un article
nr-compose-drag-hint = Glissez un article sur un emplacement, ou choisissez-le ici avec l’emplacement puis validez.
nr-compose-none = Aucun : l’emplacement revient à l’article le plus récent
nr-compose-target-label = Emplacement
nr-compose-place = Placer l’article
nr-compose-block-link = Composer le bloc
nr-compose-section-link = Composer la rubrique (article principal de sa page)
nr-compose-positions = Positions exactes des blocs
nr-focal-heading = Cadrage
nr-focal-help = Le point à garder visible quand l’image est recadrée (vignettes, cartes, article principal) : cliquez dessus sur l’image, ou indiquez sa position en pourcentage de la largeur et de la hauteur depuis le coin supérieur gauche (50 et 50 : le centre).
nr-focal-picker-alt = L’image : cliquez sur le point à garder visible
nr-focal-x = Horizontal (%)
nr-focal-y = Vertical (%)
nr-focal-save = Enregistrer le cadrage
nr-focal-previews = Aperçu des recadrages du site (16/9, carré, portrait) :
nr-focal-done = Cadrage enregistré : les pages qui montrent l’image suivent.
nr-focal-invalid = Le cadrage doit être donné par deux nombres de 0 à 100.
nr-focal-refused = Cette image paraît dans des articles publiés de rubriques où vous ne pouvez pas publier ({ $sections }). Son cadrage n’a pas été modifié : seuls un éditeur ou un journaliste qui publie dans toutes ces rubriques peuvent le changer.

## Editor: the article's images, each framed from the side panel
ed-images = Images de l’article
ed-images-help = « Cadrer » ouvre la page de l’image dans la médiathèque : un clic y choisit le point que chaque recadrage garde visible.
ed-images-frame = Cadrer
ed-images-frame-which = { "\u00A0" }: { $alt }
## Slug and search-engine fields (issue 12 item 1: the editor's side panel, the public page's head)
seo-err-slug = La fin de l’adresse ne peut contenir que des lettres minuscules sans accent, des chiffres et des tirets simples, sans tiret au début ni à la fin, au plus { $max } caractères (par exemple : { $example }).
seo-err-title-long = Le titre pour les moteurs de recherche dépasse { $max } caractères.
seo-err-description-long = La description pour les moteurs de recherche dépasse { $max } caractères.
seo-rev-field-slug = Adresse : { $value }
seo-rev-field-title = Titre pour les moteurs de recherche : { $value }
seo-rev-field-description = Description pour les moteurs de recherche : { $value }
seo-slug-label = Fin de l’adresse (slug)
seo-slug-help = Lettres minuscules sans accent, chiffres et tirets. Laissée vide, elle est formée d’après le titre. Après un changement, l’ancienne adresse redirige vers la nouvelle.
seo-slug-placeholder = d’après le titre
seo-address-after = en ligne après la publication
seo-legend = Moteurs de recherche et partages
seo-title-label = Titre pour les moteurs de recherche
seo-title-help = Facultatif. Remplace le titre dans l’onglet, les résultats de recherche et les partages ; le titre de l’article ne change pas.
seo-description-label = Description pour les moteurs de recherche
seo-description-help = Facultatif. Remplace le chapô dans les résultats de recherche et les partages.
seo-counter = { $count } / { $max } caractères

## Breaking news (issue 11 item 2: the banner, /admin/alerte, `kiosque alert`)
alert-label = Alerte info
alert-nav = Alerte info
alert-title = Alerte info
alert-heading = Alerte info
alert-intro = Le bandeau s’affiche en haut de toutes les pages du site jusqu’à son expiration ou jusqu’à ce que vous y mettiez fin. Envoyer une nouvelle alerte met fin à la précédente.
alert-current = Alerte en cours
alert-none = Aucune alerte en cours.
alert-sent-on = Envoyée le { $date }
alert-until = jusqu’au { $date }
alert-end = Mettre fin à l’alerte
alert-new = Nouvelle alerte
alert-text = Texte de l’alerte
alert-text-help = Une phrase, { $max } caractères au plus.
alert-link = Lien (facultatif)
alert-link-help = Une adresse du site (/monde/…) ou une adresse complète en http(s)://.
alert-expires = Durée d’affichage
alert-for-30m = 30 minutes
alert-for-1h = 1 heure
alert-for-2h = 2 heures
alert-for-6h = 6 heures
alert-for-24h = 24 heures
alert-send = Envoyer l’alerte
alert-sent = L’alerte est en ligne sur toutes les pages.
alert-ended = L’alerte a été retirée de toutes les pages.
alert-log = Journal des alertes
alert-log-empty = Aucune alerte envoyée pour l’instant.
alert-col-sent = Envoyée
alert-col-text = Texte
alert-col-until = Expiration
alert-col-ended = Fin
alert-showing = En cours
alert-expired = Expirée
alert-err-text-empty = Écrivez le texte de l’alerte.
alert-err-text-long = Le texte doit tenir en { $max } caractères.
alert-err-link = Le lien doit être une adresse du site (commençant par /) ou une adresse en http(s)://.
alert-err-duration = Durée non comprise : choisissez entre 1 minute et 24 heures (par exemple 30m, 2h, 1h30m).
alert-cli-sent = Alerte { $id } envoyée.
alert-cli-ended = Alerte terminée.
alert-cli-none = Aucune alerte en cours.

## Live blogs (issue 11 item 1: "En direct", /direct, the newsroom's composer)
live-nav = En direct
live-badge = En direct
live-badge-ended = Direct terminé
live-closed = Ce direct est terminé.
live-started = Direct commencé le { $date }
live-ended-on = terminé le { $date }
live-day-time = { $day } { $month }, { $time }
live-edited-at = modifié { $time }
live-important = Important
live-key-point = L’essentiel
live-by = Par { $name }
live-essentials = L’essentiel
live-feed-title = Le fil du direct
live-reload = Actualiser pour voir les nouveaux posts
live-new-one = 1 nouveau post
live-new-many = { $count } nouveaux posts
live-empty = Aucun post pour l’instant.
live-newer = Posts plus récents
live-older = Posts plus anciens
live-feed-name = { $title } (direct)
live-index-title = En direct
live-index-heading = En direct
live-index-intro = Les directs de la rédaction : ceux qui sont en cours, puis ceux qui se sont terminés récemment.
live-index-open = En cours
live-index-none-open = Aucun direct en cours.
live-index-closed = Terminés récemment
live-index-posts = { $count ->
    [one] 1 post
   *[other] { $count } posts
}
live-index-last = { $posts } · dernier le { $date }
live-index-ended = { $posts } · terminé le { $date }
live-err-title-empty = Donnez un titre au post.
live-err-title-long = Le titre doit tenir en { $max } caractères.
live-err-body-empty = Écrivez le texte du post.
live-err-body-long = Le texte doit tenir en { $max } caractères.
live-err-closed = Ce direct est terminé{ "\u00A0" }: on ne peut plus y publier. Rouvrez-le pour poster.
live-err-not-live = Cet article n’est pas un direct.
live-desk-link = Direct (posts en temps réel)
live-desk-title = Direct{ "\u00A0" }: { $title }
live-desk-edit-article = Modifier l’article
live-desk-public = Voir la page publique
live-desk-since = Direct commencé le { $date }
live-desk-ended = terminé le { $date }
live-desk-close = Terminer le direct
live-desk-reopen = Rouvrir le direct
live-desk-make = Transformer cet article en direct
live-desk-not-live = Cet article n’est pas un direct. En le transformant en direct, vous pourrez y publier des posts horodatés, que les lecteurs voient arriver sans recharger la page.
live-desk-not-allowed = Seuls les éditeurs, les administrateurs et les journalistes de la rubrique peuvent écrire dans ce direct.
live-desk-posts = { $count ->
    [one] 1 post en ligne
   *[other] { $count } posts en ligne
}
live-desk-edit = Modifier
live-desk-delete = Supprimer
live-desk-posted = Post publié.
live-desk-saved = Post modifié.
live-desk-deleted = Post supprimé.
live-desk-opened = Le direct est ouvert.
live-desk-closed = Le direct est terminé{ "\u00A0" }; la page reste en ligne.
live-desk-list-title = Directs
live-desk-list-intro = Les directs en ligne. Pour en commencer un, ouvrez un article et choisissez «{ "\u00A0" }Direct{ "\u00A0" }».
live-composer = Nouveau post
live-post-title = Modifier un post
live-post-title-label = Titre
live-post-body-label = Texte
live-post-important = Important (mis en avant)
live-post-key-point = L’essentiel (épinglé en haut)
live-post-submit = Publier le post
live-post-save = Enregistrer
live-post-back = Retour au direct
live-post-history = Historique
live-post-col-what = Action
live-post-col-when = Quand
live-post-col-text = Contenu
live-rev-create = Publication
live-rev-edit = Modification
live-rev-delete = Suppression
## Newsletters (issue 11 item 3: /lettres, "Mes lettres", /admin/lettres, the digests, `kiosque newsletter`)
nl-daily-title = L’essentiel du jour
nl-daily-blurb = Chaque matin, les informations à ne pas manquer, choisies par la rédaction.
nl-section-title = La lettre { $section }
nl-section-blurb = Les derniers articles de la rubrique { $section }, une fois par jour.
nl-subject = { $newsletter } : { $lead }
nl-mail-why = Vous recevez cette lettre parce que vous vous y êtes abonné sur { $site }.
nl-mail-read-site = Lire sur le site
nl-mail-unsubscribe = Se désabonner
nl-mail-unsubscribe-line = Se désabonner en un clic : { $link }
nl-page-title = Lettres d’information
nl-page-intro = Recevez l’essentiel de l’actualité par e-mail, gratuitement et sans compte. Vous pouvez vous désabonner à tout moment, en un clic, depuis chaque lettre.
nl-choose = Choisissez vos lettres
nl-email = Adresse e-mail
nl-email-placeholder = votre@adresse.fr
nl-subscribe = S’abonner
nl-double-opt-in = Nous vous enverrons un e-mail de confirmation : aucune lettre ne part avant que vous ayez cliqué sur son lien.
nl-error-email = Cette adresse e-mail n’est pas valide. Vérifiez-la (par exemple : prenom@exemple.fr).
nl-error-none = Choisissez au moins une lettre.
nl-check-inbox = Vérifiez votre boîte mail
nl-check-inbox-text = Si ce n’est déjà fait, un e-mail de confirmation part vers { $email }. Cliquez sur son lien pour recevoir vos lettres ; sans confirmation, nous ne vous écrirons pas.
nl-confirm-mail-subject = Confirmez votre abonnement
nl-confirm-mail-text = Vous (ou quelqu’un avec votre adresse) avez demandé à recevoir :
nl-confirm-mail-link = Pour confirmer, ouvrez ce lien : { $link }
nl-confirm-mail-ignore = Si vous n’avez rien demandé, ignorez ce message : vous ne recevrez rien.
nl-confirm-title = Confirmer votre abonnement
nl-confirm-text = Confirmez l’abonnement de { $email } à :
nl-confirm-button = Confirmer mon abonnement
nl-confirmed = Abonnement confirmé
nl-confirmed-text = Merci ! Vous recevrez désormais :
nl-link-spent = Ce lien ne fonctionne plus
nl-link-spent-text = Il a déjà servi ou il a expiré (il vaut sept jours). Vous pouvez vous abonner de nouveau depuis la page des lettres.
nl-link-all = Toutes nos lettres
nl-link-front = Retour à la une
nl-unsub-title = Se désabonner
nl-unsub-text = Ne plus envoyer « { $newsletter } » à { $email } ?
nl-unsub-button = Me désabonner
nl-unsub-done = Désabonnement effectué
nl-unsub-done-text = { $email } ne recevra plus « { $newsletter } ».
nl-unsub-already = C’est déjà fait
nl-unsub-already-text = { $email } n’est plus abonné à « { $newsletter } » : il n’y a rien d’autre à faire.
nl-unsub-invalid = Lien de désabonnement incomplet
nl-unsub-invalid-text = Ce lien n’est pas complet. Copiez-le en entier depuis la lettre, ou écrivez-nous.
nl-mine-title = Mes lettres d’information
nl-mine-intro = Les lettres envoyées à { $email }. Cochez celles que vous voulez recevoir.
nl-mine-saved = Vos lettres sont enregistrées.
nl-mine-saved-confirm = C’est noté : un e-mail de confirmation vient de partir pour les nouvelles lettres choisies.
nl-state-pending = En attente de confirmation
nl-state-confirmed = Abonné
nl-admin-nav = Lettres
nl-admin-title = Lettres d’information
nl-admin-intro = Les abonnés confirmés, l’heure d’envoi de chaque lettre (heure de Paris) et ses derniers envois.
nl-admin-queue = File d’envoi : { $queued } message(s) en attente, { $failed } abandonné(s).
nl-admin-confirmed = { $count } abonné(s) confirmé(s)
nl-admin-time = Heure d’envoi
nl-admin-time-save = Enregistrer l’heure
nl-admin-time-saved = L’heure d’envoi est enregistrée.
nl-admin-time-invalid = Heure non comprise : « { $time } ». Écrivez-la sous la forme 07:30.
nl-admin-no-sends = Aucun envoi pour l’instant.
nl-admin-sends = Derniers envois
nl-admin-special = Spéciale
nl-admin-col-when = Date
nl-admin-col-subject = Objet
nl-admin-col-articles = Articles
nl-admin-col-recipients = Destinataires
nl-admin-col-sent = Envoyés
nl-admin-col-failed = Échecs
nl-admin-col-waiting = En attente
nl-admin-addresses = Adresses en erreur
nl-admin-addresses-intro = Une adresse rejetée par son serveur (bounce) ou dont le destinataire s’est plaint ne reçoit plus aucune lettre.
nl-admin-state = État
nl-admin-bounced = Rejetée (bounce)
nl-admin-complained = Plainte
nl-admin-ok = Normale
nl-admin-mark = Enregistrer
nl-admin-address-saved = L’état de l’adresse est enregistré.
nl-admin-unknown-address = Aucun abonné n’a l’adresse { $email }.
## Podcasts (issue 11 item 4)
err-markup-audio-id = ::audio attend le numéro de l’épisode, par exemple ::audio 12.
err-media-not-audio = Ce fichier n’est pas un son MP3, M4A, Ogg ou WAV{ "\u00A0" }: son contenu ne correspond à aucun de ces formats, quel que soit son nom. Exportez l’épisode en MP3 ou en M4A, puis envoyez-le de nouveau.
err-media-audio-too-heavy = Ce fichier son est trop lourd{ "\u00A0" }: { $max } Mo au plus. Exportez-le avec un débit plus faible (128 kb/s suffisent pour la parole).
err-media-audio-write = L’enregistrement du fichier son a échoué{ "\u202F" }; réessayez plus tard.
pod-err-title = Donnez un titre de { $max } caractères au plus.
pod-err-description = La description doit tenir en { $max } caractères.
pod-err-author = Indiquez l’auteur (qui fait l’émission), { $max } caractères au plus.
pod-err-category = Choisissez une catégorie dans la liste.
pod-err-duration = Durée incomprise{ "\u00A0" }: écrivez minutes et secondes (12:30) ou heures (1:02:03), entre 1 seconde et 24 heures.
pod-err-external-url = L’adresse doit commencer par https:// et désigner un fichier son (.mp3, .m4a, .ogg, .opus ou .wav).
pod-err-show-missing = Il n’y a pas d’émission numéro { $id }.
pod-cat-news = Actualités
pod-cat-society = Société et culture
pod-cat-government = Institutions
pod-cat-history = Histoire
pod-cat-business = Économie
pod-cat-technology = Technologie
pod-cat-science = Sciences
pod-cat-health = Santé et forme
pod-cat-education = Éducation
pod-cat-arts = Arts
pod-cat-music = Musique
pod-cat-tv = Télévision et cinéma
pod-cat-sports = Sports
pod-cat-comedy = Humour
pod-cat-fiction = Fiction
pod-cat-true-crime = Faits divers
pod-cat-religion = Religion et spiritualité
pod-cat-kids = Enfants et famille
pod-cat-leisure = Loisirs
pod-image-not-in-library = {$path} n’est pas une image de la médiathèque : choisissez-en une dans la liste, ou envoyez-la d’abord à la médiathèque.
pod-choose-show = Choisissez l’émission
pod-both-sources = Donnez soit un fichier, soit une adresse, pas les deux.
pod-no-source = Envoyez le fichier son, ou donnez l’adresse d’un fichier hébergé ailleurs.
ed-missing-audio = il n’y a pas d’épisode de podcast n° { $id } : son numéro figure dans la liste Podcasts de la rédaction.
pod-nav = Podcasts
pod-title-index = Podcasts
pod-heading-index = Podcasts
pod-index-intro = Nos émissions à écouter ici ou dans votre application de podcasts.
pod-no-shows = Aucune émission pour l’instant.
pod-no-episodes = Aucun épisode pour l’instant.
pod-episode-count = { $count ->
    [one] { $count } épisode
   *[other] { $count } épisodes
}
pod-explicit = Contenu explicite
pod-subscribe = S’abonner (flux RSS)
pod-subscribe-hint = Copiez cette adresse dans votre application de podcasts.
pod-feed-link = Podcast : { $title }
pod-title-show = { $title }, podcast
pod-title-episode = { $title } — { $show }
pod-episodes = Épisodes
pod-published = Publié le { $day }
pod-length = Durée :
pod-description-heading = À propos de cet épisode
pod-no-description = Pas de description pour cet épisode.
pod-download = Télécharger l’épisode
pod-listen-elsewhere = Écouter sur le site de l’hébergeur
pod-read-description = Description et transcription
pod-audio-unsupported = Votre navigateur ne peut pas lire ce son ici :
pod-listen-label = Écouter
pod-listen-episode = l’épisode du podcast
pod-size-kb = { $size } ko
pod-size-mb = { $whole },{ $tenths } Mo
pod-add-episode = Ajouter un épisode
pod-add-episode-short = en ajouter un
pod-add-show = Nouvelle émission
pod-see-public = Voir la page publique des podcasts
pod-shows = Émissions
pod-latest-episodes = Derniers épisodes
pod-col-title = Titre
pod-col-category = Catégorie
pod-col-episodes = Épisodes
pod-col-page = Page
pod-col-show = Émission
pod-col-duration = Durée
pod-col-published = Publié
pod-see = Voir
pod-title-new-show = Nouvelle émission
pod-title-edit-show = Émission : { $title }
pod-new-show = Nouvelle émission
pod-edit-show = Modifier l’émission
pod-see-page = Voir la page publique
pod-all = Tous les podcasts
pod-field-title = Titre
pod-field-author = Auteur
pod-field-author-hint = Qui fait l’émission : les applications de podcasts l’affichent sous le titre.
pod-field-category = Catégorie (annuaires de podcasts)
pod-field-explicit = Contenu explicite (les applications avertissent les auditeurs)
pod-field-description = Description
pod-image = Visuel
pod-image-hint = Une image carrée de la médiathèque (les applications de podcasts en veulent au moins 1400 × 1400 pixels).
pod-image-pick = Les dernières images de la médiathèque
pod-image-none = Pas de visuel
pod-image-path = Chemin d’une image de la médiathèque
pod-save = Enregistrer
pod-publish = Publier l’épisode
pod-title-new-episode = Nouvel épisode
pod-title-edit-episode = Épisode : { $title }
pod-new-episode = Nouvel épisode
pod-edit-episode = Modifier l’épisode
pod-episode-saved = Épisode enregistré : il figure sur la page de l’émission et dans son flux.
pod-markup-hint = Pour le faire écouter dans un article, écrivez cette ligne dans son corps :
pod-need-show = Un épisode appartient à une émission : créez-en une d’abord.
pod-field-show = Émission
pod-field-episode-description = Description ou transcription
pod-field-episode-description-hint = Un paragraphe par ligne. Une transcription rend l’épisode accessible aux lecteurs sourds et malentendants.
pod-field-duration = Durée
pod-field-duration-hint = Lue dans le fichier envoyé ; écrivez-la (12:30 ou 1:02:03) seulement pour la corriger, ou pour un fichier hébergé ailleurs.
pod-field-sound = Le son
pod-current-file = Fichier actuel :
pod-replace-file = Envoyez un autre fichier pour le remplacer.
pod-field-file = Fichier son (MP3, M4A, Ogg ou WAV ; { $max } Mo au plus)
pod-field-url = Ou l’adresse d’un fichier hébergé ailleurs
pod-field-url-hint = https uniquement, se terminant par .mp3, .m4a, .ogg, .opus ou .wav.
pod-field-url-placeholder = https://…/episode.mp3

## Security findings (issue 14: e-mail change, webhooks)
mail-acc-email-changed-subject = L’adresse de votre compte a changé
mail-acc-email-changed-text = L’adresse e-mail de votre compte Kiosque est désormais { $email }. Vos autres sessions ont été fermées et les liens encore en attente annulés.
mail-acc-email-changed-not-you = Si vous n’êtes pas à l’origine de ce changement, contactez l’équipe du site sans attendre.
err-webhook-url-private = Cette adresse mène à ce serveur ou à un réseau privé (127.0.0.1, localhost, 10.x, 192.168.x, 169.254.x…) : un webhook doit viser un service public.
nr-attempt-delivered = Livré
nr-attempt-failed = Échec

## Load (issue 13: the page a browser gets when the node is at capacity)
site-error-busy = Le site est très sollicité
site-error-busy-text = Trop de lecteurs demandent des pages en même temps : réessayez dans un instant.
## Search at a million (issue 13: estimated counts, bounded pagination)
site-search-about = Environ { $count } résultats.
site-search-too-deep = Les résultats s’arrêtent à la page { $max } : affinez votre recherche (des mots plus précis, une rubrique, des dates) pour trouver ce que vous cherchez.
site-search-last-page = Seuls les { $count } premiers résultats sont proposés : affinez votre recherche pour aller plus loin.

## The wire desk (/admin/depeches)
wire-section-name = Dépêches
wire-nav = Dépêches
wire-title = Dépêches
wire-heading = Dépêches d’agences
wire-intro = Les dépêches reçues, les plus récentes d’abord. Chacune arrive en brouillon dans la rubrique « Dépêches », hors de la navigation du site : ouvrez-la pour l’éditer, la déplacer et la publier. Une nouvelle version d’une dépêche met son brouillon à jour, sauf s’il a été modifié depuis.
wire-empty = Aucune dépêche reçue. Elles arrivent par « kiosque import ninjs » ou par le dossier surveillé (« serve --wire-dir »).
wire-col-received = Reçue
wire-col-item = Dépêche
wire-col-agency = Agence
wire-col-urgency = Urgence
wire-col-draft = Brouillon
wire-withheld = Suspendue par l’agence
wire-canceled = Annulée par l’agence
wire-version = Version { $version } · { $count ->
    [one] { $count } version reçue
   *[other] { $count } versions reçues
}
wire-versions = { $count ->
    [one] { $count } version reçue
   *[other] { $count } versions reçues
}
