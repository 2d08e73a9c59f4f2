// Builds dist/sw.js: bundles scripts/pwa/service-worker.js with Workbox
// (esbuild), then lets workbox-build inject the list of every file of the
// build, each with its revision (MD5 of its content) and integrity (SHA-384,
// so a half-deployed site cannot put wrong bytes under a new revision).
// A file whose name already carries a hash of its content (the wasm and
// its glue, the chunks, the stylesheet, the lesson texts) has no revision:
// its name is one, and Workbox may then take it from the HTTP cache, so
// what the first page already downloaded is not downloaded a second time.
// Throws if any file of the build would be left out: offline must mean all
// of it, the .wasm above all (Workbox skips large files by default).
import { build } from "esbuild";
import { injectManifest } from "workbox-build";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const WORKER_FILE = "sw.js";
// Names with a content hash: attune-<hash>.js and _bg.wasm, chunks-<hash>/…,
// main-<hash>.css (Trunk), text/<slug>-<hash>.json (scripts/export-text).
export const NAMED_BY_CONTENT = /^(?:chunks-[0-9a-f]{16}\/.+|.+-[0-9a-f]{16}(?:_bg)?\.(?:js|wasm|css|json))$/;
const SOURCE = fileURLToPath(new URL("./service-worker.js", import.meta.url));
// Far above anything we ship; a bigger file fails the build, not offline use.
const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/** Every file under `dir`, as paths relative to it with "/" separators. */
export async function filesOf(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join("/"))
    .sort();
}

async function bundleWorker() {
  const result = await build({
    entryPoints: [SOURCE],
    bundle: true,
    format: "iife",
    minify: true,
    write: false,
    target: "es2020",
    // Workbox's development logging is dropped in production.
    define: { "process.env.NODE_ENV": '"production"' },
    banner: { js: "/* Attune service worker. Includes Workbox (MIT License, Copyright Google LLC). */" },
    logLevel: "silent",
  });
  return result.outputFiles[0].text;
}

/**
 * Writes `dir`/sw.js precaching every other file in `dir`. Returns the
 * precache list (`entries`: url, revision, integrity) and its `bytes`. `maxBytes` is Workbox's per-file limit (a parameter so a
 * test can prove an oversized file fails the build).
 */
export async function buildServiceWorker(dir, { maxBytes = DEFAULT_MAX_BYTES } = {}) {
  const scratch = await mkdtemp(join(tmpdir(), "attune-sw-"));
  try {
    const source = join(scratch, WORKER_FILE);
    await writeFile(source, await bundleWorker());
    let manifest = [];
    const { count, size, warnings } = await injectManifest({
      swSrc: source,
      swDest: join(dir, WORKER_FILE),
      globDirectory: dir,
      globPatterns: ["**/*"],
      globIgnores: [WORKER_FILE],
      maximumFileSizeToCacheInBytes: maxBytes,
      manifestTransforms: [
        async (entries) => {
          for (const entry of entries) {
            const file = entry.url;
            // A page by the address it is asked for (lesson/x/, not
            // lesson/x/index.html), so the copy the browser fetched for
            // it is the one that is checked, not downloaded again.
            entry.url = file === "index.html" ? "./" : file.replace(/\/index\.html$/, "/");
            if (NAMED_BY_CONTENT.test(entry.url)) entry.revision = null;
            const digest = createHash("sha384").update(await readFile(join(dir, file))).digest("base64");
            entry.integrity = `sha384-${digest}`;
          }
          manifest = entries;
          return { manifest: entries, warnings: [] };
        },
      ],
    });
    if (warnings.length > 0) throw new Error(`precache: ${warnings.join("; ")}`);
    const fileOf = (url) => (url === "./" ? "index.html" : url.endsWith("/") ? `${url}index.html` : url);
    const listed = new Set(manifest.map((e) => fileOf(e.url)));
    const missing = (await filesOf(dir)).filter((f) => f !== WORKER_FILE && !listed.has(f));
    if (missing.length > 0) {
      throw new Error(`precache: these files of the build would not work offline: ${missing.join(", ")}`);
    }
    if (count !== manifest.length) throw new Error(`precache: counted ${count}, listed ${manifest.length}`);
    return { entries: manifest, bytes: size };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
