/* The 404 page: when the missing address looks like groups/<slug>/, list the groups whose
   names (or former names) are closest to that slug. data/slugs.json is written by the build
   (site/redirects.py) as [[slug, name, former slugs...], ...]. Without JavaScript the page
   still offers search, needs, neighbourhoods and the phone number. */
(function () {
  "use strict";
  var box = document.getElementById("dir-suggestions");
  var match = /\/groups\/([^/]+)\/?(?:index\.html)?$/.exec(location.pathname);
  if (!box || !match) return;
  var wanted = slugify(decodeURIComponent(match[1]));
  if (!wanted) return;

  function slugify(text) {
    return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  // Dice coefficient of letter pairs: forgiving of typos, cut words and reordering.
  function pairs(text) {
    var found = {};
    for (var i = 0; i < text.length - 1; i++) {
      var pair = text.substr(i, 2);
      found[pair] = (found[pair] || 0) + 1;
    }
    return found;
  }
  function likeness(a, b) {
    if (a === b) return 1;
    if (a.length < 2 || b.length < 2) return 0;
    var left = pairs(a), right = pairs(b), shared = 0;
    for (var pair in left) {
      if (right[pair]) shared += Math.min(left[pair], right[pair]);
    }
    return (2 * shared) / (a.length + b.length - 2);
  }

  fetch(box.dataset.slugs).then(function (response) {
    return response.ok ? response.json() : [];
  }).then(function (rows) {
    var wantedPairs = wanted.replace(/-/g, "");
    var scored = rows.map(function (row) {
      var best = 0;
      [row[0], slugify(row[1])].concat(row.slice(2)).forEach(function (candidate) {
        best = Math.max(best, likeness(wantedPairs, candidate.replace(/-/g, "")));
      });
      return { slug: row[0], name: row[1], score: best };
    }).filter(function (entry) { return entry.score >= 0.4; });
    scored.sort(function (a, b) { return b.score - a.score || (a.name < b.name ? -1 : 1); });
    var list = box.querySelector("ul");
    scored.slice(0, 3).forEach(function (entry) {
      var link = document.createElement("a");
      link.href = box.dataset.root + "groups/" + encodeURIComponent(entry.slug) + "/";
      link.textContent = entry.name;
      var item = document.createElement("li");
      item.appendChild(link);
      list.appendChild(item);
    });
    box.hidden = scored.length === 0;
  }).catch(function () { /* no suggestions: the rest of the page still helps */ });
})();
