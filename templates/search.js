// Search for a briefing site, with no server and no dependencies.
//
// Loads the index the build writes (search-index.json) and lists the articles whose
// title, countries, people, summary or words contain every term of the query. Case and
// accents are ignored ("cote" finds "Côte d'Ivoire") and every script works ("лавров"
// finds "Лавров"). In Node the same functions are exported for tests.
(function () {
  "use strict";

  // Lower case, without accents or other combining marks, with every apostrophe
  // straight ("d’Ivoire" and "dʼIvoire" are "d'ivoire").
  function fold(text) {
    return String(text)
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .replace(/[\u2018\u2019\u02BC]/g, "'")
      .toLowerCase();
  }

  // The terms of a query: runs of letters and digits, folded.
  function terms(query) {
    return fold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  // Turns the index's rows into searchable documents, folding each once.
  function prepare(index) {
    var column = {};
    index.fields.forEach(function (field, position) {
      column[field] = position;
    });
    return index.articles.map(function (row) {
      var names = row[column.countries].concat(row[column.people]).join(" ");
      return {
        title: row[column.title],
        url: row[column.url],
        date: row[column.date],
        countries: row[column.countries],
        people: row[column.people],
        summary: row[column.summary],
        heading: fold(row[column.title] + " " + names),
        text: fold([row[column.title], names, row[column.summary], row[column.words]].join(" ")),
      };
    });
  }

  // Documents containing every term; those with terms in the title or names first,
  // then in index order (newest first).
  function search(documents, query, limit) {
    var wanted = terms(query);
    if (wanted.length === 0) {
      return [];
    }
    var found = [];
    documents.forEach(function (document, order) {
      var score = 0;
      for (var i = 0; i < wanted.length; i++) {
        if (document.text.indexOf(wanted[i]) === -1) {
          return;
        }
        if (document.heading.indexOf(wanted[i]) !== -1) {
          score += 1;
        }
      }
      found.push({ document: document, score: score, order: order });
    });
    found.sort(function (a, b) {
      return b.score - a.score || a.order - b.order;
    });
    return found.slice(0, limit || 100).map(function (entry) {
      return entry.document;
    });
  }

  if (typeof module === "object" && module.exports) {
    module.exports = { fold: fold, terms: terms, prepare: prepare, search: search };
    return;
  }

  var script = document.currentScript;
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!script || !form || !input || !status || !list) {
    return;
  }
  var documents = null;

  function show(query) {
    list.replaceChildren();
    if (!query.trim()) {
      status.textContent = "";
      return;
    }
    var results = search(documents, query);
    status.textContent =
      results.length === 0
        ? "No briefings match “" + query + "”."
        : results.length + (results.length === 1 ? " briefing matches." : " briefings match.");
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
      time.textContent = result.date;
      meta.appendChild(time);
      var summary = document.createElement("p");
      summary.textContent = result.summary;
      item.append(heading, meta, summary);
      list.appendChild(item);
    });
  }

  var query = new URLSearchParams(window.location.search).get("q") || "";
  input.value = query;
  status.textContent = "Loading the search index…";
  fetch(script.dataset.index)
    .then(function (response) {
      if (!response.ok) {
        throw new Error(response.status + " " + response.statusText);
      }
      return response.json();
    })
    .then(function (index) {
      documents = prepare(index);
      show(input.value);
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
    })
    .catch(function (error) {
      status.textContent = "The search index could not be loaded (" + error.message + ").";
    });
})();
