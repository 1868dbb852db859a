/*
 * The site's search worker, used in place of Material for MkDocs' own (the hook swaps the
 * file; Material documents custom workers). It speaks the same messages and returns the
 * same results, ranked the same way, but is ready in a fraction of the time.
 *
 * Why: Material's worker builds a lunr.js index in the visitor's browser on every page
 * load before it can answer. At 15,000 groups that takes seconds. Here, getting ready is
 * one pass that counts words into a map; the ranking maths happen per query, for the few
 * terms typed, which takes milliseconds.
 *
 * Ranking is lunr's as Material configures it (tests/test_search.py models it in Python):
 * BM25 with k1 = 1.2 and no length normalisation (b = 0), field and document boosts,
 * every typed word a prefix, then Material's boost for pages (over sections) and for
 * matching more of the words. Query syntax: +word (must), -word (must not), "a b" (both),
 * word* or *word, field:word, word^2.
 *
 * Messages (Material 9.8): SETUP {config, docs, options} -> READY;
 * QUERY "text" -> RESULT {items: [[article, ...sections], ...]}.
 */
"use strict"

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
const K1 = 1.2
const MARKED = 100  // results with the typed words marked

// lunr's English stop words: Material drops them from the index (tests check the list).
const STOP_WORDS = new Set(("a able about across after all almost also am among an and " +
  "any are as at be because been but by can cannot could dear did do does either else " +
  "ever every for from get got had has have he her hers him his how however i if in into " +
  "is it its just least let like likely may me might most must my neither no nor not of " +
  "off often on only or other our own rather said say says she should since so some than " +
  "that the their them then there these they this tis to too twas us wants was we were " +
  "what when where which while who whom why will with would yet you your").split(" "))

const TAG = /<[^>]*>/g

/** The words of a field's HTML as lunr sees them: text only, split, lower case. */
function words(value, separator) {
  let text = Array.isArray(value) ? value.join(" ") : value || ""
  if (text.includes("<")) text = text.replace(TAG, " ")
  return text.toLowerCase().split(separator).filter(Boolean)
}

class Index {
  constructor(config, docs) {
    this.docs = docs
    this.fields = Object.entries(config.fields).map(([name, spec]) => ({
      name, boost: spec.boost || 1
    }))
    this.separator = new RegExp(config.separator)
    const stop = config.pipeline.includes("stopWordFilter")

    // A page's first entry is the page; later ones with the same path are its sections.
    this.pages = new Map()  // path -> entry
    this.isPage = docs.map((doc, d) => {
      const path = doc.location.split("#")[0]
      if (this.pages.has(path)) return false
      this.pages.set(path, d)
      return true
    })

    // term -> [entry, tf, entry, tf, ...] with entry = doc * fields + field.
    this.postings = new Map()
    const nFields = this.fields.length
    docs.forEach((doc, d) => {
      this.fields.forEach((field, f) => {
        const entry = d * nFields + f
        for (const word of words(doc[field.name], this.separator)) {
          if (stop && STOP_WORDS.has(word)) continue
          let list = this.postings.get(word)
          if (!list) this.postings.set(word, list = [])
          if (list[list.length - 2] === entry) list[list.length - 1]++
          else list.push(entry, 1)
        }
      })
    })
    this.terms = [...this.postings.keys()].sort()
  }

  /** lunr's weight of a term in one field of one document (rounded as lunr stores it). */
  weight(idf, tf, f, d) {
    const score = idf * (K1 + 1) * tf / (K1 + tf) * this.fields[f].boost *
      (this.docs[d].boost || 1)
    return Math.round(score * 1000) / 1000
  }

