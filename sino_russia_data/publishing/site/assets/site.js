// sino-russia-data reader: a little vanilla JS. Pages read without it; it adds the side
// panel of an article page and the sorting and filtering of a table page.
"use strict";
(function () {
  var rowsNode = document.getElementById("rows");
  var panel = document.getElementById("panel");
  if (rowsNode && panel) {
    var rows = JSON.parse(rowsNode.textContent);
    var idsAt = function (mark) {
      var ids = [mark.dataset.row];
      for (var m = mark.parentElement.closest("mark"); m; m = m.parentElement.closest("mark")) {
        if (ids.indexOf(m.dataset.row) < 0) ids.push(m.dataset.row);
      }
      Array.prototype.forEach.call(mark.querySelectorAll("mark"), function (m) {
        if (ids.indexOf(m.dataset.row) < 0) ids.push(m.dataset.row);
      });
      return ids;
    };
    var add = function (tag, text, cls) {
      var node = document.createElement(tag);
      if (text) node.textContent = text;
      if (cls) node.className = cls;
      panel.appendChild(node);
      return node;
    };
    var show = function (mark) {
      var ids = idsAt(mark);
      var row = rows[ids[0]];
      if (!row) return;
      panel.textContent = "";
      var h = add("h2");
      var a = document.createElement("a");
      a.href = "#" + ids[0]; a.textContent = ids[0];
      h.appendChild(a);
      var dl = add("dl");
      row.fields.forEach(function (pair) {
        var dt = document.createElement("dt"); dt.textContent = pair[0];
        var dd = document.createElement("dd"); dd.textContent = pair[1];
        dl.appendChild(dt); dl.appendChild(dd);
      });
      add("p", row.citation, "citation");
      var t = add("p");
      var link = document.createElement("a");
      link.href = row.table_page; link.textContent = "this row in its table";
      t.appendChild(link);
      if (ids.length > 1) {
        var p = add("p", "Also marked here: ");
        ids.slice(1).forEach(function (id, i) {
          var other = document.createElement("a");
          other.href = "#" + id; other.textContent = id;
          if (i) p.appendChild(document.createTextNode(", "));
          p.appendChild(other);
        });
      }
    };
    document.addEventListener("focusin", function (e) {
      if (e.target.tagName === "MARK") show(e.target);
    });
    document.addEventListener("click", function (e) {
      var mark = e.target.closest && e.target.closest("mark");
      if (mark) show(mark);
    });
    var fromHash = function () {
      var id = decodeURIComponent(location.hash.slice(1));
      var mark = id && document.getElementById(id);
      if (mark && mark.tagName === "MARK") show(mark);
    };
    window.addEventListener("hashchange", fromHash);
    fromHash();
  }
  var table = document.querySelector("table.rows");
  if (table) {
    var body = table.tBodies[0];
    var all = Array.prototype.slice.call(body.rows);
    var filters = Array.prototype.slice.call(document.querySelectorAll(".filters [data-col]"));
    var apply = function () {
      all.forEach(function (tr) {
        var ok = filters.every(function (f) {
          var cell = tr.cells[Number(f.dataset.col)].textContent;
          return f.value === "" || (f.tagName === "SELECT" ? cell === f.value : cell.indexOf(f.value) >= 0);
        });
        tr.hidden = !ok;
      });
    };
    filters.forEach(function (f) { f.addEventListener("input", apply); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
      var button = th.querySelector("button");
      if (!button) return;
      button.addEventListener("click", function () {
        var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (o) { o.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", dir);
        var key = function (tr) { return tr.cells[col].dataset.sort || tr.cells[col].textContent; };
        var numeric = th.dataset.numeric === "1";
        all.sort(function (a, b) {
          var x = key(a), y = key(b);
          var c = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y);
          return dir === "ascending" ? c : -c;
        });
        all.forEach(function (tr) { body.appendChild(tr); });
      });
    });
  }
})();
