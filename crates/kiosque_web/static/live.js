// A live blog's page follows its stream: new posts appear at the top while the reader is there,
// and wait behind a "3 nouveaux posts" button once they have scrolled down (nothing moves under
// their eyes); edited posts are replaced and deleted ones removed in place. Without this
// script, or when the stream cannot open, the page's reload link does the same.
const feed = document.querySelector('[data-live][data-stream]');
if (feed && 'EventSource' in window) {
  const list = feed.querySelector('[data-live-posts]');
  const button = feed.querySelector('[data-live-new]');
  const reload = feed.querySelector('[data-live-reload]');
  const empty = feed.querySelector('.live-empty');
  let rev = Number(feed.dataset.rev) || 0;
  // New posts not shown yet, by id.
  const held = new Map();

  const fragment = (html) => {
    const t = document.createElement('template');
    t.innerHTML = html.trim();
    return t.content.firstElementChild;
  };
  // The reader is "at the top" while the start of the posts is on screen.
  const atTop = () => list.getBoundingClientRect().top > -40;

  const showHeld = () => {
    const ids = [...held.keys()].sort((a, b) => a - b);
    for (const id of ids) {
      const el = fragment(held.get(id));
      if (el) list.prepend(el);
    }
    held.clear();
    button.hidden = true;
    if (empty) empty.hidden = true;
  };

  const settle = () => {
    if (held.size === 0) {
      button.hidden = true;
    } else if (atTop()) {
      showHeld();
    } else {
      button.textContent = held.size === 1
        ? feed.dataset.newOne
        : feed.dataset.newMany.replace('{n}', String(held.size));
      button.hidden = false;
    }
  };

  const apply = (d) => {
    rev = Math.max(rev, d.rev || 0);
    for (const p of d.posts || []) {
      const shown = document.getElementById(`post-${p.id}`);
      if (p.deleted) {
        if (shown) shown.remove();
        held.delete(p.id);
      } else if (shown) {
        const el = fragment(p.html);
        if (el) shown.replaceWith(el);
      } else {
        held.set(p.id, p.html);
      }
    }
    if (typeof d.essentials === 'string') {
      const box = document.querySelector('[data-live-essentials]');
      const el = fragment(d.essentials);
      if (box && el) box.replaceWith(el);
    }
    if (d.closed) {
      const note = document.querySelector('[data-live-closed]');
      if (note) {
        note.textContent = d.closed;
        note.hidden = false;
      }
      source.close();
    }
    settle();
  };

  const source = new EventSource(`${feed.dataset.stream}?depuis=${rev}`);
  source.addEventListener('open', () => {
    if (reload) reload.hidden = true;
  });
  source.addEventListener('error', () => {
    // The browser retries by itself; meanwhile the reload link is the way.
    if (reload) reload.hidden = false;
  });
  source.addEventListener('posts', (e) => {
    try {
      apply(JSON.parse(e.data));
    } catch (err) {
      console.warn('live blog event', err);
    }
  });
  button.addEventListener('click', () => {
    showHeld();
    feed.scrollIntoView({ block: 'start' });
    const first = list.firstElementChild;
    if (first) {
      first.setAttribute('tabindex', '-1');
      first.focus({ preventScroll: true });
    }
  });
  window.addEventListener('scroll', () => {
    if (held.size > 0 && atTop()) showHeld();
  }, { passive: true });
}
