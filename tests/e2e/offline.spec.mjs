// Offline after one visit, and safe updates (issue 5). Each test serves its
// own copy of the release build on its own port (site.mjs), so it can
// publish a new or broken version and then stop the server to be offline.
import { test, expect } from "@playwright/test";
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LessonPage, watchProblems } from "./pages.mjs";
import { lessons, anchor } from "./content.mjs";
import { Site, goOffline, releaseNoteV2, waitForOfflineCopy } from "./site.mjs";
import { buildServiceWorker } from "../../scripts/pwa/precache.mjs";
import { BASE, DIST } from "./base.mjs";
import { KEYS } from "./keys.mjs";

const [one, , three, , , , seven] = lessons;
const HOME_TITLE = "Attunement in relationships";

let site;
test.beforeEach(async () => {
  site = await Site.start();
});
test.afterEach(async () => {
  await site.dispose();
});

/** Picks the right options of a check, presses Check, expects "Correct.". */
async function answerRightly(page, check) {
  const root = page.locator(`#${anchor(check.id)}`);
  for (const id of check.correct) await root.locator(`input[value="${id}"]`).first().check();
  await root.getByRole("button", { name: "Check", exact: true }).click();
  await expect(root.locator(".feedback")).toContainText("Correct.");
  return root;
}

/** Every figure on the page has loaded (from the offline copy, when offline). */
async function expectFiguresLoaded(page) {
  const figures = page.locator("main img");
  // They come with the lesson's text, after the heading.
  await expect(figures.first()).toBeAttached();
  for (const img of await figures.all()) {
    await img.scrollIntoViewIfNeeded();
    await expect.poll(() => img.evaluate((el) => el.complete && el.naturalWidth > 0)).toBe(true);
  }
}

test("after one visit the course works offline: home, a deep link, an answer that persists", async ({ page, context }) => {
  const problems = watchProblems(page);
  await page.goto(site.url());
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(HOME_TITLE);
  await waitForOfflineCopy(page);
  await goOffline(site, context);

  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(HOME_TITLE);

  // A lesson never visited: its own page, from the offline copy.
  await page.goto(site.url(`lesson/${three.slug}`));
  const lesson = new LessonPage(page);
  await expect(lesson.heading).toHaveText(three.title);
  expect(page.url()).toBe(site.url(`lesson/${three.slug}/`));
  expect(await page.evaluate(() => document.body.dataset.page)).toBe(`/lesson/${three.slug}/`);
  await expectFiguresLoaded(page);
  const card = await answerRightly(page, three.checks[0]);
  await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), KEYS.progress)).toContain(three.checks[0].id);

  await page.reload();
  await expect(lesson.heading).toHaveText(three.title);
  await expect(card.locator(".feedback")).toContainText("Correct.");
  expect(problems).toEqual([]);
});

test("a first visit downloads each file once: the offline copy reuses what the page loaded", async ({ page }) => {
  await page.goto(site.url(`lesson/${one.slug}/`));
  await expect(page.locator("html")).toHaveAttribute("data-app", "ready");
  await waitForOfflineCopy(page);
  const downloads = await site.downloads();
  const twice = Object.entries(downloads).filter(([, n]) => n > 1);
  expect(twice).toEqual([]);
  // And the offline copy did get everything: the wasm, this page, another lesson's.
  const paths = Object.keys(downloads);
  expect(paths.some((p) => /_bg\.wasm$/.test(p))).toBe(true);
  expect(paths).toContain(`${BASE}lesson/${one.slug}/index.html`);
  expect(paths).toContain(`${BASE}lesson/${three.slug}/index.html`);
});

