// Learning that lasts, with the browser's clock under the test's control:
// review the day after a lesson, a reflection that comes back a week
// later, "Where I stand" taken twice, the closing page's calibration and
// its calendar file. By keyboard, with axe in both themes on every new page.
import { test, expect } from "@playwright/test";
import { readFile } from "node:fs/promises";
import ICAL from "ical.js";
import { LessonPage, appReady, watchProblems } from "./pages.mjs";
import { noAxeViolationsInEitherTheme } from "./display.mjs";
import { lessons, anchor } from "./content.mjs";
import { KEYS } from "./keys.mjs";

const one = lessons[0];
const last = lessons[lessons.length - 1];
const KEY = KEYS.progress;
const stored = (page) => page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? "null"), KEY);

/** A morning in the reader's own time zone, `n` days after 2 March 2026. */
const day = (n) => new Date(2026, 2, 2 + n, 10, 0, 0);

async function press(page, control) {
  await control.focus();
  await page.keyboard.press("Enter");
}

async function pick(page, control) {
  await control.focus();
  await page.keyboard.press("Space");
}

const noAxeViolations = noAxeViolationsInEitherTheme;

async function finishLesson(page, lesson) {
  const view = new LessonPage(page);
  await view.open(lesson.slug);
  await press(page, view.finish);
}

test("the day after lesson 1, Review shows its items; one answered and rated leaves today's list", async ({ page }) => {
  const problems = watchProblems(page);
  await page.clock.install({ time: day(0) });
  await finishLesson(page, lessons[0]);
  await expect(page).toHaveURL(new RegExp(`lesson/${lessons[1].slug}/$`));
  const count = one.keyIdeas.length + one.checks.length;
  const nav = page.getByRole("navigation", { name: "Main" });
  // Nothing due on the day itself.
  await expect(nav.getByRole("link", { name: "Review", exact: true })).toBeVisible();

  await page.clock.setSystemTime(day(1));
  await page.goto("./");
  await appReady(page);
  await expect(nav.getByRole("link", { name: `Review (${count})` })).toBeVisible();
  await expect(page.getByRole("link", { name: `${count} things to review today` })).toBeVisible();
  await press(page, nav.getByRole("link", { name: `Review (${count})` }));
  await expect(page.getByRole("heading", { level: 1, name: "Review" })).toBeFocused();
  await expect(page.getByText(`1 of ${count} today`)).toBeVisible();

  // The first item: a question again, options in a new order.
  const first = one.checks.map((c) => c.id).sort()[0];
  const check = one.checks.find((c) => c.id === first);
  const shown = await page.locator(".review-item input").evaluateAll((els) => els.map((e) => e.value));
  expect(shown.slice().sort()).toEqual(check.options.map((o) => o.id).sort());
  expect(shown).not.toEqual(check.options.map((o) => o.id));
  const status = page.locator(".page.review > [role=status]");
  await expect(status).toBeAttached();
  await expect(status).toBeEmpty();
  for (const id of check.correct) await pick(page, page.locator(`.review-item input[value="${id}"]`));
  await press(page, page.getByRole("button", { name: "Check", exact: true }));
  const feedback = page.locator(".review-item .feedback");
  await expect(feedback).toContainText("Right.");
  await expect(feedback).toBeFocused();
  await expect(page).toHaveTitle(/Review/);
  await noAxeViolations(page);
  await press(page, page.getByRole("button", { name: /^Good/ }));
  await expect(status).toHaveText(/Saved: Good\. It comes back in 3 days\. \d+ more today\./);
  await expect(nav.getByRole("link", { name: `Review (${count - 1})` })).toBeVisible();
  await expect(page.getByText(`2 of ${count} today`)).toBeVisible();
  await expect(page.locator(".review-item h2")).toBeFocused();

  // The lesson's own first tries are untouched by review.
  await expect.poll(async () => (await stored(page)).progress.review[first].reps).toBe(1);
  const saved = await stored(page);
  expect(saved.schema).toBe(3);
  expect(saved.progress.answers[first]).toBeUndefined();
  expect(saved.progress.review[first]).toMatchObject({ reps: 1, interval: 3 });

  // A key idea: recall (typed, or only thought), then the idea, then Easy.
  const ids = [...one.checks, ...one.keyIdeas].map((item) => item.id).sort();
  expect(ids[1]).toContain(".idea.");
  await page.locator("#recall-box").fill("Noticing and answering a need");
  await press(page, page.getByRole("button", { name: "Show the idea" }));
  await expect(page.locator(".review-item .feedback")).toContainText("The key idea:");
  await expect(page.locator(".review-item .feedback")).toBeFocused();
  await press(page, page.getByRole("button", { name: /^Easy/ }));
  await expect(status).toContainText("Saved: Easy. It comes back in 6 days.");
  // Not remembered: Again brings it back tomorrow.
  await press(page, page.getByRole("button", { name: "Show the idea" }));
  await press(page, page.getByRole("button", { name: /^Again/ }));
  await expect(status).toContainText("It comes back tomorrow.");

  // The items rated have left today's list, after a reload too.
  await page.reload();
  await expect(page.getByText(`1 of ${count - 3} today`)).toBeVisible();
  const after = (await stored(page)).progress.review;
  expect([ids[1], ids[2], ids[3]].map((id) => after[id].reps)).toEqual([1, 1, 0]);
  // What the reader typed to recall is not kept.
  expect(JSON.stringify(await stored(page))).not.toContain("Noticing and answering a need");
  expect(problems).toEqual([]);
});

