// Runs the theme's search script in Node against an index the real binary built.
// Usage: BRIEFING_SEARCH_INDEX=path/to/search-index.json node --test tests/js/
"use strict";
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const test = require("node:test");

const search = require(path.join(__dirname, "../../templates/search.js"));
const indexPath = process.env.BRIEFING_SEARCH_INDEX;
assert.ok(indexPath, "set BRIEFING_SEARCH_INDEX to a built search-index.json");
const documents = search.prepare(JSON.parse(fs.readFileSync(indexPath, "utf8")));

function titles(query) {
  return search.search(documents, query).map((document) => document.title);
}

test("finds an accented country name without its accents", () => {
  assert.deepEqual(titles("cote"), ["Trade talks in Abidjan"]);
  assert.deepEqual(titles("Côte d'Ivoire"), ["Trade talks in Abidjan"]);
});

test("finds a Cyrillic name in lower case", () => {
  assert.deepEqual(titles("лавров"), ["Switzerland prepares a peace conference"]);
  assert.deepEqual(titles("ЗАХАРОВА"), ["Switzerland prepares a peace conference"]);
});

test("finds an article by a phrase from its body", () => {
  assert.deepEqual(titles("last meeting was in 2018"), ["Xi receives Lavrov in Beijing"]);
});

test("needs every term of the query", () => {
  assert.deepEqual(titles("Abidjan Beijing"), []);
});

test("ranks matches in titles and names first, then newest first", () => {
  // The older article has "Abidjan" in its title, the newer only in its body.
  assert.deepEqual(titles("abidjan"), ["Trade talks in Abidjan", "US and China resume talks"]);
  assert.deepEqual(titles("china"), [
    "Switzerland prepares a peace conference",
    "Xi receives Lavrov in Beijing",
    "US and China resume talks",
  ]);
});

test("an empty query finds nothing", () => {
  assert.deepEqual(titles("   "), []);
  assert.deepEqual(titles("?!"), []);
});

test("folding removes accents and case and straightens apostrophes", () => {
  assert.equal(search.fold("Côte d’Ivoire ÉTÉ Лавров"), "cote d'ivoire ete лавров");
});

test("every apostrophe is alike", () => {
  assert.equal(search.fold("dʼIvoire"), search.fold("d'Ivoire"));
  assert.deepEqual(search.terms("Côte dʼIvoire"), ["cote", "d", "ivoire"]);
  assert.deepEqual(titles("Côte d’Ivoire"), ["Trade talks in Abidjan"]);
  assert.deepEqual(titles("Côte dʼIvoire"), ["Trade talks in Abidjan"]);
});
