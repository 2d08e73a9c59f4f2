// Reader data: journal, backup round trip, two tabs, storage cleared by
// another site, a full storage.
import { test, expect } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { LessonPage, appReady, watchProblems } from "./pages.mjs";
import { lessons, anchor } from "./content.mjs";
import { KEYS } from "./keys.mjs";

const KEY = KEYS.progress;
const [one, , three] = lessons;
const textOf = (lesson) => lesson.reflections.find((r) => r.kind === "text");
const stored = (page) => page.evaluate((key) => localStorage.getItem(key), KEY);

async function writeReflection(page, lesson, words) {
  await new LessonPage(page).open(lesson.slug);
  await page.locator(`#${anchor(textOf(lesson).id)} textarea`).fill(words);
  await expect.poll(() => stored(page)).toContain(words);
}

test("the journal lists reflections by lesson, edits in place and links back", async ({ page }) => {
  await writeReflection(page, one, "Written in lesson one");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Journal" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your journal");
  await expect(page.getByRole("heading", { level: 2, name: one.title })).toBeVisible();
  const box = page.locator(`#${anchor(textOf(one).id)} textarea`);
  await expect(box).toHaveValue("Written in lesson one");
  await expect(page.locator(".journal-meta")).toContainText(/Written \d+ \w+ \d{4}/);
  await box.fill("Changed in the journal");
  await expect.poll(() => stored(page)).toContain("Changed in the journal");
  await page.getByRole("link", { name: "See it in the lesson" }).click();
  await expect(page).toHaveURL(new RegExp(`lesson/${one.slug}/#${anchor(textOf(one).id)}$`));
  await expect(page.locator(`#${anchor(textOf(one).id)} textarea`)).toHaveValue("Changed in the journal");
});

test("export, delete everything, import: the same data comes back", async ({ page }) => {
  const problems = watchProblems(page);
  await writeReflection(page, one, "Keep this <b>safe</b>");
  const check = one.checks[0];
  await page.locator(`#${anchor(check.id)} input[value="${check.correct[0]}"]`).first().check();
  await page.locator(`#${anchor(check.id)}`).getByRole("button", { name: "Check", exact: true }).click();
  await expect.poll(() => stored(page)).toContain('"checked":true');
  const before = JSON.parse(await stored(page)).progress;

  await page.goto("data");
  await appReady(page);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download a backup" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^attune-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const path = await file.path();
  const backup = JSON.parse(await readFile(path, "utf8"));
  expect(backup.app).toBe("attune");
  expect(backup.schema).toBe(3);

  await page.getByRole("button", { name: "Delete everything Attune saved" }).click();
  await page.getByRole("button", { name: "Yes, delete everything" }).click();
  await expect.poll(() => stored(page)).toBeNull();

  await page.getByLabel("Choose a backup file (.json)").setInputFiles(path);
  await expect(page.getByRole("status").filter({ hasText: "This backup is from" })).toContainText("1 reflections");
  await page.getByRole("button", { name: "Replace what is here with it" }).click();
  await page.getByRole("button", { name: "Yes, replace it" }).click();
  await expect(page.locator("main")).toContainText("Done: your data is now what the backup held.");
  await expect.poll(async () => JSON.parse(await stored(page)).progress).toEqual(before);
  // "Yes, replace it" removes itself: the app must not stop (a panic) then.
  expect(problems).toEqual([]);
});

test("a bad backup file changes nothing and says why", async ({ page }) => {
  await writeReflection(page, one, "Still here");
  const before = await stored(page);
  await page.goto("data");
  await appReady(page);
  await page.getByLabel("Choose a backup file (.json)").setInputFiles({
    name: "evil.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify({ app: "attune", schema: 1, progress: { positions: { __proto__x: "1", "__proto__": "x" } } })),
  });
  await expect(page.locator("#import-status .error")).toContainText("Nothing was changed");
  await page.getByLabel("Choose a backup file (.json)").setInputFiles({
    name: "notes.json",
    mimeType: "application/json",
    buffer: Buffer.from("{not json"),
  });
  await expect(page.locator("#import-status .error")).toContainText("not an Attune backup");
  expect(await stored(page)).toBe(before);
});

