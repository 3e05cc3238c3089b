/* Pagefind's full-text hits, added at the end of the one result list (after search.js's ranked
   results, leaving out pages already listed). A module: old browsers skip it, and search.js keeps
   working alone. The index is one bundle per department (powercat.site.fulltext). */
const root = document.body.getAttribute("data-root") || "";
const list = document.getElementById("results");
const QUOTES = /["'\u201c\u201d\u2018\u2019\u300a\u300b\u3008\u3009\u300c\u300d\u300e\u300f]/g;
let pagefind = null, seq = 0;

function excerpt(html) {  // keep Pagefind's <mark>, escape everything else
  const div = document.createElement("div");
  div.textContent = html.replace(/<\/?mark>/g, "\u0001");
  return div.innerHTML.replace(/\u0001([^\u0001]*)\u0001/g, "<mark>$1</mark>").replace(/\u0001/g, "");
}

async function run(q) {
  const mine = ++seq;
  q = q.normalize("NFKC").replace(QUOTES, "").trim();
  if (!q || !pagefind) return;
  const search = await pagefind.debouncedSearch(q, {}, 250);
  if (search === null || mine !== seq) return;
  const items = await Promise.all(search.results.slice(0, 30).map((r) => r.data()));
  if (mine !== seq || list.getAttribute("data-query") === null) return;
  const shown = new Set(Array.from(list.querySelectorAll("a")).map((a) => new URL(a.href, location.href).pathname));
  for (const item of items) {
    const url = new URL(item.url, location.href);
    if (shown.has(url.pathname)) continue;
    shown.add(url.pathname);
    const li = document.createElement("li"), a = document.createElement("a"), p = document.createElement("p");
    li.className = "fulltext";
    a.href = item.url; a.textContent = (item.meta && item.meta.title) || item.url;
    p.className = "excerpt"; p.innerHTML = excerpt(item.excerpt || "");
    li.append(a, p); list.append(li);
  }
}

try {
  const base = new URL(root || "./", location.href);
  // one Pagefind bundle per department (pagefind/bundles.json): the first runs, the others merge in
  const bundles = await (await fetch(new URL("pagefind/bundles.json", base).href)).json();
  const found = await import(new URL("pagefind/" + bundles[0] + "/pagefind.js", base).href);
  await found.options({ baseUrl: base.pathname });
  await Promise.all(bundles.slice(1).map((b) =>
    found.mergeIndex(new URL("pagefind/" + b + "/", base).href, { baseUrl: base.pathname })));
  pagefind = found;
  window.powercatFulltext = run;
  if (list.getAttribute("data-query")) run(list.getAttribute("data-query"));
} catch (err) {
  /* no full-text index: the list from search.js stands alone */
}
