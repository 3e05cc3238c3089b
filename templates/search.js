/* Search over search/index.json (names, codes, departments, keywords ...) and search/text.json (the
   pages' text), one list ranked as powercat.site.search.matches ranks it. Plain ES5 so it runs on
   old phones. Its words come from the page (data-* of #results-status), in the site's language. */
(function () {
  var root = document.body.getAttribute("data-root") || "";
  var input = document.getElementById("q"), list = document.getElementById("results");
  var status = document.getElementById("results-status"), rows = null, texts = {}, last = "";
  var WEIGHTS = [["n", 50], ["w", 40], ["c", 30], ["d", 20], ["a", 20], ["k", 20], ["p", 20]], START = 10, TEXT = 5;
  var KINDS = { power: 0, department: 1, month: 2 };
  function say(name, n, q) {
    return (status.getAttribute("data-" + name) || "").replace("{n}", n).replace("{q}", q);
  }
  var QUOTES = /["'\u201c\u201d\u2018\u2019\u300a\u300b\u3008\u3009\u300c\u300d\u300e\u300f]/g;
  function norm(s) { return (s.normalize ? s.normalize("NFKC") : s).toLowerCase().replace(QUOTES, ""); }
  function score(r, words) {
    var total = 0, name = norm(r.n), text = null;
    for (var j = 0; j < words.length; j++) {
      var w = words[j], best = 0;
      for (var i = 0; i < WEIGHTS.length; i++) {
        var v = r[WEIGHTS[i][0]];
        if (v && WEIGHTS[i][1] > best && norm(v).indexOf(w) >= 0) best = WEIGHTS[i][1];
      }
      if (!best) {
        if (text === null) text = norm(texts[r.u] || "");
        if (text.indexOf(w) >= 0) best = TEXT;
      }
      if (!best) return 0;
      total += best + (name.indexOf(w) === 0 ? START : 0);
    }
    return total;
  }
  function show(q) {
    var words = norm(q).split(/\s+/).filter(function (w) { return w; }), found = [];
    last = q;
    list.innerHTML = "";
    if (!words.length) { status.textContent = say("empty"); return; }
    for (var i = 0; i < rows.length; i++) {
      var s = score(rows[i], words);
      if (s) found.push([s, rows[i]]);
    }
    found.sort(function (a, b) {
      return (b[0] - a[0]) || ((KINDS[a[1].t || "power"] || 0) - (KINDS[b[1].t || "power"] || 0)) ||
        (a[1].n.length - b[1].n.length) || (a[1].u < b[1].u ? -1 : a[1].u > b[1].u ? 1 : 0);
    });
    status.textContent = found.length ? say("found", found.length, q) : say("none", 0, q);
    for (var k = 0; k < found.length; k++) {
      var r = found[k][1], li = document.createElement("li"), a = document.createElement("a"), meta = document.createElement("span");
      a.href = root + r.u; a.textContent = r.n;
      meta.className = "meta";
      meta.textContent = r.t ? status.getAttribute("data-kind-" + r.t) + " · " + r.d
        : r.c + " · " + r.d + " · " + r.k + (r.s ? " · " + r.s : "");
      li.appendChild(a); li.appendChild(document.createTextNode(" ")); li.appendChild(meta); list.appendChild(li);
    }
    list.setAttribute("data-query", q);
    if (window.powercatFulltext) window.powercatFulltext(q);
  }
  function get(path, done, failed) {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", root + path);
    xhr.onload = function () { if (xhr.status === 200) done(JSON.parse(xhr.responseText)); else if (failed) failed(); };
    xhr.onerror = failed || function () {};
    xhr.send();
  }
  var m = /[?&]q=([^&]*)/.exec(location.search), q = m ? decodeURIComponent(m[1].replace(/\+/g, " ")) : "";
  input.value = q;
  get("search/index.json", function (data) {
    rows = data;
    if (q) show(q);
    input.addEventListener("input", function () { show(input.value); });
    get("search/text.json", function (data) { texts = data; if (last) show(last); });
  }, function () { status.textContent = say("failed"); });
  document.getElementById("search-form").addEventListener("submit", function (e) {
    if (!rows) return;
    e.preventDefault(); show(input.value);
    if (history.replaceState) history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
  });
})();
