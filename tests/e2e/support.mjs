// Shared by the e2e tests: paths, the browser, the crosscheck binary.
import { chromium } from "playwright-core";
import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const artifacts = path.join(root, "target", "e2e-artifacts");
mkdirSync(artifacts, { recursive: true });

export const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";
export const onCI = process.env.CI === "true";

/// The crosscheck binary: CROSSCHECK_BIN, else target/debug/crosscheck.
export function binary() {
  const bin = process.env.CROSSCHECK_BIN
    ? path.resolve(process.env.CROSSCHECK_BIN)
    : path.join(root, "target", "debug", "crosscheck");
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run cargo build first`);
  return bin;
}

/// A path under ../shared, or null with a printed reason; under CI=true its absence fails.
export function shared(rel) {
  const p = path.join(root, "..", "shared", rel);
  if (existsSync(p)) return p;
  if (onCI) throw new Error(`${p} is absent, and CI=true: CI must have ../shared beside the clone`);
  console.log(`skipped: ${p} is absent (it ships beside the repository, not in it)`);
  return null;
}

export async function launch() {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
}

/// Runs `crosscheck report ARGS… -o OUT` and returns OUT.
export function report(args, out) {
  execFileSync(binary(), ["report", ...args, "-o", out], { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
  return out;
}

/// A page that records every request, console error and dialog, and fails
/// nothing by itself: the tests look at what it recorded.
export async function watchedPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const seen = { requests: [], dialogs: [], errors: [], csp: [] };
  page.on("request", (r) => seen.requests.push(r.url()));
  page.on("dialog", (d) => { seen.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on("pageerror", (e) => seen.errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") seen.errors.push(m.text());
    if (/Content.Security.Policy/i.test(m.text())) seen.csp.push(m.text());
  });
  return { context, page, seen };
}

/// Waits for the page to finish drawing (`<html data-ready>`).
export async function ready(page, timeout = 60000) {
  await page.waitForSelector("html[data-ready='1']", { state: "attached", timeout });
}

/// Starts `crosscheck serve --port 0`; resolves with { url, stop }.
export function serve() {
  return new Promise((resolve, reject) => {
    const child = spawn(binary(), ["serve", "--port", "0"], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    const timer = setTimeout(() => { child.kill(); reject(new Error(`serve printed no URL: ${out}`)); }, 20000);
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const m = out.match(/http:\/\/[^\s]+\//);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[0], stop: () => new Promise((done) => { child.once("exit", done); child.kill(); }) });
      }
    });
    child.once("exit", (code) => { clearTimeout(timer); reject(new Error(`serve exited with ${code}: ${out}`)); });
  });
}

/// A release that tries to run code: a script element, markup in figure
/// labels and after figures, a closing </script>, U+2028. Its two counts of
/// 侦破刑事案件 disagree, so it has a finding to draw too.
export const HOSTILE = [
  "<script>window.__pwned=1</script>",
  "全市共侦破刑事案件1829起,查处<img src=x onerror=window.__pwned=2>违法行为38.91万件。",
  "行动总体情况——市公安局副局长周建国",
  "全市累计侦破刑事案件1892起,查处<img src=x onerror=window.__pwned=2>违法行为38.91万件</script><script>window.__pwned=3</script>。",
  "\"><svg onload=alert(2)> \u2028 </textarea><iframe src=javascript:alert(4)>",
  "",
].join("\n");
