// Accessibility: axe-core run in a real headless Chromium on one page of every kind,
// in the light and the dark scheme, of a fixture site built under a sub-path. Any
// serious or critical violation fails; lesser ones are printed.
//
// Needs: BRIEFING_BIN (the briefing binary), Chromium at CHROMIUM (default
// /usr/bin/chromium), and playwright-core and axe-core on NODE_PATH.
// Run: node --test tests/e2e/
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
const base = "/briefings/";

// One page of every kind the default theme has.
const pages = [
  ["home", ""],
  ["article", "articles/lavrov-in-beijing/"],
  ["countries and map", "countries/"],
  ["country", "countries/china/"],
  ["people", "people/"],
  ["person with a profile", "people/sergey-lavrov/"],
  ["person without a profile", "people/mariia-zakharova/"],
  ["archive", "archive/"],
  ["search", "search/"],
  ["not found", "no-such-page/"],
];

const types = { ".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml", ".json": "application/json", ".xml": "application/xml" };

/// Serves `root` at `base`, with its 404.html for anything missing, as a static host does.
function serve(root) {
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

test("no page of any kind has a serious or critical axe violation", { timeout: 180000 }, async () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "briefing-axe-"));
  const output = path.join(work, "public");
  execFileSync(binary, [
    "build", path.join(repository, "tests/fixtures/good_site"),
    "--output", output, "--base-url", `https://example.org${base}`,
  ], { stdio: ["ignore", "ignore", "inherit"] });
  const server = await serve(output);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const profile = path.join(work, "chromium-profile");
  const browser = await launchChromium(profile);
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
          const line = `${kind} (${scheme}) ${page || "/"}: ${violation.impact} ${violation.id}: ${violation.help} at ${where}`;
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
    fs.rmSync(work, { recursive: true, force: true });
  }
  assert.deepEqual(failures, [], `axe found serious or critical violations:\n${failures.join("\n")}`);
});
