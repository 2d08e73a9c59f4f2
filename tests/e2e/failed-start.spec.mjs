// A start that fails is said in words, one notice for every way: the wasm
// blocked, a glue that throws, a page's chunk that does not arrive, a start
// that never finishes, and a panic in the app. The page stays readable, the
// notice offers Reload, and nothing stored is touched.
import { test, expect } from "@playwright/test";
import { appReady, LessonPage } from "./pages.mjs";
import { lessons } from "./content.mjs";
import { KEYS } from "./keys.mjs";

// The service worker would answer from its precache, out of page.route's
// reach; without it these tests see what a first visit sees.
test.use({ serviceWorkers: "block" });

const [one] = lessons;
const MAIN_WASM = /\/attune-[0-9a-f]{16}_bg\.wasm$/;
const GLUE = /\/attune-[0-9a-f]{16}\.js$/;
const COURSE_CHUNK = /\/chunks-[0-9a-f]{16}\/split_lesson\.wasm$/;
const SAVED = JSON.stringify({ schema: 2, progress: { completed: [one.slug], last_lesson: one.slug } });

/** Something saved, as a returning reader has, and all of storage as it
 * is then, to compare with afterwards. */
async function somethingSaved(page) {
  await page.goto("about/");
  await appReady(page);
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [KEYS.progress, SAVED]);
  return storage(page);
}

const storage = (page) => page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));

/** The notice, as the reader sees it: what did not work, what still does. */
async function expectTheNotice(page) {
  const notice = page.locator(".notices .start-failed");
  await expect(notice).toBeVisible();
  await expect(notice).toContainText("The interactive parts of this page did not load, or they stopped.");
  await expect(notice).toContainText("You can still read it. What you saved before is safe.");
  await expect(notice).toHaveCount(1);
  await expect(page.locator("html")).toHaveAttribute("data-app", "static");
  return notice;
}

/** The lesson reads as it came: its prose is there. */
async function expectReadable(page) {
  const view = new LessonPage(page);
  await expect(view.heading).toHaveText(one.title);
  await expect(page.locator(".lesson-section").first()).not.toBeEmpty();
}

/** Reload, with the fault gone: the app takes the page over, no notice. */
async function reloadRecovers(page, notice, fault) {
  await page.unroute(fault);
  await notice.getByRole("button", { name: "Reload the page" }).click();
  await appReady(page);
  await expect(page.locator(".notices .start-failed")).toHaveCount(0);
}

/** What fails, which file it is, and how. */
const FAULTS = [
  ["the main wasm blocked", MAIN_WASM, (route) => route.abort("blockedbyclient")],
  [
    "a glue that throws while starting",
    GLUE,
    (route) => route.fulfill({ contentType: "text/javascript", body: 'throw new Error("a half-deployed glue");' }),
  ],
  ["a page's chunk that does not arrive", COURSE_CHUNK, (route) => route.fulfill({ status: 404, body: "Not found" })],
];

for (const [what, file, fault] of FAULTS) {
  test(`${what}: the notice, the page readable, nothing stored touched, and Reload recovers`, async ({ page }) => {
    const before = await somethingSaved(page);
    await page.route(file, fault);
    await page.goto(`lesson/${one.slug}/`);
    const notice = await expectTheNotice(page);
    await expectReadable(page);
    expect(await storage(page)).toBe(before);
    await reloadRecovers(page, notice, file);
  });
}

test("a start that does not finish in 10 s: the notice, gone again if the app arrives after all", async ({ page }) => {
  await page.clock.install();
  let arrive;
  const late = new Promise((resolve) => (arrive = resolve));
  await page.route(MAIN_WASM, async (route) => {
    await late;
    await route.continue();
  });
  const asked = page.waitForRequest(MAIN_WASM);
  await page.goto(`lesson/${one.slug}/`);
  await expectReadable(page);
  await asked;
  // Waiting is not failing, not yet.
  await expect(page.locator(".notices .start-failed")).toHaveCount(0);
  await page.clock.fastForward(10_500);
  await expectTheNotice(page);
  // A slow line after all: the app takes over, and the notice goes.
  arrive();
  await appReady(page);
  await expect(page.locator(".notices .start-failed")).toHaveCount(0);
});

test("a panic in the app: the same notice, and what went wrong in the console", async ({ page }) => {
  const before = await somethingSaved(page);
  const errors = [];
  page.on("console", (msg) => msg.type() === "error" && errors.push(msg.text()));
  // A page the app cannot take over: its footer is not the element the app
  // built it with, and taking it over panics (Leptos cannot go on).
  await page.route(/\/lesson\/[^/]+\/$/, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(/<footer[\s\S]*?<\/footer>/, "Not the footer");
    await route.fulfill({ response, body: html });
  });
  await page.goto(`lesson/${one.slug}/`);
  const notice = await expectTheNotice(page);
  await expectReadable(page);
  expect(errors.some((e) => e.startsWith("Attune stopped:"))).toBe(true);
  expect(await storage(page)).toBe(before);
  await reloadRecovers(page, notice, /\/lesson\/[^/]+\/$/);
});
