// Splits the app's wasm so the first load of home does not carry the pages
// it does not show (src/pages/chunks.rs). The first step of Trunk's
// post_build hook (scripts/post-build.mjs):
//   1. wasm-split-cli (crates.io `wasm_split_cli_support`, pinned in
//      scripts/install-tools) cuts cargo's own output (linked with
//      --emit-relocs, see .cargo/config.toml) into the main module, one
//      chunk per `#[wasm_split]` module and chunks of code they share, and
//      writes __wasm_split.js, the loader the main module imports;
//   2. the async hydration functions of every module are made to trap
//      (scripts/wasm-trap.mjs: the app hydrates synchronously, and they
//      cost about 11 KB gzip of the first load);
//      wasm-bindgen runs again, on the main module, keeping the exports
//      the chunks link against; wasm-opt -Oz (binaryen 132) shrinks every
//      module, and esbuild minifies the JS glue (release); before that,
//      three exported classes nothing can use are dropped from the glue
//      and the main module (scripts/unused-streams.mjs);
//   3. Trunk's JS glue and wasm are replaced by these, named after a hash
//      of everything that ships (attune-<hash>.js, attune-<hash>_bg.wasm,
//      chunks-<hash>/ with the loader and chunks), so no cache or old tab
//      can mix files of two builds; index.html gets the new names and
//      integrity hashes and a modulepreload for the loader. Each page's
//      own preloads (its module's chunks, its lesson texts) are written into
//      it by scripts/prerender.mjs, from the module files returned here.
// Any failure throws: a build must never ship a main module without its
// chunks.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { transform } from "esbuild";
import { trapFunctions } from "./wasm-trap.mjs";
import { dropStreamClasses, dropStreamExports } from "./unused-streams.mjs";

const LOADER = "__wasm_split.js";
// Leptos's async hydration (`RenderHtml::hydrate_async`, and AnyView's copy
// of it), which this app never runs: see scripts/wasm-trap.mjs.
const ASYNC_HYDRATION = /into_any13hydrate_async/;
const WASM_OPT_VERSION = "version 132";
// Rust's wasm32 features in use; the chunks carry no feature section.
const WASM_OPT = ["-Oz", "--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext",
  "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue"];

const sri = (bytes) => "sha384-" + createHash("sha384").update(bytes).digest("base64");

function run(cmd, args) {
  try {
    return execFileSync(cmd, args, { stdio: ["ignore", "pipe", "pipe"] }).toString();
  } catch (error) {
    if (error.code === "ENOENT") throw new Error(`${cmd} is not installed: run scripts/install-tools`);
    throw new Error(`${cmd} failed: ${error.stderr?.toString().trim() || error.message}`);
  }
}

/** Where cargo left the linked wasm Trunk built from (cargo's own answer
 * for the target folder, so a configured one is found too). */
export function cargoWasm({ release }) {
  const { target_directory: target } = JSON.parse(run("cargo", ["metadata", "--format-version", "1", "--no-deps", "--offline"]));
  return join(target, "wasm32-unknown-unknown", release ? "release" : "debug", "attune.wasm");
}

/**
 * Splits the build in `dir` (Trunk's staging folder) from `raw`, cargo's
 * wasm. Returns the chunk folder's name, each module's size, and for each
 * split module (src/pages/chunks.rs) the chunk files it loads, under `dir`.
 */
