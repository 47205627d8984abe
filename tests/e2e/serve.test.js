// End to end: a real headless Chromium against `briefing serve`.
// It opens an article, edits its Markdown on disk and sees the new title without a
// manual reload; breaks the front matter and sees the error overlay; fixes it and sees
// the page again.
//
// Needs: BRIEFING_BIN (the briefing binary), Chromium at CHROMIUM (default
// /usr/bin/chromium) and playwright-core on NODE_PATH. Run: node --test tests/e2e/
"use strict";
const assert = require("node:assert/strict");
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const readline = require("node:readline");
const test = require("node:test");
const { launchChromium } = require("./chromium");

const repository = path.join(__dirname, "../..");
const binary = process.env.BRIEFING_BIN || path.join(repository, "target/release/briefing");
const article = "content/articles/2024/04/xi-jinping-receives-sergey-lavrov.md";
const page = "/articles/xi-jinping-receives-sergey-lavrov/";

function copySite() {
  const site = fs.mkdtempSync(path.join(os.tmpdir(), "briefing-e2e-"));
  fs.cpSync(path.join(repository, "content"), path.join(site, "content"), { recursive: true });
  fs.copyFileSync(path.join(repository, "briefing.yaml"), path.join(site, "briefing.yaml"));
  return site;
}

function startServer(site) {
  const server = spawn(binary, ["serve", "--port", "0", site], { stdio: ["ignore", "pipe", "inherit"] });
  const lines = readline.createInterface({ input: server.stdout });
  const address = new Promise((resolve, reject) => {
    lines.once("line", (line) => {
      const url = line.split(/\s+/).find((word) => word.startsWith("http://"));
      url ? resolve(url.replace(/\/$/, "")) : reject(new Error(`no address in: ${line}`));
    });
    server.once("exit", (code) => reject(new Error(`briefing serve exited with ${code}`)));
  });
  lines.on("line", () => {});
  return { server, address };
}

test("a saved edit, a broken file and its fix show in the open page", { timeout: 120000 }, async () => {
  const site = copySite();
  const { server, address } = startServer(site);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "briefing-chromium-"));
  const browser = await launchChromium(profile);
  try {
    const base = await address;
    const tab = await browser.newPage();
    await tab.goto(base + page);
    assert.equal(await tab.textContent("h1"), "Xi Jinping receives Sergey Lavrov in Beijing");

    const file = path.join(site, article);
    const original = fs.readFileSync(file, "utf8");
    const edited = original.replace(/^title: .*$/m, 'title: "Edited in the browser test"');
    fs.writeFileSync(file, edited);
    await tab.waitForFunction(
      () => document.querySelector("h1")?.textContent === "Edited in the browser test",
      null,
      { timeout: 15000 },
    );

    fs.writeFileSync(file, edited.replace(/^date: .*$/m, "date: 2024-02-30"));
    await tab.waitForSelector("#briefing-error", { timeout: 15000 });
    const overlay = await tab.textContent("#briefing-error");
    assert.match(overlay, /xi-jinping-receives-sergey-lavrov\.md:3:7: `2024-02-30` is not a valid date/);
    assert.equal(await tab.textContent("h1"), "Edited in the browser test", "the last good page stays");

    fs.writeFileSync(file, original);
    await tab.waitForFunction(
      () =>
        !document.querySelector("#briefing-error") &&
        document.querySelector("h1")?.textContent === "Xi Jinping receives Sergey Lavrov in Beijing",
      null,
      { timeout: 15000 },
    );
  } finally {
    await browser.close();
    server.kill();
    fs.rmSync(site, { recursive: true, force: true });
    fs.rmSync(profile, { recursive: true, force: true });
  }
});
