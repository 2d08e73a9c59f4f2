// Two builds of Attune published on one origin, as a fork or a staging copy
// at you.github.io/attune-next/ beside you.github.io/attune/: each keeps
// its readers' data under keys of its own (src/model/keys.rs), so neither
// reads, overwrites, deletes or blocks the other's. And a reader of a build
// from before keys carried the path finds their work moved, once.
import { test, expect } from "@playwright/test";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { finishBuild } from "../../scripts/post-build.mjs";
import { appReady } from "./pages.mjs";
import { lessons, anchor } from "./content.mjs";
import { BASE, DIST } from "./base.mjs";
import { LEGACY } from "./keys.mjs";

const SERVE = fileURLToPath(new URL("./serve.mjs", import.meta.url));
const NEXT = "/attune-next/";
const one = lessons[0];
const text = one.reflections.find((r) => r.kind === "text");
const keyOf = (base, name) => `attune:${base}${name}`;

let root, server, origin;

test.beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "attune-two-sites-"));
  const first = join(root, BASE.replace(/^\/|\/$/g, ""));
  const second = join(root, NEXT.replace(/^\/|\/$/g, ""));
  await cp(DIST, first, { recursive: true });
  await cp(DIST, second, { recursive: true });
  // The same build, published at another address: every page's base and
  // links name it (what a build with another public URL writes), then the
  // build's own last step again (policy hashes, service worker).
  for (const page of (await readdir(second, { recursive: true })).filter((f) => f.endsWith(".html") || f.endsWith(".webmanifest"))) {
    const file = join(second, page);
    await writeFile(file, (await readFile(file, "utf8")).replaceAll(BASE, NEXT));
  }
  await finishBuild(second);
  const probe = createServer().listen(0, "127.0.0.1");
  await once(probe, "listening");
  const { port } = probe.address();
  probe.close();
  await once(probe, "close");
  server = spawn(process.execPath, [SERVE, root, String(port), "/"], { stdio: ["ignore", "pipe", "inherit"] });
  const [line] = await once(server.stdout, "data");
  if (!String(line).startsWith("serving")) throw new Error(`serve.mjs: ${line}`);
  origin = `http://127.0.0.1:${port}`;
});

test.afterAll(async () => {
  server?.kill();
  await rm(root, { recursive: true, force: true });
});

async function write(page, base, words) {
  await page.goto(`${origin}${base}lesson/${one.slug}/`);
  await appReady(page);
  await page.locator(`#${anchor(text.id)} textarea`).fill(words);
  await expect.poll(() => page.evaluate((k) => localStorage.getItem(k), keyOf(base, "progress"))).toContain(words);
}

async function shown(page, base) {
  await page.goto(`${origin}${base}lesson/${one.slug}/`);
  await appReady(page);
  return page.locator(`#${anchor(text.id)} textarea`).inputValue();
}

test("two builds at two addresses on one origin keep their readers apart", async ({ page }) => {
  await write(page, BASE, "Words for the first site");
  await write(page, NEXT, "Words for the second site");
  expect(await shown(page, BASE)).toBe("Words for the first site");
  expect(await shown(page, NEXT)).toBe("Words for the second site");

  // A newer format saved by the second build does not turn the first
  // read-only: the first never reads it.
  await page.evaluate((k) => {
    const doc = JSON.parse(localStorage.getItem(k));
    doc.schema = 99;
    localStorage.setItem(k, JSON.stringify(doc));
  }, keyOf(NEXT, "progress"));
  await write(page, BASE, "Still saving here");
  await expect(page.getByText("saved by a newer version")).toHaveCount(0);

  // Deleting everything at the first address leaves the second's data.
  await page.goto(`${origin}${BASE}data/`);
  await appReady(page);
  await page.getByRole("button", { name: "Delete everything Attune saved" }).click();
  await page.getByRole("button", { name: "Yes, delete everything" }).click();
  await expect(page.locator("main")).toContainText("Everything Attune had saved in this browser is gone");
  const left = await page.evaluate(() => Object.keys(localStorage).sort());
  expect(left.filter((k) => k.startsWith(`attune:${BASE}`) && !k.endsWith("deleted"))).toEqual([]);
  expect(left).toContain(keyOf(NEXT, "progress"));
});

test("what a build from before saved under the origin-wide names moves to this site's, once", async ({ page }) => {
  await page.goto(`${origin}${BASE}about/`);
  const before = JSON.stringify({
    schema: 2,
    progress: { reflections: { [text.id]: { value: { text: "Written before the update" }, created: 1, edited: 1 } } },
  });
  await page.evaluate(([k, v, s]) => {
    localStorage.clear();
    localStorage.setItem(k, v);
    localStorage.setItem(s, JSON.stringify({ version: 1, theme: "dark", text_size: "normal", discreet: "off" }));
  }, [LEGACY.progress, before, LEGACY.settings]);
  // The reader's theme applies from the first paint, before anything moved.
  await page.goto(`${origin}${BASE}lesson/${one.slug}/`);
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await appReady(page);
  await expect(page.locator(`#${anchor(text.id)} textarea`)).toHaveValue("Written before the update");
  const keys = await page.evaluate(() => Object.keys(localStorage).sort());
  expect(keys).not.toContain(LEGACY.progress);
  expect(keys).toContain(keyOf(BASE, "progress"));
  expect(keys).toContain(keyOf(BASE, "settings"));
  // The other build finds nothing left to take: each reader's work stays
  // with the site they used.
  expect(await shown(page, NEXT)).toBe("");
});
