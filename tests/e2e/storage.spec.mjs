// The reader's data under bad conditions: unreadable, blocked, hostile text,
// other sites' keys.
import { test, expect } from "@playwright/test";
import { HomePage, LessonPage, appReady } from "./pages.mjs";
import { lessons, anchor } from "./content.mjs";
import { KEYS } from "./keys.mjs";

const KEY = KEYS.progress;

test("unreadable saved data: a notice, a download, a backup, and a working app", async ({ page }) => {
  await page.goto("./");
  await page.evaluate((key) => localStorage.setItem(key, "{not json"), KEY);
  await page.reload();
  const notice = page.locator(".notices");
  await expect(notice).toContainText("We could not read your saved progress");
  expect(await page.evaluate((key) => localStorage.getItem(key), KEYS.backup)).toBe("{not json");
  const download = page.waitForEvent("download");
  await notice.getByRole("button", { name: "Download the old data" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("attune-unreadable-data.txt");
  // The app still works, and its first save replaces only the bad value.
  await expect(new HomePage(page).start).toBeVisible();
  await new LessonPage(page).open(lessons[0].slug);
  const text = lessons[0].reflections.find((r) => r.kind === "text");
  await page.locator(`#${anchor(text.id)} textarea`).fill("still works");
  await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), KEY)).toContain("still works");
  const saved = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)), KEY);
  expect(saved.schema).toBe(3);
  expect(await page.evaluate((key) => localStorage.getItem(key), KEYS.backup)).toBe("{not json");
});

test("valid JSON of the wrong shape is treated the same way", async ({ page }) => {
  await page.goto("./");
  await page.evaluate((key) => localStorage.setItem(key, JSON.stringify({ schema: 1, progress: { answers: [1, 2] } })), KEY);
  await page.reload();
  await expect(page.locator(".notices")).toContainText("We could not read your saved progress");
  await expect(page.locator(".notices")).toContainText("progress.answers");
});

test("blocked storage: the app runs in memory and says so", async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, "localStorage", {
      get() {
        throw new DOMException("The operation is insecure.", "SecurityError");
      },
    });
  });
  await page.goto("./");
  await appReady(page);
  await expect(page.locator(".notices")).toContainText("This browser is not letting Attune save");
  await new LessonPage(page).open(lessons[0].slug);
  const check = lessons[0].checks[0];
  await page.locator(`#${anchor(check.id)} input[value="${check.correct[0]}"]`).first().check();
  await page.locator(`#${anchor(check.id)}`).getByRole("button", { name: "Check", exact: true }).click();
  await expect(page.locator(`#${anchor(check.id)} .feedback`)).toContainText("Correct.");
});

test("a reflection with markup is shown as text, never run", async ({ page }) => {
  let dialogs = 0;
  page.on("dialog", (d) => {
    dialogs += 1;
    d.dismiss();
  });
  const hostile = `<img src=x onerror=alert(1)></script><b>bold</b>`;
  await new LessonPage(page).open(lessons[0].slug);
  const text = lessons[0].reflections.find((r) => r.kind === "text");
  await page.locator(`#${anchor(text.id)} textarea`).fill(hostile);
  await page.reload();
  await expect(page.locator(`#${anchor(text.id)} textarea`)).toHaveValue(hostile);
  await expect(page.locator(".my-reflections .reader-text")).toHaveText(hostile);
  expect(await page.locator(".my-reflections img, .my-reflections b").count()).toBe(0);
  expect(dialogs).toBe(0);
});

test("other sites' keys on the same origin are left alone", async ({ page }) => {
  await page.goto("./");
  await appReady(page);
  await page.evaluate(() => localStorage.setItem("other-site:data", "theirs"));
  await new LessonPage(page).open(lessons[0].slug);
  const scale = lessons[0].reflections.find((r) => r.kind === "scale");
  await page.locator(`#${anchor(scale.id)} input[value="2"]`).check();
  await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), KEY)).toContain('"scale":2');
  const keys = await page.evaluate(() => Object.keys(localStorage).sort());
  expect(keys).toEqual([KEYS.glance, KEYS.progress, "other-site:data"].sort());
});

test("delete everything asks first, removes only our keys, and starts afresh", async ({ page }) => {
  await page.goto("./");
  await appReady(page);
  await page.evaluate(() => localStorage.setItem("other-site:data", "theirs"));
  await new LessonPage(page).open(lessons[0].slug);
  const scale = lessons[0].reflections.find((r) => r.kind === "scale");
  await page.locator(`#${anchor(scale.id)} input[value="3"]`).check();
  await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), KEY)).toContain('"scale":3');
  await page.goto("data");
  await appReady(page);
  await page.getByRole("button", { name: "Delete everything Attune saved" }).click();
  await expect(page.getByRole("button", { name: "Yes, delete everything" })).toBeFocused();
  await page.getByRole("button", { name: "Yes, delete everything" }).click();
  await expect(page.locator("main")).toContainText("Everything Attune had saved in this browser is gone");
  // Only the token the other tabs check the deletion against is left, and
  // only for a few seconds: then nothing of Attune's.
  expect(await page.evaluate(() => Object.keys(localStorage).sort())).toEqual([KEYS.deleted, "other-site:data"]);
  await expect.poll(() => page.evaluate(() => Object.keys(localStorage).sort()), { timeout: 10_000 }).toEqual(["other-site:data"]);
  await page.goto("./");
  await expect(new HomePage(page).start).toBeVisible();
});
