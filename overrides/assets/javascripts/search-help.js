/*
 * The search box's words around Material's results (overrides/partials/search.html):
 * counts in plain words ("3 groups") and, when nothing matched, help instead of a dead end:
 * the closest words, the needs, Find help and a phone number.
 *
 * Loaded before Material's bundle so that it sees the search worker as it is made: it
 * hears the worker's answers (search_worker.js adds `suggestions` and `needs` when nothing
 * matched) and asks it to fetch the index as soon as the search box gets focus.
 */
(function () {
  "use strict"
  var RESULT = 3
  var worker = null
  var answer = null
  var Native = window.Worker
  window.Worker = function (url, options) {
    var made = new Native(url, options)
    if (String(url).indexOf("/workers/search.") !== -1) {
      worker = made
      made.addEventListener("message", function (event) {
        if (event.data && event.data.type === RESULT) answer = event.data.data
      })
    }
    return made
  }

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many)
  }

  function setUp() {
    var input = document.querySelector(".md-search__input")
    var meta = document.querySelector(".md-search-result__meta")
    var help = document.querySelector("[data-dir-search-help]")
    if (!input || !meta || !help) return
    var base = new URL(JSON.parse(document.getElementById("__config").textContent).base, location)

    input.addEventListener("focus", function () {
      if (worker) worker.postMessage({ type: "prepare" })
    }, { once: true })

    help.addEventListener("click", function (event) {
      var word = event.target.closest("[data-dir-suggestion]")
      if (!word) return
      input.value = word.textContent
      input.dispatchEvent(new KeyboardEvent("keyup", { key: "Enter", bubbles: true }))
      input.focus()
    })

    function show() {
      var query = input.value.trim()
      var now = meta.textContent.trim()
      if (!answer || !query || !now || meta.dataset.dirShown === now) return
      var items = answer.items
      var groups = items.filter(function (item) { return item[0].location.indexOf("groups/") === 0 })
      var words = []
      if (groups.length) words.push(plural(groups.length, "group", "groups"))
      if (items.length > groups.length)
        words.push(plural(items.length - groups.length, "other page", "other pages"))
      var text = words.length ? words.join(" and ") : "Nothing found for “" + query + "”"
      help.hidden = items.length > 0
      if (!items.length) fill(answer)
      meta.textContent = text
      meta.dataset.dirShown = text
    }

    function fill(data) {
      var suggestions = data.suggestions || []
      var guess = help.querySelector("[data-dir-suggest]")
      guess.hidden = !suggestions.length
      var list = guess.querySelector("span")
      list.textContent = ""
      suggestions.forEach(function (word, i) {
        if (i) list.append(i === suggestions.length - 1 ? " or " : ", ")
        var button = document.createElement("button")
        button.type = "button"
        button.setAttribute("data-dir-suggestion", "")
        button.textContent = word
        list.append(button)
      })
      var needs = help.querySelector("[data-dir-needs]")
      needs.textContent = ""
      ;(data.needs || []).forEach(function (need) {
        var link = document.createElement("a")
        link.href = new URL(need.location, base).href
        link.innerHTML = need.title  // escaped at build time, as Material inserts titles
        var item = document.createElement("li")
        item.append(link)
        needs.append(item)
      })
    }

    new MutationObserver(show).observe(meta, { childList: true, characterData: true, subtree: true })
    input.addEventListener("input", function () { if (!input.value.trim()) help.hidden = true })
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp)
  else setUp()
})()
