/*
 * Search-as-you-type for the portal's search form (progressive enhancement: without JavaScript
 * the form submits normally). Asks /api/v1/search for five suggestions after a short pause and
 * lists them as links under the box; Escape closes the list.
 */
(() => {
  const form = document.querySelector('form[data-portal-search]');
  if (!form) return;
  const input = form.querySelector('input[name="q"]');
  const list = document.getElementById('portal-suggest');
  if (!input || !list) return;
  let timer = 0;
  let seq = 0;
  const hide = () => {
    list.hidden = true;
    list.replaceChildren();
  };
  const show = (items) => {
    list.replaceChildren(
      ...items.map((it) => {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = it.url;
        a.textContent = it.title;
        li.append(a);
        return li;
      }),
    );
    list.hidden = items.length === 0;
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) return hide();
    timer = setTimeout(async () => {
      const mine = ++seq;
      try {
        const res = await fetch(`/api/v1/search?limit=5&q=${encodeURIComponent(q)}`, { headers: { accept: 'application/json' } });
        if (!res.ok || mine !== seq) return;
        const body = await res.json();
        if (mine === seq) show(body.items || []);
      } catch {
        hide();
      }
    }, 200);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') hide();
  });
})();
