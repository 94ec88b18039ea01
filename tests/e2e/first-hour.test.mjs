// The report of several files, as a reader sees it in Chromium (issue 12):
// where each source starts is visible, the approximate mark is legible, and
// no matrix cell or row is painted "agrees" unless its figures intersect.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { artifacts, launch, ready, report, serve, watchedPage } from "./support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// A draft whose figure-mismatch is turned off by the config: its two values
// of 查处非法捕捞案件 differ with no finding, the case once painted "agrees".
const DRAFT = "全市共查处非法捕捞案件63起,清查在港渔船约1.9万艘次。\n渔政工作情况——市农业农村局副局长陈涛\n今年以来,全市查处非法捕捞案件36起。\n";
const CONFIG = "version: 1\ndisable:\n  - {files: \"**/drafts/**\", rules: [figure-mismatch]}\n";

function inputs() {
  const dir = path.join(artifacts, "first-hour");
  mkdirSync(path.join(dir, "drafts"), { recursive: true });
  writeFileSync(path.join(dir, "drafts", "fishing.txt"), DRAFT);
  writeFileSync(path.join(dir, "crosscheck.yaml"), CONFIG);
  return [
    "--config", path.join(dir, "crosscheck.yaml"),
    "fixtures/zh/release/figure-mismatch.txt",
    "fixtures/en/briefing/clean.md",
    path.join(dir, "drafts", "fishing.txt"),
  ];
}

test("several files: a band per source, a legible ≈, and agreement only where figures intersect", async () => {
  const file = report(inputs(), path.join(artifacts, "first-hour.html"));
  const { page, seen, context } = await (async () => {
    const watched = await watchedPage(browser);
    await watched.page.goto(pathToFileURL(file).href);
    await ready(watched.page);
    return watched;
  })();
  const view = JSON.parse(await page.locator("#data").textContent());

  // 1. A heading band for every source where it starts, in every document.
  const bands = page.locator("#documents .source-band");
  assert.equal(await bands.count(), view.segments.length);
  const titles = await bands.evaluateAll((els) => els.map((e) => e.lastChild.textContent));
  assert.deepEqual(titles, view.segments.map((s) => view.sources[s.source]));
  assert.ok(titles.includes("导语 (fixtures/zh/release/figure-mismatch.txt)"), titles.join(" | "));
  assert.ok(titles.includes("市公安局副局长周建国") && titles.includes("MR. HALE"), titles.join(" | "));
  const looks = await bands.evaluateAll((els) => els.map((e) => {
    const band = getComputedStyle(e);
    const line = getComputedStyle(e.parentElement.querySelector(".line"));
    return {
      background: band.backgroundColor, lineBackground: line.backgroundColor,
      border: parseFloat(band.borderLeftWidth), weight: Number(band.fontWeight), height: e.getBoundingClientRect().height,
    };
  }));
  for (const l of looks) {
    assert.notEqual(l.background, l.lineBackground, "a band is not body text");
    assert.ok(l.border >= 3 && l.weight >= 600 && l.height > 10, JSON.stringify(l));
  }
  // A speaker's heading line is bold, the line after it is not.
  const opening = page.locator("#documents .line.opens").first();
  assert.match(await opening.innerText(), /——/);
  assert.ok(Number(await opening.evaluate((e) => getComputedStyle(e).fontWeight)) >= 600);

  // 2. The approximate mark: ≈ as large as the text, bold, in its own colour.
  const approximate = page.locator("mark.fig[data-approximate]");
  assert.ok(await approximate.count() > 3);
  const mark = await approximate.first().evaluate((e) => {
    const before = getComputedStyle(e, "::before");
    const own = getComputedStyle(e);
    return {
      content: before.content, size: parseFloat(before.fontSize), text: parseFloat(own.fontSize),
      weight: Number(before.fontWeight), color: before.color, textColor: own.color,
    };
  });
  assert.equal(mark.content, '"≈"');
  assert.ok(mark.size >= mark.text * 0.95, JSON.stringify(mark));
  assert.ok(mark.weight >= 600 && mark.color !== mark.textColor, JSON.stringify(mark));

  // 3. The matrix: a row or cell is "agrees" only when its figures intersect.
  const bounds = (id) => {
    const [lo, hi] = view.figures[id].interval.split("–");
    return [Number(lo), Number(hi === undefined ? lo : hi)];
  };
  const rows = await page.locator("table#matrix tbody tr").evaluateAll((trs) => trs.map((tr) => ({
    measure: Number(tr.getAttribute("data-measure")),
    status: tr.getAttribute("data-status"),
    cells: Array.from(tr.querySelectorAll("td[data-status]")).map((td) => ({
      status: td.getAttribute("data-status"), text: td.innerText,
    })),
  })));
  let agreeing = 0;
  for (const row of rows) {
    const ids = view.measures[row.measure].figures;
    const all = ids.map(bounds);
    const intersect = Math.max(...all.map((b) => b[0])) <= Math.min(...all.map((b) => b[1]));
    if (row.status === "agrees") { assert.ok(intersect, `row ${view.measures[row.measure].key}`); agreeing++; }
    if (!intersect) {
      assert.notEqual(row.status, "agrees", view.measures[row.measure].key);
      for (const cell of row.cells) assert.notEqual(cell.status, "agrees", `${view.measures[row.measure].key}: ${cell.text}`);
    }
  }
  assert.ok(agreeing > 5, "rows that agree are still painted so");
  // The draft's 63起 and 36起 (no finding: the rule is off there) differ.
  const fishing = rows.find((r) => view.measures[r.measure].key.startsWith("查处非法捕捞案件"));
  assert.ok(fishing, rows.map((r) => view.measures[r.measure].key).join(", "));
  assert.equal(fishing.status, "differs");
  assert.deepEqual(fishing.cells.map((c) => [c.text, c.status]), [["63起", "differs"], ["36起", "differs"]]);
  assert.equal(view.findings.filter((f) => f.rule === "figure-mismatch").length, 1, "only the fixture's");
  assert.equal(await page.locator("#legend .key[data-status='differs']").count(), 1);

  await page.screenshot({ path: path.join(artifacts, "report-first-hour.png"), fullPage: false });
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test("the empty proofing page invites a paste instead of reporting agreement", async () => {
  const server = await serve();
  try {
    const { page, seen, context } = await watchedPage(browser);
    await page.goto(server.url);
    await ready(page);
    const empty = page.locator("#findings li.empty");
    assert.match(await empty.innerText(), /^Nothing to check yet: paste a release/);
    assert.doesNotMatch(await page.locator("#findings").innerText(), /agree/);
    await page.locator("textarea.text").first().fill("全市共破获刑事案件1829起。");
    await page.waitForFunction(() => /No findings: the figures agree/.test(document.querySelector("#findings").innerText));
    assert.deepEqual(seen.errors, []);
    await context.close();
  } finally {
    await server.stop();
  }
});
