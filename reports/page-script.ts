/**
 * The page's inline script, as source text. It is plain ES2017 that runs in any current browser,
 * needs no network and touches nothing outside the page. Three behaviours:
 * - tooltips: hovering an element with class `mark` shows its `data-*` values; a value under
 *   data-K is titled by the chart root's data-label-K when present (axis titles), else by K;
 *   `data-name` is the heading and `data-series` is internal;
 * - series toggles: clicking (or pressing Enter/Space on) a `.legend-item` hides or shows the
 *   marks with the same `data-series` in the same chart;
 * - table filters: typing in `.table-filter` hides the rows of the table beside it that do not
 *   contain the text (case-insensitive).
 * Text is only ever set with textContent, so values from user files cannot inject markup.
 */
export const PAGE_SCRIPT = `
(function () {
  'use strict';
  var tip = document.createElement('div');
  tip.id = 'tooltip';
  tip.setAttribute('role', 'tooltip');
  tip.hidden = true;
  document.body.appendChild(tip);

  function closest(node, selector) {
    return node && node.closest ? node.closest(selector) : null;
  }

  function fillTooltip(mark) {
    var svg = mark.ownerSVGElement;
    tip.textContent = '';
    var name = mark.getAttribute('data-name');
    if (name) {
      var heading = document.createElement('strong');
      heading.textContent = name;
      tip.appendChild(heading);
    }
    for (var i = 0; i < mark.attributes.length; i++) {
      var attr = mark.attributes[i];
      if (attr.name.indexOf('data-') !== 0 || attr.value === '') continue;
      var key = attr.name.slice(5);
      if (key === 'name' || key === 'series') continue;
      var title = (svg && svg.getAttribute('data-label-' + key)) || key.replace(/-/g, ' ');
      var row = document.createElement('div');
      row.textContent = title + ': ' + attr.value;
      tip.appendChild(row);
    }
  }

  function place(ev) {
    var x = ev.clientX + 14, y = ev.clientY + 14;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    if (x + w > window.innerWidth) x = Math.max(0, ev.clientX - w - 10);
    if (y + h > window.innerHeight) y = Math.max(0, ev.clientY - h - 10);
    tip.style.left = x + 'px';
    tip.style.top = y + 'px';
  }

  document.addEventListener('mouseover', function (ev) {
    var mark = closest(ev.target, '.mark');
    if (!mark) { tip.hidden = true; return; }
    fillTooltip(mark);
    tip.hidden = false;
    place(ev);
  });
  document.addEventListener('mousemove', function (ev) { if (!tip.hidden) place(ev); });

  function toggleSeries(item) {
    var svg = item.ownerSVGElement;
    var key = item.getAttribute('data-series');
    var off = !item.classList.contains('legend-off');
    item.classList.toggle('legend-off', off);
    item.setAttribute('aria-pressed', off ? 'false' : 'true');
    var marks = svg.querySelectorAll('.mark[data-series]');
    for (var i = 0; i < marks.length; i++) {
      if (marks[i].getAttribute('data-series') === key) marks[i].classList.toggle('series-hidden', off);
    }
  }

  var items = document.querySelectorAll('svg.chart .legend-item');
  for (var i = 0; i < items.length; i++) {
    items[i].setAttribute('tabindex', '0');
    items[i].setAttribute('role', 'button');
    items[i].setAttribute('aria-pressed', 'true');
  }
  document.addEventListener('click', function (ev) {
    var item = closest(ev.target, '.legend-item');
    if (item) toggleSeries(item);
  });
  document.addEventListener('keydown', function (ev) {
    var item = closest(ev.target, '.legend-item');
    if (item && (ev.key === 'Enter' || ev.key === ' ')) { ev.preventDefault(); toggleSeries(item); }
  });

  document.addEventListener('input', function (ev) {
    var input = ev.target;
    if (!input.classList || !input.classList.contains('table-filter')) return;
    var wrap = closest(input, '.table-wrap');
    var query = input.value.trim().toLowerCase();
    var rows = wrap ? wrap.querySelectorAll('tbody tr') : [];
    for (var i = 0; i < rows.length; i++) {
      rows[i].hidden = query !== '' && rows[i].textContent.toLowerCase().indexOf(query) < 0;
    }
  });
})();
`.trim()