export async function splitWasm(dir, { raw, release = true }) {
  const input = await readFile(raw);
  if (!input.includes(Buffer.from("__wasm_split_placeholder__"))) {
    throw new Error(`${raw} has no split points: build with the "split" feature (index.html)`);
  }
  const html = await readFile(join(dir, "index.html"), "utf8");
  if (html.includes(LOADER)) throw new Error("this build is split already");
  const trunkGlue = html.match(/from '[^']*\/([^'/]+)\.js'/)?.[1];
  if (!trunkGlue || !html.includes(`${trunkGlue}_bg.wasm`)) throw new Error("index.html names no Trunk-built wasm");
  if (release && !run("wasm-opt", ["--version"]).includes(WASM_OPT_VERSION)) {
    throw new Error(`wasm-opt is not binaryen's ${WASM_OPT_VERSION} (others break the build): run scripts/install-tools`);
  }

  const work = await mkdtemp(join(tmpdir(), "attune-split-"));
  try {
    const split = join(work, "split");
    const bound = join(work, "bound");
    run("wasm-split-cli", [raw, split, "--out-name", "attune"]);
    let trapped = 0;
    for (const file of (await readdir(split)).filter((f) => f.endsWith(".wasm") && !process.env.ATTUNE_KEEP_ASYNC)) {
      const { bytes, changed } = trapFunctions(await readFile(join(split, file)), ASYNC_HYDRATION);
      await writeFile(join(split, file), bytes);
      trapped += changed;
    }
    if (process.env.ATTUNE_KEEP_ASYNC) trapped = -1;
    if (trapped === 0) throw new Error("no async hydration function found to drop: did Leptos rename them? (scripts/wasm-trap.mjs)");
    run("wasm-bindgen", ["--target", "web", "--keep-lld-exports", "--no-demangle", "--no-typescript",
      "--out-dir", bound, "--out-name", "attune", join(split, "attune.wasm")]);
    if (existsSync(join(bound, "snippets"))) throw new Error("wasm-bindgen wrote JS snippets, which this step does not copy");
    const chunks = (await readdir(split)).filter((f) => f.endsWith(".wasm") && f !== "attune.wasm").sort();
    if (chunks.length === 0) throw new Error("wasm-split-cli wrote no chunk");
    const modules = [join(bound, "attune_bg.wasm"), ...chunks.map((f) => join(split, f))];
    // Classes for server functions' streams, which nothing here can use
    // (scripts/unused-streams.mjs); before wasm-opt, which drops their code.
    const main = join(bound, "attune_bg.wasm");
    await writeFile(main, dropStreamExports(await readFile(main)).bytes);
    let js = dropStreamClasses(await readFile(join(bound, "attune.js"), "utf8"));
    if (release) for (const m of modules) run("wasm-opt", [...WASM_OPT, m, "-o", m]);

    // wasm-bindgen writes its glue to be read (58 KB); minified it is 2 KB
    // (gzip) less on every first load. Names, not syntax: no target lowering.
    // (The loader stays as written: chunkFiles reads it, and it is small.)
    if (release) js = (await transform(js, { minify: true, format: "esm", charset: "utf8" })).code;
    let loader = await readFile(join(split, LOADER), "utf8");
    const wasm = await Promise.all(modules.map((m) => readFile(m)));
    const hash = createHash("sha256");
    for (const part of [js, loader, ...chunks, ...wasm]) hash.update(part);
    const stem = `attune-${hash.digest("hex").slice(0, 16)}`;
    const chunkDir = `chunks-${stem.slice("attune-".length)}`;

    // The glue imports the loader from beside itself, and the loader the
    // glue: one folder apart here.
    const loaderImport = /(from\s*)"\.\/__wasm_split\.js"/g;
    if (!loaderImport.test(js)) throw new Error("the JS glue does not import the split loader");
    js = js.replace(loaderImport, (_, from) => `${from}"./${chunkDir}/${LOADER}"`);
    if (!loader.includes(`from "./attune.js"`)) throw new Error("the split loader does not import the glue");
    loader = loader.replace(`from "./attune.js"`, () => `from "../${stem}.js"`);

    await rm(join(dir, `${trunkGlue}.js`));
    await rm(join(dir, `${trunkGlue}_bg.wasm`));
    await mkdir(join(dir, chunkDir));
    await writeFile(join(dir, `${stem}.js`), js);
    await writeFile(join(dir, `${stem}_bg.wasm`), wasm[0]);
    await writeFile(join(dir, chunkDir, LOADER), loader);
    const sizes = { [`${stem}_bg.wasm`]: wasm[0].length };
    for (const [i, f] of chunks.entries()) {
      await writeFile(join(dir, chunkDir, f), wasm[i + 1]);
      sizes[`${chunkDir}/${f}`] = wasm[i + 1].length;
    }

    const renamed = html.replaceAll(trunkGlue, stem);
    await writeFile(join(dir, "index.html"), withIntegrity(renamed, { stem, chunkDir, js, wasm: wasm[0], loader }));
    return { chunkDir, sizes, modules: moduleFiles(loader, chunkDir) };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** index.html with the new files' integrity hashes and the loader preloaded. */
function withIntegrity(html, { stem, chunkDir, js, wasm, loader }) {
  let page = html;
  for (const [file, bytes] of [[`${stem}.js`, js], [`${stem}_bg.wasm`, wasm]]) {
    const tag = new RegExp(`(<link[^>]*href="[^"]*/${file.replace(/\./g, "\\.")}"[^>]*integrity=")[^"]*(")`);
    if (!tag.test(page)) throw new Error(`index.html has no preload with integrity for ${file}`);
    page = page.replace(tag, (_, before, after) => `${before}${sri(bytes)}${after}`);
  }
  const preload = page.match(new RegExp(`<link rel="modulepreload" href="([^"]*/)${stem}\\.js"[^>]*>`));
  if (!preload) throw new Error("index.html has no modulepreload for the JS glue");
  const loaderTag = `<link rel="modulepreload" href="${preload[1]}${chunkDir}/${LOADER}" crossorigin="anonymous" integrity="${sri(loader)}">`;
  return page.replace(preload[0], () => preload[0] + loaderTag);
}

/** Each split module's chunk files (its own, then the shared ones it
 * waits for), as paths under the site root. */
function moduleFiles(loader, chunkDir) {
  const modules = {};
  for (const [, module] of loader.matchAll(/export const __wasm_split_load_(\w+) =/g)) {
    const files = chunkFiles(loader, module);
    if (!files) throw new Error(`the split loader's module "${module}" names no chunk files`);
    modules[module] = files.map((f) => `${chunkDir}/${f}`);
  }
  if (Object.keys(modules).length === 0) throw new Error("the split loader exports no module");
  return modules;
}

/**
 * The chunk files a split module needs (its own, then the shared ones it
 * waits for), read from the loader; null if the loader has no such module.
 */
export function chunkFiles(loaderSource, module) {
  const start = loaderSource.indexOf(`export const __wasm_split_load_${module} =`);
  if (start < 0) return null;
  // One export statement: up to the end of its makeLoad(…, [deps]) call.
  const end = loaderSource.indexOf("]));", start);
  if (end < 0) return null;
  const entry = loaderSource.slice(start, end + 1);
  const own = entry.match(/new URL\("\.\/([^"]+\.wasm)"/)?.[1];
  const deps = entry.slice(entry.lastIndexOf("[") + 1, -1).split(",").map((d) => d.trim()).filter(Boolean);
  const files = own ? [own] : [];
  for (const dep of deps) {
    const file = loaderSource.match(new RegExp(`const ${dep} = makeLoad\\(\\(\\) => \\{\\s*const src = fetch\\(new URL\\("\\./([^"]+\\.wasm)"`))?.[1];
    if (!file) return null;
    files.push(file);
  }
  return files.length ? files : null;
}
