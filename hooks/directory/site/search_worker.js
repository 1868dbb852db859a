/*
 * The site's search worker, served after lunr.js in one file under the name of Material's
 * worker (searchindex.py). Material's search box talks to it; lunr answers.
 *
 * The index is built at build time with Python lunr (searchindex.py) and fetched, with
 * what each result shows, on the first search: not on page load. It comes packed (each
 * term's documents and counts); `unpack` makes the lunr.Index that lunr.Index.load would
 * make from lunr's own serialization, four times the size. Queries are folded as
 * the index text was (case, accents, punctuation) and stemmed by lunr's stemmer. Each
 * word typed becomes one lunr clause whose terms are: the word, words it begins (3+
 * letters), words one typo away (5+ letters; two for 9+), and compounds ("food bank" ~
 * "foodbank"). Results with every word come first, ranked by lunr; then those with
 * most of the words.
 *
 * Messages (Material 9.8): SETUP {config, docs, options} -> READY;
 * "prepare" (from overrides/assets/javascripts/search-help.js on focus) -> fetch the index;
 * QUERY "text" -> RESULT {items: [[page, ...sections], ...]}; when nothing matched,
 * RESULT also carries `suggestions` (closest indexed words) and `needs` (the need pages),
 * for the help overrides/main.html shows.
 */
"use strict"

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
const MARKED = 100  // results with the typed words marked: people refine, not scroll
const EXACT = 10, BEGINS = 3, JOINED = 10, SPLIT = 5  // extra boosts over a typo's 1

let config = null
let loading = null  // the index's fetch, once started
let site = null  // {index, docs, words, pages}
let pending = null

