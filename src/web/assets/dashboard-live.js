/*
 * Live dashboard (progressive enhancement: without JavaScript the server-rendered page is whole).
 * Listens to /api/v1/dashboard/stream; on an update it re-fetches each section from its
 * data-fragment-src, swaps the ones that changed, refreshes the "cập nhật lúc" time and announces
 * the change in the polite live region. Bursts of events are folded into one refresh.
 */
(() => {
  const root = document.querySelector('[data-live-stream]');
  if (!root || !('EventSource' in window) || !window.fetch) return;
  const status = root.querySelector('[data-live-status]');
  const stamp = root.querySelector('[data-updated-at]');
  const message = root.getAttribute('data-live-message') || '';
  const stampTemplate = root.getAttribute('data-updated-template') || '';
  const clock = new Intl.DateTimeFormat('vi-VN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Ho_Chi_Minh' });
  let timer = 0;
  let running = false;
  let again = false;

  const swap = (el, html) => {
    const tpl = document.createElement('template');
    tpl.innerHTML = html.trim();
    const next = tpl.content.firstElementChild;
    if (!next || next.outerHTML === el.outerHTML) return false;
    // keep disclosure widgets as the reader left them
    const open = [...el.querySelectorAll('details')].map((d) => d.open);
    next.querySelectorAll('details').forEach((d, i) => {
      if (open[i] !== undefined) d.open = open[i];
    });
    const focused = el.contains(document.activeElement) ? document.activeElement.getAttribute('href') : null;
    el.replaceWith(next);
    if (focused) next.querySelector(`[href="${CSS.escape(focused)}"]`)?.focus();
    return true;
  };

  // which sections an event can change; anything else refreshes every section
  const AFFECTS = {
    indicator: ['kpis', 'map', 'score'],
    report: ['summary', 'units', 'overdue', 'map', 'score'],
    task: ['summary', 'units', 'overdue', 'map', 'score'],
    bottleneck: ['summary', 'bottlenecks'],
  };
  let wanted = new Set();

  const refresh = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    let changed = false;
    const names = wanted;
    wanted = new Set();
    try {
      for (const el of [...root.querySelectorAll('[data-fragment-src]')]) {
        if (!names.has('*') && !names.has(el.getAttribute('data-fragment'))) continue;
        const res = await fetch(el.getAttribute('data-fragment-src'), { headers: { accept: 'text/html' }, credentials: 'same-origin', cache: 'no-store' });
        if (res.ok && swap(el, await res.text())) changed = true;
      }
    } catch {
      // the next event tries again; the page keeps what it shows
    } finally {
      running = false;
    }
    if (stamp && stampTemplate) stamp.textContent = stampTemplate.replace('{time}', clock.format(new Date()));
    if (changed && status) {
      status.textContent = '';
      setTimeout(() => {
        status.textContent = message;
      }, 50);
    }
    root.setAttribute('data-live-refreshed', String(Date.now()));
    if (again) {
      again = false;
      if (wanted.size) refresh();
    }
  };

  const source = new EventSource(root.getAttribute('data-live-stream'));
  source.addEventListener('update', (e) => {
    let type = '';
    try {
      type = JSON.parse(e.data).type || '';
    } catch {}
    for (const name of AFFECTS[type.split('.')[0]] || ['*']) wanted.add(name);
    clearTimeout(timer);
    // a short, slightly random pause folds bursts together and spreads many viewers' requests
    timer = setTimeout(refresh, 300 + Math.floor(Math.random() * 700));
  });
  source.addEventListener('open', () => root.setAttribute('data-live-connected', 'true'));
  window.addEventListener('pagehide', () => source.close());
})();
