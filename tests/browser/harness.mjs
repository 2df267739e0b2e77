// Shared helpers of the browser tests: a Kiosque server on a free loopback port with its own
// data folder, accounts made with the CLI, the mail outbox, Debian's Chromium through
// playwright-core, and keyboard helpers.
//
// Every helper is bounded in time, and every process started here is stopped by `stop()`
// (server) or `browser.close()` (Chromium).

import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import * as zlibModule from 'node:zlib';
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';

export const KIOSQUE_BIN =
  process.env.KIOSQUE_BIN ||
  `${process.env.CARGO_TARGET_DIR || '/var/cache/kiosque-target'}/debug/kiosque`;

export const CHROMIUM = process.env.KIOSQUE_CHROMIUM || '/usr/bin/chromium';

/** Per-step time limit of the browser (clicks, waits), in milliseconds. */
export const STEP_MS = 5_000;
/** Time limit of a navigation (page load, form submission), in milliseconds. */
export const NAV_MS = 10_000;

/** A strong enough password for the sign-up rules (long, not common). */
export const PASSWORD = 'Mésange bleue sur le balcon 42';

/**
 * Starts `kiosque serve` on 127.0.0.1 with a free port and a fresh data folder (the demo
 * content loads at start). Resolves once the server printed its address.
 * @returns {Promise<{url: string, dataDir: string, stop: () => Promise<void>, log: () => string}>}
 */
export async function startServer(extraArgs = []) {
  if (!existsSync(KIOSQUE_BIN)) {
    throw new Error(`no Kiosque binary at ${KIOSQUE_BIN}: build it (cargo build -p kiosque) or set KIOSQUE_BIN`);
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'kiosque-browser-'));
  const child = spawn(
    KIOSQUE_BIN,
    ['--data-dir', dataDir, 'serve', '--listen', '127.0.0.1:0', '--rate-limit-factor', '1000', ...extraArgs],
    {
      // Processing the demo's photographs costs seconds at every first start: only the tests
      // about them ask for them (`--demo-photos`).
      env: { ...process.env, KIOSQUE_LOG: 'warn', KIOSQUE_DEMO_PHOTOS: join(dataDir, 'no-demo-photos') },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  let stdout = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => {
    // Keep the end only: enough to explain a failure.
    stderr = (stderr + d).slice(-20_000);
  });
  child.stdout.setEncoding('utf8');
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  let url;
  try {
    url = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Kiosque did not print its address within 30 s\nstdout: ${stdout}\nstderr: ${stderr}`)),
        30_000,
      );
      child.stdout.on('data', (d) => {
        stdout = (stdout + d).slice(-20_000);
        const m = /Kiosque is serving on (http:\/\/127\.0\.0\.1:\d+)\//.exec(stdout);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`Kiosque exited early (code ${code}, signal ${signal})\nstderr: ${stderr}`));
      });
    });
  } catch (e) {
    child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
    throw e;
  }

  let stopped = false;
  async function stop() {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const done = await Promise.race([exited.then(() => true), sleep(5_000, false, { ref: false })]);
      if (!done) {
        child.kill('SIGKILL');
        await Promise.race([exited, sleep(2_000, undefined, { ref: false })]);
      }
    }
    await rm(dataDir, { recursive: true, force: true });
  }
  return { url, dataDir, stop, log: () => stderr };
}

/**
 * Creates a verified account with the CLI (`kiosque user create`), the password on stdin.
 * Works while the server runs.
 */
export async function createUser(dataDir, { email, name, role, sections = [], password = PASSWORD }) {
  const args = ['--data-dir', dataDir, 'user', 'create', '--email', email, '--name', name];
  if (role) args.push('--role', role);
  for (const s of sections) args.push('--section', s);
  const child = spawn(KIOSQUE_BIN, args, {
    env: { ...process.env, KIOSQUE_LOG: 'warn' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  child.stdin.end(`${password}\n`);
  const result = await Promise.race([
    new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => resolve(code));
    }),
    // An unref'd timer: it must not keep the test process alive once the CLI is done.
    sleep(30_000, 'timeout', { ref: false }),
  ]);
  if (result === 'timeout') {
    child.kill('SIGKILL');
    throw new Error(`kiosque user create did not finish within 30 s: ${output}`);
  }
  if (result !== 0) throw new Error(`kiosque user create failed (${result}): ${output}`);
}

/**
 * The plain-text copies of the mail sent so far (`DATA_DIR/outbox/*.txt`).
 * @returns {Promise<Array<{file: string, to: string, subject: string, body: string}>>}
 */
export async function outbox(dataDir) {
  const dir = join(dataDir, 'outbox');
  let names;
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.txt')).sort();
  } catch {
    return [];
  }
  const mails = [];
  for (const name of names) {
    const text = await readFile(join(dir, name), 'utf8');
    const split = text.indexOf('\n\n');
    if (split < 0) continue; // still being written
    const head = text.slice(0, split);
    const to = /^To: (.*)$/m.exec(head)?.[1] ?? '';
    const subject = /^Subject: (.*)$/m.exec(head)?.[1] ?? '';
    mails.push({ file: name, to, subject, body: text.slice(split + 2) });
  }
  return mails;
}

/** Waits (bounded) for a mail that `match` accepts, and returns it. */
export async function waitForMail(dataDir, match, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = await outbox(dataDir);
    const found = mails.find(match);
    if (found) return found;
    if (Date.now() > deadline) {
      const seen = mails.map((m) => `${m.to}: ${m.subject}`).join('\n  ') || '(none)';
      throw new Error(`no matching mail within ${timeoutMs} ms; the outbox holds:\n  ${seen}`);
    }
    await sleep(100);
  }
}