test("a week later an earlier reflection comes back; a follow-up sits beside it in the journal", async ({ page }) => {
  const problems = watchProblems(page);
  const textR = one.reflections.find((r) => r.kind === "text");
  await page.clock.install({ time: day(0) });
  const lesson = new LessonPage(page);
  await lesson.open(one.slug);
  const box = page.locator(`#${anchor(textR.id)} textarea`);
  await box.fill("My gran always knew when I was tired.");
  await expect.poll(async () => JSON.stringify(await stored(page))).toContain("My gran always knew");

  // Six days on, not yet.
  await page.clock.setSystemTime(day(6));
  await page.goto("review");
  await expect(page.getByRole("heading", { name: "Nothing to review today" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Then and now" })).toHaveCount(0);

  await page.clock.setSystemTime(day(8));
  await page.goto("review");
  await appReady(page);
  const section = page.locator("section.then-now");
  await expect(section).toContainText("On 2 March 2026 you wrote:");
  await expect(section.locator("blockquote")).toHaveText("My gran always knew when I was tired.");
  await noAxeViolations(page);
  await pick(page, section.getByRole("radio", { name: "Partly" }));
  await section.getByLabel("Anything you would add now? (optional)").fill("My dad did too, in his quiet way.");
  await press(page, section.getByRole("button", { name: "Keep this beside it" }));
  await expect(section.getByRole("status")).toContainText("Kept beside your earlier words");
  await expect(section.getByRole("status")).toBeFocused();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Journal" }).click();
  const entry = page.locator(`#${anchor(textR.id)}`);
  await expect(entry.locator("textarea")).toHaveValue("My gran always knew when I was tired.");
  const history = page.locator(".follow-ups");
  await expect(history).toContainText("Added 10 March 2026");
  await expect(history).toContainText("It partly felt true.");
  await expect(history.locator(".reader-text")).toHaveText("My dad did too, in his quiet way.");
  // The earlier words first, the follow-up after them.
  const after = await page.evaluate(
    ([a, b]) => Boolean(document.querySelector(a).compareDocumentPosition(document.querySelector(b)) & Node.DOCUMENT_POSITION_FOLLOWING),
    [`#${anchor(textR.id)}`, ".follow-ups"],
  );
  expect(after).toBe(true);
  // Once a day: the same page again brings nothing new back today.
  await page.goto("review");
  await expect(page.getByRole("heading", { name: "Then and now" })).toHaveCount(0);
  expect(problems).toEqual([]);
});

test("Where I stand taken twice shows both dates side by side, as a snapshot and not a score", async ({ page }) => {
  const problems = watchProblems(page);
  await page.clock.install({ time: day(0) });
  await page.goto("./");
  await appReady(page);
  await press(page, page.getByRole("link", { name: "Where I stand" }));
  await expect(page.getByRole("heading", { level: 1, name: "Where I stand" })).toBeFocused();
  await expect(page.locator("main")).toContainText("not a test or an assessment");
  const save = page.getByRole("button", { name: "Save this snapshot" });
  await press(page, save);
  await expect(page.locator(".page.stance [role=status]")).toContainText("Place at least one statement first");
  const statement = (name) => page.getByRole("group", { name });
  await pick(page, statement(/lean on me/).getByRole("radio", { name: "2" }));
  await pick(page, statement(/setting a limit/).getByRole("radio", { name: "1" }));
  await press(page, save);
  await expect(page.locator(".page.stance [role=status]")).toContainText("Saved as your snapshot for 2 March 2026");

  await page.clock.setSystemTime(day(30));
  await page.goto("where-i-stand");
  await appReady(page);
  await pick(page, statement(/lean on me/).getByRole("radio", { name: "4" }));
  await pick(page, statement(/how I really feel/).getByRole("radio", { name: "3" }));
  await press(page, save);
  const table = page.getByRole("table", { name: "Your snapshots by date" });
  await expect(table.getByRole("columnheader")).toHaveText(["Statement", "2 March 2026", "1 April 2026"]);
  await expect(table.getByRole("row", { name: /Being leaned on/ })).toContainText("2");
  await expect(page.locator(".stance-chart")).toContainText("Being leaned on: 2 on 2 March 2026, then 4 on 1 April 2026.");
  await expect(page.locator(".stance-chart svg circle")).toHaveCount(4);
  await expect(page.locator("main")).not.toContainText(/your score|your type|your style|you are an? /i);
  await noAxeViolations(page);
  expect(problems).toEqual([]);
});

test("the course ends on a closing page with the calibration the answers imply, and a calendar file with none of the reader's words", async ({ page }) => {
  const problems = watchProblems(page);
  await page.clock.install({ time: day(0) });
  const lesson = new LessonPage(page);
  await lesson.open(one.slug);
  // Certain and wrong, certain and right, guessing and right.
  const [a, b, c] = one.checks;
  const answer = async (check, sure, right) => {
    const root = page.locator(`#${anchor(check.id)}`);
    await pick(page, root.getByRole("radio", { name: sure }));
    const ids = right ? check.correct : [check.options.find((o) => !o.correct).id];
    for (const id of ids) await pick(page, root.locator(`input[value="${id}"]`).first());
    await press(page, root.getByRole("button", { name: "Check", exact: true }));
    await expect(root.locator(".feedback")).toContainText(right ? "Correct." : "Not quite.");
  };
  await answer(a, "Certain", false);
  await answer(b, "Certain", true);
  await answer(c, "Guessing", true);
  const words = "Only my sister ever noticed.";
  const textR = one.reflections.find((r) => r.kind === "text");
  await page.locator(`#${anchor(textR.id)} textarea`).fill(words);
  // The lesson's end shows the same for this lesson, with the miss to look at again.
  const end = page.locator(".lesson-end");
  await expect(end.locator(".confidence-table")).toContainText("Certain");
  await expect(end.getByRole("heading", { name: "Worth a second look" })).toBeVisible();

  // Finishing the last lesson opens the closing page.
  await finishLesson(page, last);
  await expect(page).toHaveURL(/course-end\/$/);
  await expect(page.getByRole("heading", { level: 1, name: "Looking back" })).toBeFocused();
  const sure = page.locator("#how-sure");
  const table = sure.getByRole("table", { name: "How sure you were, and your first tries" });
  await expect(table.getByRole("row", { name: /Certain/ }).getByRole("cell")).toHaveText(["2", "1", "50%"]);
  await expect(table.getByRole("row", { name: /Guessing/ }).getByRole("cell")).toHaveText(["1", "1", "100%"]);
  await expect(table.getByRole("row", { name: /Fairly sure/ })).toHaveCount(0);
  await expect(sure).toContainText("Some answers you felt certain about turned out differently.");
  const again = sure.locator(".look-again a");
  await expect(again).toHaveCount(1);
  await expect(again).toHaveAttribute("href", new RegExp(`lesson/${one.slug}/#${anchor(a.id)}$`));
  await expect(page.locator("main")).toContainText(words);
  await expect(page.getByRole("heading", { name: "The journey in brief" })).toBeVisible();
  await expect(page.locator(".journey > li")).toHaveCount(lessons.length);
  await noAxeViolations(page);

  // The calendar file, made in the browser.
  await pick(page, page.getByRole("radio", { name: "Once a week" }));
  await page.getByLabel("At what time?").fill("08:30");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    press(page, page.getByRole("button", { name: "Add review reminders to my calendar" })),
  ]);
  expect(download.suggestedFilename()).toMatch(/^attune-review-reminders-\d{4}-\d{2}-\d{2}\.ics$/);
  const ics = await readFile(await download.path(), "utf8");
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const event = new ICAL.Event(calendar.getFirstSubcomponent("vevent"));
  expect(event.summary).toContain("Attune");
  expect(event.isRecurring()).toBe(true);
  const rule = calendar.getFirstSubcomponent("vevent").getFirstPropertyValue("rrule");
  expect(rule.freq).toBe("WEEKLY");
  expect(event.startDate.toJSDate().getHours()).toBe(8);
  expect(event.startDate.toJSDate().getMinutes()).toBe(30);
  expect(event.startDate.toJSDate().getDate()).toBe(3);
  const url = calendar.getFirstSubcomponent("vevent").getFirstPropertyValue("url");
  expect(url).toBe(new URL("../review/", page.url()).href);
  const saved = JSON.stringify(await stored(page));
  expect(saved).toContain(words);
  expect(ics).not.toContain(words);
  expect(ics).not.toContain("sister");
  await expect(page.locator("#remind-h ~ [role=status]")).toContainText("The file is downloading");
  expect(problems).toEqual([]);
});
