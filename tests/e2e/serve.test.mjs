// crosscheck serve in headless Chromium: paste, edit, upload, download, and
// a hostile draft.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { HOSTILE, artifacts, launch, ready, root, serve, watchedPage } from "./support.mjs";

const FAULTY = readFileSync(path.join(root, "fixtures/zh/release/figure-mismatch.txt"), "utf8");

let browser;
let server;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function open() {
  const watched = await watchedPage(browser);
  await watched.page.goto(server.url);
  await ready(watched.page);
  return watched;
}

/// Every request goes to the local server.
function onlyLocal(seen) {
  for (const url of seen.requests) assert.ok(url.startsWith(server.url), url);
}

test("pasting a faulty release shows its finding, and fixing it clears it", async () => {
  const { page, seen, context } = await open();
  await page.locator("#drafts textarea").first().fill(FAULTY);
  const finding = page.locator("#findings li[data-rule='figure-mismatch']");
  await finding.waitFor();
  await ready(page);
  assert.deepEqual(
    await page.locator("#documents mark.fig[data-status='conflict']").allInnerTexts(),
    ["1829起", "1892起", "1829起"],
  );
  assert.equal(await page.locator("table#matrix td[data-status='conflict']").count(), 3);
  await page.locator("#documents mark.fig[data-status='conflict']").first().click();
  assert.equal(await page.locator("#mentions li[data-figure]").count(), 3);
  await page.screenshot({ path: path.join(artifacts, "serve-figure-mismatch.png"), fullPage: false });
  // The editor corrects the figure: the view follows.
  await page.locator("#drafts textarea").first().fill(FAULTY.replace("1892起", "1829起"));
  await finding.waitFor({ state: "detached" });
  await ready(page);
  assert.equal(await page.locator("#documents mark.fig[data-status='conflict']").count(), 0);
  assert.match(await page.locator("#summary").innerText(), /^0 errors/);
  assert.deepEqual(seen.errors, []);
  onlyLocal(seen);
  await context.close();
});

test("uploaded drafts are checked as one release, and the report downloads", async () => {
  const { page, seen, context } = await open();
  await page.locator("#upload").setInputFiles([
    path.join(root, "fixtures/zh/release/clean.txt"),
    path.join(root, "fixtures/zh/release/figure-mismatch.txt"),
  ]);
  await page.locator("#findings li[data-rule='figure-mismatch']").first().waitFor();
  await ready(page);
  assert.equal(await page.locator("#drafts .draft").count(), 2);
  assert.deepEqual(await page.locator("#documents article h2").allInnerTexts(), ["clean.txt", "figure-mismatch.txt"]);
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#download").click()]);
  assert.equal(download.suggestedFilename(), "report.html");
  const saved = path.join(artifacts, "serve-download.html");
  await download.saveAs(saved);
  const html = readFileSync(saved, "utf8");
  assert.ok(html.includes('id="data"'));
  assert.ok(html.includes("figure-mismatch.txt"));
  onlyLocal(seen);
  await context.close();
});

test("a Word document and a GBK file upload as text, and a broken file says why", async () => {
  const { page, seen, context } = await open();
  const formats = path.join(root, "fixtures/zh/formats");
  const file = (name, mimeType) => ({ name, mimeType, buffer: readFileSync(path.join(formats, name)) });
  await page.locator("#upload").setInputFiles([
    file("release.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    file("release-gbk.txt", "text/plain"),
    { name: "broken.docx", mimeType: "application/octet-stream", buffer: Buffer.from("not a zip") },
  ]);
  await page.locator("#findings li[data-rule='figure-mismatch']").first().waitFor();
  await ready(page);
  assert.deepEqual(await page.locator("#drafts input.name").evaluateAll((inputs) => inputs.map((i) => i.value)),
    ["release.docx", "release-gbk.txt"]);
  const texts = await page.locator("#drafts textarea").evaluateAll((areas) => areas.map((a) => a.value));
  for (const text of texts) assert.ok(text.includes("截至目前") && text.includes("1892起"), text.slice(0, 80));
  // Both copies say 1892 where the others say 1829: the conflict is marked in each.
  assert.ok((await page.locator("#documents mark.fig[data-status='conflict']").allInnerTexts()).includes("1892起"));
  await page.locator("#status", { hasText: "cannot read broken.docx" }).waitFor();
  onlyLocal(seen);
  await context.close();
});

test("a draft with <script> and crafted figures runs nothing in the page", async () => {
  const { page, seen, context } = await open();
  await page.locator("#drafts input.name").first().fill('x"><img src=x onerror=alert(5)>.html');
  await page.locator("#drafts textarea").first().fill(HOSTILE);
  await page.locator("#findings li[data-rule='figure-mismatch']").waitFor();
  await ready(page);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(seen.dialogs, []);
  assert.equal(await page.locator("#documents img, #documents svg, #documents iframe, #documents script").count(), 0);
  assert.match(await page.locator("#documents article h2").innerText(), /<img src=x onerror=alert\(5\)>/);
  await page.locator("#documents mark.fig").first().click();
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await page.screenshot({ path: path.join(artifacts, "serve-hostile.png"), fullPage: false });
  onlyLocal(seen);
  await context.close();
});
