// One text, never lost, in a real browser: a line typed less than a second before clicking
// "Envoyer en relecture" is in the submitted article and in what the editor publishes; the
// save status says what is saved and where (warnings for text only this browser holds); text
// typed and not saved survives a reload from the browser's storage, and leaving asks first.
//
// The tests of this file run in order and build on each other (one server, one thread).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { newsroomDesk, NAV_MS } from './harness.mjs';

describe('the editor keeps one text', { timeout: 110_000 }, () => {
  const journalist = { email: 'plume@kiosque.test', name: 'Jeanne Plume' };
  const editor = { email: 'chef@kiosque.test', name: 'Édith Chef' };
  const title = `Genève : les négociations reprennent (${Date.now()})`;
  const lastLine = 'Dernière minute : un accord de principe a été trouvé.';
  let articleUrl;

  const desk = newsroomDesk(journalist, editor);
  const loggedIn = desk.loggedIn;

  const saveStatus = (page) => page.locator('[data-autosave-status]');
  const isWarning = (page) => saveStatus(page).evaluate((el) => el.classList.contains('is-warning'));
  const kept = (page, id) => page.evaluate((k) => localStorage.getItem(k), `kiosque-editor:${id}`);

  test('the last line typed before "Envoyer en relecture" is the submitted text', async () => {
    const page = await loggedIn(journalist);
    await page.goto('/admin/articles/nouveau');
    await page.getByLabel('Titre', { exact: true }).fill(title);
    await page.getByLabel('Rubrique', { exact: true }).selectOption('monde');
    await page.getByLabel('Texte de l’article').fill('Les négociations ont repris ce matin à Genève.');
    await Promise.all([
      page.waitForURL(/\/admin\/articles\/\d+\?ok=cree/),
      page.getByRole('button', { name: 'Créer le brouillon' }).click(),
    ]);
    articleUrl = new URL(page.url()).pathname;
    const id = articleUrl.split('/').pop();
    // The confirmation leaves the address, so that a reload cannot forget newer text.
    await page.waitForURL((u) => !u.search.includes('ok='));
    assert.match(await saveStatus(page).textContent(), /^Enregistré à \d{2}:\d{2}$/);
    assert.equal(await isWarning(page), false);

    // The last line, typed and sent at once.
    const body = page.getByLabel('Texte de l’article');
    await body.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(`\n\n${lastLine}`);
    assert.equal(await saveStatus(page).textContent(), 'Modifications non enregistrées');
    assert.ok((await kept(page, id))?.includes('accord de principe'), 'the text is kept in this browser');
    await Promise.all([
      page.waitForURL(/ok=submit/),
      page.getByRole('button', { name: 'Envoyer en relecture' }).click(),
    ]);
    assert.equal(await page.locator('.article-status').textContent(), 'À relire');
    assert.ok((await body.inputValue()).endsWith(lastLine), 'the submitted article ends with the line');
    assert.equal(await kept(page, id), null, 'confirmed by the server: the browser copy is gone');
  });

  test('the editor publishes it, with the last line', async () => {
    const page = await loggedIn(editor);
    await page.goto(articleUrl);
    await Promise.all([
      page.waitForURL(/ok=publish/),
      page.getByRole('button', { name: 'Publier maintenant' }).click(),
    ]);
    const pub = await desk.open();
    await pub.goto('/monde');
    await Promise.all([
      pub.waitForURL(/\/monde\/.+_\d+\.html$/, { timeout: NAV_MS }),
      pub.getByRole('link', { name: title }).first().click(),
    ]);
    await pub.locator('.article-body p', { hasText: 'accord de principe' }).waitFor();
  });

  test('unsaved text survives a reload, and leaving asks first', async () => {
    const page = await loggedIn(editor);
    await page.goto(articleUrl);
    const dialogs = [];
    page.on('dialog', (d) => {
      dialogs.push(d.type());
      d.accept();
    });
    const body = page.getByLabel('Texte de l’article');
    await body.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n\nUne correction pas encore enregistrée.');
    await page.reload();
    assert.deepEqual(dialogs, ['beforeunload'], 'leaving with unsaved text asks first');
    assert.ok((await body.inputValue()).endsWith('Une correction pas encore enregistrée.'), 'restored');
    assert.equal(await isWarning(page), true, 'text only this browser holds is a warning');
    assert.match(await saveStatus(page).textContent(), /retrouvé dans ce navigateur/);

    // Offline: the status says where the text is, as a warning.
    await page.context().setOffline(true);
    await page.keyboard.type(' Encore une phrase.');
    await page.waitForFunction(
      () => document.querySelector('[data-autosave-status]')?.textContent.startsWith('Hors ligne'),
      null,
      { timeout: 15_000 },
    );
    assert.equal(await isWarning(page), true);
    await page.context().setOffline(false);
  });
});
