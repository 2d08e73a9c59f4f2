// Writes every page of the site as HTML, rendered at build time by the same
// components the browser runs (src/bin/prerender.rs, the `ssr` feature), so
// a reader sees the page as fast as a plain web page and the app takes it
// over instead of building it again. A step of the post-build hook
// (scripts/post-build.mjs), after the wasm is split.
//
// index.html (as split) is the template. Each page gets:
//   - its body: the rendered page, as the body's first node (the app takes
//     over from there), before the template's own scripts;
//   - its <title>, description and canonical link;
//   - preloads for what the app loads before taking the page over: the
//     chunks of the page's split module and the lesson texts it shows, side
//     by side with the main module (same URLs and credentials mode as the
//     app's own fetches, so the browser reuses them);
// and is written as <page>/index.html (home as index.html, the not-found
// page as 404.html, which GitHub Pages answers unknown paths with).
import { transformSync } from "esbuild";
import { execFileSync } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

const PAGE_MARKER = /<!-- page:[^>]*-->/;

/** Renders the pages (cargo runs the prerender binary) and writes them. */
export async function prerender(dir, { modules }) {
  const template = await readFile(join(dir, "index.html"), "utf8");
  const base = template.match(/<base href="([^"]*)"/)?.[1];
  if (!base) throw new Error("prerender: index.html has no <base href>");
  const pages = JSON.parse(renderPages(base.replace(/\/$/, "")));
  if (!pages.some((p) => p.path === "/") || !pages.some((p) => p.path === "/404")) {
    throw new Error("prerender: the pages rendered lack home or the not-found page");
  }
  const written = [];
  for (const page of pages) {
    const file = fileOf(page.path);
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), pageHtml(template, page, { base, modules }));
    written.push(file);
  }
  return written;
}

function renderPages(routerBase) {
  try {
    return execFileSync(
      "cargo",
      ["run", "--quiet", "--locked", "--features", "ssr", "--bin", "prerender", "--", routerBase],
      { stdio: ["ignore", "pipe", "inherit"], maxBuffer: 64 * 1024 * 1024 },
    ).toString();
  } catch (error) {
    throw new Error(`prerender: the pages could not be rendered (${error.message})`);
  }
}

/** Where an app path's page is written: `/` → index.html, `/about/` →
 * about/index.html, the not-found page → 404.html. */
export function fileOf(path) {
  if (path === "/404") return "404.html";
  const folder = path.replace(/^\/+/, "").replace(/\/?$/, "/");
  return folder === "/" ? "index.html" : `${folder}index.html`;
}