  /** The indexed terms a clause matches. */
  expand({ term, leading, trailing }) {
    if (!leading && !trailing)
      return this.postings.has(term) ? [term] : []
    if (!leading) {  // prefix: a binary search in the sorted terms
      let lo = 0, hi = this.terms.length
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (this.terms[mid] < term) lo = mid + 1; else hi = mid
      }
      const found = []
      for (let i = lo; i < this.terms.length && this.terms[i].startsWith(term); i++)
        found.push(this.terms[i])
      return found
    }
    return this.terms.filter(t => trailing ? t.includes(term) : t.endsWith(term))
  }

  search(query) {
    const clauses = parse(transform(query), this.fields, this.separator).slice(0, 30)
    const nFields = this.fields.length, nDocs = this.docs.length

    // The query vector of each field (lunr: every term a clause expands to, summed boosts);
    // a field's score is its cosine with the document's field vector.
    const expanded = clauses.map(clause => this.expand(clause))
    const vector = this.fields.map(() => new Map())
    clauses.forEach((clause, c) => {
      if (clause.presence === "-") return
      for (const term of expanded[c])
        for (const f of clause.fields)
          vector[f].set(term, (vector[f].get(term) || 0) + clause.boost)
    })
    const magnitude = vector.map(terms =>
      Math.sqrt([...terms.values()].reduce((sum, boost) => sum + boost * boost, 0)))

    const scores = new Float64Array(nDocs)
    const matched = new Int32Array(nDocs)  // bit c: clause c matched the document
    const prohibited = new Uint8Array(nDocs)
    let required = 0
    clauses.forEach((clause, c) => {
      if (clause.presence === "+") required |= 1 << c
      const inClause = this.fields.map((_, f) => clause.fields.includes(f))
      for (const term of expanded[c]) {
        const list = this.postings.get(term)
        const withTerm = list.length / 2  // lunr counts each field a document has it in
        const idf = Math.log(1 + Math.abs((nDocs - withTerm + 0.5) / (withTerm + 0.5)))
        for (let i = 0; i < list.length; i += 2) {
          const f = list[i] % nFields
          if (!inClause[f]) continue
          const d = (list[i] - f) / nFields
          if (clause.presence === "-") { prohibited[d] = 1; continue }
          matched[d] |= 1 << c
          scores[d] += this.weight(idf, list[i + 1], f, d) * clause.boost / magnitude[f]
        }
      }
    })

    // Material: boost pages over sections and documents that match more of the words.
    const shown = clauses
      .map((clause, c) => ({ term: clause.term, c, presence: clause.presence }))
      .filter(clause => clause.presence !== "-")
    const items = []
    for (let d = 0; d < nDocs; d++) {
      if (!matched[d] || prohibited[d] || (matched[d] & required) !== required) continue
      const terms = {}
      for (const { term, c } of shown)
        if (matched[d] & (1 << c)) terms[term] = true
        else if (!(term in terms) && !STOP_WORDS.has(term)) terms[term] = false
      const keys = Object.keys(terms)
      const share = keys.length ? keys.filter(k => terms[k]).length / keys.length : 0
      const boost = (this.isPage[d] ? 1 : 0) + share
      items.push({ d, score: scores[d] * (1 + boost ** 2), terms })
    }
    items.sort((a, b) => b.score - a.score || a.d - b.d)

    // Group by page, the page's own entry first, as Material's result list expects.
    // Words are marked in the first results only: people refine rather than scroll
    // through thousands, and marking every result took most of a query's time.
    const marker = highlighter(shown.map(({ c }) => clauses[c]), this.separator)
    const groups = new Map()
    for (const item of items) {
      const doc = this.docs[item.d]
      const path = doc.location.split("#")[0]
      let group = groups.get(path)
      if (!group) groups.set(path, group = [])
      group.push(groups.size <= MARKED ? this.present(doc, item, marker)
        : { ...doc, score: item.score, terms: item.terms })
    }
    for (const [path, group] of groups)
      if (!group.some(item => item.location === path))
        group.push({ ...this.docs[this.pages.get(path)], score: 0, terms: {} })
    return { items: [...groups.values()] }
  }

  /** A result: the entry with the words typed marked, as Material's worker returns it. */
  present(doc, { score, terms }, marker) {
    const result = { ...doc, score, terms }
    for (const { name } of this.fields) {
      if (Array.isArray(doc[name]))
        result[name] = doc[name].map(value => mark(value, marker))
      else if (typeof doc[name] === "string")
        result[name] = name === "text" ? teaser(doc[name], marker) : mark(doc[name], marker)
    }
    return result
  }
}