test("a new version waits for the reader, saves first, then leaves only its own caches", async ({ page }) => {
  await page.goto(site.url(`lesson/${one.slug}`));
  await waitForOfflineCopy(page);
  // Other sites on the same origin, and a cache of an older Attune.
  await page.evaluate(async ([origin, base]) => {
    await (await caches.open("another-site")).put("/another-site/a.json", new Response("{}"));
    // Another site using Workbox at the origin's root.
    await (await caches.open(`workbox-precache-v2-${origin}/`)).put("/index.html", new Response("theirs"));
    await (await caches.open(`attune-runtime-${origin}${base}`)).put(`${base}old`, new Response("ours, old"));
    localStorage.setItem("another-site:key", "kept");
  }, [site.origin, BASE]);

  const v2 = await site.publish("v2", { change: releaseNoteV2 });
  // The reader comes back: v1 from the offline copy; v2 installs meanwhile.
  await page.reload();
  const text = one.reflections.find((r) => r.kind === "text");
  const textArea = page.locator(`#${anchor(text.id)} textarea`);
  await textArea.focus();
  await page.evaluate(() => (window.stillTheSamePage = true));
  const navigations = [];
  page.on("framenavigated", (frame) => frame === page.mainFrame() && navigations.push(frame.url()));

  const prompt = page.locator(".notice-update");
  await expect(prompt).toBeVisible({ timeout: 20_000 });
  await expect(prompt).toContainText("A new version of Attune is ready.");
  await expect(prompt).toHaveCSS("position", "static");
  // In the page flow: the reader's place is neither lost nor covered.
  await expect(textArea).toBeFocused();
  await expect(textArea).toBeInViewport();
  const covered = await textArea.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) !== el;
  });
  expect(covered).toBe(false);

  // Nothing reloads on its own, and v2 waits: v1 keeps its worker and files.
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).waiting !== null)).toBe(true);
  await page.waitForTimeout(1500);
  expect(navigations).toEqual([]);
  expect(await page.evaluate(() => window.stillTheSamePage)).toBe(true);
  await expect(page.locator("#release-note")).toHaveCount(0);

  // Typed a moment before accepting: saved before the page goes.
  await textArea.fill("Written just before the update.");
  await prompt.getByRole("button", { name: "Reload" }).click();
  await expect(page.locator("#release-note")).toHaveText("Attune v2");
  expect(navigations.length).toBe(1);
  expect(await page.evaluate(() => window.stillTheSamePage)).toBeUndefined();
  // v2's new inline script ran: the build hashed it into the policy.
  expect(await page.evaluate(() => document.documentElement.dataset.release)).toBe("v2");
  await expect(textArea).toHaveValue("Written just before the update.");
  await expect(prompt).toBeHidden();

  const after = await page.evaluate(async () => {
    const names = await caches.keys();
    const ours = names.filter((n) => n.startsWith("attune"));
    const entries = await Promise.all(ours.map(async (n) => (await (await caches.open(n)).keys()).map((r) => r.url)));
    return { names, ours, entries: entries.flat(), key: localStorage.getItem("another-site:key") };
  });
  expect(after.ours).toEqual([`attune-offline-${site.url()}`]);
  // Files named after their content are their own revision.
  const expected = v2.map((e) => {
    const url = new URL(e.url, site.url()).href;
    return e.revision ? `${url}?__WB_REVISION__=${e.revision}` : url;
  });
  expect(after.entries.sort()).toEqual(expected.sort());
  expect(after.names).toContain("another-site");
  expect(after.names).toContain(`workbox-precache-v2-${site.origin}/`);
  expect(after.key).toBe("kept");
});

test("a version whose precache names a missing file never installs; the old one works offline", async ({ page, context }) => {
  await page.goto(site.url());
  await waitForOfflineCopy(page);
  // Workbox fetches only entries it has not cached yet (new revisions), so
  // the missing file is a new one: listed in sw.js, then not deployed.
  const missing = "figures/new-figure.svg";
  const change = async (dir) => {
    await releaseNoteV2(dir);
    await writeFile(join(dir, missing), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  };
  const listed = await site.publish("broken", { change, remove: [missing] });
  expect(listed.map((e) => e.url)).toContain(missing);

  const outcome = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration.update();
    const worker = registration.installing;
    if (!worker) return { newWorker: false };
    await new Promise((resolve) => {
      const settled = () => ["installed", "activated", "redundant"].includes(worker.state) && resolve();
      worker.addEventListener("statechange", settled);
      settled();
    });
    return { newWorker: true, state: worker.state, waiting: registration.waiting !== null };
  });
  expect(outcome).toEqual({ newWorker: true, state: "redundant", waiting: false });
  await page.waitForTimeout(500);
  await expect(page.locator(".notice-update")).toBeHidden();

  await goOffline(site, context);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(HOME_TITLE);
  await expect(page.locator("#release-note")).toHaveCount(0);
  await page.goto(site.url(`lesson/${seven.slug}`));
  await expect(new LessonPage(page).heading).toHaveText(seven.title);
  await expectFiguresLoaded(page);
});

test("the build fails when a file would be left out of the offline copy", async () => {
  const dir = await mkdtemp(join(tmpdir(), "attune-big-"));
  try {
    await cp(DIST, dir, { recursive: true });
    // Workbox's own default limit, 2 MiB: a bigger file would be skipped.
    await writeFile(join(dir, "big.bin"), Buffer.alloc(2 * 1024 * 1024 + 1));
    await expect(buildServiceWorker(dir, { maxBytes: 2 * 1024 * 1024 })).rejects.toThrow(/big\.bin/);
    const { entries } = await buildServiceWorker(dir);
    expect(entries.map((e) => e.url)).toContain("big.bin");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
