// Saving as the reader relies on it: stored input from elsewhere on the
// origin is checked before use, and a step that says it saves (Finish)
// has saved by the time the click is over, so closing the tab at once
// loses nothing.
import { test, expect } from "@playwright/test";
import { LessonPage } from "./pages.mjs";
import { lessons, anchor } from "./content.mjs";
import { KEYS } from "./keys.mjs";

const KEY = KEYS.progress;
const stored = (page) => page.evaluate((key) => localStorage.getItem(key), KEY);
const one = lessons[0];
const textR = one.reflections.find((r) => r.kind === "text");

/** What another site published at the same address could write under our
 * key: well-formed JSON of our shape, with ids that are not ours. */
const hostile = JSON.stringify({
  schema: 1,
  progress: {
    reflections: { [textR.id]: { value: { text: "HOSTILE WORDS" }, created: 1, edited: 1 } },
    completed: ["<img src=x onerror=alert(1)>"],
  },
});

/** A page of "another site" on the same origin, outside the app's path. */
async function anotherSite(context) {
  await context.route("**/another-site/", (route) =>
    route.fulfill({ contentType: "text/html", body: "<!doctype html><title>Another site</title><p>Another site</p>" }),
  );
  const other = await context.newPage();
  await other.goto(new URL("/another-site/", test.info().project.use.baseURL).href);
  return other;
}

test("what another site writes under our key is kept aside with a notice, never merged", async ({ context }) => {
  const page = await context.newPage();
  await new LessonPage(page).open(one.slug);
  const box = page.locator(`#${anchor(textR.id)} textarea`);
  await box.fill("Mine, kept");
  await expect.poll(() => stored(page)).toContain("Mine, kept");

  const other = await anotherSite(context);
  await other.evaluate(([key, value]) => localStorage.setItem(key, value), [KEY, hostile]);

  const notices = page.locator(".notices");
  await expect(notices).toContainText("Something Attune cannot use was saved in place of your progress");
  await expect(notices).toContainText("progress.completed");
  // Nothing of it reached the page, and it was kept aside before anything
  // is written over it.
  await expect(box).toHaveValue("Mine, kept");
  expect(await page.evaluate((key) => localStorage.getItem(key), KEYS.backup)).toBe(hostile);
  // The reader's next change writes their own work back over it.
  await box.fill("Mine, kept, and more");
  await expect.poll(() => stored(page)).toContain("Mine, kept, and more");
  expect(await stored(page)).not.toContain("HOSTILE");
  // So does the notice's button, at once.
  await other.evaluate(([key, value]) => localStorage.setItem(key, value), [KEY, hostile]);
  await expect(notices).toContainText("Something Attune cannot use");
  await notices.getByRole("button", { name: "Save my work again now" }).click();
  expect(await stored(page)).toContain("Mine, kept, and more");
});

test("a hostile value found at start-up is refused and kept, not loaded", async ({ page }) => {
  await page.goto("./");
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [KEY, hostile]);
  await new LessonPage(page).open(one.slug);
  await expect(page.locator(".notices")).toContainText("We could not read your saved progress");
  await expect(page.locator(`#${anchor(textR.id)} textarea`)).toHaveValue("");
  expect(await page.evaluate((key) => localStorage.getItem(key), KEYS.backup)).toBe(hostile);
});

test("Finish has saved the lesson by the end of the click, so closing the tab at once keeps it", async ({ context }) => {
  const page = await context.newPage();
  const lesson = new LessonPage(page);
  await lesson.open(one.slug);
  await expect(lesson.finish).toBeVisible();
  // Click and read storage in one task: nothing may wait for a timer.
  const right_after = await lesson.finish.evaluate((button, key) => {
    button.click();
    return localStorage.getItem(key);
  }, KEY);
  expect(JSON.parse(right_after).progress.completed).toContain(one.slug);
  await page.close();
  const again = await context.newPage();
  await again.goto("./");
  await expect(again.locator(".course-map > li").first()).toContainText("Finished");
});
