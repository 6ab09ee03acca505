// Filters for the report: by kind (verdict or severity) and by text. Without this script
// every item stays visible. It reads and hides elements only; it never writes markup.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
  var search = form.querySelector("input[type=search]");
  var shown = document.getElementById("shown");
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-filter-item]"));
  var texts = items.map(function (item) { return item.textContent.toLowerCase(); });
  function apply() {
    var on = {};
    boxes.forEach(function (box) { on[box.value] = box.checked; });
    var query = search.value.trim().toLowerCase();
    var visible = 0;
    items.forEach(function (item, i) {
      var rows = item.querySelectorAll("[data-kind]");
      var anyRow = rows.length === 0;
      Array.prototype.forEach.call(rows, function (row) {
        var show = on[row.getAttribute("data-kind")] !== false;
        row.hidden = !show;
        anyRow = anyRow || show;
      });
      var show = anyRow && (query === "" || texts[i].indexOf(query) !== -1);
      item.hidden = !show;
      if (show) { visible += 1; }
    });
    shown.textContent = visible + " of " + items.length + " shown";
  }
  form.addEventListener("input", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply();
}());
