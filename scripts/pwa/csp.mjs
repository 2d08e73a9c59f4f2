// The Content-Security-Policy of the built pages, as a <meta> placed first in
// <head>. Nothing may load from, or be sent to, another origin; scripts run
// only from our own files or as inline scripts whose SHA-256 is listed here,
// computed from the built HTML (Trunk's module loader, and any inline script
// added to index.html later, without anyone copying a hash by hand).
import { createHash } from "node:crypto";

const DIRECTIVES = [
  // Anything not named below is refused.
  "default-src 'none'",
  // Our scripts; WebAssembly compilation; the inline scripts' hashes follow.
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self'",
  // The .wasm is fetched; nothing else is.
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  // The app needs its <base href="/<repo>/"> (router base, relative figure
  // and icon URLs): 'none' would make the browser ignore it. 'self' keeps a
  // base on our origin, so an injected one cannot point URLs elsewhere.
  "base-uri 'self'",
  "form-action 'none'",
];

const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
// Inline handlers (onclick="…") and javascript: URLs cannot be allowed by a
// hash without 'unsafe-hashes': refuse them at build time instead.
const INLINE_HANDLER = /<[a-z][^>]*\son[a-z]+\s*=|(?:href|src)\s*=\s*["']?\s*javascript:/i;
const CSP_META = /[ \t]*<meta\s+http-equiv=["']Content-Security-Policy["'][^>]*>[ \t]*\n?/gi;
const CHARSET_META = /([ \t]*)<meta\s+charset=[^>]*>[ \t]*\n?/i;
// index.html marks the policy's place for readers; the policy replaces it.
const MARKER = /[ \t]*<!-- Content-Security-Policy:[^>]*-->[ \t]*\n?/;

/** The 'sha256-…' source of every inline script (those without src). */
export function inlineScriptHashes(html) {
  const hashes = [];
  for (const [, attributes, body] of html.matchAll(INLINE_SCRIPT)) {
    if (/\ssrc\s*=/i.test(` ${attributes}`)) continue;
    // The browser hashes the text after turning CR LF into LF.
    const text = body.replace(/\r\n?/g, "\n");
    hashes.push(`'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`);
  }
  return [...new Set(hashes)];
}

export function policyFor(html) {
  const hashes = inlineScriptHashes(html);
  return DIRECTIVES.map((d) => (d.startsWith("script-src ") && hashes.length ? `${d} ${hashes.join(" ")}` : d)).join(
    "; ",
  );
}

/** The page with its policy meta (re)written right after <meta charset>. */
export function withPolicy(html) {
  if (INLINE_HANDLER.test(html)) {
    throw new Error("csp: an inline event handler or javascript: URL cannot be allowed by the policy");
  }
  const page = html.replace(CSP_META, "").replace(MARKER, "");
  const charset = page.match(CHARSET_META);
  if (!charset) throw new Error("csp: no <meta charset> to put the policy after");
  const meta = `${charset[1]}<meta http-equiv="Content-Security-Policy" content="${policyFor(page)}" />\n`;
  const at = charset.index + charset[0].length;
  return page.slice(0, at) + meta + page.slice(at);
}