/**
 * A real PNG image of `width`×`height` (a colour gradient), encoded here with node's zlib so
 * the tests need no image library.
 */
export function pngImage(width, height) {
  const { deflateSync } = zlibModule;
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // no filter
    for (let x = 0; x < width; x++) {
      raw[row + 1 + x * 3] = (x * 255) / width;
      raw[row + 2 + x * 3] = (y * 255) / height;
      raw[row + 3 + x * 3] = 128;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Debian's Chromium, headless, with nothing that calls outside. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    timeout: 30_000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A new browser context whose pages have the tests' time limits. */
export async function newContext(browser, baseURL, options = {}) {
  const context = await browser.newContext({ baseURL, locale: 'fr-FR', ...options });
  context.setDefaultTimeout(STEP_MS);
  context.setDefaultNavigationTimeout(NAV_MS);
  return context;
}

/** The path of the founding article, read from the front page's link. */
export async function foundingArticlePath(page) {
  await page.goto('/');
  const href = await page.locator('a[href^="/monde/syrie-poutine"]').first().getAttribute('href');
  if (!href || !/^\/monde\/syrie-poutine-appelle-al-assad.*_\d+\.html$/.test(href)) {
    throw new Error(`unexpected founding article link: ${href}`);
  }
  return href;
}

/** Signs in through the log-in form of the current page (mouse and fill: not a keyboard test). */
export async function logIn(page, email, password = PASSWORD) {
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/compte/connexion')),
    page.getByRole('button', { name: 'Se connecter' }).click(),
  ]);
}

// ---- keyboard

/** What has the focus, in a form easy to assert on and to print. */
export function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: 'body' };
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id || null,
      name: el.getAttribute('name'),
      type: el.getAttribute('type'),
      href: el.getAttribute('href'),
      text: (el.innerText || el.value || '').trim().slice(0, 80),
      className: el.className || null,
      outlineStyle: style.outlineStyle,
      outlineWidth: style.outlineWidth,
      left: rect.left,
      top: rect.top,
      width: rect.width,
      height: rect.height,
    };
  });
}

/**
 * Presses Tab (or Shift+Tab) until `want(focused)` holds, at most `max` times; returns the
 * focused element's description. Fails with the path it went through.
 */
export async function tabUntil(page, want, { max = 120, backwards = false, what = 'the wanted element' } = {}) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    if (want(f)) return f;
    seen.push(`${f.tag}${f.id ? '#' + f.id : ''}${f.href ? `[${f.href}]` : ''}${f.text ? ` “${f.text.slice(0, 30)}”` : ''}`);
  }
  throw new Error(`${what} not reached within ${max} presses of ${backwards ? 'Shift+Tab' : 'Tab'}; went through:\n  ${seen.join('\n  ')}`);
}

/** Presses Tab once and returns what got the focus. */
export async function tab(page) {
  await page.keyboard.press('Tab');
  return focused(page);
}

// ---- a newsroom desk

/**
 * A newsroom for one file's tests, to call inside `describe`: a server with a journalist (who
 * may publish in `monde`) and an editor, one browser, `open()` for a fresh page and
 * `loggedIn(who)` for a page signed in from the log-in form. Everything opened is closed after.
 */
export function newsroomDesk(journalist, editor) {
  const desk = { server: null, browser: null };
  const contexts = [];
  before(async () => {
    desk.server = await startServer();
    await createUser(desk.server.dataDir, { ...journalist, role: 'journalist', sections: ['monde'] });
    await createUser(desk.server.dataDir, { ...editor, role: 'editor' });
    desk.browser = await launchBrowser();
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await desk.browser?.close().catch(() => {});
    await desk.server?.stop();
  });
  desk.open = async () => {
    const c = await newContext(desk.browser, desk.server.url);
    contexts.push(c);
    return c.newPage();
  };
  desk.loggedIn = async (who) => {
    const page = await desk.open();
    await page.goto('/compte/connexion?retour=/admin');
    await logIn(page, who.email);
    return page;
  };
  return desk;
}
