// Debian's Chromium, headless, through playwright-core: the one way the browser tests
// start it. A fresh profile folder per run; no network of its own (updates, sync,
// QUIC), so a run depends on nothing outside the machine.
"use strict";
const { chromium } = require("playwright-core");

/// A persistent context in the fresh profile folder `profile`.
function launchChromium(profile) {
  return chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

module.exports = { launchChromium };
