// Search for a briefing site, with no server and no dependencies.
//
// The build writes the index in parts (search/index.json, search/words/<n>.json,
// search/articles/<n>.json; see src/render/search/). A query fetches the table of
// contents once, then only the parts of the word list its terms fall in, then the
// records of the articles on the screen of results shown. Every part fetched is kept,
// so typing more letters or a second query fetches only what is new.
//
// An article matches when every term of the query begins a word of its title, summary,
// body or of a name or alias of a country or person it lists; terms of one or two
// letters must be whole words. Case and accents are ignored ("cote" finds "Côte
// d'Ivoire") and every script works ("лавров" finds "Лавров"). Matches with terms in
// the title or names come first, then newest first. In Node the same functions are
// exported for tests.
(function () {
  "use strict";

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"];
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  var DIGIT_VALUES = {};
  for (var d = 0; d < DIGITS.length; d++) {
    DIGIT_VALUES[DIGITS.charCodeAt(d)] = d;
  }
  // Bits of a term's marks for one article.
  var ANYWHERE = 1;
  var IN_HEADING = 2;

  // Lower case, without accents or other combining marks, with every apostrophe
  // straight ("d’Ivoire" and "dʼIvoire" are "d'ivoire").
  function fold(text) {
    return String(text)
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .replace(/[\u2018\u2019\u02BC]/g, "'")
      .toLowerCase();
  }

  // The terms of a query: runs of letters and digits, folded, each once.
  function terms(query) {
    var seen = {};
    return fold(query).split(/[^\p{L}\p{N}]+/u).filter(function (term) {
      if (!term || seen[term]) {
        return false;
      }
      seen[term] = true;
      return true;
    });
  }

  // `2024-04-09` as every page shows a date: `9 April 2024`.
  function formatDate(iso) {
    var parts = iso.split("-");
    return Number(parts[2]) + " " + MONTHS[Number(parts[1]) - 1] + " " + parts[0];
  }

  // Sets `bit` in `marks` for every position of an encoded posting list (see
  // src/render/search/postings.rs): `d` gaps, `c` gaps of the positions not in it,
  // `b` a bitmap, six positions a character.
  function decode(text, total, marks, bit) {
    if (!text) {
      return;
    }
    var tag = text.charAt(0);
    var i;
    if (tag === "b") {
      for (i = 1; i < text.length; i++) {
        var value = DIGIT_VALUES[text.charCodeAt(i)];
        for (var b = 0; b < 6; b++) {
          if (value & (1 << b)) {
            marks[(i - 1) * 6 + b] |= bit;
          }
        }
      }
      return;
    }
    var listed = tag === "c" ? new Uint8Array(total) : marks;
    var listedBit = tag === "c" ? 1 : bit;
    var position = -1;
    var number = 0;
    var shift = 0;
    for (i = 1; i < text.length; i++) {
      var digit = DIGIT_VALUES[text.charCodeAt(i)];
      number += (digit & 31) * Math.pow(2, shift);
      shift += 5;
      if (digit < 32) {
        position += number + 1;
        listed[position] |= listedBit;
        number = 0;
        shift = 0;
      }
    }
    if (tag === "c") {
      for (i = 0; i < total; i++) {
        if (!listed[i]) {
          marks[i] |= bit;
        }
      }
    }
  }

  // A search over the index whose table of contents is at `indexUrl`, fetching with
  // `fetchText(url)` (a promise of the file's text).
  function createSearch(indexUrl, fetchText) {
    var base = indexUrl.replace(/index\.json(\?.*)?$/, "");
    var cache = {};
    var manifest = null;

    function load(url) {
      if (!cache[url]) {
        cache[url] = fetchText(url).then(JSON.parse);
      }
      return cache[url];
    }

    function contents() {
      return load(indexUrl).then(function (value) {
        manifest = value;
        return value;
      });
    }

    function part(folder, number) {
      return load(base + folder + "/" + number + ".json?v=" + manifest.version);
    }

    // The parts of the word list holding the words `term` matches: the one it would
    // sort into, and the ones after it while their first word starts with it.
    function partsOf(term, whole) {
      var bounds = manifest.words;
      var first = 0;
      while (first + 1 < bounds.length && bounds[first + 1] <= term) {
        first++;
      }
      var last = first;
      while (!whole && last + 1 < bounds.length && bounds[last + 1].startsWith(term)) {
        last++;
      }
      var numbers = [];
      for (var n = first; n <= last && bounds.length; n++) {
        numbers.push(n);
      }
      return numbers;
    }

    // For each article, whether `term` matches a word of it, and of its headline.
    function marksOf(term) {
      var whole = Array.from(term).length < manifest.whole_word_below;
      var numbers = partsOf(term, whole);
      return Promise.all(numbers.map(function (n) { return part("words", n); }))
        .then(function (parts) {
          var marks = new Uint8Array(manifest.articles);
          parts.forEach(function (entries) {
            entries.forEach(function (entry) {
              var word = entry[0];
              if (whole ? word === term : word.startsWith(term)) {
                decode(entry[1], manifest.articles, marks, ANYWHERE);
                decode(entry[2], manifest.articles, marks, IN_HEADING);
              }
            });
          });
          return marks;
        });
    }

    // Every matching article's position, best first.
    function find(query) {
      var wanted = terms(query);
      if (wanted.length === 0) {
        return Promise.resolve([]);
      }
      return contents().then(function () {
        return Promise.all(wanted.map(marksOf));
      }).then(function (all) {
        var found = [];
        for (var position = 0; position < manifest.articles; position++) {
          var score = 0;
          var every = true;
          for (var t = 0; t < all.length; t++) {
            var mark = all[t][position];
            if (!(mark & ANYWHERE)) {
              every = false;
              break;
            }
            if (mark & IN_HEADING) {
              score++;
            }
          }
          if (every) {
            found.push({ position: position, score: score });
          }
        }
        found.sort(function (a, b) {
          return b.score - a.score || a.position - b.position;
        });
        return found.map(function (entry) { return entry.position; });
      });
    }

    // The records of the articles at `positions`: url, title, date, display date,
    // summary.
    function records(positions) {
      if (positions.length === 0) {
        return Promise.resolve([]);
      }
      return contents().then(function () {
        var size = manifest.articles_per_part;
        return Promise.all(positions.map(function (position) {
          return part("articles", Math.floor(position / size)).then(function (rows) {
            var row = rows[position % size];
            return { url: row[0], title: row[1], date: row[2], display: formatDate(row[2]), summary: row[3] };
          });
        }));
      });
    }

    return { find: find, records: records };
  }

  if (typeof module === "object" && module.exports) {
    module.exports = {
      fold: fold, terms: terms, formatDate: formatDate, decode: decode, createSearch: createSearch,
    };
    return;
  }

  var SCREEN = 20;
  var script = document.currentScript;
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!script || !form || !input || !status || !list) {
    return;
  }
  var search = createSearch(script.dataset.index, function (url) {
    return fetch(url).then(function (response) {
      if (!response.ok) {
        throw new Error(response.status + " " + response.statusText);
      }
      return response.text();
    });
  });
  var more = document.createElement("button");
  more.type = "button";
  more.className = "search-more";
  more.hidden = true;
  list.after(more);
  // Only the latest query's answers are shown, whatever order they arrive in.
  var latest = 0;
  var found = [];
  var shown = 0;

  function append(ticket) {
    var next = found.slice(shown, shown + SCREEN);
    return search.records(next).then(function (results) {
      if (ticket !== latest) {
        return;
      }
      results.forEach(function (result) {
        var item = document.createElement("li");
        var heading = document.createElement("h2");
        var link = document.createElement("a");
        link.href = result.url;
        link.textContent = result.title;
        heading.appendChild(link);
        var meta = document.createElement("p");
        meta.className = "meta";
        var time = document.createElement("time");
        time.dateTime = result.date;
        time.textContent = result.display;
        meta.appendChild(time);
        var summary = document.createElement("p");
        summary.textContent = result.summary;
        item.append(heading, meta, summary);
        list.appendChild(item);
      });
      shown += next.length;
      more.hidden = shown >= found.length;
      more.textContent = "Show " + Math.min(SCREEN, found.length - shown) + " more";
    });
  }

  function failed(error) {
    status.textContent = "The search index could not be loaded (" + error.message + ").";
  }

  function show(query) {
    var ticket = ++latest;
    if (!query.trim()) {
      list.replaceChildren();
      more.hidden = true;
      status.textContent = "";
      return;
    }
    search.find(query).then(function (positions) {
      if (ticket !== latest) {
        return;
      }
      list.replaceChildren();
      found = positions;
      shown = 0;
      more.hidden = true;
      status.textContent =
        found.length === 0
          ? "No briefings match “" + query + "”."
          : found.length + (found.length === 1 ? " briefing matches." : " briefings match.");
      return append(ticket);
    }).catch(failed);
  }

  more.addEventListener("click", function () {
    append(latest).catch(failed);
  });
  input.addEventListener("input", function () {
    var url = new URL(window.location.href);
    url.searchParams.set("q", input.value);
    window.history.replaceState(null, "", url);
    show(input.value);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    show(input.value);
  });
  input.value = new URLSearchParams(window.location.search).get("q") || "";
  show(input.value);
})();
