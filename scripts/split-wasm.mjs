// Splits the app's wasm so the first load of home does not carry the pages
// it does not show (src/pages/chunks.rs). The first step of Trunk's
// post_build hook (scripts/post-build.mjs):
//   1. wasm-split-cli (crates.io `wasm_split_cli_support`, pinned in
//      scripts/install-tools) cuts cargo's own output (linked with
//      --emit-relocs, see .cargo/config.toml) into the main module, one
//      chunk per `#[wasm_split]` module and chunks of code they share, and
//      writes __wasm_split.js, the loader the main module imports;
//   2. wasm-bindgen runs again, on the main module, keeping the exports
//      the chunks link against; wasm-opt -Oz shrinks every module (release);
//   3. Trunk's JS glue and wasm are replaced by these (same names), the
//      loader and chunks go into chunks-<hash of the build>/ so an old tab
//      or cache never mixes them with another build's, and index.html's
//      integrity hashes are redone, with a modulepreload for the loader.
// Any failure throws: a build must never ship a main module without its
// chunks.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile, copyFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const LOADER = "__wasm_split.js";
// Rust's wasm32 features in use; the chunks carry no feature section.
const WASM_OPT = ["-Oz", "--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext",
  "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue"];

// The app paths (after the base) of the pages in each split module: those
// `Route::parse` (src/model/routes.rs) gives to the functions of that
// module in src/pages/chunks.rs. A first load at such an address fetches
// the module's chunks alongside the main module instead of after it.
const PATHS_OF_MODULE = { course: "^(lesson/[^/]+|journal|workbook)/?$", data: "^data/?$" };

const sri = (bytes) => "sha384-" + createHash("sha384").update(bytes).digest("base64");
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });

/** Where cargo left the linked wasm Trunk built from. */
export function cargoWasm({ release, targetDir = process.env.CARGO_TARGET_DIR ?? "target" }) {
  return join(targetDir, "wasm32-unknown-unknown", release ? "release" : "debug", "attune.wasm");
}

/**
 * Splits the build in `dir` (Trunk's staging folder) from `raw`, cargo's
 * wasm. Returns the chunk folder's name and each module's size.
 */
