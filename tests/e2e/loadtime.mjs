// Measures how a large report opens in headless Chromium: not part of the
// test run (it takes a while), run by hand:
//
//   cargo build --release && node tests/e2e/loadtime.mjs [--mb 5] [--dense]
//
// It copies the real documents of ../shared/corpus (Chinese government work
// reports, White House briefings, BLS releases) into a folder until it holds
// --mb megabytes, writes `crosscheck report` of it, opens the report and
// prints: the report's size, the time to write it, the time from navigation
// to <html data-ready> (everything drawn), the longest task while loading
// (how long the page could not answer), and the time a click on a figure
// takes to show its mentions. It prints figures and asserts nothing.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { artifacts, launch, root, shared } from "./support.mjs";

const mbArg = process.argv.indexOf("--mb");
const megabytes = mbArg > 0 ? Number(process.argv[mbArg + 1]) : 5;
const bin = process.env.CROSSCHECK_BIN
  ? path.resolve(process.env.CROSSCHECK_BIN)
  : path.join(root, "target", "release", "crosscheck");
const dense = process.argv.includes("--dense");
const corpus = dense ? null : shared("corpus");
if (!dense && !corpus) process.exit(0);

const files = dense
  ? []
  : ["zh/gov_work_reports", "en/whitehouse", "en/bls"].flatMap((dir) =>
      readdirSync(path.join(corpus, dir)).sort().map((name) => path.join(corpus, dir, name)),
    );
const folder = path.join(artifacts, "loadtime-corpus");
rmSync(folder, { recursive: true, force: true });
let bytes = 0;
if (dense) {
  // --dense: the benches' generated release (benches/support/corpus.rs):
  // two fixtures repeated, every digit varied, one figure every 60 bytes or
  // so, in one file: the worst case for the page.
  mkdirSync(folder, { recursive: true });
  const templates = ["fixtures/zh/press-conference-clean.txt", "fixtures/en/press-briefing-clean.md"].map((f) =>
    readFileSync(path.join(root, f), "utf8"),
  );
  let state = 0x2545f4914f6cdd1dn;
  const mask = (1n << 64n) - 1n;
  const parts = [];
  while (bytes < megabytes * 1024 * 1024) {
    for (const template of templates) {
      let out = "";
      for (const c of template) {
        if (c >= "0" && c <= "9") {
          state = (state * 6364136223846793005n + 1442695040888963407n) & mask;
          out += String((state >> 33n) % 10n);
        } else out += c;
      }
      parts.push(out + "\n");
      bytes += Buffer.byteLength(out) + 1;
    }
  }
  writeFileSync(path.join(folder, "dense.txt"), parts.join(""));
}
for (let copy = 1; !dense && bytes < megabytes * 1024 * 1024; copy++) {
  const dir = path.join(folder, `copy-${copy}`);
  mkdirSync(dir, { recursive: true });
  for (const file of files) {
    if (bytes >= megabytes * 1024 * 1024) break;
    cpSync(file, path.join(dir, path.basename(file)));
    bytes += statSync(file).size;
  }
}
const out = path.join(artifacts, "loadtime.html");
let started = performance.now();
execFileSync(bin, ["report", folder, "-o", out], { stdio: ["ignore", "ignore", "inherit"] });
const writeMs = performance.now() - started;
const size = statSync(out).size;

const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
await page.addInitScript(() => {
  window.__longest = 0;
  window.__long = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__longest = Math.max(window.__longest, e.duration);
      window.__long++;
    }
  }).observe({ type: "longtask", buffered: true });
});
started = performance.now();
await page.goto(pathToFileURL(out).href, { waitUntil: "commit" });
const firstPaint = await page
  .waitForSelector("#documents mark.fig", { timeout: 600000 })
  .then(() => performance.now() - started);
await page.waitForSelector("html[data-ready='1']", { state: "attached", timeout: 600000 });
const readyMs = performance.now() - started;
const inPage = await page.evaluate(() => ({
  renderMs: Number(document.documentElement.dataset.loadMs),
  busyMs: Number(document.documentElement.dataset.busyMs),
  marks: document.querySelectorAll("mark.fig").length,
  rows: document.querySelectorAll("table#matrix tbody tr").length,
  summary: document.getElementById("summary").textContent,
  columns: document.querySelectorAll("table#matrix thead th").length - 1,
  longest: window.__longest,
  long: window.__long,
}));
// A figure far down: scrolled to first, then clicked; the time is the
// page's own, from the click event to the mentions drawn.
const far = page.locator("#documents mark.fig").nth(Math.floor(inPage.marks / 2));
await far.scrollIntoViewIfNeeded();
const clickMs = await far.evaluate((mark) => {
  const t0 = performance.now();
  mark.dispatchEvent(new MouseEvent("click", { bubbles: true }));
  document.getElementById("mentions").getBoundingClientRect();
  return performance.now() - t0;
});
if (await page.locator("#mentions").isHidden()) throw new Error("the click showed no mentions");
await page.screenshot({ path: path.join(artifacts, "loadtime.png") });
await browser.close();

const mb = (n) => (n / 1024 / 1024).toFixed(1) + " MB";
console.log(
  dense
    ? `input: ${mb(bytes)} in one generated file (the benches' figure-dense release)`
    : `input: ${mb(bytes)} in ${readdirSync(folder).length} copies of ${files.length} documents of ../shared/corpus`,
);
console.log(`report: ${mb(size)} written in ${(writeMs / 1000).toFixed(1)} s by ${path.relative(root, bin)}`);
console.log(`summary: ${inPage.summary}`);
console.log(`figures marked: ${inPage.marks}; matrix: ${inPage.rows} rows drawn × ${inPage.columns} sources`);
console.log(`first figure on screen: ${(firstPaint / 1000).toFixed(2)} s after navigation`);
console.log(`ready (everything drawn): ${(readyMs / 1000).toFixed(2)} s after navigation; drawing took ${(inPage.renderMs / 1000).toFixed(2)} s of it, ${(inPage.busyMs / 1000).toFixed(2)} s in the page's script`);
console.log(`longest task while loading: ${Math.round(inPage.longest)} ms (${inPage.long} tasks over 50 ms)`);
console.log(`click on a figure to its mentions shown (in the page, with layout): ${Math.round(clickMs)} ms`);
if (!existsSync(out)) process.exit(1);
