/* The language switcher's choice, kept on this device (localStorage; no cookie, nothing
 * sent). Someone arriving from elsewhere is taken to the page in the language they chose
 * last time; moving around the site never redirects. */
(function () {
  var KEY = "directory-language";
  var links = document.querySelectorAll(".dir-languages a[data-lang]");
  if (!links.length) return;
  function store(code) {
    try { localStorage.setItem(KEY, code); } catch (e) { /* storage off: no memory */ }
  }
  links.forEach(function (link) {
    link.addEventListener("click", function () { store(link.dataset.lang); });
  });
  var chosen = null;
  try { chosen = localStorage.getItem(KEY); } catch (e) { return; }
  var here = document.documentElement.lang;
  var internal = document.referrer && document.referrer.indexOf(location.origin) === 0;
  if (!chosen || chosen === here || internal) return;
  links.forEach(function (link) {
    if (link.dataset.lang === chosen) location.replace(link.href);
  });
})();
