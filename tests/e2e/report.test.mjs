// crosscheck report in headless Chromium: the seed, a faulty fixture, a
// hostile document, and print.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { HOSTILE, artifacts, launch, ready, report, root, shared, watchedPage } from "./support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function open(file) {
  const watched = await watchedPage(browser);
  await watched.page.goto(pathToFileURL(file).href);
  await ready(watched.page);
  return watched;
}

/// Only the report itself is ever requested: nothing from the network.
function onlyItself(seen, file) {
  assert.deepEqual(seen.requests, [pathToFileURL(file).href]);
}

test("the seed's report shows no conflict, and its matrix has cells", async (t) => {
  const seed = shared("seeds/000_031c26d2ead0ae95.txt");
  if (!seed) return t.skip("../shared is absent");
  const file = report([seed], path.join(artifacts, "seed.html"));
  const { page, seen, context } = await open(file);
  assert.equal(await page.locator("mark.fig").count() > 100, true);
  assert.equal(await page.locator("mark.fig[data-status='conflict']").count(), 0);
  assert.equal(await page.locator("mark.fig[data-status='agrees']").count() > 10, true);
  assert.match(await page.locator("#summary").innerText(), /^0 errors/);
  assert.equal(await page.locator("#findings li[data-rule]").count(), 0);
  const cells = page.locator("table#matrix td[data-status]");
  assert.equal(await cells.count() > 20, true);
  assert.equal(await page.locator("table#matrix td[data-status='conflict']").count(), 0);
  await page.screenshot({ path: path.join(artifacts, "report-seed.png"), fullPage: false });
  assert.deepEqual(seen.errors, []);
  onlyItself(seen, file);
  await context.close();
});

test("a faulty release: the conflict is marked, found, in the matrix, and its mentions show on click", async () => {
  const file = report(["fixtures/zh/release/figure-mismatch.txt"], path.join(artifacts, "figure-mismatch.html"));
  const { page, seen, context } = await open(file);
  const conflicts = page.locator("#documents mark.fig[data-status='conflict']");
  assert.deepEqual(await conflicts.allInnerTexts(), ["1829起", "1892起", "1829起"]);
  // The finding, with its arithmetic and a link to each span.
  const finding = page.locator("#findings li[data-rule='figure-mismatch']");
  assert.equal(await finding.count(), 1);
  assert.equal(await finding.getAttribute("data-severity"), "error");
  assert.match(await finding.locator("pre.arithmetic").innerText(), /1892.*1829|1829.*1892/);
  assert.equal(await finding.locator("a.span-link").count(), 3);
  // The matrix: one row in conflict, its cells marked.
  const row = page.locator("table#matrix tr[data-status='conflict']");
  assert.equal(await row.count(), 1);
  assert.deepEqual(await row.locator("td[data-status='conflict']").allInnerTexts(), ["1829起", "1892起", "1829起"]);
  // Clicking the figure shows its other mentions, with who said them.
  await conflicts.nth(1).click();
  const mentions = page.locator("#mentions");
  await mentions.waitFor({ state: "visible" });
  const items = mentions.locator("li[data-figure]");
  assert.equal(await items.count(), 3);
  assert.deepEqual(await items.locator("a.span-link").allInnerTexts(), ["1829起", "1892起", "1829起"]);
  assert.match(await mentions.innerText(), /周建国/);
  assert.equal(await page.locator("mark.fig.related").count(), 2);
  await page.screenshot({ path: path.join(artifacts, "report-figure-mismatch.png"), fullPage: false });
  // A link in the finding selects its figure too.
  await finding.locator("a.span-link").nth(2).click();
  assert.equal(await page.locator("mark.fig.selected").innerText(), "1829起");
  // A matrix cell does the same.
  await row.locator("button.cellfig").first().click();
  assert.equal(await page.locator("#mentions").getAttribute("data-figure"), await conflicts.first().getAttribute("data-figure"));
  assert.deepEqual(seen.errors, []);
  onlyItself(seen, file);
  await context.close();
});

test("printed, the report keeps its legend, findings and matrix and drops its controls", async () => {
  const file = path.join(artifacts, "figure-mismatch.html");
  const { page, context } = await open(file);
  await page.locator("#documents mark.fig[data-status='conflict']").first().click();
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator("#mentions").isVisible(), false);
  assert.equal(await page.locator("#show-once").isVisible(), false);
  assert.equal(await page.locator("#legend").isVisible(), true, "the colours are explained on paper too");
  assert.equal(await page.locator("#findings li[data-rule]").isVisible(), true);
  assert.equal(await page.locator("table#matrix").isVisible(), true);
  await page.pdf({ path: path.join(artifacts, "report-figure-mismatch.pdf"), format: "A4" });
  await context.close();
});

test("a release with <script> and crafted figures runs nothing in the report", async () => {
  const input = path.join(artifacts, "hostile\"><img src=x onerror=alert(5)>.txt");
  writeFileSync(input, HOSTILE);
  const file = report([input], path.join(artifacts, "hostile.html"));
  const { page, seen, context } = await open(file);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(seen.dialogs, []);
  assert.equal(await page.locator("#documents img, #documents svg, #documents iframe, #documents script").count(), 0);
  assert.equal(await page.locator("body script").count(), 3, "only the report's own three script elements");
  // The text is shown as text, and its figures are still checked.
  assert.match(await page.locator("#documents").innerText(), /<script>window.__pwned=1<\/script>/);
  assert.deepEqual(await page.locator("mark.fig[data-status='conflict']").allInnerTexts(), ["1829起", "1892起"]);
  // A crafted label is a measure like any other, shown as text.
  assert.match(await page.locator("table#matrix tbody th").allInnerTexts().then((t) => t.join("\n")), /__pwned=2>违法行为/);
  await page.locator("mark.fig[data-status='agrees']").first().click();
  assert.match(await page.locator("#mentions").innerText(), /38\.91万件/);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await page.screenshot({ path: path.join(artifacts, "report-hostile.png"), fullPage: false });
  onlyItself(seen, file);
  await context.close();
});

test("a release with 600 findings draws 500 and the rest when asked", async () => {
  const fixture = readFileSync(path.join(root, "fixtures/zh/release/figure-mismatch.txt"), "utf8");
  const input = path.join(artifacts, "many-findings.txt");
  writeFileSync(input, fixture.repeat(600));
  const file = report([input], path.join(artifacts, "many-findings.html"));
  const { page, seen, context } = await open(file);
  const findings = page.locator("#findings li[data-rule]");
  assert.equal(await findings.count(), 500);
  const more = page.locator("#findings li.more button");
  assert.match(await more.innerText(), /show 100 more \(500 of 600 shown\)/);
  await more.click();
  await page.locator("#finding-599").waitFor({ state: "attached" });
  assert.equal(await findings.count(), 600);
  assert.equal(await more.isVisible(), false);
  // The matrix says each value once, with how often each source says it.
  const conflict = page.locator("table#matrix tr[data-status='conflict'] td[data-status='conflict']");
  // (After the first copy, a copy's lead is said by the last speaker of the one before.)
  assert.deepEqual(await conflict.allInnerTexts(), ["1829起", "1892起 ×600", "1829起 ×600", "1829起 ×599"]);
  assert.deepEqual(seen.errors, []);
  await context.close();
});
