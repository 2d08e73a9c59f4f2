// Cross-browser journey: runs the steps of steps.mjs in one engine against
// the release build, served like GitHub Pages under its base path (both
// from tests/e2e/base.mjs: ATTUNE_DIST and ATTUNE_BASE, dist/ and /attune/
// by default).
//
//   node tests/xb/journey.mjs chromium|firefox|webkit
//
// Prints one line per step, what this engine did differently (notes), and a
// closing line CI reads: `firefox: 12 passed, 0 failed`. Exits non-zero if
// any step failed. Screenshots go to target/xb/<engine>/.
//
// A step that fails stops the journey (later steps build on it): those not
// reached are counted as failed, so the counts always add up to every step.
// Every process started (the server, drivers, browsers, Xvfb) is stopped on
// every way out, including Ctrl-C and the `timeout` scripts/test wraps us in.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ENGINES, launch, closeAll, freePort } from "./browsers.mjs";
import { steps, screenshot } from "./steps.mjs";
import { BASE, DIST } from "../e2e/base.mjs";

const engine = process.argv[2];
if (!ENGINES.includes(engine)) {
  console.error(`usage: node tests/xb/journey.mjs ${ENGINES.join("|")}`);
  process.exit(2);
}
const root = fileURLToPath(new URL("../..", import.meta.url));
const STEP_LIMIT_MS = 120_000; // one step; a hung driver call fails it
let server;

async function cleanUp() {
  await closeAll();
  server?.kill("SIGTERM");
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, async () => {
    console.error(`${engine}: stopped by ${signal}, cleaning up`);
    await cleanUp();
    process.exit(130);
  });
}

/** Serves the build with tests/e2e/serve.mjs (GitHub Pages' behaviour). */
async function serve() {
  const port = await freePort();
  server = spawn(process.execPath, ["tests/e2e/serve.mjs", DIST, String(port), BASE], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the server did not start within 10 s")), 10_000);
    server.stdout.on("data", (d) => {
      if (String(d).includes("serving")) {
        clearTimeout(timer);
        resolve();
      }
    });
    server.on("exit", (code) => reject(new Error(`the server exited (${code})`)));
  });
  return `http://127.0.0.1:${port}${BASE}`;
}

function withLimit(promise, ms, what) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

const started = Date.now();
let passed = 0;
let failed = 0;
const notes = [];
// Screenshots of this run only: none left over from an earlier failure.
rmSync(join(root, "target", "xb", engine), { recursive: true, force: true });
const downloads = mkdtempSync(join(tmpdir(), `attune-xb-${engine}-`));
try {
  const base = await serve();
  console.log(`${engine}: journey against ${base} (downloads to ${downloads})`);
  const session = await withLimit(launch(engine, { downloads }), 60_000, `starting ${engine}`);
  const ctx = {
    engine,
    base,
    driver: session.driver,
    downloads,
    shots: join(root, "target", "xb", engine),
    note: (text) => notes.push(text),
    // Stops the web server (for the offline step); the runner's cleanup
    // copes with it being stopped already.
    stopServer: async () => {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    },
    // A further session of the same engine (e.g. in dark mode).
    launch: (options) => withLimit(launch(engine, options), 60_000, `starting a second ${engine}`),
  };
  let stopped = null;
  for (const [i, step] of steps.entries()) {
    const label = `${String(i + 1).padStart(2)}. ${step.name}`;
    if (stopped) {
      failed += 1;
      console.log(`  not run  ${label} (after step ${stopped} failed)`);
      continue;
    }
    const t0 = Date.now();
    try {
      await withLimit(step.run(ctx), STEP_LIMIT_MS, step.name);
      passed += 1;
      console.log(`  ok       ${label} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    } catch (e) {
      failed += 1;
      stopped = i + 1;
      console.log(`  FAILED   ${label} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n           ${e.message.split("\n")[0]}`);
      await withLimit(screenshot(ctx, `failed-step-${i + 1}`), 10_000, "failure screenshot").catch(() => {});
    }
  }
} catch (e) {
  // The server or the browser would not start: every step counts as failed.
  console.log(`  ${engine} could not run the journey: ${e.message}`);
  failed = steps.length - passed;
} finally {
  await cleanUp();
  rmSync(downloads, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
}
for (const note of notes) console.log(`  note (${engine}): ${note}`);
console.log(`${engine} took ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${engine}: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
