/* Remembers the large-text and high-contrast switches across pages. Without JavaScript the two switches still work
   on the page (CSS :has()); this only keeps them on while browsing. */
(function () {
  var keys = { "pc-large": "large", "pc-contrast": "contrast" };
  var html = document.documentElement;
  function store(k, v) { try { localStorage.setItem("powercat-" + k, v ? "1" : ""); } catch (e) {} }
  function stored(k) { try { return localStorage.getItem("powercat-" + k) === "1"; } catch (e) { return false; } }
  Object.keys(keys).forEach(function (id) {
    var box = document.getElementById(id), cls = "pc-" + keys[id];
    if (!box) return;
    if (stored(keys[id])) { box.checked = true; }
    html.classList.toggle(cls, box.checked);
    box.addEventListener("change", function () {
      store(keys[id], box.checked);
      html.classList.toggle(cls, box.checked);
    });
  });
})();
