// Finishes a build (Trunk's post_build hook, see Trunk.toml), in order, as
// each step needs the one before:
//   0. the wasm is split so home loads without the pages it does not show
//      (scripts/split-wasm.mjs; every build, as the app cannot run unsplit);
//   1. every page is rendered to HTML from the same components
//      (scripts/prerender.mjs): <page>/index.html, and 404.html, the
//      not-found page GitHub Pages answers unknown paths with;
//   2. every page gets its Content-Security-Policy, with the hash of every
//      inline script as built (scripts/pwa/csp.mjs);
//   3. sw.js, the service worker, precaching every file (scripts/pwa/precache.mjs).
// Any failure fails the build. Development builds (`trunk serve`) get only
// step 0 and a 404.html that is a copy of index.html: the app renders the
// page itself there; the server rewrites its live-reload script per
// request, so no hash could allow it; and the service worker is registered
// in release builds only.
//   node scripts/post-build.mjs [dir]     (default: $TRUNK_STAGING_DIR)
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { withPolicy } from "./pwa/csp.mjs";
import { buildServiceWorker, filesOf } from "./pwa/precache.mjs";
import { prerender } from "./prerender.mjs";
import { cargoWasm, splitWasm } from "./split-wasm.mjs";

/** Steps 2 and 3 (tests re-run them on changed copies of a finished build). */
export async function finishBuild(dir) {
  for (const file of (await filesOf(dir)).filter((f) => f.endsWith(".html"))) {
    await writeFile(join(dir, file), withPolicy(await readFile(join(dir, file), "utf8")));
  }
  return buildServiceWorker(dir);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  if (!dir) {
    console.error("post-build: give the build folder, or run as Trunk's post_build hook");
    process.exit(2);
  }
  try {
    const release = process.env.TRUNK_PROFILE !== "debug";
    const { chunkDir, sizes, modules } = await splitWasm(dir, { raw: cargoWasm({ release }), release });
    const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
    console.log(`post-build: wasm split: ${Object.entries(sizes).map(([f, n]) => `${f.replace(`${chunkDir}/`, "")} ${kb(n)}`).join(", ")}`);
    if (!release) {
      await writeFile(join(dir, "404.html"), await readFile(join(dir, "index.html")));
      console.log("post-build: development build: 404.html written (no rendered pages, no CSP, no service worker)");
    } else {
      const pages = await prerender(dir, { modules });
      const worker = await finishBuild(dir);
      console.log(`post-build: ${pages.length} pages rendered, CSP set, sw.js precaches ${worker.entries.length} files (${kb(worker.bytes)})`);
    }
  } catch (error) {
    console.error(`post-build: ${error.message}`);
    process.exit(1);
  }
}
