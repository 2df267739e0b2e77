// Comments, enhanced: post, reply, edit and delete without leaving the page, see new comments
// as they are published, and read times as "il y a 2 min" ("2 min ago").
// Everything works without this script (plain forms and links, absolute dates); it only adds
// comfort. The server renders every comment's HTML (escaped there); this script never builds
// markup from what members wrote.
// It holds no word of the interface: the page gives them, in the site's language, as data
// attributes of the comment section (data-now, data-minutes-ago…), with the locale of its dates.

const section = document.querySelector('section.comments[data-article]');
const words = section ? section.dataset : {};
// `{n}` and `{time}` in the page's words stand for the number and the time.
const fill = (text, name, value) => (text ? text.replace(`{${name}}`, value) : null);

// ---------------------------------------------------------------- relative times

const paris = (options) =>
  new Intl.DateTimeFormat(words.locale || document.documentElement.lang || undefined, {
    timeZone: 'Europe/Paris',
    ...options,
  });
const dayOf = paris({ year: 'numeric', month: '2-digit', day: '2-digit' });
const clock = paris({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

// "à l’instant", "il y a 2 min", "il y a 3 h" (the same day), "hier à 14:32", then the server's
// own absolute label, kept in data-absolute. The exact time stays in the title.
function relative(time, now) {
  const at = new Date(time.getAttribute('datetime'));
  if (Number.isNaN(at.getTime())) return null;
  const minutes = Math.floor((now - at) / 60000);
  if (minutes < 0) return null;
  if (minutes < 1) return words.now || null;
  if (minutes < 60) return fill(words.minutesAgo, 'n', minutes);
  const today = dayOf.format(now);
  if (dayOf.format(at) === today) return fill(words.hoursAgo, 'n', Math.floor(minutes / 60));
  const yesterday = dayOf.format(new Date(now.getTime() - 86400000));
  if (dayOf.format(at) === yesterday) return fill(words.yesterdayAt, 'time', clock.format(at));
  return null;
}

function refreshTimes(root = document) {
  const now = new Date();
  for (const time of root.querySelectorAll('time[data-relative]')) {
    if (!time.dataset.absolute) time.dataset.absolute = time.textContent;
    const label = relative(time, now);
    time.textContent = label ?? time.dataset.absolute;
  }
}

refreshTimes();
setInterval(refreshTimes, 30000);

// ---------------------------------------------------------------- the thread

if (section) {
  const article = section.dataset.article;
  const list = section.querySelector('[data-comment-list]');
  let last = Number(section.dataset.last || 0);
  const empty = section.querySelector('.no-comments');

  // One polite announcement for what happens away from the focused form (an edit replaced).
  const announcer = document.createElement('p');
  announcer.className = 'visually-hidden';
  announcer.setAttribute('role', 'status');
  section.append(announcer);
  const announce = (text) => {
    announcer.textContent = '';
    setTimeout(() => {
      announcer.textContent = text;
    }, 50);
  };

  const heading = section.querySelector('h2');
  function bumpCount(delta) {
    let count = heading.querySelector('.count');
    if (!count) {
      count = document.createElement('span');
      count.className = 'count';
      heading.append(' ', count);
    }
    const n = Number((count.textContent.match(/\d+/) || ['0'])[0]) + delta;
    count.textContent = n > 0 ? `(${n})` : '';
  }

  function fragment(html) {
    const template = document.createElement('template');
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  function insert(id, parentId, html) {
    if (document.getElementById(`commentaire-${id}`)) return null;
    const node = fragment(html);
    if (!node) return null;
    const replies = parentId ? document.querySelector(`[data-replies="${parentId}"]`) : null;
    (replies || list).append(node);
    if (empty) empty.hidden = true;
    bumpCount(1);
    refreshTimes(node);
    last = Math.max(last, id);
    return node;
  }

  // The comment's own parts (not its replies), replaced by those of the server's new rendering.
  function replaceOwnParts(node, html) {
    const fresh = fragment(html);
    if (!fresh) return;
    for (const part of [':scope > .comment-meta', ':scope > .comment-body', ':scope > .comment-removed', ':scope > .comment-actions']) {
      node.querySelector(part)?.remove();
    }
    const anchor = node.querySelector(':scope > .replies');
    for (const part of [...fresh.children]) {
      if (part.classList.contains('replies')) continue;
      node.insertBefore(part, anchor);
    }
    refreshTimes(node);
  }

  async function send(form) {
    const response = await fetch(form.action, {
      method: 'POST',
      headers: { Accept: 'application/json' },
      body: new URLSearchParams(new FormData(form)),
      credentials: 'same-origin',
    });
    let data = {};
    try {
      data = await response.json();
    } catch {
      // A non-JSON answer (a proxy's error page): the generic message below.
    }
    return { ok: response.ok, data };
  }

  const sending = new WeakSet();
  async function submit(form, onDone) {
    if (sending.has(form)) return;
    const status = form.querySelector('.form-status');
    // Not `disabled`: disabling the focused button would throw keyboard users' focus away.
    const button = form.querySelector('button[type=submit]');
    sending.add(form);
    button?.setAttribute('aria-disabled', 'true');
    if (status) status.textContent = words.sending || '';
    try {
      const { ok, data } = await send(form);
      if (!ok) {
        if (status) status.textContent = data.error?.message || words.failed || '';
        return;
      }
      if (status) status.textContent = data.message || '';
      onDone(data);
    } catch {
      if (status) status.textContent = words.offline || '';
    } finally {
      sending.delete(form);
      button?.removeAttribute('aria-disabled');
    }
  }

  const focusOn = (node) => {
    if (!node) return;
    node.setAttribute('tabindex', '-1');
    node.focus();
  };

  // The main form, and the forms under each comment (present now or arriving later).
  section.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    if (form.matches('[data-comment-form]')) {
      event.preventDefault();
      submit(form, (data) => {
        if (data.html) insert(data.id, data.parent_id, data.html);
        const notify = form.querySelector('input[name=notifier]');
        const remembered = notify?.checked;
        form.reset();
        // The box keeps the choice just sent: it is remembered.
        if (notify) notify.checked = remembered;
      });
      return;
    }
    const kind = form.dataset.inlineForm;
    if (!kind) return;
    event.preventDefault();
    const comment = form.closest('article.comment');
    const details = form.closest('details');
    if (kind === 'reply') {
      submit(form, (data) => {
        const node = data.html ? insert(data.id, data.parent_id, data.html) : null;
        form.reset();
        if (node) {
          details?.removeAttribute('open');
          focusOn(node);
          announce(data.message);
        }
      });
    } else if (kind === 'edit') {
      submit(form, (data) => {
        if (data.html && comment) {
          replaceOwnParts(comment, data.html);
          focusOn(comment);
        } else {
          details?.removeAttribute('open');
        }
        announce(data.message);
      });
    } else if (kind === 'delete') {
      submit(form, (data) => {
        if (!comment) return;
        const next = comment.nextElementSibling || comment.parentElement.closest('article.comment') || heading;
        if (comment.querySelector('.replies article.comment')) {
          // Its replies stay: the server's placeholder takes the text's place.
          if (data.html) replaceOwnParts(comment, data.html);
        } else {
          comment.remove();
        }
        bumpCount(-1);
        focusOn(next.matches('article.comment') ? next : heading);
        announce(data.message);
      });
    }
  });

  if ('EventSource' in window) {
    const connect = () => {
      // `vu`: when the page was rendered, so comments approved since then arrive too.
      const shown = section.dataset.shown || '';
      const source = new EventSource(`/articles/${article}/commentaires/flux?depuis=${last}&vu=${shown}`);
      source.addEventListener('comment', (event) => {
        const data = JSON.parse(event.data);
        insert(data.id, data.parent_id, data.html);
      });
      source.onerror = () => {
        source.close();
        setTimeout(connect, 5000);
      };
    };
    connect();
  }
}