export async function splitWasm(dir, { raw, release = true }) {
  const input = await readFile(raw);
  if (!input.includes(Buffer.from("__wasm_split_placeholder__"))) {
    throw new Error(`${raw} has no split points: build with the "split" feature (index.html)`);
  }
  const html = await readFile(join(dir, "index.html"), "utf8");
  const glue = html.match(/from '[^']*\/([^'/]+)\.js'/)?.[1];
  if (!glue || !html.includes(`${glue}_bg.wasm`)) throw new Error("index.html names no Trunk-built wasm");
  const chunkDir = `chunks-${createHash("sha256").update(input).digest("hex").slice(0, 16)}`;

  const work = await mkdtemp(join(tmpdir(), "attune-split-"));
  try {
    const split = join(work, "split");
    const bound = join(work, "bound");
    run("wasm-split-cli", [raw, split, "--out-name", glue]);
    run("wasm-bindgen", ["--target", "web", "--keep-lld-exports", "--no-demangle", "--no-typescript",
      "--out-dir", bound, "--out-name", glue, join(split, `${glue}.wasm`)]);
    const chunks = (await readdir(split)).filter((f) => f.endsWith(".wasm") && f !== `${glue}.wasm`).sort();
    if (chunks.length === 0) throw new Error("wasm-split-cli wrote no chunk");
    const modules = [join(bound, `${glue}_bg.wasm`), ...chunks.map((f) => join(split, f))];
    if (release) for (const m of modules) run("wasm-opt", [...WASM_OPT, m, "-o", m]);

    // The glue imports the loader from beside itself; it lives one folder down.
    let js = await readFile(join(bound, `${glue}.js`), "utf8");
    const imports = js.match(/from "\.\/__wasm_split\.js"/g)?.length ?? 0;
    if (imports === 0) throw new Error("the JS glue does not import the split loader");
    js = js.replaceAll(`from "./${LOADER}"`, `from "./${chunkDir}/${LOADER}"`);
    let loader = await readFile(join(split, LOADER), "utf8");
    if (!loader.includes(`from "./${glue}.js"`)) throw new Error("the split loader does not import the glue");
    loader = loader.replace(`from "./${glue}.js"`, `from "../${glue}.js"`);

    await mkdir(join(dir, chunkDir), { recursive: true });
    await writeFile(join(dir, `${glue}.js`), js);
    await copyFile(modules[0], join(dir, `${glue}_bg.wasm`));
    await writeFile(join(dir, chunkDir, LOADER), loader);
    for (const f of chunks) await copyFile(join(split, f), join(dir, chunkDir, f));

    await writeFile(join(dir, "index.html"), await withIntegrity(html, dir, glue, chunkDir));
    const sizes = {};
    for (const f of [`${glue}_bg.wasm`, ...chunks.map((c) => `${chunkDir}/${c}`)]) {
      sizes[f] = (await readFile(join(dir, f))).length;
    }
    return { chunkDir, sizes };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * index.html with the new files' integrity hashes, the loader preloaded,
 * and a script that preloads the chunks of the page the address names.
 */
async function withIntegrity(html, dir, glue, chunkDir) {
  let page = html;
  for (const file of [`${glue}.js`, `${glue}_bg.wasm`]) {
    const hash = sri(await readFile(join(dir, file)));
    const tag = new RegExp(`(<link[^>]*href="[^"]*/${file.replace(/\./g, "\\.")}"[^>]*integrity=")[^"]*(")`);
    if (!tag.test(page)) throw new Error(`index.html has no preload with integrity for ${file}`);
    page = page.replace(tag, `$1${hash}$2`);
  }
  const preload = page.match(new RegExp(`<link rel="modulepreload" href="([^"]*/)${glue}\\.js"[^>]*>`));
  if (!preload) throw new Error("index.html has no modulepreload for the JS glue");
  const loaderHash = sri(await readFile(join(dir, chunkDir, LOADER)));
  const loaderTag = `<link rel="modulepreload" href="${preload[1]}${chunkDir}/${LOADER}" crossorigin="anonymous" integrity="${loaderHash}">`;
  page = page.replace(preload[0], preload[0] + loaderTag);

  const loader = await readFile(join(dir, chunkDir, LOADER), "utf8");
  const routes = Object.entries(PATHS_OF_MODULE).map(([module, path]) => {
    const files = chunkFiles(loader, module);
    if (!files) throw new Error(`the split loader has no module "${module}" (src/pages/chunks.rs)`);
    return [path, files.map((f) => `${chunkDir}/${f}`)];
  });
  const app = page.match(/<script type="module">/);
  if (!app) throw new Error("index.html has no module script to start the app");
  return page.replace(app[0], chunkPreloads(routes) + app[0]);
}

/**
 * An inline script (allowed by the policy's hash, scripts/pwa/csp.mjs)
 * that preloads the chunk files of the page the address names. Same URL
 * and credentials mode as the loader's fetch, so the browser reuses them.
 */
function chunkPreloads(routes) {
  return `<script>
      // The wasm chunks of the page this address shows, fetched alongside the
      // main module (scripts/split-wasm.mjs).
      (function () {
        var path = location.pathname.slice(new URL(document.baseURI).pathname.length);
        ${JSON.stringify(routes)}.forEach(function (route) {
          if (!new RegExp(route[0]).test(path)) return;
          route[1].forEach(function (file) {
            var link = document.createElement("link");
            link.rel = "preload";
            link.as = "fetch";
            link.crossOrigin = "anonymous";
            link.href = file;
            document.head.appendChild(link);
          });
        });
      })();
    </script>
`;
}

/** The chunk files a split module needs, read from the loader. */
export function chunkFiles(loaderSource, module) {
  const start = loaderSource.indexOf(`export const __wasm_split_load_${module} =`);
  if (start < 0) return null;
  const entry = loaderSource.slice(start).match(/new URL\("\.\/([^"]+\.wasm)"[\s\S]*?\n, \[([^\]]*)\]/);
  if (!entry) return null;
  const files = [entry[1]];
  for (const dep of entry[2].split(",").map((d) => d.trim()).filter(Boolean)) {
    const file = loaderSource.match(new RegExp(`const ${dep} = makeLoad\\(\\(\\) => \\{\\s*const src = fetch\\(new URL\\("\\./([^"]+\\.wasm)"`))?.[1];
    if (!file) return null;
    files.push(file);
  }
  return files;
}