/** One pattern for a query: the whole words its clauses match. */
function highlighter(clauses, separator) {
  const escape = text => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
  const rest = `(?:(?!${separator.source})[^<])*`  // the rest of a word
  const alternatives = clauses.map(({ term, leading, trailing }) =>
    (leading ? rest : "") + escape(term) + (trailing ? rest : ""))
  if (!alternatives.length) return null
  return new RegExp(`(^|${separator.source})(${alternatives.join("|")})(?=${separator.source}|$)`, "gi")
}

/** Wrap each matching word in <mark>, outside tags. */
function mark(html, marker) {
  if (!marker) return html
  return html.split(/(<[^>]*>)/).map(part => part.startsWith("<") ? part :
    part.replace(marker, "$1<mark>$2</mark>")
  ).join("")
}

/** Like Material: for long text, the first two blocks with a match, marked. */
function teaser(html, marker) {
  const marked = mark(html, marker)
  if (marked === html) return html
  const blocks = marked.match(/<(p|li|pre|h\d)>[\s\S]*?<\/\1>/g)
  if (!blocks) return marked
  const hits = blocks.filter(block => block.includes("<mark>")).slice(0, 2)
  return hits.length ? hits.join("") : marked
}

/**
 * Material's query transform: quoted words become required, stray operators go, and
 * every word without + or - becomes a prefix.
 */
function transform(query) {
  return query.trim()
    .split(/"([^"]+)"/g)
    .map((part, i) => i & 1 ? part.replace(/^\b|^(?![^\x00-\x7F]|$)|\s+/g, " +") : part)
    .join("")
    .replace(/"|(?:^|\s+)[*+\-:^~]+(?=\s+|$)/g, "")
    .split(/\s+/g)
    .filter(Boolean)
    .map(term => /([~^]$)/.test(term) ? `${term}1` : term)
    .map(term => /(^[+-]|[~^]\d+$)/.test(term) ? term : `${term}*`)
    .join(" ")
}

/** lunr's query syntax, as much of it as a directory needs. */
function parse(query, fields, separator) {
  const clauses = []
  for (const raw of query.split(/\s+/).filter(Boolean)) {
    let text = raw, presence = ""
    if (text[0] === "+" || text[0] === "-") { presence = text[0]; text = text.slice(1) }
    let boost = 1
    text = text.replace(/\^(\d+(?:\.\d+)?)$/, (_, n) => { boost = Number(n); return "" })
    text = text.replace(/~\d+$/, "")  // fuzzy matching is not supported: exact instead
    let only = null
    const colon = text.indexOf(":")
    if (colon > 0) {
      const f = fields.findIndex(field => field.name === text.slice(0, colon))
      if (f >= 0) { only = [f]; text = text.slice(colon + 1) }
    }
    for (const part of text.split(separator).filter(Boolean)) {
      const leading = part.startsWith("*"), trailing = part.endsWith("*")
      const term = part.replace(/^\*+|\*+$/g, "").toLowerCase()
      if (!term) continue
      clauses.push({
        term, leading, trailing, presence, boost,
        fields: only || fields.map((_, f) => f)
      })
    }
  }
  return clauses
}

let index = null
addEventListener("message", ({ data: message }) => {
  if (message.type === SETUP) {
    index = new Index(message.data.config, message.data.docs)
    postMessage({ type: READY })
  } else if (message.type === QUERY) {
    let data = { items: [] }
    try {
      if (index) data = index.search(message.data)
    } catch (error) {
      console.warn(`Invalid query: ${message.data}`, error)
    }
    postMessage({ type: RESULT, data })
  }
})
