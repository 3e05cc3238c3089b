/* Full-text search beside the exact one, with Pagefind's index (pagefind/). A module: old
   browsers skip it, and the exact search above keeps working. Its words: data-* of #fulltext-status. */
const root = document.body.getAttribute("data-root") || "";
const input = document.getElementById("q");
const section = document.getElementById("fulltext-section");
const status = document.getElementById("fulltext-status");
const list = document.getElementById("fulltext-results");
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
  list.innerHTML = "";
  if (!q) { status.textContent = ""; return; }
  const search = await pagefind.debouncedSearch(q, {}, 250);
  if (search === null || mine !== seq) return;
  const items = await Promise.all(search.results.slice(0, 30).map((r) => r.data()));
  if (mine !== seq) return;
  const said = status.getAttribute(items.length ? "data-found" : "data-none") || "";
  status.textContent = said.replace("{n}", search.results.length);
  for (const item of items) {
    const li = document.createElement("li"), a = document.createElement("a"), p = document.createElement("p");
    a.href = item.url; a.textContent = (item.meta && item.meta.title) || item.url;
    p.className = "excerpt"; p.innerHTML = excerpt(item.excerpt || "");
    li.append(a, p); list.append(li);
  }
}

try {
  const base = new URL(root || "./", location.href);
  pagefind = await import(new URL("pagefind/pagefind.js", base).href);
  await pagefind.options({ baseUrl: base.pathname });
  section.hidden = false;
  input.addEventListener("input", () => run(input.value));
  document.getElementById("search-form").addEventListener("submit", () => run(input.value));
  if (input.value) run(input.value);
} catch (err) {
  /* no full-text index: the exact search still works */
}
