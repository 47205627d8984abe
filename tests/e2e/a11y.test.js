// Accessibility: axe-core run in a real headless Chromium on one page of every kind,
// in the light and the dark scheme. Any serious or critical violation fails; lesser
// ones are printed. The good_site fixture is built here under a sub-path; sites that
// were built already (at the root of their host) can be named in BRIEFING_AXE_SITES,
// separated by ":", and one page of every kind they have is audited as well.
//
// Needs: BRIEFING_BIN (the briefing binary), Chromium at CHROMIUM (default
// /usr/bin/chromium), and playwright-core and axe-core on NODE_PATH.
// Run: [BRIEFING_AXE_SITES=public:other] node --test tests/e2e/
"use strict";
const assert = require("node:assert/strict");
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const http = require("node:http");
const os = require("node:os");
const path = require("node:path");
const test = require("node:test");
const { launchChromium } = require("./chromium");

const repository = path.join(__dirname, "../..");
const binary = process.env.BRIEFING_BIN || path.join(repository, "target/release/briefing");

// One page of every kind the default theme has, in the good_site fixture.
const fixturePages = [
  ["home", ""],
  ["article", "articles/lavrov-in-beijing/"],
  ["countries and map", "countries/"],
  ["country", "countries/china/"],
  ["people", "people/"],
  ["person with a profile", "people/sergey-lavrov/"],
  ["person without a profile", "people/mariia-zakharova/"],
  ["archive", "archive/"],
  ["archive year", "archive/2024/"],
  ["tags", "tags/"],
  ["tag", "tags/diplomacy/"],
  ["search", "search/"],
  ["not found", "no-such-page/"],
];

/// The first folder under `root/folder` holding a page, sorted by name, or null.
function firstPage(root, folder, wanted = () => true) {
  const dir = path.join(root, folder);
  if (!fs.existsSync(dir)) {
    return null;
  }
  const names = fs.readdirSync(dir).sort();
  const name = names.find((entry) =>
    fs.existsSync(path.join(dir, entry, "index.html")) && wanted(path.join(dir, entry)));
  return name === undefined ? null : `${folder}${name}/`;
}

/// One page of every kind that the built site at `root` has.
function pagesOf(root) {
  const paged = firstPage(root, "countries/", (dir) => fs.existsSync(path.join(dir, "page/2/index.html")))
    || firstPage(root, "people/", (dir) => fs.existsSync(path.join(dir, "page/2/index.html")));
  const candidates = [
    ["home", ""],
    ["article", firstPage(root, "articles/")],
    ["countries and map", "countries/"],
    ["country", firstPage(root, "countries/")],
    ["people", "people/"],
    ["person", firstPage(root, "people/")],
    ["later page of a list", paged && `${paged}page/2/`],
    ["archive", "archive/"],
    ["archive year", firstPage(root, "archive/")],
    ["tags", fs.existsSync(path.join(root, "tags/index.html")) ? "tags/" : null],
    ["tag", firstPage(root, "tags/")],
    ["search", "search/"],
    ["not found", "no-such-page/"],
  ];
  return candidates.filter(([, page]) => page !== null);
}

const types = { ".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml", ".json": "application/json", ".xml": "application/xml" };

/// Serves `root` at `base`, with its 404.html for anything missing, as a static host does.
function serve(root, base) {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, "http://localhost");
    let file = null;
    if (url.pathname.startsWith(base)) {
      const relative = decodeURIComponent(url.pathname.slice(base.length));
      const candidate = path.join(root, relative, relative === "" || relative.endsWith("/") ? "index.html" : "");
      if (candidate.startsWith(root) && fs.existsSync(candidate) && fs.statSync(candidate).isFile()) {
        file = candidate;
      }
    }
    const status = file ? 200 : 404;
    file = file || path.join(root, "404.html");
    response.writeHead(status, { "content-type": types[path.extname(file)] || "application/octet-stream" });
    response.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/// Runs axe on every page of `pages` of the site at `root`, served at `base`, in both
/// colour schemes; returns the serious and critical violations.
async function audit(root, base, pages, work) {
  const server = await serve(root, base);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchChromium(fs.mkdtempSync(path.join(work, "chromium-profile-")));
  const failures = [];
  try {
    const tab = await browser.newPage();
    for (const scheme of ["light", "dark"]) {
      await tab.emulateMedia({ colorScheme: scheme });
      for (const [kind, page] of pages) {
        await tab.goto(origin + base + page);
        await tab.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
        const results = await tab.evaluate(() =>
          // label-content-name-mismatch is experimental in axe (off by default);
          // Lighthouse runs it, so this does too.
          window.axe.run(document, { rules: { "label-content-name-mismatch": { enabled: true } } }),
        );
        for (const violation of results.violations) {
          const where = violation.nodes.slice(0, 3).map((node) => node.target.join(" ")).join("; ");
          const line = `${kind} (${scheme}) ${base}${page}: ${violation.impact} ${violation.id}: ${violation.help} at ${where}`;
          if (violation.impact === "serious" || violation.impact === "critical") {
            failures.push(line);
          } else {
            console.log(`axe: ${line}`);
          }
        }
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  return failures;
}

test("no page of any kind has a serious or critical axe violation", { timeout: 180000 }, async () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "briefing-axe-"));
  const output = path.join(work, "public");
  const base = "/briefings/";
  try {
    execFileSync(binary, [
      "build", path.join(repository, "tests/fixtures/good_site"),
      "--output", output, "--base-url", `https://example.org${base}`,
    ], { stdio: ["ignore", "ignore", "inherit"] });
    const failures = await audit(output, base, fixturePages, work);
    assert.deepEqual(failures, [], `axe found serious or critical violations:\n${failures.join("\n")}`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
});

const builtSites = (process.env.BRIEFING_AXE_SITES || "").split(":").filter(Boolean);
for (const site of builtSites) {
  test(`no page of any kind of ${site} has a serious or critical axe violation`, { timeout: 180000 }, async () => {
    const root = path.resolve(site);
    const pages = pagesOf(root);
    assert.ok(pages.length >= 10, `${site}: found only ${pages.map(([kind]) => kind).join(", ")}`);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "briefing-axe-"));
    try {
      const failures = await audit(root, "/", pages, work);
      assert.deepEqual(failures, [], `axe found serious or critical violations:\n${failures.join("\n")}`);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
}
