-- The site's own pages (legal notice, privacy policy, moderation charter, contact), edited by
-- admins in the newsroom and served at /pages/{slug}. The set is fixed by the code
-- (kiosque_domain::site_page::SLUGS): admins change the text, never the slugs.
create table site_pages (
    slug text primary key,
    -- order in the newsroom's list.
    position integer not null,
    title text not null,
    -- the newsroom's body syntax (kiosque_domain::markup).
    body text not null,
    -- unix ms of the last edit; 0 for the template text never edited.
    updated_at integer not null,
    updated_by integer references users (id) on delete set null
);

-- The four pages with a French template the publisher must complete: every passage between
-- brackets is theirs to fill in. updated_at = 0 and no author: never edited.
insert into site_pages (slug, position, title, body, updated_at) values
('mentions-legales', 1, 'Mentions légales',
'Modèle à compléter par l’éditeur du site : remplacez chaque passage entre crochets, puis supprimez ce paragraphe.

## Éditeur

Ce site est édité par [nom de l’éditeur ou de la société], [forme juridique] au capital de [montant] euros, immatriculée au registre du commerce et des sociétés de [ville] sous le numéro [numéro RCS], dont le siège est situé [adresse postale complète].

Téléphone : [numéro de téléphone]. Adresse électronique : [adresse de contact].

## Direction de la publication

Directeur ou directrice de la publication : [prénom et nom].

## Hébergement

Le site est hébergé par [nom de l’hébergeur], [adresse postale de l’hébergeur], [numéro de téléphone de l’hébergeur].

## Propriété intellectuelle

Les articles, photographies et vidéos publiés sur ce site sont protégés par le droit d’auteur. Toute reproduction sans autorisation de l’éditeur est interdite, sauf les courtes citations mentionnant leur source.', 0),
('confidentialite', 2, 'Politique de confidentialité',
'Modèle à compléter par l’éditeur du site : remplacez chaque passage entre crochets, puis supprimez ce paragraphe.

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

Vous disposez d’un droit d’accès, de rectification, d’effacement et de portabilité de vos données : l’export et la suppression sont disponibles dans « Mon espace ». Pour toute autre demande, écrivez à [adresse de contact]. Vous pouvez aussi adresser une réclamation à la CNIL.', 0),
('charte', 3, 'Charte de modération',
'Modèle à compléter par l’éditeur du site : relisez ces règles, adaptez-les, puis supprimez ce paragraphe.

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

Pour contester une décision, écrivez à [adresse de contact de la modération].', 0),
('contact', 4, 'Contact',
'Modèle à compléter par l’éditeur du site : remplacez chaque passage entre crochets, puis supprimez ce paragraphe.

## La rédaction

Pour signaler une erreur, proposer une information ou réagir à un article : [adresse électronique de la rédaction].

## Votre espace lecteur

Pour une question sur votre compte ou vos commentaires : [adresse électronique du service aux lecteurs].

## Par courrier

[Nom de l’éditeur], [adresse postale complète].', 0);
