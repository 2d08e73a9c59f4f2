// The pages home does not show come in wasm chunks of their own
// (src/pages/chunks.rs, scripts/split-wasm.mjs): home loads without them, a
// lesson fetches its chunk when it opens (alongside the main module on a
// first visit straight to it), and a chunk that cannot be fetched is said
// in words, with Try again, while help stays reachable.
import { test, expect } from "@playwright/test";
import { HomePage, LessonPage, watchProblems } from "./pages.mjs";
import { lessons } from "./content.mjs";
import { underBase } from "./base.mjs";
import { KEYS } from "./keys.mjs";

const CHUNKS = "**/chunks-*/*.wasm";

// The service worker would answer from its precache, out of page.route's
// reach; without it these tests see what a first visit sees.
test.use({ serviceWorkers: "block" });

test("home loads without the course pages' code; opening a lesson fetches it", async ({ page }) => {
  const problems = watchProblems(page);
  const wasm = [];
  page.on("request", (req) => {
    if (req.url().endsWith(".wasm")) wasm.push(underBase(new URL(req.url()).pathname));
  });
  const home = new HomePage(page);
  await home.open();
  expect(wasm).toEqual([expect.stringMatching(/^attune-[0-9a-f]+_bg\.wasm$/)]);

  await home.start.click();
  const view = new LessonPage(page);
  await expect(view.heading).toHaveText(lessons[0].title);
  await expect(view.checks).toHaveCount(lessons[0].checks.length);
  expect(wasm).toContainEqual(expect.stringMatching(/^chunks-[0-9a-f]{16}\/split_lesson\.wasm$/));
  // The code that saves progress, once the lesson answers: not before.
  await expect.poll(() => wasm.some((f) => f.endsWith("split_saving.wasm"))).toBe(true);
  expect(wasm.some((f) => f.endsWith("split_journal.wasm"))).toBe(false);
  expect(wasm.some((f) => f.endsWith("split_data.wasm"))).toBe(false);
  expect(wasm.some((f) => f.endsWith("split_review.wasm"))).toBe(false);
  expect(problems).toEqual([]);
});

/** Slows a lesson's own code by a second, and notes in order when the
 *  code that saves progress is asked for and when the lesson's arrives. */
async function slowLessonCode(page) {
  const events = [];
  page.on("request", (req) => {
    if (req.url().endsWith("split_saving.wasm")) events.push("saving asked for");
  });
  await page.route(/split_lesson\.wasm$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    events.push("lesson's code arrives");
    await route.continue();
  });
  return events;
}

test("a lesson fetches the code that saves progress beside its own, before it answers", async ({ page }) => {
  // Were it fetched only once the reader changed something, words typed and
  // the page left in the moment it takes to arrive would be lost.
  const events = await slowLessonCode(page);
  await page.goto(`lesson/${lessons[0].slug}/`);
  await expect(page.locator("html")).toHaveAttribute("data-app", "ready");
  expect(events).toContain("saving asked for");
  expect(events.indexOf("saving asked for")).toBeLessThan(events.indexOf("lesson's code arrives"));
});

test.describe("without the offline copy (whose install fetches every file)", () => {
  test.use({ serviceWorkers: "block" });

test("a lesson reached by a link from home asks for the saving code too: words typed and the page left at once are kept", async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  await expect(page.locator("html")).toHaveAttribute("data-app", "ready");
  // Asked for beside the lesson's own code, not once the lesson has
  // changed something: the later it comes, the longer the moment in which
  // leaving loses what was typed.
  const events = await slowLessonCode(page);
  const saving = page.waitForResponse((r) => r.url().endsWith("split_saving.wasm"));
  await home.start.click();
  await expect(new LessonPage(page).heading).toHaveText(lessons[0].title);
  await saving;
  expect(events.indexOf("saving asked for")).toBeLessThan(events.indexOf("lesson's code arrives"));
  const words = "Kept, though I left at once";
  await page.locator("textarea").first().fill(words);
  await page.reload();
  await expect(page.locator("textarea").first()).toHaveValue(words);
});
});

test("the code that saves progress comes with the first load only with something saved, preloaded once", async ({ page }) => {
  const wasm = [];
  page.on("request", (req) => {
    if (req.url().endsWith(".wasm")) wasm.push(underBase(new URL(req.url()).pathname));
  });
  const home = new HomePage(page);
  await home.open();
  await expect(page.locator("html")).toHaveAttribute("data-app", "ready");
  expect(wasm.some((f) => f.endsWith("split_saving.wasm"))).toBe(false);
  // Something saved, as a returning reader has: the page asks for the
  // code alongside the main module, once, and takes over with it.
  await page.evaluate((key) => localStorage.setItem(key, JSON.stringify({ schema: 2, progress: { completed: ["what-attunement-is"] } })), KEYS.progress);
  wasm.length = 0;
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-app", "ready");
  expect(wasm.filter((f) => f.endsWith("split_saving.wasm"))).toHaveLength(1);
  await expect(home.lessons.first()).toContainText("Finished");
});

// Each page that lives in a chunk, and its split module (src/pages/chunks.rs).
const CHUNKED = [
  { path: `lesson/${lessons[1].slug}`, module: "lesson", ready: ".activity.check", text: lessons[1].slug },
  { path: "journal", module: "journal", ready: "main h1" },
  { path: "workbook", module: "journal", ready: "main h1" },
  { path: "data", module: "data", ready: "main h1" },
  { path: "review", module: "review", ready: "main h1" },
  { path: "where-i-stand", module: "review", ready: "main h1" },
  { path: "course-end", module: "review", ready: "main h1" },
  { path: "finding-a-therapist", module: "review", ready: "main h1" },
  { path: "other-patterns", module: "review", ready: "main h1" },
];

