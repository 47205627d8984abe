// Runs the theme's search script in Node over a site the real binary built, reading
// files from its output folder as a static server would serve them, and counting the
// bytes it fetches (uncompressed) beside those of the search page and the script.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const search = require(path.join(__dirname, "../../templates/search.js"));

// A search over the output folder `dir` published at the root.
function openSite(dir) {
  const fetched = [];
  const fetchText = async (url) => {
    const file = path.join(dir, url.replace(/\?.*$/, ""));
    const text = fs.readFileSync(file);
    fetched.push({ url, bytes: text.length });
    return text.toString("utf8");
  };
  const pageBytes =
    fs.statSync(path.join(dir, "search/index.html")).size +
    fs.statSync(path.join(dir, "search.js")).size;
  const site = search.createSearch("/search/index.json", fetchText);
  return {
    fetched,
    // Every file fetched so far, the page and the script included.
    totalBytes: () => pageBytes + fetched.reduce((sum, file) => sum + file.bytes, 0),
    // What a reader sees: the count and the first screen of results.
    async query(text, screen = 20) {
      const positions = await site.find(text);
      const results = await site.records(positions.slice(0, screen));
      return { count: positions.length, positions, results };
    },
    records: site.records,
  };
}

module.exports = { openSite, search };

// `node tests/js/built_site.js DIR QUERY...`: the bytes each query fetches on a fresh
// page, for scripts/bench.
if (require.main === module) {
  const [dir, ...queries] = process.argv.slice(2);
  (async () => {
    for (const query of queries) {
      const site = openSite(dir);
      const { count } = await site.query(query);
      console.log(`${query}\t${count}\t${site.totalBytes()}`);
    }
  })();
}
