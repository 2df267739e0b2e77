# Kiosque — English catalogue.

site-name = Kiosque
html-lang = en
og-locale = en_GB

comments-count = { $count ->
    [one] { $count } comment
   *[other] { $count } comments
}