/** One page of the site from the template. */
export function pageHtml(template, page, { base, modules }) {
  const esc = (text) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  const title = page.title ? `${page.title} · Attune` : "Attune";
  const own = page.module ? modules[page.module] ?? missing(page.module) : [];
  const files = [...new Set(own), ...page.texts];
  const head = [
    // The code that saves progress (src/saving.rs) is needed before the
    // app takes the page over only when something is saved (a first visit
    // fetches it after), and the unlock page's (src/lock.rs) only when it
    // is locked.
    savedPreload(modules.saving ?? missing("saving"), modules.lock ?? missing("lock")),
    // Not the not-found page: it answers many addresses.
    page.path === "/404"
      ? `<meta name="robots" content="noindex" />`
      : `<link rel="canonical" href="${esc(siteUrl() + base + page.path.replace(/^\//, ""))}" />`,
    ...files.map((f) => `<link rel="preload" as="fetch" crossorigin="anonymous" href="${esc(f)}" />`),
  ];
  let html = template
    .replace(/<title>[^<]*<\/title>/, () => `<title>${esc(title)}</title>`)
    .replace(/(<meta name="description" content=")[^"]*(")/, (_, a, b) => `${a}${esc(page.description)}${b}`);
  // Right after <base>, which they need, and before the stylesheet.
  html = html.replace(/<base [^>]*>/, (tag) => `${tag}\n    ${head.join("\n    ")}`);
  if (!PAGE_MARKER.test(html)) throw new Error("prerender: index.html has no <!-- page: --> marker in <body>");
  // The app path the page was rendered for, so the app takes it over with
  // the same (the not-found page answers every unknown address).
  if (!/<body>/.test(html)) throw new Error("prerender: index.html has no plain <body>");
  html = html.replace("<body>", () => `<body data-page="${esc(page.path)}">`);
  return afterPaint(html.replace(PAGE_MARKER, () => page.html));
}

/**
 * The app's files are fetched once the page has painted, not before: its
 * text comes from this HTML, and a download that starts before the first
 * paint counts, in Lighthouse's model of a slow phone, as something the
 * largest paint waited for. Every preload goes into a <template> (inert:
 * nothing is fetched), which the app's module script puts into <head>
 * after the first frame (or half a second, in a tab opened in the
 * background), a few per task, then imports the JS glue; the preloads keep
 * their integrity hashes, and the app's own fetches use their responses.
 * If the glue or the wasm fails to load or throws while starting, the page
 * is told (`attune:start-failed`), and says so.
 */
export function afterPaint(html) {
  const preloads = [];
  let page = html.replace(/\s*<link rel="(?:module)?preload"[^>]*>/g, (tag) => {
    preloads.push(tag.trim());
    return "";
  });
  if (preloads.length === 0) throw new Error("prerender: the page has no preloads to defer");
  // The glue, the split loader and the main module first: the app starts
  // with them, and the preloads go in a few at a time (below).
  const first = (tag) => / rel="modulepreload"|_bg\.wasm"/.test(tag);
  preloads.sort((a, b) => first(b) - first(a));
  const template = `<template id="after-paint">${preloads.join("")}</template>`;
  page = page.replace(/<base [^>]*>/, (tag) => `${tag}\n    ${template}`);
  const start = /<script type="module">\s*import init, \* as bindings from '([^']+)';([\s\S]*?)<\/script>/;
  if (!start.test(page)) throw new Error("prerender: index.html's module script does not import the glue as expected");
  return minifyScripts(page.replace(
    start,
    (_, glue, rest) => `<script type="module">
await new Promise((painted) => {
  requestAnimationFrame(() => setTimeout(painted));
  setTimeout(painted, 500); // a tab opened in the background paints no frame
});
// A few at a time, a task each: twenty preloads added at once cost a long
// task on a slow phone (Total Blocking Time). The app's own files come first.
const preloads = [...document.getElementById("after-paint").content.children];
(async () => {
  for (let i = 0; i < preloads.length; i += 4) {
    if (i) await new Promise((next) => setTimeout(next));
    document.head.append(...preloads.slice(i, i + 4));
  }
})();
// Files that do not arrive, or throw while starting, are said in words
// (the notice in index.html; src/start_failed.rs), and still reported.
try {
  const bindings = await import('${glue}');
  const init = bindings.default;
  ${rest.trim()}
} catch (error) {
  dispatchEvent(new Event("attune:start-failed"));
  throw error;
}
</script>`,
  ));
}

/** Every inline script minified (esbuild, as the JS glue): the comments
 * and spacing that explain them in index.html need not travel (about
 * 0.5 KB gzip of each page). Their CSP hashes are taken after this. */
function minifyScripts(html) {
  return html.replace(/(<script(?: type="module")?>)([\s\S]*?)(<\/script>)/g, (_, open, code, close) => {
    const format = open.includes("module") ? "esm" : undefined;
    const { code: small } = transformSync(code, { minify: true, format, target: "es2020", supported: { "top-level-await": true } });
    return open + small.trim() + close;
  });
}

/** An inline script (allowed by the policy's hash, scripts/pwa/csp.mjs)
 * that preloads the chunk files of the code that saves progress for a
 * reader with something saved, and the unlock page's when it is locked
 * (sealed: see src/lock.rs), as the app's own fetches ask for them (same
 * URL and credentials mode). */
function savedPreload(saving, lock) {
  return `<script>
      try {
        // This site's key (src/model/keys.rs), or, before this build has
        // moved it, the name builds before used for every site.
        var own = "attune:" + new URL(document.baseURI).pathname;
        var none = ["progress", "settings", "glance"].every(function (n) {
          return localStorage.getItem(own + n) === null;
        });
        var saved = localStorage.getItem((none ? "attune:" : own) + "progress") || "";
        var files = saved ? ${JSON.stringify(saving)} : [];
        if (saved.indexOf('{"app":"attune","encrypted":') === 0) files = files.concat(${JSON.stringify(lock)});
        files.forEach(function (file) {
          var link = document.createElement("link");
          link.rel = "preload";
          link.as = "fetch";
          link.crossOrigin = "anonymous";
          link.href = file;
          document.getElementById("after-paint").content.appendChild(link);
        });
      } catch (_) {}
    </script>`;
}

function missing(module) {
  throw new Error(`prerender: no chunk files for the split module "${module}"`);
}

/** The site's origin for canonical links (e.g. https://you.github.io);
 * without it they are relative to the origin the site is served from. */
function siteUrl() {
  return (process.env.ATTUNE_SITE_URL ?? "").replace(/\/$/, "");
}