for (const { path, module, ready, text } of CHUNKED) {
  test(`a first visit straight to ${path} fetches its code alongside the main module, once`, async ({ page }) => {
    const problems = watchProblems(page);
    const own = [];
    const texts = [];
    page.on("request", (req) => {
      if (req.url().endsWith(`/split_${module}.wasm`)) own.push(req.url());
      if (req.url().includes("/text/")) texts.push(req.url());
    });
    await page.goto(path);
    await expect(page.locator(ready).first()).toBeVisible();
    await expect(page.getByText("This page did not load")).toHaveCount(0);
    // Preloaded by index.html before the app starts, and that response is
    // the one the app's loader uses: one request, not two.
    expect(await page.locator(`link[rel="preload"][href*="/split_${module}.wasm"]`).count()).toBe(1);
    expect(own).toHaveLength(1);
    // A lesson's text too.
    if (text) {
      expect(await page.locator(`link[rel="preload"][href^="text/${text}-"]`).count()).toBe(1);
      expect(texts).toEqual([expect.stringMatching(new RegExp(`/text/${text}-[0-9a-f]{16}\\.json$`))]);
    }
    expect(problems).toEqual([]);
  });
}

test("home and About preload no chunk", async ({ page }) => {
  for (const path of ["./", "about"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await page.locator('link[rel="preload"][href*="chunks-"]').count()).toBe(0);
  }
});

test("a page whose code cannot be fetched says so; help stays reachable; Try again recovers", async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  await page.route(CHUNKS, (route) => route.abort("internetdisconnected"));
  await home.start.click();

  const alert = page.getByRole("alert").filter({ hasText: "This page did not load" });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText("offline");
  await expect(alert).toContainText("Your answers and reflections are safe");
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  await expect(page).toHaveTitle(/Page not loaded/);

  // About, with where to find help, is in the first load.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "About" }).click();
  await expect(page.locator("main")).toContainText("116 123");
  await page.goBack();
  await expect(alert).toBeVisible();

  await page.unroute(CHUNKS);
  await alert.getByRole("button", { name: "Try again" }).click();
  const view = new LessonPage(page);
  await expect(view.heading).toHaveText(lessons[0].title);
  await expect(view.checks).toHaveCount(lessons[0].checks.length);
  await expect(alert).toHaveCount(0);
});

test("an old tab whose files the server no longer has offers a reload that brings the page", async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  // As after an update: the address of this build's chunks answers 404.
  await page.route(CHUNKS, (route) => route.fulfill({ status: 404, body: "Not found" }));
  await home.start.click();
  const alert = page.getByRole("alert").filter({ hasText: "This page did not load" });
  await expect(alert).toContainText("reload the page");
  await alert.getByRole("button", { name: "Try again" }).click();
  await expect(alert).toContainText("Tried again: it still could not be downloaded.");

  await page.unroute(CHUNKS);
  await alert.getByRole("button", { name: "Reload the page" }).click();
  const view = new LessonPage(page);
  await expect(view.heading).toHaveText(lessons[0].title);
  await expect(view.checks).toHaveCount(lessons[0].checks.length);
});

test("while a lesson's code and text arrive, the loading line's status region is there before its words", async ({ page }) => {
  // Every status region added to the page, with its words at that moment,
  // and every later change of its words.
  await page.addInitScript(() => {
    window.statusLog = [];
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (node.nodeType !== 1) continue;
          const regions = [node, ...node.querySelectorAll("[role=status]")].filter((el) => el.matches?.("[role=status].loading"));
          for (const el of regions) window.statusLog.push({ added: el.textContent });
        }
        const region = (record.target.nodeType === 1 ? record.target : record.target.parentElement)?.closest?.("[role=status].loading");
        if (region && record.type !== "attributes") window.statusLog.push({ now: region.textContent });
      }
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  const slow = async (route) => {
    await new Promise((done) => setTimeout(done, 1000));
    await route.continue();
  };
  await page.route(CHUNKS, slow);
  await page.route("**/text/*.json", slow);
  const home = new HomePage(page);
  await home.open();
  await home.start.click();
  const view = new LessonPage(page);
  await expect(view.checks).toHaveCount(lessons[0].checks.length);

  const log = await page.evaluate(() => window.statusLog);
  const added = log.filter((entry) => "added" in entry);
  expect(added.length).toBeGreaterThan(0);
  expect(added.every((entry) => entry.added === "")).toBe(true);
  expect(log).toContainEqual({ now: "Loading the lesson…" });
});

test("a reader who moves focus while a lesson loads keeps it there", async ({ page }) => {
  await page.route("**/text/*.json", async (route) => {
    await new Promise((done) => setTimeout(done, 1500));
    await route.continue();
  });
  const home = new HomePage(page);
  await home.open();
  await home.start.focus();
  await page.keyboard.press("Enter");
  const view = new LessonPage(page);
  await expect(view.heading).toHaveText(lessons[0].title);
  // While the text is on its way, the reader tabs on.
  await page.keyboard.press("Tab");
  const chosen = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
  expect(chosen).not.toMatch(/^<body/);

  await expect(view.checks).toHaveCount(lessons[0].checks.length);
  // Two frames: the page's effects (where focus would move) have run.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await expect(view.heading).not.toBeFocused();
  expect(await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120))).toBe(chosen);
});
