// Progressive enhancement only: everything works without this file.
// 1. The session countdown ticks and "연장" extends without leaving the page.
// 2. Support counters update live (server-sent events), and the support form posts without a reload.
// 3. Similar posts are shown while a title is typed, so the citizen can support one instead of writing again.
(function () {
  'use strict';
  var remaining = document.getElementById('session-remaining');
  if (remaining) {
    var minutes = Number(remaining.getAttribute('data-minutes'));
    var template = remaining.textContent.replace(String(minutes), '{m}');
    // Announced only in the last five minutes, so screen readers are not interrupted every minute.
    var tick = function () {
      if (minutes > 0) minutes -= 1;
      remaining.setAttribute('aria-live', minutes <= 5 ? 'polite' : 'off');
      remaining.textContent = template.replace('{m}', String(minutes));
    };
    var timer = setInterval(tick, 60000);
    var extendForm = remaining.parentNode.querySelector('form[action="/session/extend"]');
    if (extendForm) extendForm.addEventListener('submit', function (e) {
      e.preventDefault();
      fetch('/session/extend', { method: 'POST', body: new URLSearchParams(new FormData(extendForm)), headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (r) { return r.json(); })
        .then(function (j) { if (j.ok) { minutes = j.minutes; clearInterval(timer); timer = setInterval(tick, 60000); remaining.textContent = template.replace('{m}', String(minutes)); } });
    });
  }

  var counters = document.querySelectorAll('[data-live-tally]');
  if (window.EventSource) counters.forEach(function (el) {
    var es = new EventSource(el.getAttribute('data-live-tally'));
    es.addEventListener('tally', function (ev) { try { el.textContent = JSON.parse(ev.data).count; } catch (e) { /* ignore */ } });
  });

  document.querySelectorAll('form[data-enhance="support"]').forEach(function (form) {
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      if (form.getAttribute('data-done')) return;
      var status = document.getElementById(form.getAttribute('data-status'));
      fetch(form.action, { method: 'POST', body: new URLSearchParams(new FormData(form)), headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (r) { return r.json(); })
        .then(function (j) {
          if (status && j.message) status.textContent = j.message;
          var count = document.getElementById(form.getAttribute('data-count'));
          if (count && typeof j.count === 'number') count.textContent = j.count;
          // aria-disabled, not disabled: the keyboard user's focus stays on the button they pressed.
          var button = form.querySelector('button');
          if (button && (j.status === 'counted' || j.status === 'duplicate')) { button.setAttribute('aria-disabled', 'true'); form.setAttribute('data-done', '1'); }
        })
        .catch(function () { form.submit(); });
    });
  });

  document.querySelectorAll('[data-similar]').forEach(function (box) {
    var input = box.querySelector('input[name="title"]');
    var region = box.querySelector('.similar-live');
    if (!input || !region) return;
    var timer = null, asked = '';
    // Built with text nodes, never HTML: titles are what citizens typed.
    var show = function (j) {
      while (region.firstChild) region.removeChild(region.firstChild);
      if (!j.items || !j.items.length) return;
      var p = document.createElement('p');
      p.textContent = j.message;
      var ul = document.createElement('ul');
      j.items.forEach(function (it) {
        var li = document.createElement('li'), a = document.createElement('a');
        a.href = it.url; a.textContent = it.title;
        li.appendChild(a); ul.appendChild(li);
      });
      region.appendChild(p); region.appendChild(ul);
    };
    input.addEventListener('input', function () {
      clearTimeout(timer);
      // Asked after a pause in typing, not on every key.
      timer = setTimeout(function () {
        var title = input.value.trim();
        if (title === asked) return;
        asked = title;
        if (title.length < 4) { show({ items: [] }); return; }
        fetch(box.getAttribute('data-similar') + '?title=' + encodeURIComponent(title), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
          .then(function (r) { return r.json(); })
          .then(function (j) { if (asked === title) show(j); })
          .catch(function () { /* the list after 등록 still comes */ });
      }, 400);
    });
  });
})();