/** As searchindex.fold: "Men's Café (ESOL)" -> "mens cafe esol". */
function fold(text) {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
    .replace(/['’`]/g, "").replace(/[^\p{L}\p{N}]+/gu, " ").trim()
}

const stem = word => lunr.stemmer(new lunr.Token(word)).toString()
const isStopWord = word => lunr.stopWordFilter(new lunr.Token(word)) === undefined

// A clause may carry its own set of terms (lunr builds one from a single term otherwise).
const fromClause = lunr.TokenSet.fromClause
lunr.TokenSet.fromClause = clause => clause.tokenSet || fromClause(clause)

/**
 * A lunr.Index from searchindex.build_index: what lunr.Index.load makes from lunr's own
 * serialization, made from each term's documents and counts. A term's postings are built
 * when a query first looks the term up, a document's field vector (BM25 scores, computed
 * as lunr.Builder does) when a query first scores it: a search touches few of either.
 */
function unpack(packed) {
  const fields = packed.fields.map(([name]) => name)
  const documents = packed.documents, rows = fields.length * documents  // row: field, doc
  // Pass 1: postings per row, each row's length (its terms' counts summed, as lunr counts
  // a field's tokens) and each term's document count (lunr.idf's).
  const size = new Uint32Array(rows + 1), length = new Uint32Array(rows)
  const seen = new Uint32Array(packed.terms.length)
  packed.postings.forEach((flat, term) => {
    for (let i = 0; i < flat.length;) {
      const base = flat[i] * documents, n = flat[i + 1]
      seen[term] += n
      let ref = 0
      i += 2
      for (let k = 0; k < n; k++) {
        ref += flat[i] >> 1
        const count = flat[i] & 1 ? flat[++i] : 1
        size[base + ref + 1] += 1
        length[base + ref] += count
        i++
      }
    }
  })
  for (let row = 0; row < rows; row++) size[row + 1] += size[row]
  // Pass 2: each row's terms and counts, in term order (lunr.Vector keeps them sorted).
  const termOf = new Uint32Array(size[rows]), countOf = new Uint16Array(size[rows])
  const filled = size.slice(0, rows)
  packed.postings.forEach((flat, term) => {
    for (let i = 0; i < flat.length;) {
      const base = flat[i] * documents, n = flat[i + 1]
      let ref = 0
      i += 2
      for (let k = 0; k < n; k++) {
        ref += flat[i] >> 1
        const count = flat[i] & 1 ? flat[++i] : 1
        const at = filled[base + ref]++
        termOf[at] = term
        countOf[at] = count
        i++
      }
    }
  })
  const average = fields.map((_, f) => {
    let sum = 0
    for (let d = 0; d < documents; d++) sum += length[f * documents + d]
    return sum / documents
  })
  const idf = Array.from(seen, n => Math.log(1 + Math.abs((documents - n + 0.5) / (n + 0.5))))
  const boost = new Float64Array(documents)
  let next = 0
  for (const [value, n] of packed.boosts) boost.fill(value, next, next += n)

  const { k1, b } = packed
  const vectors = new Map()
  const fieldNumber = new Map(fields.map((name, f) => [name, f]))
  function vector(key) {  // "field/ref", as lunr.FieldRef writes it
    const slash = key.indexOf("/"), f = fieldNumber.get(key.slice(0, slash))
    const ref = Number(key.slice(slash + 1)), row = f * documents + ref
    const norm = k1 * (1 - b + b * (length[row] / average[f]))
    const elements = []
    for (let at = size[row]; at < size[row + 1]; at++) {
      const term = termOf[at], tf = countOf[at]
      let score = idf[term] * ((k1 + 1) * tf) / (norm + tf)
      score *= packed.fields[f][1]
      score *= boost[ref]
      elements.push(term, Math.round(score * 1000) / 1000)
    }
    return new lunr.Vector(elements)
  }
  const fieldVectors = new Proxy({}, {
    get(_, key) {
      if (typeof key !== "string") return undefined
      if (!vectors.has(key)) vectors.set(key, vector(key))
      return vectors.get(key)
    },
  })

  const termNumber = new Map(packed.terms.map((term, i) => [term, i]))
  const postings = new Map()
  function posting(i) {
    const entry = { _index: i }
    for (const name of fields) entry[name] = {}
    const flat = packed.postings[i]
    for (let at = 0; at < flat.length;) {
      const field = entry[fields[flat[at]]], n = flat[at + 1]
      let ref = 0
      at += 2
      for (let k = 0; k < n; k++, at++) {
        ref += flat[at] >> 1
        if (flat[at] & 1) at++
        field[ref] = {}
      }
    }
    return entry
  }
  const invertedIndex = new Proxy({}, {
    has: (_, term) => termNumber.has(term),
    get(_, term) {
      const i = termNumber.get(term)
      if (i === undefined) return undefined
      if (!postings.has(i)) postings.set(i, posting(i))
      return postings.get(i)
    },
  })

  const tokens = new lunr.TokenSet.Builder()
  for (const term of [...packed.terms].sort()) tokens.insert(term)
  tokens.finish()
  return new lunr.Index({
    invertedIndex, fieldVectors, tokenSet: tokens.root, fields,
    pipeline: lunr.Pipeline.load(packed.pipeline),
  })
}

async function load() {
  const url = new URL(`../../../search/${config.index}`, self.location)
  const data = await (await fetch(url)).json()
  const pages = new Map()  // page path -> the doc of the page itself
  data.docs.forEach((doc, ref) => { if (!doc.location.includes("#")) pages.set(doc.location, ref) })
  site = { index: unpack(data.index), docs: data.docs, words: data.words, pages }
}

function expand(tokenSet) {
  return site.index.tokenSet.intersect(tokenSet).toArray()
}

/** For each word typed (stop words aside), the indexed terms it may mean, with boosts. */
function plan(query) {
  const typed = fold(query).split(" ").filter(word => word && !isStopWord(word))
  const has = term => term in site.index.invertedIndex
  return typed.map((word, i) => {
    const terms = new Map()
    const add = (term, boost) => terms.set(term, Math.max(terms.get(term) || 0, boost))
    const s = stem(word)
    if (has(s)) add(s, EXACT)
    if (word.length >= 3)
      for (const term of expand(lunr.TokenSet.fromString(`${s}*`))) add(term, BEGINS)
    const typos = word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0
    if (typos)
      for (const term of expand(lunr.TokenSet.fromFuzzyString(s, typos))) add(term, 1)
    for (const joined of [typed[i - 1] + word, word + typed[i + 1]])
      if (!joined.includes("undefined") && has(stem(joined))) add(stem(joined), JOINED)
    if (!has(s))  // "foodbank": food + bank
      for (let k = 3; k <= word.length - 3; k++) {
        const [a, b] = [stem(word.slice(0, k)), stem(word.slice(k))]
        if (has(a) && has(b)) { add(a, SPLIT); add(b, SPLIT) }
      }
    return { word, terms }
  })
}

function run(words) {
  const clause = (terms, boost) => ({
    term: "", usePipeline: false, boost, tokenSet: lunr.TokenSet.fromArray(terms.sort()),
  })
  return site.index.query(q => {
    for (const { terms } of words) {
      q.clause(clause([...terms.keys()], 1))
      // Then each boost once, with all its terms: lunr adds a term's boosts up, so this
      // weighs each term as one clause per term did, and reads its documents once.
      const byBoost = new Map()
      for (const [term, boost] of terms)
        if (boost > 1) byBoost.set(boost, [...byBoost.get(boost) || [], term])
      for (const [boost, some] of [...byBoost].sort((a, b) => a[0] - b[0]))
        q.clause(clause(some, boost))
    }
  })
}

function search(query) {
  const words = plan(query)
  if (!words.length) return { items: [] }
  const found = new Map()  // hit -> the typed words it has
  for (const hit of run(words)) {
    const terms = Object.keys(hit.matchData.metadata)
    found.set(hit, words.filter(w => terms.some(term => w.terms.has(term))))
  }
  // Results with every word, then those with most of them. One optional query gives
  // both: lunr scores a document alike whether a clause is required or optional (presence
  // only filters), and a required query cost twice as much as this one.
  const every = [], some = []
  for (const [hit, has] of found) (has.length === words.length ? every : some).push(hit)
  some.sort((a, b) => found.get(b).length - found.get(a).length || b.score - a.score)
  const hits = [...every, ...some]
  if (!hits.length) return { items: [], suggestions: suggest(words), needs: needPages() }

  // Group by page, the page's own entry first, as Material's result list expects.
  const groups = new Map()
  for (const hit of hits) {
    const doc = site.docs[Number(hit.ref)]
    const path = doc.location.split("#")[0]
    if (!groups.has(path)) groups.set(path, [])
    const terms = Object.fromEntries(found.get(hit).map(w => [w.word, true]))
    const result = { ...doc, score: hit.score, terms }
    groups.get(path).push(groups.size <= MARKED ? marked(result, hit) : result)
  }
  for (const [path, group] of groups)
    if (!group.some(item => item.location === path) && site.pages.has(path))
      group.unshift({ ...site.docs[site.pages.get(path)], score: 0, terms: {} })
  return { items: [...groups.values()] }
}

/** The result with the words that matched marked, outside tags and entities. */
function marked(result, hit) {
  const stems = new Set(Object.keys(hit.matchData.metadata))
  const mark = html => html.split(/(<[^>]*>|&[#\w]+;)/).map(part =>
    /^[<&]/.test(part) ? part : part.replace(/[\p{L}\p{N}'’]+/gu, word =>
      stems.has(stem(fold(word).replace(/ /g, ""))) ? `<mark>${word}</mark>` : word)
  ).join("")
  return { ...result, title: mark(result.title), text: mark(result.text) }
}

/** Up to three indexed words closest to the words that found nothing. */
function suggest(words) {
  const found = []
  for (const { word, terms } of words) {
    if (terms.size) continue
    for (const term of expand(lunr.TokenSet.fromFuzzyString(stem(word), 2))) {
      const shown = site.words[term]
      if (shown && shown !== word) found.push([distance(word, shown), shown])
    }
  }
  found.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1))
  return [...new Set(found.map(([, shown]) => shown))].slice(0, 3)
}

function distance(a, b) {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const next = [i]
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] !== b[j - 1]))
    row = next
  }
  return row[b.length]
}

function needPages() {
  return site.docs.filter(doc => /^needs\/[^/#]+\/$/.test(doc.location))
    .map(({ location, title }) => ({ location, title }))
}

function answer(query) {
  let data = { items: [] }
  try {
    data = search(query)
  } catch (error) {
    console.warn(`Invalid query: ${query}`, error)
  }
  postMessage({ type: RESULT, data })
}

/** Fetch and load the index once: on the first search, or when the search box has focus. */
function prepare() {
  loading = loading || load().catch(error => {
    loading = null
    throw error
  })
  return loading
}

addEventListener("message", ({ data: message }) => {
  if (message.type === SETUP) {
    config = message.data.config
    postMessage({ type: READY })
  } else if (message.type === "prepare") {
    prepare().catch(error => console.warn("Search index not loaded", error))
  } else if (message.type === QUERY) {
    if (!message.data.trim()) return postMessage({ type: RESULT, data: { items: [] } })
    if (site) return answer(message.data)
    const waiting = pending !== null
    pending = message.data  // answer only the latest query once the index is here
    if (!waiting) prepare().then(() => answer(pending), error => {
      console.warn("Search index not loaded", error)
      postMessage({ type: RESULT, data: { items: [] } })
    }).finally(() => { pending = null })
  }
})
