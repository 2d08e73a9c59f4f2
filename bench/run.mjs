// `make bench`: Lighthouse (mobile preset, simulated slow 4G and a 4x slower
// CPU) on the release build served like GitHub Pages, on home, on a lesson
// (its real address), and on plain static copies of both with no script,
// made from the pages as Attune shows them. Three rounds, each running the
// pages back to back (so machine load hits them alike), medians printed
// (LCP, Total Blocking Time and Lighthouse's time to interactive beside it),
// then the cost of taking a page over (bench/takeover.mjs). Not part of
// `make test`: it takes minutes and its numbers swing with load.
//   node bench/run.mjs [dist] [rounds]
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, cpus } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import { CHROMIUM_FLAGS } from "../tests/chromium-flags.mjs";
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";

const dist = process.argv[2] ?? "dist";
const rounds = Number(process.argv[3] ?? 3);
const PORT = 4181;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const BASE = "/attune/";
const LESSON = "what-attunement-is";
const CHROME = process.env.CHROME_PATH || "/usr/bin/chromium";
const FLAGS = ["--headless=new", ...CHROMIUM_FLAGS];
const GOALS = "LCP ≤ 1.3 × the plain page's, performance 100, accessibility 100, best practices 100, SEO 100, TBT ≤ 50 ms, CLS 0";

// A copy of the build, plus the plain pages, so dist/ stays as built.
const root = join("target", "bench", "site");
rmSync(root, { recursive: true, force: true });
mkdirSync(root, { recursive: true });
cpSync(dist, root, { recursive: true });

const server = spawn("node", ["tests/e2e/serve.mjs", root, String(PORT), BASE], { stdio: "ignore" });
process.on("exit", () => server.kill());
await waitForServer(`${ORIGIN}${BASE}`);

const pages = [
  { name: "home", url: `${ORIGIN}${BASE}` },
  { name: "lesson", url: `${ORIGIN}${BASE}lesson/${LESSON}/` },
];
for (const page of [...pages]) {
  pages.push({ name: `plain ${page.name}`, url: `${ORIGIN}${BASE}${await writePlain(page)}`, plainOf: page.name });
}

