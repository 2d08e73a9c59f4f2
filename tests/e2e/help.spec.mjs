// Help before the answer, by keyboard alone: a nudge, another way, and the
// passage (focus moves there, with a way back to the question); what was
// opened is kept with the first try and shown nowhere; axe finds nothing on
// the revealed help in either theme. Then the recap's help, which leads
// into a lesson and back to the closing page, and review's, after which the
// check comes back sooner.
import { test, expect } from "@playwright/test";
import { LessonPage, watchProblems, appReady } from "./pages.mjs";
import { noAxeViolationsInEitherTheme } from "./display.mjs";
import { lessons, recap, anchor } from "./content.mjs";
import { KEYS } from "./keys.mjs";

const stored = (page) => page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? "null"), KEYS.progress);

/** Presses Tab until `locator` has focus. */
async function tabTo(page, locator, max = 40) {
  const target = await locator.elementHandle();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((el) => document.activeElement === el, target)) return;
  }
  throw new Error(`Tab never reached ${locator}`);
}

test("a reader opens the nudge, another way and the passage by keyboard, and comes back to the question", async ({
  page,
}) => {
  const problems = watchProblems(page);
  const lesson = lessons[0];
  const check = lesson.checks[0];
  const card = page.locator(`#${anchor(check.id)}`);
  // Arriving at the question: focus on its heading.
  await page.goto(`lesson/${lesson.slug}/#${anchor(check.id)}`);
  await appReady(page);
  await expect(card.locator("h3")).toBeFocused();

  const help = card.getByRole("group", { name: /Help before you answer/ });
  const nudge = help.getByRole("button", { name: "A nudge" });
  const other = help.getByRole("button", { name: "Another way to see it" });
  const where = help.getByRole("link", { name: /Where it is in the lesson/ });
  // All closed at first: each button says so, and its live region is empty.
  for (const button of [nudge, other]) {
    await expect(button).toHaveAttribute("aria-expanded", "false");
    const region = page.locator(`#${await button.getAttribute("aria-controls")}`);
    await expect(region).toHaveAttribute("role", "status");
    await expect(region).toBeEmpty();
  }

  await tabTo(page, nudge);
  await page.keyboard.press("Enter");
  await expect(nudge).toHaveAttribute("aria-expanded", "true");
  const nudgeText = page.locator(`#${await nudge.getAttribute("aria-controls")}`);
  await expect(nudgeText).toHaveText(check.nudge);
  // Focus stays on the button: the text is read once, from its live region.
  await expect(nudge).toBeFocused();

  await page.keyboard.press("Tab");
  await expect(other).toBeFocused();
  await page.keyboard.press("Space");
  await expect(other).toHaveAttribute("aria-expanded", "true");
  await expect(page.locator(`#${await other.getAttribute("aria-controls")}`)).toHaveText(check.another_way);

  // axe on the revealed help, light then dark.
  await noAxeViolationsInEitherTheme(page);

  // Closing hides the text again.
  await nudge.focus();
  await page.keyboard.press("Enter");
  await expect(nudge).toHaveAttribute("aria-expanded", "false");
  await expect(nudgeText).toBeEmpty();

  // Where it is: the passage's heading gets focus, with the way back.
  await tabTo(page, where);
  await page.keyboard.press("Enter");
  const section = page.locator(`#s-${check.passage}`);
  await expect(page).toHaveURL(new RegExp(`#s-${check.passage}$`));
  await expect(section.locator("h2")).toBeFocused();
  await expect(section).toHaveClass(/passage-shown/);
  const back = section.getByRole("link", { name: "Back to the question" });
  await page.keyboard.press("Tab");
  await expect(back).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`#${anchor(check.id)}$`));
  await expect(card.locator("h3")).toBeFocused();
  await expect(back).toHaveCount(0);

  // Kept with the first try, in the order offered, and changing nothing
  // the reader sees.
  await expect
    .poll(async () => (await stored(page))?.progress.answers[check.id]?.help)
    .toEqual(["nudge", "another_way", "passage"]);
  await card.locator(`input[value="${check.correct[0]}"]`).first().check();
  await card.getByRole("button", { name: "Check", exact: true }).click();
  await expect(card.locator(".feedback")).toContainText("Correct.");
  await expect(card.locator(".feedback")).not.toContainText(/help|nudge/i);
  await expect
    .poll(async () => (await stored(page)).progress.answers[check.id])
    .toMatchObject({ first: true, help: ["nudge", "another_way", "passage"] });
  expect(problems).toEqual([]);
});

test("a recap question's passage opens in its lesson, and the way back returns to the closing page", async ({ page }) => {
  const problems = watchProblems(page);
  const check = recap.checks[0];
  const lesson = lessons.find((l) => l.slug === check.lesson);
  await page.goto("course-end");
  await appReady(page);
  const card = page.locator(`#${anchor(check.id)}`);
  const lessonNumber = lessons.indexOf(lesson) + 1;
  const where = card.getByRole("link", { name: `Where it is, in lesson ${lessonNumber}` });
  await tabTo(page, where, 400);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`lesson/${lesson.slug}/#s-${check.passage}$`));
  const section = page.locator(`#s-${check.passage}`);
  await expect(section.locator("h2")).toBeFocused();
  const back = section.getByRole("link", { name: "Back to the question" });
  await page.keyboard.press("Tab");
  await expect(back).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`course-end/#${anchor(check.id)}$`));
  await expect(card.locator("h3")).toBeFocused();
  expect(problems).toEqual([]);
});

test("in review, a check answered after help comes back sooner: Good is 2 days, not 3", async ({ page }) => {
  const problems = watchProblems(page);
  const lesson = lessons[0];
  // A morning in the reader's own time zone, and the next.
  await page.clock.install({ time: new Date(2026, 2, 2, 10, 0, 0) });
  const view = new LessonPage(page);
  await view.open(lesson.slug);
  await view.finish.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`lesson/${lessons[1].slug}/$`));
  await page.clock.setSystemTime(new Date(2026, 2, 3, 10, 0, 0));
  await page.goto("review");
  await appReady(page);
  // The first item is a check (ids in order): its help is here too.
  const first = lesson.checks.map((c) => c.id).sort()[0];
  const check = lesson.checks.find((c) => c.id === first);
  const item = page.locator(".review-item");
  const nudge = item.getByRole("button", { name: "A nudge" });
  await nudge.focus();
  await page.keyboard.press("Enter");
  await expect(page.locator(`#${await nudge.getAttribute("aria-controls")}`)).toHaveText(check.nudge);
  for (const id of check.correct) await item.locator(`input[value="${id}"]`).check();
  await item.getByRole("button", { name: "Check", exact: true }).click();
  await expect(item.locator(".feedback")).toContainText("Right.");
  // The buttons say when it comes back; nothing says help was used.
  const good = item.getByRole("button", { name: /^Good/ });
  await expect(good).toContainText("back in 2 days");
  await expect(item).not.toContainText(/you used|with help/i);
  await good.click();
  await expect(page.locator(".page.review > [role=status]")).toContainText("It comes back in 2 days.");
  await expect
    .poll(async () => (await stored(page)).progress.review[first])
    .toMatchObject({ interval: 2, ease: 240, lapses: 0 });
  expect(problems).toEqual([]);
});
