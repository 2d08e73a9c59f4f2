// Finishes a build (Trunk's post_build hook, see Trunk.toml), in order, as
// each step needs the one before:
//   0. the wasm is split so home loads without the pages it does not show
//      (scripts/split-wasm.mjs; every build, as the app cannot run unsplit);
//   1. index.html gets its Content-Security-Policy, with the hash of every
//      inline script as built (scripts/pwa/csp.mjs);
//   2. 404.html becomes a copy of it: GitHub Pages answers a deep link such
//      as /<repo>/lesson/x with 404.html, so the router can take over;
//   3. sw.js, the service worker, precaching every file (scripts/pwa/precache.mjs).
// Any failure fails the build. Development builds (`trunk serve`) get only
// steps 0 and 2: the server rewrites its live-reload script per request, so
// no hash could allow it, and the service worker is registered in release
// builds only.
//   node scripts/post-build.mjs [dir]     (default: $TRUNK_STAGING_DIR)
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { withPolicy } from "./pwa/csp.mjs";
import { buildServiceWorker } from "./pwa/precache.mjs";
import { cargoWasm, splitWasm } from "./split-wasm.mjs";

/** Steps 1 to 3 (tests re-run them on changed copies of a finished build). */
export async function finishBuild(dir, { release = true } = {}) {
  const built = await readFile(join(dir, "index.html"), "utf8");
  const page = release ? withPolicy(built) : built;
  await writeFile(join(dir, "index.html"), page);
  await writeFile(join(dir, "404.html"), page);
  return release ? buildServiceWorker(dir) : null;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  if (!dir) {
    console.error("post-build: give the build folder, or run as Trunk's post_build hook");
    process.exit(2);
  }
  try {
    const release = process.env.TRUNK_PROFILE !== "debug";
    const { chunkDir, sizes } = await splitWasm(dir, { raw: cargoWasm({ release }), release });
    const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
    console.log(`post-build: wasm split: ${Object.entries(sizes).map(([f, n]) => `${f.replace(`${chunkDir}/`, "")} ${kb(n)}`).join(", ")}`);
    const worker = await finishBuild(dir, { release });
    if (worker) {
      console.log(`post-build: CSP set, 404.html written, sw.js precaches ${worker.entries.length} files (${kb(worker.bytes)})`);
    } else {
      console.log("post-build: development build: 404.html written (no CSP, no service worker)");
    }
  } catch (error) {
    console.error(`post-build: ${error.message}`);
    process.exit(1);
  }
}