console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
const lhVersion = JSON.parse(readFileSync(new URL("node_modules/lighthouse/package.json", import.meta.url))).version;
console.log(`Lighthouse ${lhVersion}, mobile preset, ${rounds} rounds\n`);
const runs = Object.fromEntries(pages.map((p) => [p.name, []]));
for (let round = 1; round <= rounds; round++) {
  for (const page of pages) {
    const result = await audit(page.url);
    runs[page.name].push(result);
    console.log(`round ${round} ${page.name.padEnd(12)} perf ${result.performance} LCP ${ms(result.lcp)}`);
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = pages.map((p) => {
  const r = runs[p.name];
  const m = (k) => median(r.map((x) => x[k]));
  return {
    page: p.name,
    perf: m("performance"),
    a11y: m("accessibility"),
    bp: m("bestPractices"),
    seo: m("seo"),
    fcp: m("fcp"),
    lcp: m("lcp"),
    tbt: m("tbt"),
    tti: m("tti"),
    cls: m("cls"),
    bytes: m("bytes"),
    seenFcp: m("seenFcp"),
    seenLcp: m("seenLcp"),
  };
});

console.log(`\nMedians of ${rounds} (goals: ${GOALS})`);
console.log("page          perf a11y  bp  seo     FCP      LCP     TBT      TTI    CLS     bytes   unthrottled FCP / LCP");
for (const r of rows) {
  console.log(
    `${r.page.padEnd(12)} ${pad(r.perf, 4)} ${pad(r.a11y, 4)} ${pad(r.bp, 3)} ${pad(r.seo, 4)} ${ms(r.fcp).padStart(8)} ${ms(r.lcp).padStart(8)} ${ms(r.tbt).padStart(7)} ${ms(r.tti).padStart(8)} ${r.cls.toFixed(3).padStart(6)} ${kb(r.bytes).padStart(9)}   ${ms(r.seenFcp)} / ${ms(r.seenLcp)}`,
  );
}
console.log("");
const missed = [];
for (const r of rows.filter((r) => !r.page.startsWith("plain"))) {
  const plain = rows.find((p) => p.page === `plain ${r.page}`);
  const ratio = r.lcp / plain.lcp;
  console.log(`Attune ${r.page} / plain ${r.page}: LCP ×${ratio.toFixed(2)}, TTI ×${(r.tti / plain.tti).toFixed(2)}, bytes ×${(r.bytes / plain.bytes).toFixed(2)}`);
  if (ratio > 1.3) missed.push(`${r.page}: LCP ×${ratio.toFixed(2)} the plain page's`);
  if (r.perf < 100) missed.push(`${r.page}: performance ${r.perf}`);
  if (r.a11y < 100) missed.push(`${r.page}: accessibility ${r.a11y}`);
  if (r.bp < 100) missed.push(`${r.page}: best practices ${r.bp}`);
  if (r.seo < 100) missed.push(`${r.page}: SEO ${r.seo}`);
  if (r.tbt > 50) missed.push(`${r.page}: TBT ${ms(r.tbt)}`);
  if (r.cls > 0) missed.push(`${r.page}: CLS ${r.cls}`);
}
console.log(missed.length ? `goals missed: ${missed.join("; ")}` : "all goals met");
server.kill();
console.log("");
const takeover = spawn("node", ["bench/takeover.mjs", dist, "5"], { stdio: "inherit" });
await new Promise((resolve) => takeover.on("exit", resolve));
process.exit(0);

/** One Lighthouse run in a fresh Chromium, as Lighthouse advises. */
async function audit(url) {
  const chrome = await chromeLauncher.launch({ chromePath: CHROME, chromeFlags: FLAGS });
  try {
    const { lhr } = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility", "best-practices", "seo"],
    });
    if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.message}`);
    const score = (c) => Math.round((lhr.categories[c]?.score ?? 0) * 100);
    const num = (a) => lhr.audits[a]?.numericValue ?? NaN;
    return {
      performance: score("performance"),
      accessibility: score("accessibility"),
      bestPractices: score("best-practices"),
      seo: score("seo"),
      fcp: num("first-contentful-paint"),
      lcp: num("largest-contentful-paint"),
      tbt: num("total-blocking-time"),
      tti: num("interactive"),
      cls: num("cumulative-layout-shift"),
      bytes: num("total-byte-weight"),
      // What this machine saw without throttling. The simulated numbers
      // above are estimated from the page's network graph, which cannot see
      // what a script paints (such as the shell being replaced).
      seenFcp: lhr.audits.metrics?.details?.items?.[0]?.observedFirstContentfulPaint ?? NaN,
      seenLcp: lhr.audits.metrics?.details?.items?.[0]?.observedLargestContentfulPaint ?? NaN,
    };
  } finally {
    await chrome.kill();
  }
}

/** Saves a page as Attune shows it (same stylesheet, figures, text and
 *  questions), as static HTML with no script. Returns its file name. */
async function writePlain({ name, url }) {
  const browser = await chromium.launch({ executablePath: CHROME, args: FLAGS.slice(1) });
  const page = await browser.newPage();
  await page.goto(url);
  await page.getByRole("heading", { level: 1 }).waitFor();
  const html = await page.evaluate(() => {
    document.querySelectorAll("script, dialog").forEach((el) => el.remove());
    const head = [...document.head.querySelectorAll("meta, title, base, link[rel=stylesheet], link[rel=icon]")]
      .map((el) => el.outerHTML.replace(/ integrity="[^"]*"/, ""))
      .join("\n");
    return `<!doctype html>\n<html lang="${document.documentElement.lang}">\n<head>\n${head}\n</head>\n<body>\n${document.body.innerHTML}\n</body>\n</html>\n`;
  });
  await browser.close();
  const file = `plain-${name}.html`;
  writeFileSync(join(root, file), html);
  return file;
}

async function waitForServer(url) {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start at ${url}`);
}

function ms(v) {
  return `${Math.round(v)} ms`;
}
function kb(v) {
  return `${(v / 1024).toFixed(1)} KB`;
}
function pad(v, n) {
  return String(v).padStart(n);
}