test("two tabs: what one writes appears in the other, and neither loses an edit", async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  await new LessonPage(a).open(one.slug);
  await new LessonPage(b).open(one.slug);
  const [t, scale] = [textOf(one), one.reflections.find((r) => r.kind === "scale")];
  await a.locator(`#${anchor(t.id)} textarea`).fill("From tab A");
  await expect(b.locator(`#${anchor(t.id)} textarea`)).toHaveValue("From tab A");
  await b.locator(`#${anchor(scale.id)} input[value="5"]`).check();
  await expect(a.locator(`#${anchor(scale.id)} input[value="5"]`)).toBeChecked();
  // Both edit different items at nearly the same time.
  await a.locator(`#${anchor(t.id)} textarea`).fill("A again");
  await b.locator(`#${anchor(scale.id)} input[value="2"]`).check();
  for (const page of [a, b]) {
    await expect.poll(() => stored(page)).toContain("A again");
    await expect.poll(() => stored(page)).toContain('"scale":2');
  }
});

test("storage cleared by another site: the reader is told and can restore", async ({ context }) => {
  const page = await context.newPage();
  await writeReflection(page, one, "Do not lose me");
  const other = await context.newPage();
  await other.goto("about");
  await appReady(other);
  await other.evaluate(() => localStorage.clear());
  await expect(page.locator(".notices")).toContainText("Your saved progress was removed");
  await page.getByRole("button", { name: "Save it again from this tab" }).click();
  await expect.poll(() => stored(page)).toContain("Do not lose me");
  await expect(page.locator(".notices .notice:visible")).toHaveCount(0);
});

test("a full storage: a banner, work kept in the tab, and it clears once saving works", async ({ page }) => {
  await new LessonPage(page).open(one.slug);
  // Fill the origin's storage with another site's data.
  const filled = await page.evaluate(() => {
    const chunk = "x".repeat(256 * 1024);
    let n = 0;
    try {
      for (; n < 80; n++) localStorage.setItem(`filler:${n}`, chunk);
    } catch {}
    return n;
  });
  expect(filled).toBeGreaterThan(0);
  const big = "y".repeat(300 * 1024);
  await page.locator(`#${anchor(textOf(one).id)} textarea`).fill(big);
  await expect(page.locator(".notices")).toContainText("Your latest changes could not be saved");
  await expect(page.locator(`#${anchor(textOf(one).id)} textarea`)).toHaveValue(big);
  // Export still works from memory.
  await page.goto("data").catch(() => {});
  await page.evaluate(() => {
    for (const k of Object.keys(localStorage)) if (k.startsWith("filler:")) localStorage.removeItem(k);
  });
  await new LessonPage(page).open(three.slug);
  const scale = three.reflections.find((r) => r.kind === "scale");
  await page.locator(`#${anchor(scale.id)} input[value="3"]`).check();
  await expect.poll(() => stored(page)).toContain('"scale":3');
  await expect(page.locator(".notices .notice:visible")).toHaveCount(0);
});

test("reflections with markup show as text in the journal and the workbook", async ({ page }) => {
  const hostile = `<img src=x onerror=alert(1)></script>`;
  let dialogs = 0;
  page.on("dialog", (d) => {
    dialogs += 1;
    d.dismiss();
  });
  await writeReflection(page, one, hostile);
  await page.goto("journal");
  await expect(page.locator(`#${anchor(textOf(one).id)} textarea`)).toHaveValue(hostile);
  await page.goto("workbook");
  await expect(page.locator(".reader-text").first()).toHaveText(hostile);
  expect(await page.locator(".workbook img").count()).toBe(0);
  expect(dialogs).toBe(0);
});
