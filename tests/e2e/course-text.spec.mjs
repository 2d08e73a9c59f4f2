// The journal, the printable workbook and the Markdown workbook show the
// course's words (prompts, labels, key ideas) from the lessons' text files,
// next to the reader's own answers; a failed text request says so in words
// and recovers with "Try again", and nothing the reader saved changes.
import { test, expect } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { LessonPage, appReady, watchProblems } from "./pages.mjs";
import { lessons, anchor } from "./content.mjs";
import { KEYS } from "./keys.mjs";

const TEXT_FILES = "**/text/*.json";
const KEY = KEYS.progress;
const stored = (page) => page.evaluate((key) => localStorage.getItem(key), KEY);

// The service worker would answer from its precache, out of page.route's
// reach; without it these tests see what a first visit sees.
test.use({ serviceWorkers: "block" });

/** A lesson's first key idea, from its TOML file. */
const firstKeyIdea = (slug) => lessons.find((l) => l.slug === slug).keyIdeas[0].text;

const withText = lessons.find((l) => l.reflections.some((r) => r.kind === "text"));
const withScale = lessons.find((l) => l.reflections.some((r) => r.kind === "scale"));
const withList = lessons.find((l) => l.reflections.some((r) => r.kind === "checklist"));
const textR = withText.reflections.find((r) => r.kind === "text");
const scaleR = withScale.reflections.find((r) => r.kind === "scale");
const listR = withList.reflections.find((r) => r.kind === "checklist");

/** Answers a text, a scale and a checklist reflection, in their lessons. */
async function answerThree(page) {
  const view = new LessonPage(page);
  await view.open(withText.slug);
  await page.locator(`#${anchor(textR.id)} textarea`).fill("My own words");
  await view.open(withScale.slug);
  await page.locator(`#${anchor(scaleR.id)} input[value="4"]`).check();
  await view.open(withList.slug);
  await page.locator(`#${anchor(listR.id)} input[value="${listR.items[0].id}"]`).check();
  await expect.poll(() => stored(page)).toContain(listR.items[0].id);
}

test("the journal and the workbook show the prompts, labels and key ideas with the reader's answers", async ({ page }) => {
  const problems = watchProblems(page);
  await answerThree(page);
  // A new visit: nothing is in memory, every text file is fetched.
  await page.goto("journal");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your journal");
  await expect(page.getByText(textR.prompt, { exact: true })).toBeVisible();
  await expect(page.locator(`#${anchor(textR.id)} textarea`)).toHaveValue("My own words");
  await expect(page.getByText(scaleR.prompt, { exact: true })).toBeVisible();
  await expect(page.locator(`#${anchor(scaleR.id)}`)).toContainText(scaleR.low);
  await expect(page.locator(`#${anchor(scaleR.id)} input[value="4"]`)).toBeChecked();
  await expect(page.getByLabel(listR.items[0].text, { exact: true })).toBeChecked();

  await page.goto("workbook");
  await expect(page.getByRole("button", { name: "Print" })).toBeVisible();
  await expect(page.locator(".workbook")).toContainText(firstKeyIdea(lessons[0].slug));
  await expect(page.getByText(textR.prompt, { exact: true })).toBeVisible();
  await expect(page.locator(".reader-text", { hasText: "My own words" })).toBeVisible();
  await expect(page.locator(".reader-text", { hasText: `4 out of 5 (1 = ${scaleR.low}, 5 = ${scaleR.high})` })).toBeVisible();
  await expect(page.locator(".reader-text", { hasText: listR.items[0].text })).toBeVisible();
  expect(problems).toEqual([]);
});

test("the journal says when its text does not arrive, and recovers with Try again", async ({ page }) => {
  await answerThree(page);
  const before = await stored(page);
  await page.route(TEXT_FILES, (route) => route.abort("internetdisconnected"));
  await page.goto("journal");
  const alert = page.getByRole("alert").filter({ hasText: "Your journal did not load" });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText("offline");
  await expect(alert).toContainText("Your answers and reflections are safe");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your journal");
  await expect(page.locator("textarea")).toHaveCount(0);

  await page.unroute(TEXT_FILES);
  await alert.getByRole("button", { name: "Try again" }).click();
  await expect(alert).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  await expect(page.getByText(textR.prompt, { exact: true })).toBeVisible();
  await expect(page.locator(`#${anchor(textR.id)} textarea`)).toHaveValue("My own words");
  expect(await stored(page)).toBe(before);
});

test("the Markdown workbook has every text, or is not downloaded at all", async ({ page }) => {
  await answerThree(page);
  // Offline from the start: the texts the page warms up never arrive.
  await page.route(TEXT_FILES, (route) => route.abort("internetdisconnected"));
  await page.goto("data");
  await appReady(page);
  let downloads = 0;
  page.on("download", () => (downloads += 1));
  await page.getByRole("button", { name: "Download it as a text file" }).click();
  const status = page.locator(".workbook-download");
  await expect(status).toContainText("Nothing was downloaded");
  await expect(status).toContainText("offline");
  expect(downloads).toBe(0);

  await page.unroute(TEXT_FILES);
  const download = page.waitForEvent("download");
  await status.getByRole("button", { name: "Try again" }).click();
  const md = await readFile(await (await download).path(), "utf8");
  expect(md).toContain(firstKeyIdea(lessons[0].slug));
  expect(md).toContain(`**${textR.prompt}**`);
  expect(md).toContain("> My own words");
  expect(md).toContain(`4 out of 5 (1 = ${scaleR.low}, 5 = ${scaleR.high})`);
  expect(md).toContain(listR.items[0].text);
  await expect(status).not.toContainText("Nothing was downloaded");

  // Once the texts are here, the click itself makes the file, network or not.
  await page.route(TEXT_FILES, (route) => route.abort("internetdisconnected"));
  const again = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download it as a text file" }).click();
  const second = await readFile(await (await again).path(), "utf8");
  expect(second).toContain(firstKeyIdea(lessons[0].slug));
  expect(second).toContain("> My own words");
  await expect(status).not.toContainText("Nothing was downloaded");
});
