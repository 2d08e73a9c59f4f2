// The course's second edition, as a reader meets it: checks that cannot be
// passed by picking the longest option, the guided practices (saved,
// kept over a reload, in the journal and the workbook), notes of care in the
// lessons on anxious and avoidant patterns, and where to find help as links
// a phone can dial or text (for each country: helplines.spec.mjs).
import { test, expect } from "@playwright/test";
import { LessonPage, watchProblems, appReady } from "./pages.mjs";
import { lessons, anchor } from "./content.mjs";
import { endsAt } from "./base.mjs";

test("a reader who always picks the longest option gets about a third of the single-choice checks right, at most", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const problems = watchProblems(page);
  const view = new LessonPage(page);
  let singles = 0;
  let right = 0;
  for (const lesson of lessons) {
    await view.open(lesson.slug);
    await expect(view.checks).toHaveCount(lesson.checks.length);
    for (const check of lesson.checks.filter((c) => c.kind === "single")) {
      const card = page.locator(`#${anchor(check.id)}`);
      const options = card.locator("fieldset").first().locator(".option");
      await expect(options).toHaveCount(check.options.length);
      // What the reader sees: the words of each option, as laid out.
      const labels = await options.locator("label").allInnerTexts();
      const longest = labels.reduce((best, l, i) => (l.length > labels[best].length ? i : best), 0);
      await options.nth(longest).locator("input").check();
      await card.getByRole("button", { name: "Check", exact: true }).click();
      const verdict = card.locator(".feedback .verdict");
      await expect(verdict).toHaveText(/Correct\.|Not quite\./);
      singles += 1;
      if ((await verdict.innerText()).includes("Correct.")) right += 1;
    }
  }
  console.log(`always the longest option: ${right} of ${singles} single-choice checks right`);
  expect(singles).toBe(lessons.flatMap((l) => l.checks).filter((c) => c.kind === "single").length);
  expect(singles).toBeGreaterThanOrEqual(14);
  expect(right / singles).toBeLessThanOrEqual(1 / 3);
  expect(problems).toEqual([]);
});

test("the two guided practices save, survive a reload, and appear in the journal and the workbook", async ({ page }) => {
  const problems = watchProblems(page);
  // Lesson 7 has two; lesson 4 has the practice for the moment itself.
  expect(lessons.flatMap((l) => l.reflections).filter((r) => r.steps)).toHaveLength(3);
  const lesson = lessons.findLast((l) => l.reflections.some((r) => r.steps));
  const practices = lesson.reflections.filter((r) => r.steps);
  expect(practices).toHaveLength(2);
  const view = new LessonPage(page);
  await view.open(lesson.slug);
  await expect(page.locator(".activity.practice")).toHaveCount(2);
  const written = new Map();
  for (const practice of practices) {
    const card = page.locator(`#${anchor(practice.id)}`);
    await expect(card.locator(".activity-kind")).toHaveText("Practise");
    // The steps come first, numbered, then the box.
    await expect(card.locator("ol.steps li")).toHaveText(practice.steps);
    const box = card.getByRole("textbox", { name: practice.prompt });
    const words = `My words for ${practice.id}:\nI'd rather go slowly.`;
    written.set(practice.id, words);
    await box.fill(words);
    await box.blur();
    await expect(card.locator(".response")).toContainText(practice.response.slice(0, 30));
  }

  await page.reload();
  for (const practice of practices) {
    await expect(page.locator(`#${anchor(practice.id)} textarea`)).toHaveValue(written.get(practice.id));
  }

  await page.goto("journal");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your journal");
  for (const practice of practices) {
    const card = page.locator(`#${anchor(practice.id)}`);
    await expect(card.locator("ol.steps li")).toHaveCount(practice.steps.length);
    await expect(card.locator("textarea")).toHaveValue(written.get(practice.id));
  }

  await page.goto("workbook");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My workbook");
  const section = page.locator(".workbook-lesson").filter({ hasText: lesson.title });
  for (const practice of practices) {
    await expect(section.locator(".workbook-prompt").filter({ hasText: practice.prompt })).toHaveCount(1);
    await expect(section.locator(".reader-text").filter({ hasText: written.get(practice.id).split("\n")[0] })).toHaveCount(
      1,
    );
    await expect(section.locator("ol.steps li").filter({ hasText: practice.steps[0] })).toHaveCount(1);
  }
  expect(problems).toEqual([]);
});

