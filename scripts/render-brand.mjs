// Renders the site's icons and brand images from their SVG sources with Debian's Chromium
// (playwright-core, installed by `npm ci` in tests/browser), so that the PNG and ICO files
// committed under crates/kiosque_web/static/ can be made again from the drawings:
//
//   (cd tests/browser && npm ci) && node scripts/render-brand.mjs
//
// Sources: static/icons/icon.svg (the icon, drawn with paths only, also served as is),
// static/brand/og.svg (the 1200×630 sharing card) and static/brand/logo.svg (the 600×60
// publisher logo). The text of the last two is rasterised here, with the fonts of this machine
// (Liberation Sans).

import { createRequire } from 'node:module';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'tests/browser/package.json'));
const { chromium } = require('playwright-core');
const staticDir = join(root, 'crates/kiosque_web/static');

/** The SVG source at `width`×`height` CSS pixels, as PNG bytes (transparent where it is). */
async function render(page, svgPath, width, height, edit = (svg) => svg) {
  const svg = edit(await readFile(join(staticDir, svgPath), 'utf8'))
    .replace(/ width="\d+" height="\d+"/, ` width="${width}" height="${height}"`);
  await page.setViewportSize({ width, height });
  await page.setContent(`<!DOCTYPE html><html><body style="margin:0">${svg}</body></html>`);
  return page.screenshot({ clip: { x: 0, y: 0, width, height }, omitBackground: true });
}

/** An ICO file holding these PNG images (each `[size, bytes]`), as Windows Vista and later read. */
function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  const entries = [];
  let offset = 6 + 16 * images.length;
  for (const [size, png] of images) {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0);
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt8(0, 2);
    e.writeUInt8(0, 3);
    e.writeUInt16LE(1, 4);
    e.writeUInt16LE(32, 6);
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    entries.push(e);
  }
  return Buffer.concat([header, ...entries, ...images.map(([, png]) => png)]);
}

/** iOS rounds the touch icon's corners itself and shows transparent ones black. */
const squareCorners = (svg) => svg.replace(' rx="12"', '');

const browser = await chromium.launch({
  executablePath: process.env.KIOSQUE_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'],
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  const sizes = [16, 32, 48];
  const icons = [];
  for (const s of sizes) icons.push([s, await render(page, 'icons/icon.svg', s, s)]);
  await writeFile(join(staticDir, 'icons/favicon.ico'), ico(icons));
  await writeFile(join(staticDir, 'icons/apple-touch-icon.png'), await render(page, 'icons/icon.svg', 180, 180, squareCorners));
  await writeFile(join(staticDir, 'brand/og.png'), await render(page, 'brand/og.svg', 1200, 630));
  await writeFile(join(staticDir, 'brand/logo.png'), await render(page, 'brand/logo.svg', 600, 60));
  console.log('rendered favicon.ico, apple-touch-icon.png, og.png, logo.png');
} finally {
  await browser.close();
}
