(function () {
  'use strict';
  var body = document.body;
  document.title = body.getAttribute('data-title') || document.title;
  var table = document.getElementById('case-table');
  if (!table) { body.setAttribute('data-ready', 'true'); return; }
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var filter = document.getElementById('case-filter');
  var verdict = document.getElementById('case-verdict');
  var suite = document.getElementById('case-suite');
  var count = document.getElementById('case-count');
  var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });

  function apply() {
    var q = filter.value.trim().toLowerCase();
    var v = verdict.value;
    var s = suite.value;
    var shown = 0;
    rows.forEach(function (row, i) {
      var ok = (!v || row.getAttribute('data-verdict') === v) &&
        (!s || row.getAttribute('data-suite') === s) &&
        (!q || texts[i].indexOf(q) >= 0);
      row.hidden = !ok;
      if (ok) { shown++; }
    });
    count.textContent = shown + ' of ' + rows.length + ' cases';
  }

  function key(row, column, numeric) {
    var cell = row.cells[column];
    var value = cell.getAttribute('data-sort');
    if (value === null) { value = cell.textContent.trim(); }
    if (!numeric) { return value.toLowerCase(); }
    var n = parseFloat(value);
    return isNaN(n) ? null : n;
  }

  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  headers.forEach(function (th, column) {
    var button = th.querySelector('button');
    if (!button) { return; }
    button.addEventListener('click', function () {
      var numeric = th.getAttribute('data-type') === 'num';
      var ascending = th.getAttribute('aria-sort') !== 'ascending';
      headers.forEach(function (other) { other.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      var order = rows.map(function (row, i) { return { row: row, key: key(row, column, numeric), i: i }; });
      order.sort(function (a, b) {
        if (a.key === b.key) { return a.i - b.i; }
        if (a.key === null) { return 1; }
        if (b.key === null) { return -1; }
        return (a.key < b.key ? -1 : 1) * (ascending ? 1 : -1);
      });
      order.forEach(function (item) { tbody.appendChild(item.row); });
    });
  });

  [filter, verdict, suite].forEach(function (control) { control.addEventListener('input', apply); });
  apply();
  body.setAttribute('data-ready', 'true');
})();
