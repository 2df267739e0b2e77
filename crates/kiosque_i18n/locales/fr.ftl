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
