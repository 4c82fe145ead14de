/*
 * Progressive enhancement of the PAKN-GPSK form (the form works fully without it): hides the
 * initiative/solution section unless that kind is chosen, and suggests similar published cases
 * while the title and content are typed (debounced same-origin fetch, no personal data sent).
 */
(() => {
  var form = document.querySelector('form[data-feedback-form]');
  if (!form) return;
  var section = form.querySelector('[data-proposal-section]');
  function syncKind() {
    if (!section) return;
    var chosen = form.querySelector('input[name="kind"]:checked');
    var show = !chosen || chosen.value === 'initiative' || chosen.value === 'solution';
    section.classList.toggle('is-hidden', !show);
  }
  form.addEventListener('change', (e) => {
    if (e.target && e.target.name === 'kind') syncKind();
  });
  syncKind();

  var title = form.querySelector('#f-title');
  var content = form.querySelector('#f-content');
  if (!title || !content || !window.fetch) return;
  var box = document.createElement('div');
  box.setAttribute('aria-live', 'polite');
  box.className = 'similar-live';
  content.parentNode.appendChild(box);
  var timer = null;
  var last = '';
  function render(items) {
    box.textContent = '';
    if (!items.length) return;
    var wrap = document.createElement('section');
    wrap.className = 'notice notice-info similar-cases';
    var h = document.createElement('h2');
    h.textContent = 'Các trường hợp tương tự đã được trả lời';
    wrap.appendChild(h);
    var ul = document.createElement('ul');
    ul.className = 'plain-list';
    items.forEach((it) => {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = it.url;
      a.textContent = it.title;
      li.appendChild(a);
      ul.appendChild(li);
    });
    wrap.appendChild(ul);
    box.appendChild(wrap);
  }
  function lookup() {
    var q = (title.value + ' ' + content.value).trim().slice(0, 500);
    if (q.length < 8 || q === last) return;
    last = q;
    fetch('/api/v1/public/feedback/similar?q=' + encodeURIComponent(q), { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then((r) => r.ok ? r.json() : { items: [] })
      .then((data) => { render(data.items || []); })
      .catch(() => {});
  }
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(lookup, 600);
  }
  title.addEventListener('input', schedule);
  content.addEventListener('input', schedule);
})();
