#!/usr/bin/env node
// Finds import circles between the files of a Rust crate: file A names
// something of file B (`use crate::b::…`, `super::b::…`, or a path in the
// code) while B, directly or through others, names something of A. Data is
// meant to flow one way (src/lib.rs); a circle means it does not.
//
//   node scripts/circles.mjs src crates/content/src   # exits 1 on any circle
//   node scripts/circles.mjs --graph src               # prints the edges
//
// Test-only code (from a `#[cfg(test)]` line to the end of its file, which
// is where this project keeps it) is left out: a test may reach anywhere.
// Tarjan's algorithm gives each circle as one strongly connected set.
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { join, relative, dirname, basename } from "node:path";

const args = process.argv.slice(2);
const graphOnly = args[0] === "--graph";
const roots = graphOnly ? args.slice(1) : args;
if (roots.length === 0) {
  console.error("usage: node scripts/circles.mjs [--graph] <crate src dir>...");
  process.exit(2);
}

function rustFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "bin" ? [] : rustFiles(path);
    return name.endsWith(".rs") ? [path] : [];
  });
}

// The module path of a file: src/a/b.rs and src/a/b/mod.rs are both a::b.
function modulePath(root, file) {
  const parts = relative(root, file).replace(/\.rs$/, "").split("/");
  if (parts.at(-1) === "mod") parts.pop();
  if (parts.length === 1 && (parts[0] === "lib" || parts[0] === "main")) return [];
  return parts;
}

// Code without comments, strings and test-only code.
function code(text) {
  const test = text.search(/^\s*#\[cfg\(test\)\]/m);
  if (test >= 0) text = text.slice(0, test);
  return text
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\/\/.*$/gm, "")
    .replace(/r#*"[\s\S]*?"#*/g, '""')
    .replace(/"(?:[^"\\]|\\.)*"/g, '""');
}

// Every path a file names: `use` trees expanded, and paths in the code.
function namedPaths(source) {
  const paths = [];
  const expand = (prefix, tree) => {
    tree = tree.trim();
    const brace = tree.indexOf("{");
    if (brace < 0) {
      paths.push([...prefix, ...tree.split("::").map((s) => s.trim()).filter(Boolean)]);
      return;
    }
    const head = tree.slice(0, brace).split("::").map((s) => s.trim()).filter(Boolean);
    const inner = tree.slice(brace + 1, tree.lastIndexOf("}"));
    let depth = 0, start = 0;
    for (let i = 0; i <= inner.length; i++) {
      const c = inner[i];
      if (c === "{") depth++;
      if (c === "}") depth--;
      if ((c === "," && depth === 0) || i === inner.length) {
        const part = inner.slice(start, i).trim();
        if (part) expand([...prefix, ...head], part);
        start = i + 1;
      }
    }
  };
  for (const m of source.matchAll(/\buse\s+([^;]+);/g)) expand([], m[1].replace(/\s+as\s+\w+/g, ""));
  for (const m of source.matchAll(/\b((?:crate|super|self)(?:\s*::\s*\w+)+)/g)) {
    paths.push(m[1].split("::").map((s) => s.trim()));
  }
  return paths;
}

const edges = new Map(); // file → Set(file)
for (const root of roots) {
  const all = rustFiles(root);
  const byModule = new Map(all.map((f) => [modulePath(root, f).join("::"), f]));
  for (const file of all) {
    const here = modulePath(root, file);
    const isModFile = ["mod.rs", "lib.rs", "main.rs"].includes(basename(file));
    const targets = new Set();
    for (const path of namedPaths(code(readFileSync(file, "utf8")))) {
      let resolved;
      if (path[0] === "crate") resolved = path.slice(1);
      else if (path[0] === "super" || path[0] === "self") {
        // Each `super` is the module one up from this file's (a mod.rs is
        // its folder's module, so its `super` is the folder's parent).
        let base = here.slice();
        let rest = path[0] === "self" ? path.slice(1) : path;
        while (rest[0] === "super") { base = base.slice(0, -1); rest = rest.slice(1); }
        resolved = [...base, ...rest];
      } else continue;
      // The deepest module of the path that is a file of this crate.
      for (let n = resolved.length; n >= 0; n--) {
        const target = byModule.get(resolved.slice(0, n).join("::"));
        if (target) {
          // A parent's mod.rs only declares its children: naming a child
          // through it is naming the child, so an edge to the folder's
          // mod.rs from its own child is not counted.
          if (target !== file && !(n < resolved.length && isDeclaringParent(target, file))) targets.add(target);
          break;
        }
      }
    }
    edges.set(file, targets);
  }
}

// A mod.rs (or lib.rs) is the parent of the files in its folder; a child's
// `super::x` resolving no deeper than the parent names the parent itself.
function isDeclaringParent(parent, child) {
  return ["mod.rs", "lib.rs", "main.rs"].includes(basename(parent)) && child.startsWith(dirname(parent) + "/");
}

if (graphOnly) {
  for (const [file, to] of edges) for (const t of to) console.log(`${file} -> ${t}`);
  process.exit(0);
}

// Tarjan's strongly connected components.
let index = 0;
const stack = [], onStack = new Set(), idx = new Map(), low = new Map(), circles = [];
function visit(v) {
  idx.set(v, index); low.set(v, index); index++;
  stack.push(v); onStack.add(v);
  for (const w of edges.get(v) ?? []) {
    if (!idx.has(w)) { visit(w); low.set(v, Math.min(low.get(v), low.get(w))); }
    else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) === idx.get(v)) {
    const set = [];
    let w;
    do { w = stack.pop(); onStack.delete(w); set.push(w); } while (w !== v);
    if (set.length > 1) circles.push(set.sort());
  }
}
for (const v of edges.keys()) if (!idx.has(v)) visit(v);

const count = [...edges.values()].reduce((n, s) => n + s.size, 0);
if (circles.length === 0) {
  console.log(`circles: none (${edges.size} files, ${count} imports between them)`);
  process.exit(0);
}
for (const set of circles) {
  console.log(`circle of ${set.length} files:`);
  for (const f of set) {
    const inside = [...edges.get(f)].filter((t) => set.includes(t));
    console.log(`  ${f} -> ${inside.join(", ")}`);
  }
}
console.log(`circles: ${circles.length} (${edges.size} files, ${count} imports between them)`);
process.exit(1);
