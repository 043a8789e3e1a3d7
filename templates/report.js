/* Findings filter and print helper: plain JavaScript, no network. Filters rows by status, severity, area and free
   text. The URL fragment can preset it (#status=FAIL&severity=high&area=tls&q=storage), so a
   filtered view can be bookmarked or shared. */
(function () {
  "use strict";
  // Printing (or "Save as PDF") must not lose the evidence folded in <details>: open them all, then restore.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"), function (d) {
      d.open = true;
      return true;
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
  var table = document.getElementById("findings-table");
  if (!table) { return; }
  var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr.finding"));
  var status = document.getElementById("filter-status");
  var severity = document.getElementById("filter-severity");
  var area = document.getElementById("filter-area");
  var text = document.getElementById("filter-text");
  var count = document.getElementById("filter-count");
  var empty = document.getElementById("filter-empty");

  function apply() {
    var words = text.value.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
    var shown = 0;
    rows.forEach(function (row) {
      var d = row.dataset;
      var match = (!status.value || d.status === status.value)
        && (!severity.value || d.severity === severity.value)
        && (!area.value || d.area === area.value)
        && words.every(function (w) { return d.search.indexOf(w) >= 0; });
      row.hidden = !match;
      if (match) { shown++; }
    });
    count.textContent = shown + " of " + rows.length + " shown";
    empty.hidden = shown > 0;
  }

  function fromFragment() {
    var hash = window.location.hash.replace(/^#/, "");
    if (hash.indexOf("=") < 0) { return; }
    var params = new URLSearchParams(hash);
    status.value = params.get("status") || "";
    severity.value = params.get("severity") || "";
    area.value = params.get("area") || "";
    text.value = params.get("q") || "";
    apply();
  }

  [status, severity, area].forEach(function (el) { el.addEventListener("change", apply); });
  text.addEventListener("input", apply);
  window.addEventListener("hashchange", fromFragment);
  fromFragment();
  document.body.setAttribute("data-filter-ready", "true");
})();
