// Where the build under test lives: its base path (ATTUNE_BASE, the
// --public-url it was built with; /attune/ unless scripts/test says
// otherwise) and its folder (ATTUNE_DIST, dist/ by default). Tests take
// both from here, never spell them out, so the same tests run against a
// build under any base, as GitHub Pages serves it for any repository.
import { isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export const BASE = process.env.ATTUNE_BASE || "/attune/";
if (!/^\/(?:[^/?#]+\/)*$/.test(BASE)) throw new Error(`ATTUNE_BASE must start and end with "/": ${BASE}`);

/** The origin the build writes its canonical links with (ATTUNE_SITE_URL,
 * scripts/prerender.mjs), if it was given one. */
export const SITE_URL = (process.env.ATTUNE_SITE_URL ?? "").replace(/\/$/, "");

/** The build's folder, absolute. */
export const DIST = ((dir) => (isAbsolute(dir) ? dir : resolve(ROOT, dir)))(process.env.ATTUNE_DIST || "dist");

/** Matches a URL whose path is `path` under the base, at its end. */
export function endsAt(path) {
  return new RegExp(`${escape(BASE + path.replace(/^\//, ""))}$`);
}

/** `path` (a URL path) with the base taken off the front. */
export function underBase(path) {
  return path.startsWith(BASE) ? path.slice(BASE.length) : path;
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
