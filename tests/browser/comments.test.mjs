// Comments as readers live them, with JavaScript on: sign-up from an article, e-mail
// confirmation back to its comment form, a comment posted and edited without reload, a reply
// posted in place that appears live in another reader's open page, a reply without JavaScript,
// and a removal by a moderator.
//
// The tests of this file run in order and build on each other (one server, one thread).

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer,
  createUser,
  waitForMail,
  launchBrowser,
  newContext,
  foundingArticlePath,
  logIn,
  PASSWORD,
  NAV_MS,
} from './harness.mjs';

describe('comments with JavaScript', { timeout: 110_000 }, () => {
  let server;
  let browser;
  const contexts = [];

  // What the tests hand on to each other.
  let articlePath;
  let readerPage; // the first member's article page, kept open from test 1 on
  let commentId;
  let replyId;
  const reader = { email: 'lectrice@exemple.fr', name: 'Lectrice Assidue' };
  const replier = { email: 'repondeur@exemple.fr', name: 'Répondeur Vif' };
  const moderator = { email: 'modo@exemple.fr', name: 'Modo' };
  const commentText = `Analyse éclairante, merci ! (navigateur ${Date.now()})`;
  const replyText = `Je ne suis pas d’accord avec vous. (réponse ${Date.now()})`;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  async function context(options) {
    const c = await newContext(browser, server.url, options);
    contexts.push(c);
    return c;
  }

  test('a visitor signs up from an article, confirms the address, lands on its comment form and comments without reload', async () => {
    const page = await (await context()).newPage();
    readerPage = page;

    // Sign-up, from the article's comment area.
    articlePath = await foundingArticlePath(page);
    await page.goto(articlePath);
    await page.locator('section#commentaires').getByRole('link', { name: 'créez votre espace Kiosque' }).click();
    await page.waitForURL(/\/compte\/inscription/);
    await page.getByLabel('Nom affiché sous vos commentaires').fill(reader.name);
    await page.getByLabel('Adresse e-mail').fill(reader.email);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    // Consent to the moderation charter is asked, and required.
    await page.getByRole('button', { name: 'Créer mon espace' }).click();
    await page.locator('#erreur-charte').waitFor();
    assert.equal(await page.locator('#champ-charte').getAttribute('aria-invalid'), 'true');
    // The footer links to the charter on every page; the consent itself links to it too.
    assert.equal(await page.locator('main a[href="/pages/charte"]').count(), 1, 'the consent links to the charter');
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByLabel(/charte de modération/).check();
    await page.getByRole('button', { name: 'Créer mon espace' }).click();
    await assert.doesNotReject(
      page.getByRole('heading', { level: 1, name: 'Vérifiez votre boîte e-mail' }).waitFor({ timeout: NAV_MS }),
      'the sign-up ends on “Vérifiez votre boîte e-mail”',
    );

    // The confirmation link, from the outbox, leads back to the article's comment form, logged in.
    const mail = await waitForMail(
      server.dataDir,
      (m) => m.to === reader.email && /\/compte\/verifier\?jeton=[0-9a-f]{64}\b/.test(m.body),
    );
    const link = /(http:\/\/127\.0\.0\.1:\d+\/compte\/verifier\?jeton=[0-9a-f]{64})\b/.exec(mail.body)?.[1];
    assert.ok(link, `the verification mail links to this server's /compte/verifier:\n${mail.body}`);
    assert.ok(link.startsWith(server.url), `the link ${link} points at the server ${server.url}`);
    await page.goto(link);
    assert.equal(new URL(page.url()).pathname, articlePath, 'verifying returns to the article');
    assert.equal(new URL(page.url()).hash, '#ecrire', 'at its comment form');

    // Comment: the form posts with fetch, the page stays.
    const form = page.locator('section#commentaires form[data-comment-form]');
    await form.waitFor();
    await page.evaluate(() => {
      window.__marker = 'still the same page';
    });
    const urlBefore = page.url();
    await form.getByLabel(/Votre commentaire/).fill(commentText);
    await form.getByRole('button', { name: 'Publier' }).click();

    const comment = page.locator('[data-comment-list] article.comment', { hasText: commentText });
    await comment.waitFor();
    assert.equal(await page.evaluate(() => window.__marker), 'still the same page', 'no reload');
    assert.equal(page.url(), urlBefore, 'no navigation');
    assert.equal(await comment.locator('.comment-author').innerText(), reader.name);
    assert.equal((await comment.locator('.comment-body').innerText()).trim(), commentText);
    await assert.doesNotReject(
      form.locator('.form-status', { hasText: /publié/ }).waitFor(),
      'the form says the comment is published',
    );
    assert.equal(await form.getByLabel(/Votre commentaire/).inputValue(), '', 'the form is emptied');

    const id = (await comment.getAttribute('id'))?.match(/^commentaire-(\d+)$/)?.[1];
    assert.ok(id, 'the comment has an id commentaire-<n>');
    commentId = Number(id);
    // Its author sees "Modifier · Supprimer", not "Répondre · Signaler".
    const own = comment.locator(':scope > .comment-actions');
    assert.equal((await own.locator(':scope > details > summary').allInnerTexts()).join(' · '), 'Modifier · Supprimer');
    assert.equal(await own.getByRole('link', { name: 'Signaler' }).count(), 0);
    // A relative time, the exact one in the title.
    const time = comment.locator('.comment-meta time');
    assert.match(await time.innerText(), /^(à l’instant|il y a \d+\s?min)$/);
    assert.match(await time.getAttribute('title'), /\d{2}\/\d{2}\/\d{4} à \d{2}:\d{2}/);

    // Edit in place: the text changes without leaving the page.
    await own.locator('summary', { hasText: 'Modifier' }).click();
    const edit = comment.locator('form[data-inline-form=edit]');
    await edit.getByLabel('Votre texte').fill(`${commentText} (précisé)`);
    await edit.getByRole('button', { name: 'Enregistrer' }).click();
    await comment.locator('.comment-body', { hasText: '(précisé)' }).waitFor();
    await comment.locator('.comment-meta .edited').waitFor();
    assert.equal(await page.evaluate(() => window.__marker), 'still the same page', 'no reload after the edit');
    assert.equal(page.url(), urlBefore, 'no navigation after the edit');

    // Another visitor (no cookie) sees it in the article page too.
    const other = await (await context()).newPage();
    await other.goto(articlePath);
    await other
      .locator(`[data-comment-list] #commentaire-${commentId}`, { hasText: commentText })
      .waitFor();
    await other.close();
  });

  test('a second member replies; the first sees the reply appear without reloading', async () => {
    assert.ok(commentId && readerPage, 'needs the comment of the previous test');
    await createUser(server.dataDir, replier);

    const page = await (await context()).newPage();
    await page.goto(`/compte/connexion?retour=${encodeURIComponent(articlePath)}`);
    await logIn(page, replier.email);
    assert.equal(new URL(page.url()).pathname, articlePath);

    // "Répondre" under the comment opens the reply form in place; it posts without leaving.
    const parent = page.locator(`#commentaire-${commentId}`);
    const actions = parent.locator(':scope > .comment-actions');
    assert.equal((await actions.locator(':scope > details > summary').allInnerTexts()).join(), 'Répondre');
    assert.ok(await actions.getByRole('link', { name: 'Signaler' }).isVisible());
    await page.evaluate(() => {
      window.__marker = 'the replier stays';
    });
    const urlBefore = page.url();
    await actions.locator('summary', { hasText: 'Répondre' }).click();
    const form = parent.locator('form[data-inline-form=reply]');
    await form.getByLabel('Votre réponse').fill(replyText);
    await form.getByRole('button', { name: 'Publier la réponse' }).click();
    const mine = page.locator(`[data-replies="${commentId}"] article.comment`, { hasText: replyText });
    await mine.waitFor();
    replyId = Number((await mine.getAttribute('id')).replace('commentaire-', ''));
    assert.notEqual(replyId, commentId);
    assert.equal(await page.evaluate(() => window.__marker), 'the replier stays', 'no reload');
    assert.equal(page.url(), urlBefore, 'no navigation');
    assert.equal(
      (await mine.locator(':scope > .comment-actions > details > summary').allInnerTexts()).join(' · '),
      'Modifier · Supprimer',
      'the replier sees their own actions on their reply',
    );

    // The first member's page, open all along, gets it live, inside the parent's replies.
    const live = readerPage.locator(`[data-replies="${commentId}"] article.comment#commentaire-${replyId}`);
    await assert.doesNotReject(
      live.waitFor({ timeout: 10_000 }),
      'the reply appears in the open article page within 10 s (server-sent events)',
    );
    assert.equal((await live.locator('.comment-body').innerText()).trim(), replyText);
    assert.equal(await live.locator('.comment-author').innerText(), replier.name);
    assert.equal(await readerPage.evaluate(() => window.__marker), 'still the same page', 'no reload');
    assert.equal(
      await readerPage.locator(`[data-comment-list] #commentaire-${replyId}`).count(),
      1,
      'the reply is shown once',
    );
    assert.match(
      await readerPage.locator('#commentaires-titre').innerText(),
      /\(2\)/,
      'the comment count in the heading follows live',
    );
  });

  test('without JavaScript, a reply and its edit are made under the comment and come back to it', async () => {
    assert.ok(commentId, 'needs the comment of the first test');
    const page = await (await context({ javaScriptEnabled: false })).newPage();
    await page.goto(`/compte/connexion?retour=${encodeURIComponent(articlePath)}`);
    await logIn(page, replier.email);
    const text = `Sans JavaScript, je réponds aussi. (${Date.now()})`;
    const parent = page.locator(`#commentaire-${commentId}`);
    await parent.locator(':scope > .comment-actions summary', { hasText: 'Répondre' }).click();
    const form = parent.locator('form[data-inline-form=reply]');
    await form.getByLabel('Votre réponse').fill(text);
    await Promise.all([
      page.waitForURL((u) => u.pathname === articlePath && /^#commentaire-\d+$/.test(u.hash), { timeout: NAV_MS }),
      form.getByRole('button', { name: 'Publier la réponse' }).click(),
    ]);
    const id = Number(new URL(page.url()).hash.replace('#commentaire-', ''));
    const reply = page.locator(`[data-replies="${commentId}"] #commentaire-${id}`);
    assert.equal((await reply.locator('.comment-body').innerText()).trim(), text);

    await reply.locator(':scope > .comment-actions summary', { hasText: 'Modifier' }).click();
    const edit = reply.locator('form[data-inline-form=edit]');
    await edit.getByLabel('Votre texte').fill(`${text} Corrigé.`);
    await Promise.all([
      page.waitForURL((u) => u.pathname === articlePath && u.hash === `#commentaire-${id}`, { timeout: NAV_MS }),
      edit.getByRole('button', { name: 'Enregistrer' }).click(),
    ]);
    assert.equal(
      (await page.locator(`#commentaire-${id} .comment-body`).innerText()).trim(),
      `${text} Corrigé.`,
    );
    // Without the script, the time stays absolute.
    assert.match(await page.locator(`#commentaire-${id} .comment-meta time`).innerText(), /^le \d{2}\/\d{2}\/\d{4} à/);
  });

  test('a moderator removes the reply; it leaves the article and its author is told', async () => {
    assert.ok(replyId, 'needs the reply of the previous test');
    await createUser(server.dataDir, { ...moderator, role: 'moderator' });

    const page = await (await context()).newPage();
    await page.goto('/compte/connexion');
    await logIn(page, moderator.email);

    await page.goto(`/commentaires/${replyId}`);
    const moderate = page.locator('section#moderer');
    await moderate.waitFor();
    await moderate.getByRole('radio', { name: 'Retirer' }).check();
    await moderate.getByLabel('Motif communiqué à l’auteur').fill('Propos hors sujet (test du navigateur).');
    await Promise.all([
      page.waitForURL((u) => u.pathname === `/commentaires/${replyId}`, { waitUntil: 'load' }),
      moderate.getByRole('button', { name: 'Appliquer' }).click(),
    ]);
    assert.equal(await page.locator('.form-error').count(), 0, 'no error after “Appliquer”');

    // The article page, loaded anew, no longer has the reply's text; the parent stays.
    for (const p of [page, readerPage]) {
      await p.goto(articlePath);
      const list = p.locator('[data-comment-list]');
      await list.waitFor();
      await p.locator(`#commentaire-${commentId}`, { hasText: commentText }).waitFor();
      const text = await list.innerText();
      assert.ok(!text.includes(replyText), `the removed reply's text is gone from the list:\n${text}`);
    }

    const mail = await waitForMail(server.dataDir, (m) => m.to === replier.email && m.subject.includes('retiré'));
    assert.match(mail.body, /Propos hors sujet/, 'the mail gives the reason');
  });
});
