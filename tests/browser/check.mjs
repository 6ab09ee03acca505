// Load neardup HTML reports in headless Debian Chromium (/usr/bin/chromium) through
// playwright-core, and check what a person's browser would do with them:
//
// * no console error or warning, no uncaught exception (a Content-Security-Policy violation
//   is a console error);
// * no network request of any kind besides the page's own file;
// * no script run by a title: no dialog opens (the hostile titles call alert), the page
//   has only its own script and no element an attacker could use (img, iframe, object,
//   embed, an event-handler attribute);
// * the page's own script did run (the filters are shown and filter);
// * a screenshot per report, and the time Chromium took to load and render it: `load_ms`
//   from navigation to the first frame after the load event, and the navigation timing's
//   DOMContentLoaded and load event ends.
//
// Usage: node check.mjs OUT_DIR REPORT.html[=EXPECTED_TEXT]...
// EXPECTED_TEXT, when given, must appear as the text of a title (inert, not markup).
// Prints one JSON line per report; exits 1 when a check fails.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];

async function check(outDir, arg) {
  const [file, expected] = arg.split(/=(.*)/s);
  const url = pathToFileURL(resolve(file)).href;
  const profile = mkdtempSync(join(tmpdir(), "neardup-chromium-"));
  const problems = [];
  const requests = [];
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
  });
  try {
    const page = context.pages()[0] || (await context.newPage());
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") {
        problems.push(`console ${message.type()}: ${message.text()}`);
      }
    });
    page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
    page.on("dialog", async (dialog) => {
      problems.push(`a script opened a ${dialog.type()} dialog: ${dialog.message()}`);
      await dialog.dismiss();
    });
    context.on("request", (request) => requests.push(request.url()));
    const started = process.hrtime.bigint();
    await page.goto(url, { waitUntil: "load" });
    // Two animation frames: the first paint after load is done.
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
    const loadMs = Number(process.hrtime.bigint() - started) / 1e6;
    const dom = await page.evaluate((text) => {
      const titles = Array.from(document.querySelectorAll("bdi.title"), (t) => t.textContent);
      const handlers = Array.from(document.querySelectorAll("*")).filter((element) =>
        Array.from(element.attributes).some((a) => a.name.toLowerCase().startsWith("on")),
      ).length;
      const navigation = performance.getEntriesByType("navigation")[0];
      return {
        domContentLoadedMs: Math.round(navigation.domContentLoadedEventEnd),
        loadEventMs: Math.round(navigation.loadEventEnd),
        scripts: document.scripts.length,
        dangerous: document.querySelectorAll("img, iframe, object, embed, frame, link, base, a")
          .length,
        handlers,
        filtersShown: !document.getElementById("filters").hidden,
        shown: document.getElementById("shown").textContent,
        expectedFound: text === undefined || titles.some((t) => t.includes(text)),
        title: document.title,
        elements: document.getElementsByTagName("*").length,
      };
    }, expected);
    if (dom.scripts !== 1) problems.push(`${dom.scripts} scripts in the page`);
    if (dom.dangerous !== 0) problems.push(`${dom.dangerous} img/iframe/object/link/a elements`);
    if (dom.handlers !== 0) problems.push(`${dom.handlers} elements with event handlers`);
    if (!dom.filtersShown) problems.push("the page's own script did not run");
    if (!dom.expectedFound) problems.push(`no title reads ${JSON.stringify(expected)}`);
    if (!dom.title.startsWith("neardup")) problems.push(`title changed: ${dom.title}`);
    // The filters work: a search for a word no title has hides every item.
    let filtered = null;
    if (dom.filtersShown) {
      await page.fill("input[type=search]", "zzzz-no-title-has-this");
      filtered = await page.textContent("#shown");
      if (!/^0 of /.test(filtered)) problems.push(`search did not filter: ${filtered}`);
      await page.fill("input[type=search]", "");
    }
    const others = requests.filter((r) => r !== url);
    if (others.length > 0) problems.push(`network requests: ${others.join(", ")}`);
    const screenshot = join(outDir, basename(file).replace(/\.html$/, ".png"));
    await page.screenshot({ path: screenshot, fullPage: false });
    return {
      report: file,
      load_ms: Math.round(loadMs),
      dom_content_loaded_ms: dom.domContentLoadedMs,
      load_event_ms: dom.loadEventMs,
      elements: dom.elements,
      shown: dom.shown,
      filtered,
      requests: requests.length,
      screenshot,
      problems,
    };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

const [outDir, ...reports] = process.argv.slice(2);
if (!outDir || reports.length === 0) {
  console.error("usage: node check.mjs OUT_DIR REPORT.html[=EXPECTED_TEXT]...");
  process.exit(2);
}
let failed = false;
for (const report of reports) {
  const result = await check(outDir, report);
  console.log(JSON.stringify(result));
  failed ||= result.problems.length > 0;
}
process.exit(failed ? 1 : 0);
