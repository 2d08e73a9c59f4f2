// Serves a build the way GitHub Pages serves a project site: under
// /<repo>/, gzip when the browser accepts it, a folder's index.html for a
// path ending in "/" (and a 301 to that path when the slash is missing,
// keeping the query), and the site's 404.html (with status 404) for any
// path that is not a file; the query never changes which file answers
// (?ref=x, ?utm_source=y); an ETag on every answer, and 304 "not
// modified" when a request names the one it has. No dependencies.
//   ATTUNE_SERVE_LOG=<file>  appends "<status> <path>" for every answer
//   (tests count what a visit downloads).
//   node tests/e2e/serve.mjs [dist] [port] [/base/]
import { createHash } from "node:crypto";
import { appendFileSync } from "node:fs";
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { gzipSync } from "node:zlib";

const root = process.argv[2] ?? "dist";
const port = Number(process.argv[3] ?? 4173);
const base = process.argv[4] ?? process.env.ATTUNE_BASE ?? "/attune/";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".txt": "text/plain; charset=utf-8",
};

/** The file for a URL path: a file, or a folder's index.html when the path
 * ends with "/". A folder without the slash is `{ redirect }`, as GitHub
 * Pages answers it (301 to the path with the slash). */
async function fileFor(urlPath) {
  if (!urlPath.startsWith(base)) return null;
  let rel = decodeURIComponent(urlPath.slice(base.length));
  if (rel === "" || rel.endsWith("/")) rel += "index.html";
  const path = normalize(join(root, rel));
  if (!path.startsWith(normalize(root))) return null;
  try {
    const s = await stat(path);
    if (s.isFile()) return { path };
    if (s.isDirectory() && (await stat(join(path, "index.html"))).isFile()) return { redirect: `${urlPath}/` };
  } catch {}
  return null;
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, "http://localhost");
  if (url.pathname === base.slice(0, -1)) {
    res.writeHead(301, { Location: base + url.search });
    return res.end();
  }
  const found = await fileFor(url.pathname);
  if (found?.redirect) {
    res.writeHead(301, { Location: found.redirect + url.search });
    return res.end();
  }
  let path = found?.path;
  let status = 200;
  if (!path) {
    path = join(root, "404.html");
    status = 404;
  }
  let body;
  try {
    body = await readFile(path);
  } catch {
    res.writeHead(404, { "Content-Type": "text/plain" });
    return res.end("not found");
  }
  const type = TYPES[extname(path)] ?? "application/octet-stream";
  const etag = `"${createHash("sha1").update(body).digest("base64url")}"`;
  if (status === 200 && req.headers["if-none-match"] === etag) {
    log(304, url.pathname);
    res.writeHead(304, { ETag: etag, "Cache-Control": "max-age=600" });
    return res.end();
  }
  log(status, url.pathname);
  const headers = { "Content-Type": type, "Cache-Control": "max-age=600", ETag: etag };
  if (/gzip/.test(req.headers["accept-encoding"] ?? "") && !type.startsWith("image/png")) {
    body = gzipSync(body);
    headers["Content-Encoding"] = "gzip";
  }
  headers["Content-Length"] = body.length;
  res.writeHead(status, headers);
  res.end(req.method === "HEAD" ? undefined : body);
});

function log(status, path) {
  if (process.env.ATTUNE_SERVE_LOG) appendFileSync(process.env.ATTUNE_SERVE_LOG, `${status} ${path}\n`);
}

server.listen(port, "127.0.0.1", () => {
  console.log(`serving ${root} at http://127.0.0.1:${port}${base}`);
});