test("lessons 4 to 6 carry a note of care that leads to where to find help", async ({ page }) => {
  const problems = watchProblems(page);
  const view = new LessonPage(page);
  for (const [i, lesson] of lessons.entries()) {
    await view.open(lesson.slug);
    await expect(view.checks).toHaveCount(lesson.checks.length);
    const note = page.getByRole("note", { name: "A note of care" }).filter({ hasText: /attachment style/ });
    if (i < 3 || i > 5) {
      await expect(note).toHaveCount(0);
      continue;
    }
    await expect(note).toHaveCount(1);
    await expect(note).toContainText(/punish/);
    await expect(note.getByRole("link", { name: "Help where you live" })).toHaveAttribute("href", endsAt("about/#help"));
  }
  // From the last of them, the link goes to the list, ready to read.
  await view.open(lessons[5].slug);
  await page
    .getByRole("note", { name: "A note of care" })
    .filter({ hasText: /attachment style/ })
    .getByRole("link", { name: "Help where you live" })
    .click();
  await expect(page).toHaveURL(endsAt("about/#help"));
  await expect(page.getByRole("heading", { name: "Where to find help" })).toBeFocused();
  expect(problems).toEqual([]);
});

test("where to find help lists every service as a link that dials or texts it", async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto("about");
  await appReady(page);
  const lists = {
    "United Kingdom": [
      ["999", "tel:999"],
      ["116 123", "tel:116123"],
      ["85258", "sms:85258"],
      ["111", "tel:111"],
      ["0808 2000 247", "tel:08082000247"],
      ["0800 999 5428", "tel:08009995428"],
    ],
    "United States": [
      ["911", "tel:911"],
      ["1-800-656-4673", "tel:+18006564673"],
      ["1-800-422-4453", "tel:+18004224453"],
    ],
  };
  for (const [country, links] of Object.entries(lists)) {
    await page.getByRole("radio", { name: country }).check();
    const help = page.locator(".help-place:visible .help-list");
    await expect(help).toHaveCount(1);
    for (const [name, href] of links) {
      await expect(help.getByRole("link", { name, exact: true })).toHaveAttribute("href", href);
    }
    // Every link is a well-formed tel: or sms: address, or a service's own
    // website where its number could not be checked.
    for (const href of await help.getByRole("link").evaluateAll((as) => as.map((a) => a.getAttribute("href")))) {
      expect(href).toMatch(/^((tel|sms):\+?\d+|https:\/\/[a-z0-9.-]+\/)$/);
    }
  }
  // 988 to call and to text.
  const nine = page.locator(".help-place:visible .help-list").getByRole("link", { name: "988", exact: true });
  expect(await nine.evaluateAll((as) => as.map((a) => a.getAttribute("href")))).toEqual(["tel:988", "sms:988"]);
  await expect(page.locator(".help-place:visible")).toContainText("National Domestic Violence Hotline");
  await expect(page.locator(".help-place:visible")).toContainText("thehotline.org");
  // The note of care heads the list; About says where explanations go
  // beyond the article.
  await expect(page.locator("#help + p")).toContainText("not attachment styles");
  await expect(page.locator("main")).toContainText("Some explanations go beyond the article");

  // Your data points to it, with the same note.
  await page.goto("data");
  await appReady(page);
  const pointer = page.locator("main").getByRole("link", { name: "Where to find help", exact: true });
  await expect(pointer).toHaveAttribute("href", endsAt("about/#help"));
  await pointer.click();
  await expect(page.getByRole("heading", { name: "Where to find help" })).toBeFocused();
  expect(problems).toEqual([]);
});
