/* Find help: filters, open now, near me and the shortlist.
 *
 * Need and neighbourhood pages carry their groups as cards with data-slug; this script
 * hides, shows and reorders them, using data/find.json (made by
 * hooks/directory/site/finder.py). Find help carries only its first cards and the
 * shortlist none: they draw cards from data/cards.json and data/shortlist.json
 * (hooks/directory/site/carddata.py), a page of them at a time.
 * Opening times follow the rules in hooks/directory/data/opening.py, in London time whatever
 * the device's time zone; keep the two in step (tests/browser/test_find.py compares them).
 * Bank holidays, term dates and closures come worked out in find.json: no date logic here
 * beyond reading those lists.
 * No network requests except find.json from this site; location is asked for only when
 * someone presses "Use my location", and never leaves the device.
 */
(function () {
  "use strict";

  var STORE = "directory-shortlist";
  var DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  var MINUTE = 60000;
  var DAY = 86400000;
  var HORIZON_DAYS = 370;
  var PAGE = 50; // cards drawn at a time, as pages.PAGE_SIZE
  // The page's language: translations of the sentences below, from pages.localised
  // (finder.FIND_WORDS); English pages have none and keep the English.
  var WORDS = (function () {
    var el = document.getElementById("dir-words");
    try { return el ? JSON.parse(el.textContent) : {}; } catch (e) { return {}; }
  })();
  function t(text, values) {
    var out = WORDS[text] || text;
    Object.keys(values || {}).forEach(function (key) {
      out = out.split("{" + key + "}").join(values[key]);
    });
    return out;
  }
  var FILTERS = ["need", "place", "day", "lang", "route", "age", "free", "step", "open", "near"];

  // --- London time ---------------------------------------------------------------------

  var londonClock = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London", year: "numeric", month: "numeric", day: "numeric",
    hour: "numeric", minute: "numeric", second: "numeric", hourCycle: "h23"
  });

  /* London wall-clock time at instant `ms`, as milliseconds "as if it were UTC". */
  function wall(ms) {
    var p = {};
    londonClock.formatToParts(new Date(ms)).forEach(function (part) { p[part.type] = part.value; });
    return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour % 24, +p.minute, +p.second);
  }

  function offset(ms) { return wall(ms) - Math.floor(ms / 1000) * 1000; }

  /* Calendar days are whole numbers (days since 1970-01-01). */
  function londonDay(ms) { return Math.floor(wall(ms) / DAY); }
  function weekday(day) { return (new Date(day * DAY).getUTCDay() + 6) % 7; } // Monday 0
  function isoDate(day) { return new Date(day * DAY).toISOString().slice(0, 10); }
  function minutes(hhmm) { return +hhmm.slice(0, 2) * 60 + +hhmm.slice(3, 5); }
  function pad(n) { return (n < 10 ? "0" : "") + n; }

  /* The first moment London clocks on `day` show `hhmm` or later (opening.wall_instant).
     Remembered, as Intl is slow on phones and groups share a few session times. */
  var instants = new Map();
  function wallInstant(day, hhmm) {
    var key = day + " " + hhmm;
    if (!instants.has(key)) instants.set(key, findInstant(day, hhmm));
    return instants.get(key);
  }

  function findInstant(day, hhmm) {
    var naive = day * DAY + minutes(hhmm) * MINUTE;
    var readings = [naive - offset(naive - DAY), naive - offset(naive + DAY)];
    var real = readings.filter(function (t) { return wall(t) === naive; });
    if (real.length) return Math.min.apply(null, real);
    // The clocks skip this time: find the minute they jump.
    var low = Math.min(readings[0], readings[1]);
    var high = Math.max(readings[0], readings[1]);
    while (high - low > MINUTE) {
      var middle = low + Math.max(1, Math.floor((high - low) / 2 / MINUTE)) * MINUTE;
      if (wall(middle) >= naive) high = middle; else low = middle;
    }
    return high;
  }

  /* Whether a term-time day is in term: true, false, or null when nobody knows (before
     the first term, after the last, or no term dates at all). */
  function inTerm(day, terms) {
    var iso = isoDate(day);
    if (!terms.length || iso < terms[0][0] || iso > terms[terms.length - 1][1]) return null;
    return terms.some(function (term) { return term[0] <= iso && iso <= term[1]; });
  }

  function month(day) { return new Date(day * DAY).getUTCMonth() + 1; }

  function inSeason(session, day) {
    return !session[5].length || session[5].indexOf(month(day)) >= 0;
  }

  /* session: [weekday from Monday 0, opens, closes, weeks of month, term time only,
     months 1-12, from, until, season words] (opening.group_find_data).
     true, false, or null when nobody knows (opening.runs_on). */
  function runsOn(session, day, cal) {
    if (weekday(day) !== session[0]) return false;
    var week = Math.floor((new Date(day * DAY).getUTCDate() - 1) / 7) + 1;
    if (session[3].length && session[3].indexOf(week) < 0) return false;
    if (!inSeason(session, day)) return false;
    var iso = isoDate(day);
    if ((session[6] && iso < session[6]) || (session[7] && iso > session[7])) return false;
    return session[4] ? inTerm(day, cal.terms) : true;
  }

  /* Why the group is shut all day, or null (opening.closed_because). */
  function closedBecause(group, day, cal) {
    var iso = isoDate(day);
    if (!cal.bankHolidaySet) cal.bankHolidaySet = new Set(cal.bankHolidays);
    if (!group.bankHolidayOpen && cal.bankHolidaySet.has(iso)) return "bank holiday";
    var own = group.closed.filter(function (c) { return c[0] <= iso && iso <= c[1]; })[0];
    if (own) return own[2] || "closed";
    if (group.closuresOpen) return null;
    var shared = cal.closures.filter(function (c) { return c[0] <= iso && iso <= c[1]; })[0];
    return shared ? shared[2] : null;
  }

  /* Each span: [opens, closes, known, session], in time order. */
  function spans(group, day, cal) {
    if (closedBecause(group, day, cal)) return [];
    var found = [];
    group.sessions.forEach(function (s) {
      var runs = runsOn(s, day, cal);
      if (runs !== false) found.push([wallInstant(day, s[1]), wallInstant(day, s[2]), runs === true, s]);
    });
    return found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
  }

  function openUntil(group, now, cal) {
    var until = null;
    spans(group, londonDay(now), cal).forEach(function (span) {
      if (!span[2]) return;
      if ((span[0] <= now && now < span[1]) || (until !== null && span[0] <= until)) {
        until = until === null ? span[1] : Math.max(until, span[1]);
      }
    });
    return until;
  }

  /* The spans that could be the next opening (opening._next). */
  function nextSpans(group, now, cal) {
    var today = londonDay(now);
    for (var ahead = 0; ahead <= HORIZON_DAYS; ahead++) {
      var found = spans(group, today + ahead, cal).filter(function (span) {
        return span[0] > now || (!span[2] && span[1] > now);
      });
      if (found.length) {
        var first = Math.min.apply(null, found.map(function (span) { return span[0]; }));
        return found.filter(function (span) { return span[0] === first; });
      }
    }
    return [];
  }

  function dayName(day) {
    var name = DAYS[weekday(day)];
    return t(name.charAt(0).toUpperCase() + name.slice(1));
  }

  function dateWords(day) {
    var date = new Date(day * DAY);
    return date.getUTCDate() + " " + t(MONTHS[date.getUTCMonth()]);
  }

  /* opening.status and opening.label, in one. */
  function statusLabel(group, now, cal) {
    var until = openUntil(group, now, cal);
    if (until !== null) return { open: true, text: t("Open now until {time}", { time: clock(until) }) };
    var next = nextSpans(group, now, cal);
    if (next.some(function (span) { return !span[2]; })) {
      return { open: false, text: t("Check with the group: term dates not known yet") };
    }
    if (!next.length) {
      return { open: false, text: t(group.appt ? "By appointment" : "Get in touch to check times") };
    }
    var today = londonDay(now);
    var todayIso = isoDate(today);
    var closed = closedBecause(group, today, cal);
    if (closed && !group.sessions.some(function (s) { return runsOn(s, today, cal) !== false; })) {
      closed = null;
    }
    var at = next[0][0];
    var day = londonDay(at);
    var before = !closed ? "" : closed === "closed" ? t("Closed today.") + " "
      : t("Closed today ({reason}).", { reason: closed }) + " ";
    if (next.some(function (span) { return span[3][6] && todayIso < span[3][6]; })) {
      var course = { date: dateWords(day), time: clock(at) };
      return { open: false, text: before + t("Next: {date} {time} (new course)", course) };
    }
    var away = next.filter(function (span) { return !inSeason(span[3], today); })
      .map(function (span) { return span[3][8]; }).sort();
    if (away.length === next.length) before += t("Runs {season}.", { season: away[0] }) + " ";
    var ahead = day - today;
    var when = ahead === 0 ? t("today") : ahead < 7 ? dayName(day) : dayName(day) + " " + dateWords(day);
    return { open: false, text: before + t("Opens {when} {time}", { when: when, time: clock(at) }) };
  }

  function clock(ms) {
    var w = new Date(wall(ms));
    return pad(w.getUTCHours()) + ":" + pad(w.getUTCMinutes());
  }

  // --- distance --------------------------------------------------------------------------

  /* "M30 0LS", "m300ls" or "M30" -> "M30"; anything else -> null. */
  function district(text) {
    var squashed = String(text).toUpperCase().replace(/\s+/g, "");
    if (/^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$/.test(squashed)) return squashed.slice(0, -3);
    if (/^[A-Z]{1,2}[0-9][A-Z0-9]?$/.test(squashed)) return squashed;
    return null;
  }

  function kilometres(a, b) {
    var rad = Math.PI / 180;
    var dLat = (b[0] - a[0]) * rad;
    var dLon = (b[1] - a[1]) * rad;
    var h = Math.pow(Math.sin(dLat / 2), 2) +
      Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.pow(Math.sin(dLon / 2), 2);
    return 12742 * Math.asin(Math.sqrt(h));
  }

  function distance(group, origin) {
    if (!origin || !group.points.length) return null;
    return Math.min.apply(null, group.points.map(function (p) { return kilometres(origin, p); }));
  }

  function miles(km) {
    var m = km * 0.621371;
    return (m < 10 ? m.toFixed(1) : Math.round(m)) + " miles away";
  }

  // --- shortlist -------------------------------------------------------------------------

  function shortlist() {
    try {
      var saved = JSON.parse(localStorage.getItem(STORE) || "[]");
      return Array.isArray(saved) ? saved.filter(function (s) { return typeof s === "string"; }) : [];
    } catch (error) {
      return [];
    }
  }

  function saveShortlist(slugs) {
    try { localStorage.setItem(STORE, JSON.stringify(slugs)); } catch (error) { /* private mode */ }
    syncShortlist();
  }

  function toggle(slug) {
    var slugs = shortlist();
    var at = slugs.indexOf(slug);
    if (at < 0) slugs.push(slug); else slugs.splice(at, 1);
    saveShortlist(slugs);
  }

  function markPicks() {
    var slugs = shortlist();
    document.querySelectorAll(".find-pick").forEach(function (button) {
      button.hidden = false;
      button.setAttribute("aria-pressed", String(slugs.indexOf(button.dataset.pick) >= 0));
    });
    return slugs;
  }

  /* Make `list` hold the cards of `slugs`, in that order: cards already there are kept
     (so focus stays on a pressed button), the others made from `html` (our own card
     markup, escaped when the site was built). */
  function placeCards(list, slugs, html) {
    var have = Object.create(null);
    Array.prototype.forEach.call(list.children, function (card) { have[card.dataset.slug] = card; });
    var wanted = slugs.map(function (slug) {
      if (have[slug]) return have[slug];
      var made = document.createElement("template");
      made.innerHTML = html[slug];
      return made.content.firstElementChild;
    });
    var current = Array.prototype.slice.call(list.children);
    if (current.length !== wanted.length || wanted.some(function (card, i) { return current[i] !== card; })) {
      current.forEach(function (card) { if (wanted.indexOf(card) < 0) list.removeChild(card); });
      wanted.forEach(function (card) { list.appendChild(card); });
    }
    wanted.forEach(function (card) { card.hidden = false; });
    markPicks();
    return wanted;
  }

  function syncShortlist() {
    var slugs = markPicks();
    document.querySelectorAll(".find-shortlist-count").forEach(function (count) {
      count.textContent = slugs.length ? " (" + slugs.length + ")" : "";
    });
    if (shortlistPage) shortlistPage.render();
  }

  function ShortlistPage(box, data, drawn) {
    var params = new URLSearchParams(location.search);
    var known = Object.create(null); // ?g=__proto__ or constructor is no slug of ours
    drawn.order.forEach(function (slug) { known[slug] = true; });
    var shared = params.has("g") ? params.get("g").split(",").filter(function (slug, i, all) {
      return known[slug] && all.indexOf(slug) === i;
    }) : null;
    var status = box.querySelector(".find-count");
    var share = box.querySelector(".find-share");
    var url = box.querySelector("#find-share-url");
    var list = box.querySelector("ul.find-results");
    var qrs = list.getAttribute("data-find-qr");
    var qr = box.querySelector("template.find-qr");

    /* On paper each card is a handout entry with a QR code to its group's page: a small
       file per group (shortlist.py), fetched only for the groups shown. */
    function addQr(card) {
      if (!qrs || !qr || card.querySelector(".dir-qr")) return;
      var img = qr.content.firstElementChild.cloneNode(true);
      var name = card.querySelector(".dir-card-name");
      img.alt = img.alt.split("{name}").join(name ? name.textContent.trim() : "");
      img.setAttribute("src", qrs + encodeURIComponent(card.dataset.slug) + ".svg");
      card.insertBefore(img, card.firstChild);
    }

    this.render = function () {
      var mine = shortlist().filter(function (slug) { return known[slug]; });
      var slugs = shared || mine;
      placeCards(list, slugs, drawn.cards).forEach(addQr);
      renderStatuses(data, Date.now());
      var n = slugs.length + (slugs.length === 1 ? " group" : " groups");
      status.textContent = shared ? n + " shared with you." : slugs.length ? n + " on your shortlist."
        : "Your shortlist is empty. Press \u201cAdd to shortlist\u201d on any group to add it.";
      share.hidden = !slugs.length;
      var link = location.origin + location.pathname + "?g=" + slugs.join(",");
      url.value = link;
      var message = "Groups that could help: " + link;
      box.querySelector(".find-sms").href = "sms:?&body=" + encodeURIComponent(message);
      box.querySelector(".find-email").href = "mailto:?subject=" +
        encodeURIComponent("Groups that could help") + "&body=" + encodeURIComponent(message);
      box.querySelector(".find-keep").hidden = !shared || shared.every(function (slug) {
        return mine.indexOf(slug) >= 0;
      });
      box.querySelector(".find-empty").hidden = !!shared;
    };

    box.querySelector(".find-copy").addEventListener("click", function () {
      var done = function () { status.textContent = "Link copied."; };
      if (navigator.clipboard) {
        navigator.clipboard.writeText(url.value).then(done, function () { url.select(); });
      } else {
        url.select();
        if (document.execCommand("copy")) done();
      }
    });
    box.querySelector(".find-print").addEventListener("click", function () {
      // Wait for the QR codes, so none prints blank on a slow line.
      var codes = Array.prototype.map.call(list.querySelectorAll(".dir-qr"), function (img) {
        return img.decode ? img.decode().catch(function () { /* printed without it */ }) : null;
      });
      Promise.all(codes).then(function () { window.print(); });
    });
    box.querySelector(".find-keep").addEventListener("click", function () {
      var mine = shortlist();
      shared.forEach(function (slug) { if (mine.indexOf(slug) < 0) mine.push(slug); });
      saveShortlist(mine);
    });
    box.querySelector(".find-empty").addEventListener("click", function () { saveShortlist([]); });
    box.hidden = false;
  }

  // --- filters ---------------------------------------------------------------------------

  function readForm(form) {
    var state = {};
    FILTERS.forEach(function (name) {
      var field = form.elements[name];
      if (!field) return;
      state[name] = field.type === "checkbox" ? (field.checked ? "1" : "") : field.value.trim();
    });
    return state;
  }

  function toQuery(state) {
    var params = new URLSearchParams();
    FILTERS.forEach(function (name) { if (state[name]) params.set(name, state[name]); });
    var text = params.toString();
    return text ? "?" + text : "";
  }

  function fillForm(form, params) {
    FILTERS.forEach(function (name) {
      var field = form.elements[name];
      if (!field) return;
      var value = params.get(name) || "";
      if (field.type === "checkbox") {
        field.checked = value === "1";
      } else if (field.tagName === "SELECT") {
        var known = Array.prototype.some.call(field.options, function (o) { return o.value === value; });
        field.value = known ? value : "";
      } else {
        field.value = value;
      }
    });
    var more = form.querySelector(".find-more");
    if (more && ["day", "lang", "route", "age", "near"].some(function (name) {
      return form.elements[name] && form.elements[name].value;
    })) more.open = true;
  }

  function matches(group, state, now, cal) {
    if (state.need && group.needs.indexOf(state.need) < 0) return false;
    if (state.place && group.places.indexOf(state.place) < 0) return false;
    if (state.day && group.days.indexOf(state.day) < 0) return false;
    if (state.lang && group.langs.indexOf(state.lang) < 0) return false;
    if (state.route && group.routes.indexOf(state.route) < 0) return false;
    if (state.free && !group.free) return false;
    if (state.step && !group.step) return false;
    var age = parseInt(state.age, 10);
    if (!isNaN(age)) {
      if (group.ages[0] !== null && age < group.ages[0]) return false;
      if (group.ages[1] !== null && age > group.ages[1]) return false;
    }
    if (state.open && openUntil(group, now, cal) === null) return false;
    return true;
  }

  function Finder(form, data, drawn) {
    // Find help draws its cards (`drawn`); other pages filter the cards they carry.
    var lists = drawn ? [] : Array.prototype.slice.call(document.querySelectorAll("ul.dir-cards"));
    var results = document.querySelector("ul.find-results");
    var more = document.querySelector(".find-more-results");
    var matched = [];
    var limit = PAGE;
    var count = document.querySelector(".find-count");
    var note = form.querySelector(".find-near-note");
    var located = null; // from "Use my location"; never stored or sent

    lists.forEach(function (list) {
      Array.prototype.forEach.call(list.children, function (card, i) { card.dataset.order = i; });
    });

    function origin(state) {
      if (state.near) {
        var code = district(state.near);
        var centre = code && data.districts[code];
        note.textContent = centre ? "Nearest to " + code + " first."
          : "We could not find \u201c" + state.near + "\u201d. Try a Salford postcode such as M30 0LS.";
        return centre || null;
      }
      note.textContent = located ? "Nearest to your location first." : "";
      return located;
    }

    /* The first `limit` matching groups as cards, and how far each is. */
    function draw(from) {
      placeCards(results, matched.slice(0, limit), drawn.cards).forEach(function (card) {
        var away = distance(data.groups[card.dataset.slug], from);
        var slot = card.querySelector(".find-distance");
        if (slot) {
          slot.textContent = away === null ? "" : miles(away);
          slot.hidden = away === null;
        }
      });
      more.hidden = matched.length <= limit;
      renderStatuses(data, Date.now());
    }

    function showMore() {
      if (more.hidden) return;
      limit += PAGE;
      draw(origin(readForm(form)));
    }

    if (drawn) {
      more.querySelector("button").addEventListener("click", showMore);
      if (window.IntersectionObserver) {
        new IntersectionObserver(function (seen) {
          if (seen.some(function (e) { return e.isIntersecting; })) showMore();
        }, { rootMargin: "600px" }).observe(more);
      }
    }

    function applyDrawn(state, now, from) {
      matched = drawn.order.filter(function (slug) {
        return data.groups[slug] && matches(data.groups[slug], state, now, data);
      });
      if (from) {
        var away = Object.create(null);
        matched.forEach(function (slug) {
          var km = distance(data.groups[slug], from);
          away[slug] = km === null ? Infinity : km;
        });
        matched.sort(function (a, b) { return away[a] - away[b]; }); // stable: A to Z within
      }
      draw(from);
      return [matched.length, drawn.order.length];
    }

    function apply(keep) {
      var state = readForm(form);
      var now = Date.now();
      var from = origin(state);
      if (!keep) limit = PAGE;
      var shown = Object.create(null);
      var all = Object.create(null);
      lists.forEach(function (list) {
        var cards = Array.prototype.slice.call(list.querySelectorAll(":scope > li[data-slug]"));
        cards.forEach(function (card) {
          var group = data.groups[card.dataset.slug];
          if (!group) return;
          all[card.dataset.slug] = true;
          card.hidden = !matches(group, state, now, data);
          if (!card.hidden) shown[card.dataset.slug] = true;
          var away = distance(group, from);
          card.dataset.distance = away === null ? "" : away;
          var slot = card.querySelector(".find-distance");
          if (slot) {
            slot.textContent = away === null ? "" : miles(away);
            slot.hidden = away === null;
          }
        });
        cards.sort(function (a, b) {
          if (from) {
            var da = a.dataset.distance === "" ? Infinity : +a.dataset.distance;
            var db = b.dataset.distance === "" ? Infinity : +b.dataset.distance;
            if (da !== db) return da - db;
          }
          return a.dataset.order - b.dataset.order;
        });
        var order = Array.prototype.slice.call(list.children);
        if (cards.some(function (card, i) { return order[i] !== card; })) {
          cards.forEach(function (card) { list.appendChild(card); });
        }
        var heading = list.previousElementSibling;
        var empty = !cards.some(function (card) { return !card.hidden; });
        if (heading && heading.tagName === "H2") {
          heading.hidden = empty;
          var link = document.querySelector('.dir-list nav a[href="#' + CSS.escape(heading.id) + '"]');
          if (link) link.parentElement.hidden = empty;
        }
        list.hidden = empty;
      });
      var n = Object.keys(shown).length;
      var total = Object.keys(all).length;
      if (drawn) {
        var both = applyDrawn(state, now, from);
        n = both[0];
        total = both[1];
      }
      var shownOf = { n: n, total: total };
      count.textContent = n ? (from ? t("Showing {n} of {total} groups, nearest first.", shownOf)
        : t("Showing {n} of {total} groups.", shownOf)) : t(document.querySelector(".dir-helplines")
          ? "No groups match. Try removing a filter, or call a helpline above."
          : "No groups match. Try removing a filter.");
      return state;
    }

    function update(push) {
      var query = toQuery(apply());
      if (push && query !== location.search) {
        history.pushState(null, "", location.pathname + query + location.hash);
      }
    }

    form.addEventListener("change", function () { update(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); update(true); });
    form.elements.near.addEventListener("input", function () { located = null; });
    form.querySelector(".find-clear").addEventListener("click", function () {
      form.reset();
      located = null;
      update(true);
    });
    form.querySelector(".find-locate").addEventListener("click", function () {
      if (!navigator.geolocation) {
        note.textContent = "This browser cannot share its location. Type your postcode instead.";
        return;
      }
      note.textContent = "Finding your location\u2026";
      navigator.geolocation.getCurrentPosition(function (position) {
        located = [position.coords.latitude, position.coords.longitude];
        form.elements.near.value = "";
        update(true);
      }, function () {
        note.textContent = "We could not get your location. Type your postcode instead.";
      }, { timeout: 15000, maximumAge: 600000 });
    });
    window.addEventListener("popstate", function () {
      fillForm(form, new URLSearchParams(location.search));
      apply();
    });
    // Open now changes with the clock: refresh every minute.
    setInterval(function () {
      renderStatuses(data, Date.now());
      if (form.elements.open.checked) apply(true);
    }, MINUTE);

    fillForm(form, new URLSearchParams(location.search));
    apply();
    renderStatuses(data, Date.now());
  }

  function renderStatuses(data, now) {
    document.querySelectorAll("[data-slug]").forEach(function (holder) {
      var slot = holder.querySelector(".find-status");
      var group = data.groups[holder.dataset.slug];
      if (!slot || !group) return;
      var status = statusLabel(group, now, data);
      slot.textContent = status.text;
      slot.classList.toggle("find-status-open", status.open);
    });
  }

  /* Show the form and the open-now lines at once, before find.json arrives, with room
     kept for their text (site.css), so the page does not jump when it does. */
  function reveal(shown) {
    var form = document.querySelector("form.find-form");
    if (form) form.hidden = !shown;
    document.querySelectorAll("[data-slug] .find-status").forEach(function (s) { s.hidden = !shown; });
    document.querySelectorAll(".find-nojs").forEach(function (p) { p.hidden = shown; });
  }

  // --- start -----------------------------------------------------------------------------

  function fetchJson(address) {
    return fetch(new URL(address, location.href)).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    });
  }

  var shortlistPage = null;

  function start() {
    document.documentElement.classList.add("find-js");
    var box = document.querySelector(".find-shortlist");
    if (box) document.querySelectorAll(".find-nojs").forEach(function (p) { p.hidden = true; });
    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest(".find-pick");
      if (button) toggle(button.dataset.pick);
    });
    window.addEventListener("storage", function (event) { if (event.key === STORE) syncShortlist(); });
    syncShortlist();

    // A group's own page carries its data inline: no need to fetch every group's.
    var inline = document.querySelector("[data-find-group]");
    var source = document.querySelector("[data-find-json]");
    if (!source && !inline) return;
    reveal(true);
    var cards = document.querySelector("[data-find-cards]");
    var loaded = Promise.all([
      inline ? JSON.parse(inline.getAttribute("data-find-group"))
        : fetchJson(source.getAttribute("data-find-json")),
      cards ? fetchJson(cards.getAttribute("data-find-cards")) : null
    ]);
    loaded
      .then(function (both) {
        var data = both[0];
        var form = document.querySelector("form.find-form");
        if (box) {
          shortlistPage = new ShortlistPage(box, data, both[1]);
          shortlistPage.render();
        }
        if (form) {
          Finder(form, data, both[1]);
        } else {
          renderStatuses(data, Date.now());
          setInterval(function () { renderStatuses(data, Date.now()); }, MINUTE);
        }
        document.documentElement.dataset.find = "ready";
      })
      .catch(function () {
        // Without the data every group stays listed; only the filters are missing.
        reveal(false);
        document.documentElement.dataset.find = "failed";
      });
  }

  start();
})();
