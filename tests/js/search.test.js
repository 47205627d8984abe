// Runs the theme's search script in Node against indexes the real binary built.
// Usage: BRIEFING_SEARCH_SITE=out/fixture [BRIEFING_SEARCH_CORPUS=out/corpus] node --test tests/js/
// BRIEFING_SEARCH_SITE is the good_site fixture built at the root; BRIEFING_SEARCH_CORPUS,
// if set, a generated site whose queries must stay within the transfer budget.
"use strict";
const assert = require("node:assert/strict");
const test = require("node:test");
const { openSite, search } = require("./built_site.js");

const siteDir = process.env.BRIEFING_SEARCH_SITE;
assert.ok(siteDir, "set BRIEFING_SEARCH_SITE to the output of tests/fixtures/good_site");

async function titles(query) {
  const { results } = await openSite(siteDir).query(query);
  return results.map((result) => result.title);
}

test("finds an accented country name without its accents", async () => {
  assert.deepEqual(await titles("cote"), ["Trade talks in Abidjan"]);
  assert.deepEqual(await titles("Côte d'Ivoire"), ["Trade talks in Abidjan"]);
});

test("finds a Cyrillic name in lower case", async () => {
  // The peace conference names Лавров in its summary and lists him; the talks in
  // Beijing list him as "Lavrov", whose profile has the alias "Сергей Лавров".
  assert.deepEqual(await titles("лавров"), [
    "Switzerland prepares a peace conference",
    "Xi receives Lavrov in Beijing",
  ]);
  assert.deepEqual(await titles("ЗАХАРОВА"), ["Switzerland prepares a peace conference"]);
});

test("every name and alias of a listed person or country finds the article", async () => {
  const lavrov = ["Switzerland prepares a peace conference", "Xi receives Lavrov in Beijing"];
  assert.deepEqual(await titles("Сергей Лавров"), lavrov);
  assert.deepEqual(await titles("Sergey Lavrov"), lavrov);
  assert.deepEqual(await titles("王毅"), await titles("Wang Yi"));
  assert.deepEqual(await titles("PRC"), [
    "Switzerland prepares a peace conference",
    "Xi receives Lavrov in Beijing",
    "US and China resume talks",
  ]);
  assert.deepEqual(await titles("Ivory Coast"), ["Trade talks in Abidjan"]);
});

test("finds an article by a phrase from its body", async () => {
  assert.deepEqual(await titles("last meeting was in 2018"), ["Xi receives Lavrov in Beijing"]);
});

test("needs every term of the query", async () => {
  assert.deepEqual(await titles("Abidjan Beijing"), []);
});

test("a term finds the words it begins, short terms only whole words", async () => {
  assert.deepEqual(await titles("abid"), await titles("abidjan"));
  assert.deepEqual(await titles("ab"), []);
});

test("ranks matches in titles and names first, then newest first", async () => {
  // The older article has "Abidjan" in its title, the newer only in its body.
  assert.deepEqual(await titles("abidjan"), ["Trade talks in Abidjan", "US and China resume talks"]);
  assert.deepEqual(await titles("china"), [
    "Switzerland prepares a peace conference",
    "Xi receives Lavrov in Beijing",
    "US and China resume talks",
  ]);
});

test("results carry their link and their date as pages show it", async () => {
  const { results } = await openSite(siteDir).query("abidjan");
  assert.equal(results[0].url, "/articles/abidjan-trade-talks/");
  assert.equal(results[0].date, "2023-11-02");
  assert.equal(results[0].display, "2 November 2023");
});

test("an empty query finds nothing and fetches nothing", async () => {
  const site = openSite(siteDir);
  assert.deepEqual((await site.query("   ")).results, []);
  assert.deepEqual((await site.query("?!")).results, []);
  assert.deepEqual(site.fetched, []);
});

test("typing more letters or asking again fetches nothing new", async () => {
  const site = openSite(siteDir);
  await site.query("chi");
  const count = site.fetched.length;
  await site.query("china");
  await site.query("chin");
  assert.equal(site.fetched.length, count);
});

test("folding removes accents and case and straightens apostrophes", () => {
  assert.equal(search.fold("Côte d’Ivoire ÉTÉ Лавров"), "cote d'ivoire ete лавров");
  assert.equal(search.formatDate("2024-04-09"), "9 April 2024");
});

test("every apostrophe is alike", async () => {
  assert.equal(search.fold("dʼIvoire"), search.fold("d'Ivoire"));
  assert.deepEqual(search.terms("Côte dʼIvoire"), ["cote", "d", "ivoire"]);
  assert.deepEqual(await titles("Côte d’Ivoire"), ["Trade talks in Abidjan"]);
  assert.deepEqual(await titles("Côte dʼIvoire"), ["Trade talks in Abidjan"]);
});

const corpusDir = process.env.BRIEFING_SEARCH_CORPUS;
test("on a generated site, queries stay within the budget and count exactly", { skip: !corpusDir }, async () => {
  const { openSite: open } = require("./built_site.js");
  const fs = require("node:fs");
  const path = require("node:path");
  const manifest = JSON.parse(fs.readFileSync(path.join(corpusDir, "search/index.json"), "utf8"));
  // The budget of 10,000 articles, 300 KB, holds for smaller sites too.
  const budget = manifest.articles > 10000 ? 500 * 1024 : 300 * 1024;
  for (const query of ["china", "china trade", "the", "sanctions russia", "лавров"]) {
    const site = open(corpusDir);
    const { count, positions } = await site.query(query);
    assert.ok(site.totalBytes() <= budget, `${query}: ${site.totalBytes()} bytes`);
    assert.equal(new Set(positions).size, count);
    // Results past the first screen are reachable.
    const rest = await site.records(positions.slice(20, 40));
    assert.equal(rest.length, Math.max(0, Math.min(20, count - 20)));
  }
  // Every article listing an entity is found by its name and by any of its aliases,
  // Cyrillic ones included.
  const read = (file) => JSON.parse(fs.readFileSync(path.join(corpusDir, file), "utf8"));
  const people = read("people/index.json").entities;
  const cyrillic = people.find((person) => person.aliases.some((alias) => /\p{Script=Cyrillic}/u.test(alias)));
  assert.ok(cyrillic, "the corpus has a person with a Cyrillic alias");
  const cases = [
    ["countries/china/index.json", "china"],
    ["countries/china/index.json", "PRC"],
    [`people/${cyrillic.slug}/index.json`, cyrillic.aliases.find((alias) => /\p{Script=Cyrillic}/u.test(alias))],
  ];
  for (const [file, query] of cases) {
    const site = open(corpusDir);
    const { positions } = await site.query(query);
    const urls = new Set((await site.records(positions)).map((record) => record.url));
    for (const article of read(file).articles) {
      assert.ok(urls.has(new URL(article.url).pathname), `${query}: ${article.url}`);
    }
  }
});
