// The cost of taking a page over: the time from the main wasm module's
// arrival to the page answering input, on home and a lesson, in Chromium
// with its CPU slowed 4× (as Lighthouse's mobile preset does), cold (no
// service worker, a new profile), medians of several rounds. Part of
// `make bench`; also runs against an older build, to compare.
//   node bench/takeover.mjs [dist] [rounds]
//
// "Answering input" is when the app has taken the page over (it sets
// <html data-app="ready">); for a build from before pages were rendered at
// build time, when the app had drawn the page itself (its loading shell
// gone; for a lesson, its questions there).
import { spawn } from "node:child_process";
import { chromium } from "@playwright/test";
import { CHROMIUM_FLAGS } from "../tests/chromium-flags.mjs";

const dist = process.argv[2] ?? "dist";
const rounds = Number(process.argv[3] ?? 5);
const PORT = 4182;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const BASE = "/attune/";
const PAGES = [
  { name: "home", path: "" },
  { name: "lesson", path: "lesson/what-attunement-is/" },
];

const server = spawn("node", ["tests/e2e/serve.mjs", dist, String(PORT), BASE], { stdio: "ignore" });
process.on("exit", () => server.kill());
await new Promise((r) => setTimeout(r, 500));

const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || "/usr/bin/chromium", args: CHROMIUM_FLAGS });
const results = {};
for (let round = 0; round < rounds; round++) {
  for (const { name, path } of PAGES) {
    const context = await browser.newContext({ serviceWorkers: "block" });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await page.addInitScript(() => {
      const done = () => {
        const html = document.documentElement;
        if (html.dataset.app === "ready") return true;
        const shell = document.getElementById("app-shell");
        const drawn = location.pathname.includes("/lesson/") ? document.querySelector(".activity.check") : document.querySelector("main h1");
        return window.hadShell && !shell && drawn;
      };
      const watch = new MutationObserver(() => {
        if (document.getElementById("app-shell")) window.hadShell = true;
        if (window.answeringAt === undefined && done()) window.answeringAt = performance.now();
      });
      watch.observe(document, { childList: true, subtree: true, attributes: true });
    });
    await page.goto(`${ORIGIN}${BASE}${path}`);
    await page.waitForFunction(() => window.answeringAt !== undefined, null, { timeout: 60_000 });
    const { wasm, answering } = await page.evaluate(() => ({
      wasm: performance.getEntriesByType("resource").find((e) => /_bg\.wasm$/.test(e.name))?.responseEnd,
      answering: window.answeringAt,
    }));
    (results[name] ??= []).push(answering - wasm);
    await context.close();
  }
}
await browser.close();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`Taking over (${dist}): from the main wasm's arrival to answering input, CPU 4× slower, median of ${rounds}`);
for (const [name, xs] of Object.entries(results)) {
  console.log(`  ${name.padEnd(8)} ${Math.round(median(xs))} ms   (each: ${xs.map((x) => Math.round(x)).join(", ")})`);
}
process.exit(0);
