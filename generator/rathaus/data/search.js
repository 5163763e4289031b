/*
 * Site search of the Digitales Rathaus.
 *
 * Loads the index that generator/rathaus/search.py built (it never builds one) and turns every
 * `form[data-rh-search]` into a WAI-ARIA combobox: results while typing, arrow keys, Enter, Escape, and the
 * number of results announced in a live region. Without JavaScript the form still leads to the A–Z list.
 *
 * Query words are normalised exactly as search.py normalises the catalogue: lower case, accents and
 * umlauts folded (ä→a), ß→ss, words split at anything but letters and digits, stop words (shipped in the
 * index) dropped, Snowball German stemmer (lunr-languages' lunr.de.js, in stemmer.js).
 *
 * The index and the stemmer load when the browser is idle after the page has loaded, or when the box is
 * focused or hovered if that comes first; a result list file loads when a result needs it.
 */
(function () {
  "use strict";

  var FORMAT = 2;
  var WORD = /[\p{L}\p{N}]+/gu;
  var MARKS = /\p{M}/gu;
  var LETTERS = "abcdefghijklmnopqrstuvwxyz";
  // Prefixes match only where a word names the thing: a prefix over every field is slow and finds noise.
  var PREFIX_FIELDS = ["title", "synonyms", "parts"];
  // Linking letters between the parts of a German compound (Geburt-s-urkunde, Hund-e-steuer), and the
  // longest word that is taken apart (each cut stems one more ending; longer words are not compounds).
  var LINKS = ["", "s", "es", "e", "n", "en"];
  var MAX_COMPOUND = 40;
  // Work per keystroke is bounded: typo variants cost word length × 54 stems of that length, so one pasted
  // 5,000-letter word took 40 s. No question to a town hall needs more than this many words or letters.
  var MAX_QUERY = 200;
  var MAX_WORDS = 12;
  var MAX_WORD = 32;
  var loads = {};
  var forms = 0;

  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(MARKS, "").replace(/ß/g, "ss");
  }

  function words(text) {
    return fold(text).match(WORD) || [];
  }

  function loadScript(src) {
    if (window.lunr && window.lunr.de) return Promise.resolve();
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("Suche konnte nicht geladen werden: " + src)); };
      document.head.appendChild(script);
    });
  }

  function fetchJson(url) {
    // no-cache: revalidate, so a rebuilt site never pairs a new page with an old index.
    return fetch(url, { cache: "no-cache" }).then(function (response) {
      if (!response.ok) throw new Error("Suche konnte nicht geladen werden: " + url);
      return response.json();
    });
  }

  /**
   * The prebuilt index (see search.py `build_payload`). Loading it is one JSON.parse: a posting list, a
   * string "d,w,d,w,…", is split into numbers only when a query reads it. Scores are lunr's (2.3.9
   * `Index.query`, which tests/test_search.py compares against): per field, the query vector (each
   * clause's boost for each term it expands to, summed) dotted with the entry's BM25 weights and divided
   * by the query vector's length; an entry's score is the sum over its fields.
   */
  function Engine(base, data, firstRows) {
    this.base = base;
    this.root = new URL("../", base).href;
    this.fields = data.fields;
    this.vocabulary = data.terms; // in UTF-16 order, as JavaScript compares strings
    this.numbers = Object.create(null);
    for (var i = 0; i < data.terms.length; i++) this.numbers[data.terms[i]] = i;
    this.postings = data.postings;
    this.lists = data.fields.map(function () { return Object.create(null); });
    this.stopWords = new Set(data.stopWords);
    this.synonyms = data.synonyms;
    this.longest = Object.keys(data.synonyms).reduce(function (n, key) { return Math.max(n, key.split(" ").length); }, 1);
    this.chunk = data.chunk;
    this.chunks = { 0: firstRows };
    this.stems = {};
    this.places = data.places || {}; // in a Verbund: folded place name or postcode → [id, name, overview url]
  }

  /** Entry numbers and weights of term number `term` in field number `field`: [entry, weight, entry, …]. */
  Engine.prototype.list = function (field, term) {
    var cache = this.lists[field];
    if (!cache[term]) {
      var packed = this.postings[field][term];
      var list = [];
      if (packed) {
        var parts = packed.split(",");
        for (var i = 0, entry = 0; i < parts.length; i += 2) {
          entry += Number(parts[i]);
          list.push(entry, Number(parts[i + 1]) / 1000);
        }
      }
      cache[term] = list;
    }
    return cache[term];
  };

  /** Term numbers a clause stands for: its term, or with `prefix` every term that starts with it. */
  Engine.prototype.expand = function (clause) {
    if (!clause.prefix) return clause.term in this.numbers ? [this.numbers[clause.term]] : [];
    var terms = this.vocabulary;
    var low = 0;
    var high = terms.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (terms[middle] < clause.term) low = middle + 1; else high = middle;
    }
    var found = [];
    for (var i = low; i < terms.length && terms[i].startsWith(clause.term); i++) found.push(i);
    return found;
  };

  /** Entries that match any clause, best first: [{ref, score}] (equal scores in catalogue order). */
  Engine.prototype.rank = function (clauses) {
    var self = this;
    var fields = this.fields;
    var all = fields.map(function (_, f) { return f; });
    var vectors = fields.map(function () { return new Map(); });
    clauses.forEach(function (clause) {
      var targets = clause.fields ? clause.fields.map(function (name) { return fields.indexOf(name); }) : all;
      self.expand(clause).forEach(function (term) {
        targets.forEach(function (f) { vectors[f].set(term, (vectors[f].get(term) || 0) + clause.boost); });
      });
    });
    var scores = new Map();
    vectors.forEach(function (vector, f) {
      if (!vector.size) return;
      var terms = Array.from(vector.keys()).sort(function (a, b) { return a - b; });
      var squares = 0;
      terms.forEach(function (term) { squares += vector.get(term) * vector.get(term); });
      var length = Math.sqrt(squares);
      var dots = new Map();
      terms.forEach(function (term) {
        var boost = vector.get(term);
        var list = self.list(f, term);
        for (var i = 0; i < list.length; i += 2) dots.set(list[i], (dots.get(list[i]) || 0) + boost * list[i + 1]);
      });
      dots.forEach(function (dot, entry) { scores.set(entry, (scores.get(entry) || 0) + dot / length); });
    });
    return Array.from(scores, function (pair) { return { ref: pair[0], score: pair[1] }; })
      .sort(function (a, b) { return b.score - a.score || a.ref - b.ref; });
  };

  /** Snowball German stem of a folded word, as search.py `stem`. */
  Engine.prototype.stem = function (word) {
    if (!(word in this.stems)) this.stems[word] = lunr.de.stemmer(word);
    return this.stems[word];
  };

  /** The index terms of a text, as search.py `terms`. */
  Engine.prototype.terms = function (text) {
    var self = this;
    return words(text).filter(function (w) { return !self.stopWords.has(w); }).map(function (w) { return self.stem(w); });
  };

  Engine.prototype.rows = function (n) {
    if (!this.chunks[n]) this.chunks[n] = fetchJson(this.base + "results-" + n + ".json");
    return this.chunks[n];
  };

  /** Whether a term names something: it occurs in a field other than the body text of a page. */
  Engine.prototype.names = function (term) {
    var number = this.numbers[term];
    var postings = this.postings;
    return number !== undefined && this.fields.some(function (field, f) {
      return field !== "body" && postings[f][number] !== "";
    });
  };

  /**
   * Index terms one typo away from a word that names nothing: the stems of every word one letter
   * deleted, swapped, replaced or inserted away (`meldebescheinigug` → `meldebescheinigung` → `meldebescheinig`).
   * Typos are corrected before stemming, because a typo in a word ending hides the ending from the stemmer.
   */
  Engine.prototype.typos = function (word) {
    var found = {};
    var numbers = this.numbers;
    function consider(candidate) {
      var term = lunr.de.stemmer(candidate);
      if (term in numbers) found[term] = true;
    }
    for (var i = 0; i <= word.length; i++) {
      var head = word.slice(0, i);
      var tail = word.slice(i);
      if (tail) consider(head + tail.slice(1));
      if (tail.length > 1) consider(head + tail[1] + tail[0] + tail.slice(2));
      for (var c = 0; c < LETTERS.length; c++) {
        if (tail) consider(head + LETTERS[c] + tail.slice(1));
        consider(head + LETTERS[c] + tail);
      }
    }
    return Object.keys(found);
  };

  /**
   * The index terms a compound query word is made of, when the word itself is no index term: the longest
   * ending that is an index term, and the beginning (without a linking letter) if it is an index term, or
   * what the synonym list says it means (`anwohnerparkausweis` → `parkausweis`, `bewohn`). The build indexes
   * the parts of the catalogue's compounds, so a part finds the whole and the whole its parts.
   */
  Engine.prototype.parts = function (word) {
    if (word.length > MAX_COMPOUND) return [];
    for (var cut = 3; cut <= word.length - 3; cut++) {
      var tail = this.stem(word.slice(cut));
      if (!(tail in this.numbers)) continue;
      var head = word.slice(0, cut);
      for (var i = 0; i < LINKS.length; i++) {
        var link = LINKS[i];
        if (head.length - link.length < 3 || head.slice(head.length - link.length) !== link) continue;
        var start = head.slice(0, head.length - link.length);
        var first = this.stem(start);
        // A beginning the synonym list knows: its meaning glued to the rest may be a word of the index
        // (`anwohnerparkausweis` → `bewohn` + `erparkausweis` → `bewohnerparkausweis`).
        var meant = this.meant(first);
        if (first in this.numbers || meant.length) {
          var self = this;
          var rest = word.slice(first.length);
          var wholes = meant.map(function (m) { return self.stem(m + rest); }).filter(function (t) { return t in self.numbers; });
          return [first, tail].concat(meant, wholes);
        }
      }
      return [tail];
    }
    return [];
  };

  /**
   * The lunr clauses for a query. Every word counts (lunr ORs clauses and adds up their scores): its stem
   * exactly; its stem as a prefix while the word is still being typed or when it may start a compound
   * ("hund" → "hundesteuer"); for words of 5+ letters that name nothing, the terms one typo away; and what
   * the shared synonym list says a word or phrase means ("perso" → "personalausweis").
   */
  Engine.prototype.clauses = function (text, typing) {
    text = text.slice(0, MAX_QUERY);
    var list = words(text).slice(0, MAX_WORDS).map(function (word) { return word.slice(0, MAX_WORD); });
    var open = typing && list.length && !/[^\p{L}\p{N}]$/u.test(text) ? list.length - 1 : -1;
    var stems = list.map(this.stem, this);
    var clauses = [];
    var self = this;
    list.forEach(function (word, i) {
      var term = stems[i];
      if (i === open) clauses.push({ term: term, boost: 3, prefix: true, fields: PREFIX_FIELDS });
      if (self.stopWords.has(word)) return;
      clauses.push({ term: term, boost: 10 });
      if (i !== open && word.length >= 4) {
        clauses.push({ term: term, boost: 1, prefix: true, fields: PREFIX_FIELDS });
      }
      if (word.length >= 5 && !self.names(term)) {
        self.typos(word).forEach(function (t) { clauses.push({ term: t, boost: 3, loose: true }); });
      }
      if (word.length >= 6 && !self.names(term)) {
        var parts = self.parts(word);
        parts.forEach(function (part) { clauses.push({ term: part, boost: parts.length > 1 ? 5 : 2, loose: true }); });
      }
    });
    for (var start = 0; start < stems.length; start++) {
      for (var n = 1; n <= this.longest && start + n <= stems.length; n++) {
        this.meant(stems.slice(start, start + n).join(" ")).forEach(function (term) {
          clauses.push({ term: term, boost: 8 });
        });
      }
    }
    return clauses;
  };

  /** The index terms that the synonym list says a stemmed word or phrase means. */
  Engine.prototype.meant = function (key) {
    return Object.prototype.hasOwnProperty.call(this.synonyms, key) ? this.synonyms[key] : [];
  };

  /**
   * Whether a query finds something by its own words: a word, a prefix being typed or a synonym names an
   * index term. If only words one typo away or parts of its compounds do, the results are the closest
   * matches, and the list says so.
   */
  Engine.prototype.matches = function (clauses) {
    var self = this;
    return clauses.some(function (clause) {
      return !clause.loose && self.expand(clause).some(function (t) { return self.names(self.vocabulary[t]); });
    });
  };

  /** A place of the Verbund named in a query ("personalausweis baunatal", "34225"): {id, name, url, rest}. */
  Engine.prototype.place = function (text) {
    var list = words(text);
    for (var n = 3; n >= 1; n--) {
      for (var i = 0; i + n <= list.length; i++) {
        var found = this.places[list.slice(i, i + n).join(" ")];
        if (found) {
          var rest = list.slice(0, i).concat(list.slice(i + n)).join(" ");
          return { id: found[0], name: found[1], url: found[2], rest: i + n === list.length ? rest + " " : rest };
        }
      }
    }
    return null;
  };

  /**
   * Results for a query: [{url, title, summary, label, glance, score}], best first; `close` on the list is true
   * when they are only the closest matches (see `matches`). A place in the query leads to that place's version
   * of each service (/leistungen/<id>/<place>/); a place alone, to its overview.
   */
  Engine.prototype.search = function (text, options) {
    options = options || {};
    var place = this.place(text);
    var clauses = this.clauses(place ? place.rest : text, options.typing);
    var self = this;
    if (!clauses.length) {
      if (!place) return Promise.resolve(Object.assign([], { close: false }));
      var overview = { url: new URL(place.url, self.root).href, title: place.name, summary: "Leistungen und Stellen für " + place.name, label: "Wohnort", score: 1 };
      return Promise.resolve(Object.assign([overview], { close: false }));
    }
    var hits = this.rank(clauses).slice(0, options.limit || 8);
    var close = hits.length > 0 && !this.matches(clauses);
    return Promise.all(hits.map(function (hit) { return self.rows(Math.floor(hit.ref / self.chunk)); }))
      .then(function (chunks) {
        var results = hits.map(function (hit, i) {
          var row = chunks[i][hit.ref % self.chunk];
          var local = place && /^leistungen\/[^/]+\/$/.test(row[0]);
          return {
            url: new URL(local ? row[0] + place.id + "/" : row[0], self.root).href,
            title: local ? row[1] + " – " + place.name : row[1],
            summary: row[2], label: row[3], glance: row[4] || "", score: hit.score
          };
        });
        results.close = close;
        return results;
      });
  };

  /** The search engine for the index in folder `base` (loaded once per page, shared by all forms). */
  function load(base) {
    base = new URL(base, document.baseURI).href;
    if (!loads[base]) {
      // The first result list file comes along: most sites fit in it, and it saves a round trip later.
      var firstRows = fetchJson(base + "results-0.json");
      firstRows.catch(function () {}); // a failure shows when a result needs it
      loads[base] = Promise.all([fetchJson(base + "index.json"), loadScript(base + "stemmer.js")]).then(function (r) {
        if (r[0].format !== FORMAT) throw new Error("Suchindex hat ein unbekanntes Format");
        return new Engine(base, r[0], firstRows);
      });
      // A failed load (offline for a moment) is tried again by the next use, not remembered.
      loads[base].catch(function () { delete loads[base]; });
    }
    return loads[base];
  }

  /**
   * Load the search once the page has loaded and the browser is idle, so the first query finds it ready
   * (or on its way) instead of starting to load it. Not when the visitor asked to save data; then the
   * search loads when the box is focused or hovered, as always.
   */
  function preload() {
    if (navigator.connection && navigator.connection.saveData) return;
    var idle = window.requestIdleCallback || function (callback) { setTimeout(callback, 200); };
    idle(function () {
      document.querySelectorAll("form[data-rh-search]").forEach(function (form) {
        load(form.getAttribute("data-rh-search")).catch(function () {}); // a use tells the visitor
      });
    }, { timeout: 3000 });
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text) node.textContent = text;
    return node;
  }

  /** One search form as a combobox (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/). */
  function Combobox(form) {
    var id = "rh-search-" + ++forms;
    this.form = form;
    this.input = form.querySelector("input[name=q]");
    this.inline = form.hasAttribute("data-rh-inline");
    this.limit = this.inline ? 50 : 8;
    this.page = new URL(form.getAttribute("data-rh-page"), document.baseURI);
    this.base = form.getAttribute("data-rh-search");
    this.results = [];
    this.active = -1;
    this.serial = 0; // counts the texts searched
    this.shown = 0; // the serial of the text whose results are shown
    this.popup = element("div", { class: "rh-search__popup" + (this.inline ? " rh-search__popup--inline" : "") });
    this.listbox = element("div", { id: id + "-list", role: "listbox", class: "rh-search__list", "aria-label": "Suchergebnisse" });
    this.more = element("p", { class: "rh-search__more" });
    // The live region that announces the number of results; visible on the search page, above the list.
    this.status = element("p", { role: "status", "aria-live": "polite", class: this.inline ? "rh-search__status" : "rh-visually-hidden" });
    this.popup.append(this.listbox, this.more);
    this.popup.hidden = true;
    form.append(this.status, this.popup);
    this.id = id;
    var input = this.input;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", this.listbox.id);
    input.setAttribute("autocomplete", "off");
    var self = this;
    // Load the search when a visitor shows they may use it, so it is ready by the first keypress.
    ["pointerenter", "touchstart", "focus"].forEach(function (type) {
      input.addEventListener(type, function () { self.engine().catch(function () {}); }, { passive: true });
    });
    input.addEventListener("input", function () { self.update(true); });
    input.addEventListener("keydown", function (event) { self.key(event); });
    form.addEventListener("submit", function (event) { self.submit(event); });
    // Keep the focus in the field while a result is clicked, so the click opens it.
    this.popup.addEventListener("mousedown", function (event) { event.preventDefault(); });
    document.addEventListener("click", function (event) {
      if (!form.contains(event.target)) self.close();
    });
    input.addEventListener("blur", function () {
      setTimeout(function () { if (!form.contains(document.activeElement)) self.close(); }, 0);
    });
    if (this.inline) {
      input.value = new URLSearchParams(location.search).get("q") || input.value;
      if (input.value) this.update(false);
    }
  }

  Combobox.prototype.engine = function () {
    var self = this;
    return load(this.base).then(function (engine) {
      self.broken = false; // a load that failed before may succeed when tried again
      return engine;
    }, function (error) {
      self.broken = true;
      self.status.textContent = "Die Suche ist gerade nicht verfügbar. Alle Leistungen finden Sie in der Liste A–Z.";
      throw error;
    });
  };

  Combobox.prototype.update = function (typing) {
    var text = this.input.value;
    var serial = ++this.serial;
    var self = this;
    if (this.inline) history.replaceState(null, "", text.trim() ? "?q=" + encodeURIComponent(text.trim()) : location.pathname);
    if (!text.trim()) {
      this.shown = serial;
      this.show([], text);
      return Promise.resolve();
    }
    return this.engine().then(function (engine) {
      // Of the keys typed while the search was loading, only the newest text is searched.
      return serial === self.serial ? engine.search(text, { typing: typing, limit: self.limit }) : null;
    }).then(function (results) {
      // Results that need a result list file arrive later than others: show any that are newer than those
      // shown, so the list keeps up while the visitor types instead of waiting until they stop.
      if (results && serial > self.shown) {
        self.shown = serial;
        self.show(results, text);
      }
    }).catch(function () {}); // engine() has told the visitor; the form still leads to the A–Z list
  };

  Combobox.prototype.show = function (results, text) {
    var self = this;
    this.results = results;
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    // Each option is one link to its page (a link may take the option role; a link inside an option would be
    // an interactive element nested in another, which screen readers may skip): Enter, a click, a middle
    // click or "open in new tab" all work as on any link.
    this.listbox.replaceChildren.apply(this.listbox, results.map(function (result, i) {
      var option = element("a", {
        id: self.id + "-" + i, role: "option", "aria-selected": "false", class: "rh-search__option",
        href: result.url, tabindex: "-1"
      });
      option.append(
        element("span", { class: "rh-search__title" }, result.title),
        element("span", { class: "rh-search__summary" }, result.summary),
        element("span", { class: "rh-search__label" }, result.label)
      );
      // At a glance: what a service costs and where to go.
      if (result.glance) option.append(" ", element("span", { class: "rh-search__glance" }, result.glance));
      return option;
    }));
    var query = text.trim();
    this.more.replaceChildren();
    if (query) {
      // No dead end: when nothing matches well, the closest matches (above), the A–Z list and the 115.
      var weak = !results.length || results.close;
      if (!results.length) this.more.append("Nichts gefunden. Versuchen Sie ein anderes Wort oder die ");
      else if (results.close) this.more.append("Kein genauer Treffer – oben die ähnlichsten. Oder suchen Sie in der ");
      var list = element("a", { href: this.form.action }, "Liste der Leistungen A–Z"); // the form's no-JS target
      if (!this.inline && results.length && !results.close) {
        this.more.append(element("a", { href: this.page.href + "?q=" + encodeURIComponent(query) }, "Alle Ergebnisse"), " · ");
      }
      this.more.append(list);
      if (weak) {
        this.more.append(element("span", { class: "rh-search__hotline" }, " oder fragen Sie die Behördennummer "),
          element("a", { href: "tel:115" }, "115"), ".");
      }
    }
    var count = results.length === 1 ? "1 Ergebnis" : results.length + " Ergebnisse";
    if (results.close) {
      count = "Kein genauer Treffer, " + (results.length === 1 ? "1 ähnliches Ergebnis" : results.length + " ähnliche Ergebnisse");
    }
    this.status.textContent = !query ? "" : results.length === 0 ? "Keine Ergebnisse" : count;
    if (query && (this.inline || document.activeElement === this.input)) this.open(); else this.close(true);
  };

  Combobox.prototype.open = function () {
    this.popup.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
  };

  /** Hide the results; on the search page they stay until the field is emptied (`force`). */
  Combobox.prototype.close = function (force) {
    if (this.inline && !force) return;
    this.popup.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.select(-1);
  };

  Combobox.prototype.select = function (i) {
    var options = this.listbox.children;
    if (this.active >= 0 && options[this.active]) options[this.active].setAttribute("aria-selected", "false");
    this.active = i;
    if (i < 0) {
      this.input.removeAttribute("aria-activedescendant");
      return;
    }
    options[i].setAttribute("aria-selected", "true");
    this.input.setAttribute("aria-activedescendant", options[i].id);
    options[i].scrollIntoView({ block: "nearest" });
  };

  Combobox.prototype.key = function (event) {
    var count = this.results.length;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!count) return;
      event.preventDefault();
      this.open();
      var step = event.key === "ArrowDown" ? 1 : -1;
      this.select(this.active < 0 ? (step > 0 ? 0 : count - 1) : (this.active + step + count) % count);
    } else if (event.key === "Enter" && (this.active >= 0 || (!this.inline && this.current()))) {
      // Enter opens the chosen result, or the first one while the results shown are those of the text typed.
      event.preventDefault();
      location.href = this.results[Math.max(this.active, 0)].url;
    } else if (event.key === "Escape") {
      if (!this.popup.hidden && !this.inline) {
        event.preventDefault();
        this.close();
      } else if (this.input.value) {
        event.preventDefault();
        this.input.value = "";
        this.update(true);
      }
    } else if (event.key === "Tab") {
      this.close();
    }
  };

  /** Are results shown, and are they those of the text in the field? */
  Combobox.prototype.current = function () {
    return this.results.length > 0 && !this.popup.hidden && this.shown === this.serial;
  };

  Combobox.prototype.submit = function (event) {
    var query = this.input.value.trim();
    if (!query || this.broken) return; // the form leads to the A–Z list, as without JavaScript
    event.preventDefault();
    if (this.inline) this.update(false);
    else location.href = this.page.href + "?q=" + encodeURIComponent(query);
  };

  function start() {
    document.querySelectorAll("form[data-rh-search]").forEach(function (form) { new Combobox(form); });
    // "/" jumps into the search box, as the help page says.
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      var input = document.querySelector("form[data-rh-search] input[name=q]");
      if (input) {
        event.preventDefault();
        input.focus();
      }
    });
  }

  window.rathausSearch = { load: load, fold: fold, words: words };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  if (document.readyState === "complete") preload();
  else window.addEventListener("load", preload);
})();
