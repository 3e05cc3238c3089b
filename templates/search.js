/* Exact-substring search over search/index.json: name, code, department, category.
   Plain ES5 so it runs on old phones; the same logic as powercat.site_search.matches.
   Its words come from the page (data-* of #results-status), in the site's language. */
(function () {
  var root = document.body.getAttribute("data-root") || "";
  var input = document.getElementById("q"), list = document.getElementById("results");
  var status = document.getElementById("results-status"), rows = null;
  function say(name, n, q) {
    return (status.getAttribute("data-" + name) || "").replace("{n}", n).replace("{q}", q);
  }
  var QUOTES = /["'\u201c\u201d\u2018\u2019\u300a\u300b\u3008\u3009\u300c\u300d\u300e\u300f]/g;
  function norm(s) { return (s.normalize ? s.normalize("NFKC") : s).toLowerCase().replace(QUOTES, ""); }
  function show(q) {
    var words = norm(q).split(/\s+/).filter(function (w) { return w; }), found = [];
    list.innerHTML = "";
    if (!words.length) { status.textContent = say("empty"); return; }
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i], hay = norm([r.n, r.c, r.d, r.k].join(" ")), ok = true;
      for (var j = 0; j < words.length && ok; j++) ok = hay.indexOf(words[j]) >= 0;
      if (ok) found.push(r);
    }
    status.textContent = found.length ? say("found", found.length, q) : say("none", 0, q);
    for (var k = 0; k < found.length; k++) {
      var li = document.createElement("li"), a = document.createElement("a"), meta = document.createElement("span");
      a.href = root + found[k].u; a.textContent = found[k].n;
      meta.className = "meta";
      meta.textContent = found[k].c + " · " + found[k].d + " · " + found[k].k + (found[k].s ? " · " + found[k].s : "");
      li.appendChild(a); li.appendChild(document.createTextNode(" ")); li.appendChild(meta); list.appendChild(li);
    }
  }
  var m = /[?&]q=([^&]*)/.exec(location.search), q = m ? decodeURIComponent(m[1].replace(/\+/g, " ")) : "";
  input.value = q;
  var xhr = new XMLHttpRequest();
  xhr.open("GET", root + "search/index.json");
  xhr.onload = function () {
    rows = JSON.parse(xhr.responseText);
    if (q) show(q);
    input.addEventListener("input", function () { show(input.value); });
  };
  xhr.onerror = function () { status.textContent = say("failed"); };
  xhr.send();
  document.getElementById("search-form").addEventListener("submit", function (e) {
    if (!rows) return;
    e.preventDefault(); show(input.value);
    if (history.replaceState) history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
  });
})();
