// A keyboard-only reader: sign-up, log-in and a comment with Tab, Shift+Tab, typing and Enter.
// After each `page.goto` (the address bar, or the e-mail client for the confirmation link),
// only `page.keyboard` acts on the page: no mouse, no click(), no fill(). Reading the DOM to
// check where the focus is stays allowed.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer,
  waitForMail,
  launchBrowser,
  newContext,
  foundingArticlePath,
  focused,
  tab,
  tabUntil,
  PASSWORD,
  NAV_MS,
} from './harness.mjs';

/** The focus must show: a keyboard user has to see where they are. */
function assertVisibleFocus(f, what) {
  assert.notEqual(f.outlineStyle, 'none', `${what} shows a focus outline (outline-style: ${f.outlineStyle})`);
  assert.notEqual(f.outlineWidth, '0px', `${what} has a focus outline wider than 0`);
}

describe('keyboard only', { timeout: 110_000 }, () => {
  let server;
  let browser;
  let context;
  // Where the focus was once the keyboard-posted comment appeared (for the test after).
  let focusAfterPost;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    context = await newContext(browser, server.url);
  });

  after(async () => {
    await context?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  test('sign-up, confirmation, log-in and a comment with the keyboard alone', async () => {
    const page = await context.newPage();
    const kb = page.keyboard;
    const email = 'clavier@exemple.fr';
    const name = 'Clavier Seul';
    const text = `Commentaire écrit au clavier seul, sans souris. (${Date.now()})`;

    // Where the article is: read from the front page (reading, not acting).
    const articlePath = await foundingArticlePath(page);

    // ---- sign-up: Tab from the top of the page to each field
    await page.goto('/compte/inscription');
    let f = await tabUntil(page, (x) => x.id === 'champ-display_name', { what: 'the name field' });
    await kb.type(name);
    f = await tab(page);
    assert.equal(f.id, 'champ-email', 'Tab goes from the name to the e-mail field');
    await kb.type(email);
    f = await tab(page);
    assert.equal(f.id, 'champ-password', 'Tab goes from the e-mail to the password field');
    await kb.type(PASSWORD);
    // Back and forth: Shift+Tab returns to the e-mail field, which kept what was typed.
    await kb.press('Shift+Tab');
    f = await focused(page);
    assert.equal(f.id, 'champ-email', 'Shift+Tab goes back to the e-mail field');
    assert.equal(f.text, email);
    await kb.press('Tab');
    // Then the consent to the moderation charter: Space ticks it; its label links to the charter.
    f = await tab(page);
    assert.equal(f.id, 'champ-charte', 'after the password comes the consent box');
    await kb.press('Space');
    f = await tab(page);
    assert.equal(f.href, '/pages/charte', 'then the link to the charter');
    f = await tab(page);
    assert.equal(f.tag, 'button', 'then the submit button');
    assert.equal(f.text, 'Créer mon espace');
    assertVisibleFocus(f, 'the “Créer mon espace” button');
    await Promise.all([page.waitForEvent('load', { timeout: NAV_MS }), kb.press('Enter')]);
    assert.equal(
      (await page.locator('h1').innerText()).trim(),
      'Vérifiez votre boîte e-mail',
      'Enter on the button submits the sign-up',
    );

    // ---- confirmation: the e-mail client opens the link
    const mail = await waitForMail(server.dataDir, (m) => m.to === email && /jeton=[0-9a-f]{64}/.test(m.body));
    const link = /(http:\/\/127\.0\.0\.1:\d+\/compte\/verifier\?jeton=[0-9a-f]{64})\b/.exec(mail.body)?.[1];
    assert.ok(link, `the mail has the verification link:\n${mail.body}`);
    await page.goto(link);
    assert.equal((await page.locator('h1').innerText()).trim(), 'Adresse confirmée');
    // The link logged this browser in; the rest is a later visit that logs in by keyboard.
    await page.context().clearCookies();

    // ---- the article: the first Tab reaches the skip link, which shows
    await page.goto(articlePath);
    f = await tab(page);
    assert.equal(f.tag, 'a', `the first Tab reaches a link, not ${JSON.stringify(f)}`);
    assert.equal(f.text, 'Aller au contenu', 'the first Tab reaches the skip link');
    assert.equal(f.href, '#contenu');
    assert.ok(f.left >= 0 && f.top >= 0 && f.width > 0, `the focused skip link is on screen: ${JSON.stringify(f)}`);
    assertVisibleFocus(f, 'the skip link');

    // ---- Tab on to the comment area's "Connectez-vous", Enter
    f = await tabUntil(page, (x) => x.tag === 'a' && x.text === 'Connectez-vous', {
      what: 'the “Connectez-vous” link',
      max: 150,
    });
    assert.match(f.href, /^\/compte\/connexion\?retour=/);
    assertVisibleFocus(f, 'the “Connectez-vous” link');
    await Promise.all([page.waitForURL(/\/compte\/connexion/, { timeout: NAV_MS }), kb.press('Enter')]);

    // ---- log-in with the keyboard
    f = await tabUntil(page, (x) => x.tag === 'input' && x.name === 'email', { what: 'the e-mail field' });
    await kb.type(email);
    f = await tab(page);
    assert.equal(f.name, 'password', 'Tab goes from the e-mail to the password field');
    await kb.type(PASSWORD);
    f = await tab(page);
    assert.equal(f.tag, 'button');
    assert.equal(f.text, 'Se connecter');
    assertVisibleFocus(f, 'the “Se connecter” button');
    await Promise.all([
      page.waitForURL((u) => u.pathname === articlePath, { timeout: NAV_MS }),
      kb.press('Enter'),
    ]);
    assert.equal(new URL(page.url()).hash, '#commentaires', 'log-in returns to the comment area');

    // ---- the comment: Tab to the textarea, type, Tab past the reply e-mails box to "Publier", Enter
    f = await tabUntil(page, (x) => x.id === 'nouveau-commentaire', { what: 'the comment textarea', max: 150 });
    assertVisibleFocus(f, 'the comment textarea');
    await kb.type(text);
    f = await tab(page);
    assert.equal(f.id, 'notifier-reponses', 'Tab goes from the textarea to the reply e-mails box');
    assertVisibleFocus(f, 'the reply e-mails box');
    f = await tab(page);
    assert.equal(f.tag, 'button', 'then to the submit button');
    assert.equal(f.text, 'Publier');
    assertVisibleFocus(f, 'the “Publier” button');
    await kb.press('Enter');

    const comment = page.locator('[data-comment-list] article.comment', { hasText: text });
    await assert.doesNotReject(comment.waitFor(), 'the comment appears after Enter on “Publier”');
    await page.locator('form[data-comment-form] .form-status', { hasText: /publié/ }).waitFor();
    focusAfterPost = await focused(page);
    assert.equal(await comment.locator('.comment-author').innerText(), name);
    // Its author's actions can be reached with the keyboard too, and Enter opens the edit form.
    const id = (await comment.getAttribute('id'))?.replace('commentaire-', '');
    f = await tabUntil(page, (x) => x.tag === 'summary' && x.text === 'Modifier', {
      what: 'the new comment’s “Modifier”',
      max: 150,
    });
    assertVisibleFocus(f, 'the “Modifier” summary');
    await kb.press('Enter');
    assert.ok(
      await page.locator(`#commentaire-${id} form[data-inline-form=edit] textarea`).isVisible(),
      'Enter opens the edit form in place',
    );
    f = await tab(page);
    assert.equal(f.id, `modifier-${id}`, 'Tab goes into the edit form');
  });

  // A focused button that gets disabled loses the focus to <body>: comments.js must not do that
  // to a keyboard or screen-reader user posting a comment.
  test(
    'after posting with the keyboard, the focus stays in the comment area',
    () => {
      assert.ok(focusAfterPost, 'needs the comment of the previous test');
      assert.notEqual(
        focusAfterPost.tag,
        'body',
        `the focus is still in the comment area after posting, not on <body>: ${JSON.stringify(focusAfterPost)}`,
      );
    },
  );
});
