// Size budget: the gzip size of every file the first load of home needs, and
// of the first lesson (home's files plus the wasm chunk of the course pages,
// the lesson's text file and figure). Fails over budget.
//   node scripts/budget.mjs [dist]
import { readFileSync, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chunkFiles } from "./split-wasm.mjs";

// Issue 6 set 180 KB for home. A lesson adds the course pages' wasm chunk
// (scripts/split-wasm.mjs), its text and its figure.
const HOME_BUDGET_KB = 180;
const LESSON_BUDGET_KB = 215;

const dist = process.argv[2] ?? "dist";
const html = readFileSync(join(dist, "index.html"), "utf8");
const base = (html.match(/<base href="([^"]*)"/) ?? [, "/"])[1];

// Every local file the shell references (script, wasm preload, CSS, icons).
const refs = new Set(["index.html"]);
for (const [, url] of html.matchAll(/(?:href|src)="([^"#?]+)"/g)) {
  if (/^[a-z]+:/i.test(url)) continue;
  const path = url.startsWith(base) ? url.slice(base.length) : url.replace(/^\.?\//, "");
  if (path && existsSync(join(dist, path))) refs.add(path);
}

const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (n) => (n / 1024).toFixed(1).padStart(7) + " KB";

function report(title, files, budgetKb) {
  console.log(`\n${title}`);
  let sum = 0;
  for (const f of files) {
    const size = gz(f);
    sum += size;
    console.log(`  ${kb(size)}  ${f}`);
  }
  const ok = sum <= budgetKb * 1024;
  console.log(`  ${kb(sum)}  total (budget ${budgetKb} KB) ${ok ? "ok" : "OVER BUDGET"}`);
  return ok;
}

const home = [...refs];
// The first lesson in reading order, by the slug in its TOML file.
const lessonsDir = "src/content/lessons";
const firstToml = readdirSync(lessonsDir).filter((f) => f.endsWith(".toml")).sort()[0];
const slug = readFileSync(join(lessonsDir, firstToml), "utf8").match(/^slug\s*=\s*"([^"]+)"/m)?.[1];
const inDir = (dir, pick) =>
  existsSync(join(dist, dir)) ? readdirSync(join(dist, dir)).filter(pick).sort().map((f) => `${dir}/${f}`) : [];
// Its text file (text/<slug>-<hash>.json) is required: the lesson shows
// nothing without it.
const text = inDir("text", (f) => new RegExp(`^${slug}-[0-9a-f]{16}\\.json$`).test(f));
if (!slug || text.length !== 1) {
  console.error(`budget: no text file for the first lesson (${slug}) in ${dist}/text`);
  process.exit(1);
}
// The lesson page's code: the chunk of the split module `course` and the
// shared chunks it needs, as the split loader (preloaded by index.html) lists.
const loader = home.find((f) => /^chunks-[0-9a-f]{16}\/__wasm_split\.js$/.test(f));
const course = loader && chunkFiles(readFileSync(join(dist, loader), "utf8"), "course");
if (!course) {
  console.error(`budget: no split loader listing the course chunk in ${dist} (scripts/split-wasm.mjs)`);
  process.exit(1);
}
const chunkDir = loader.slice(0, loader.indexOf("/"));
const lesson = [...home, ...course.map((f) => `${chunkDir}/${f}`), ...text, ...inDir("figures", (f) => f === `${slug}.svg`)];

const okHome = report("First load of home (gzip -9):", home, HOME_BUDGET_KB);
const okLesson = report("First load of a lesson (gzip -9):", lesson, LESSON_BUDGET_KB);
if (!okHome || !okLesson) {
  console.error("budget: over budget");
  process.exit(1);
}
console.log("\nbudget: within budget");
