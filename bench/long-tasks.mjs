// One Lighthouse run (mobile preset) per address, printing its score, Total
// Blocking Time and LCP, each long task it counted (start, simulated length,
// script), and where the main thread's time went: the quick look behind the
// TBT figure `make bench` prints. Not part of `make test`.
//   node bench/long-tasks.mjs http://127.0.0.1:4181/attune/ ...
// (serve a build first: node tests/e2e/serve.mjs dist 4181 /attune/)
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { CHROMIUM_FLAGS } from "../tests/chromium-flags.mjs";

const CHROME = process.env.CHROME_PATH || "/usr/bin/chromium";
for (const url of process.argv.slice(2)) {
  const chrome = await chromeLauncher.launch({ chromePath: CHROME, chromeFlags: ["--headless=new", ...CHROMIUM_FLAGS] });
  let lhr;
  try {
    ({ lhr } = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance"] }));
  } finally {
    await chrome.kill();
  }
  const audits = lhr.audits;
  const ms = (v) => `${Math.round(v)} ms`;
  console.log(`\n${url}\nperformance ${Math.round(lhr.categories.performance.score * 100)}, TBT ${ms(audits["total-blocking-time"].numericValue)}, LCP ${ms(audits["largest-contentful-paint"].numericValue)}`);
  for (const t of audits["long-tasks"]?.details?.items ?? []) console.log(`  long task at ${ms(t.startTime)}: ${ms(t.duration)}  ${t.url}`);
  for (const g of audits["mainthread-work-breakdown"]?.details?.items ?? []) console.log(`  ${g.groupLabel ?? g.group}: ${ms(g.duration)}`);
}
process.exit(0);
