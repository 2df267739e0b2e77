// Writing with the editor's toolbar and pickers, in a real browser: a journalist writes an
// article with italics, a link to another article chosen through the link picker, and an image
// uploaded through the image picker (pasted into the text, alt text required before it goes
// in); waits for the save status and submits with a last line typed less than a second before;
// an editor publishes; the public page shows exactly the journalist's text.
//
// The tests of this file run in order and build on each other (one server, one thread).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { newsroomDesk, foundingArticlePath, pngImage, NAV_MS } from './harness.mjs';

describe('the editor inserts links and images through its pickers', { timeout: 110_000 }, () => {
  const journalist = { email: 'plume@kiosque.test', name: 'Jeanne Plume' };
  const editor = { email: 'chef@kiosque.test', name: 'Édith Chef' };
  const title = `Genève : les délégations se retrouvent (${Date.now()})`;
  const alt = 'Les drapeaux devant le palais des Nations';
  const lastLine = 'Dernière minute : les délégations se retrouveront demain.';
  let linked;
  let articleUrl;
  let onScreen;

  const desk = newsroomDesk(journalist, editor);
  const loggedIn = desk.loggedIn;

  const saveStatus = (page) => page.locator('[data-autosave-status]');

  test('a journalist writes with italics, a picked link and an uploaded image, then submits', async () => {
    const page = await loggedIn(journalist);
    linked = await foundingArticlePath(page);
    await page.goto('/admin/articles/nouveau');
    await page.getByLabel('Titre', { exact: true }).fill(title);
    await page.getByLabel('Rubrique', { exact: true }).selectOption('monde');
    const body = page.getByLabel('Texte de l’article');

    // Italics from the toolbar: the button wraps what is typed next.
    await body.click();
    await page.keyboard.type('Les négociations ont repris ce matin à ');
    await page.getByRole('button', { name: 'Italique' }).click();
    await page.keyboard.type('Genève');
    await page.keyboard.press('End');
    await page.keyboard.type('.\n\nLire aussi notre ');

    // A link to another article, found by a word of its title.
    await page.getByRole('button', { name: 'Lien vers un article' }).click();
    const dialog = page.getByRole('dialog', { name: 'Lier un article' });
    await dialog.waitFor();
    await dialog.getByLabel('Texte du lien').fill('récit des bombardements');
    await dialog.getByLabel('Rechercher').fill('appelle');
    const result = dialog.locator('.picker-item', { hasText: 'Poutine' }).first();
    await result.waitFor();
    await result.click();
    await dialog.waitFor({ state: 'hidden' });
    assert.ok((await body.inputValue()).endsWith(`[récit des bombardements](${linked})`), await body.inputValue());
    await page.keyboard.type('.');

    // An image pasted into the text opens the picker with it; no alt text, no insertion.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    const png = pngImage(640, 400).toString('base64');
    await body.evaluate((el, data) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'palais-des-nations.png', { type: 'image/png' }));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    }, png);
    const picker = page.getByRole('dialog', { name: 'Insérer une image' });
    await picker.waitFor();
    assert.equal(await picker.locator('[data-picker-chosen]').textContent(), 'palais-des-nations.png');
    await picker.getByRole('button', { name: 'Déposer et insérer' }).click();
    await assert.doesNotReject(picker.getByRole('alert').filter({ hasText: 'texte alternatif' }).waitFor());
    assert.ok(!(await body.inputValue()).includes('!['), 'nothing inserted without an alt text');
    await picker.getByLabel('Texte alternatif (obligatoire)').fill(alt);
    await picker.getByLabel('Crédit').fill('Kiosque');
    await picker.getByRole('button', { name: 'Déposer et insérer' }).click();
    await picker.waitFor({ state: 'hidden', timeout: NAV_MS });
    const text = await body.inputValue();
    assert.match(text, new RegExp(`\\n\\n!\\[${alt}\\]\\(/\\d{4}/\\d{2}/\\d{2}/[^ )]+\\.png "" "Kiosque"\\)$`), text);

    // The draft is created; its save status says so.
    await Promise.all([
      page.waitForURL(/\/admin\/articles\/\d+\?ok=cree/),
      page.getByRole('button', { name: 'Créer le brouillon' }).click(),
    ]);
    articleUrl = new URL(page.url()).pathname;
    await page.waitForURL((u) => !u.search.includes('ok='));
    assert.match(await saveStatus(page).textContent(), /^Enregistré à \d{2}:\d{2}$/);
    // The preview shows the image, the italics and the link as the public page will.
    const preview = page.locator('[data-preview-target]');
    await preview.locator(`img[alt="${alt}"]`).waitFor();
    await preview.locator('em', { hasText: 'Genève' }).waitFor();

    // The side panel lists the image; "Cadrer" opens its page, where a click sets the spot
    // every crop keeps in view (here the left third, a quarter down).
    const images = page.locator('.editor-images');
    assert.equal((await images.locator('li').allTextContents()).length, 1);
    const [framing] = await Promise.all([
      page.context().waitForEvent('page'),
      images.getByRole('link', { name: `Cadrer : ${alt}` }).click(),
    ]);
    await framing.waitForLoadState();
    const picture = framing.locator('[data-focal-picker] img');
    await picture.waitFor();
    const box = await picture.boundingBox();
    await picture.click({ position: { x: box.width * 0.3, y: box.height * 0.25 } });
    // The click fills the two numbers (to the pixel: within one percent of the spot).
    const near = async (label, want) => {
      const v = Number(await framing.getByLabel(label).inputValue());
      assert.ok(Math.abs(v - want) <= 1, `${label}: ${v}, not about ${want}`);
    };
    await near('Horizontal (%)', 30);
    await near('Vertical (%)', 25);
    await Promise.all([
      framing.waitForURL(/ok=cadrage/),
      framing.getByRole('button', { name: 'Enregistrer le cadrage' }).click(),
    ]);
    await framing.getByRole('status').filter({ hasText: 'Cadrage enregistré' }).waitFor();
    await framing.close();

    // The last line, typed and sent at once.
    await body.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(`\n\n${lastLine}`);
    assert.equal(await saveStatus(page).textContent(), 'Modifications non enregistrées');
    onScreen = await body.inputValue();
    await Promise.all([
      page.waitForURL(/ok=submit/),
      page.getByRole('button', { name: 'Envoyer en relecture' }).click(),
    ]);
    assert.equal(await page.locator('.article-status').textContent(), 'À relire');
    assert.equal(await body.inputValue(), onScreen, 'the submitted text is the text on the screen');
  });

  test('the editor publishes it; the public page shows exactly what was written', async () => {
    const page = await loggedIn(editor);
    await page.goto(articleUrl);
    assert.equal(await page.getByLabel('Texte de l’article').inputValue(), onScreen);
    await Promise.all([
      page.waitForURL(/ok=publish/),
      page.getByRole('button', { name: 'Publier maintenant' }).click(),
    ]);
    const href = await page.locator('.editor-state a.editor-public').getAttribute('href');
    assert.match(href, /^\/monde\/.+_\d+\.html$/);

    const pub = await desk.open();
    await pub.goto(href);
    const article = pub.locator('.article-body');
    const paragraphs = await article.locator(':scope > p').allTextContents();
    // The site sets French typography when it displays a text (a no-break space before « : »),
    // never in what is stored: the words are compared with plain spaces.
    const plain = (p) => p.replace(/[\u00a0\u202f]/g, ' ').trim();
    assert.deepEqual(
      paragraphs.map(plain),
      ['Les négociations ont repris ce matin à Genève.', 'Lire aussi notre récit des bombardements.', lastLine],
    );
    assert.equal(await article.locator('p em').textContent(), 'Genève');
    assert.equal(await article.locator('p a').getAttribute('href'), linked);
    assert.equal(await article.locator('p a').textContent(), 'récit des bombardements');
    const img = article.locator(`figure img[alt="${alt}"]`);
    await img.waitFor();
    const loaded = await img.evaluate(async (el) => {
      el.loading = 'eager';
      await el.decode().catch(() => {});
      return el.naturalWidth;
    });
    assert.ok(loaded > 0, 'the uploaded image is served');
    // Its crop keeps the journalist's spot in view.
    assert.match(await img.getAttribute('class'), /\bfx-30 fy-25\b/);
    assert.match(await article.locator('figure').textContent(), /Kiosque/);
  });
});
