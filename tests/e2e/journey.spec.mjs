// A new reader's journey, keyboard only: start, answer every kind of
// question, reflect, reload, finish, move on.
import { test, expect } from "@playwright/test";
import { HomePage, LessonPage, watchProblems, appReady } from "./pages.mjs";
import { lessons, anchor } from "./content.mjs";

const [one, two, three] = lessons;

/** Focuses an input and presses Space: how a keyboard user picks it. */
async function pick(page, locator) {
  await locator.focus();
  await page.keyboard.press("Space");
}

async function press(page, button) {
  await button.focus();
  await page.keyboard.press("Enter");
}

test("a new reader works through lesson 1 by keyboard and moves on with →", async ({ page }) => {
  const problems = watchProblems(page);
  const home = new HomePage(page);
  await home.open();
  await press(page, home.start);
  const lesson = new LessonPage(page);
  await expect(page).toHaveURL(new RegExp(`lesson/${one.slug}/$`));
  await expect(lesson.heading).toHaveText(one.title);
  await expect(lesson.heading).toBeFocused();

  // Check with nothing chosen: an error in words next to the question.
  const first = one.checks[0];
  const card = page.locator(`#${anchor(first.id)}`);
  await press(page, card.getByRole("button", { name: "Check", exact: true }));
  await expect(card.locator(".error")).toHaveText(/Choose an answer first/);

  // Every check: say how sure, pick the right options, Check.
  for (const check of one.checks) {
    const root = page.locator(`#${anchor(check.id)}`);
    await root.scrollIntoViewIfNeeded();
    const feedback = root.locator(".feedback");
    await expect(feedback).toHaveAttribute("role", "status");
    await expect(feedback).toBeEmpty();
    await pick(page, root.getByRole("radio", { name: "Fairly sure" }));
    for (const id of check.correct) {
      await pick(page, root.locator(`input[value="${id}"]`).first());
    }
    await press(page, root.getByRole("button", { name: "Check", exact: true }));
    await expect(feedback).toContainText("Correct.");
    await expect(feedback).toBeFocused();
    // The explanation of the chosen option is shown.
    await expect(feedback.locator(".explanations li")).toHaveCount(check.correct.length);
  }

  // A wrong answer gets "Not quite", Try again and Show answer.
  const scenario = one.checks.find((c) => c.scenario);
  const sRoot = page.locator(`#${anchor(scenario.id)}`);
  const wrong = scenario.options.find((o) => !o.correct).id;
  await pick(page, sRoot.locator(`input[value="${wrong}"]`).first());
  await expect(sRoot.locator(".feedback")).toBeEmpty();
  await press(page, sRoot.getByRole("button", { name: "Check", exact: true }));
  await expect(sRoot.locator(".feedback")).toContainText("Not quite.");
  await press(page, sRoot.getByRole("button", { name: "Show answer" }));
  await expect(sRoot.locator(".feedback li.right")).toHaveCount(1);
  await press(page, sRoot.getByRole("button", { name: "Try again" }));
  await pick(page, sRoot.locator(`input[value="${scenario.correct[0]}"]`).first());
  await press(page, sRoot.getByRole("button", { name: "Check", exact: true }));
  await expect(sRoot.locator(".feedback")).toContainText("Correct.");
  await expect(sRoot.locator(".feedback")).toBeFocused();

  // Reflections: free text and a scale.
  const text = one.reflections.find((r) => r.kind === "text");
  const scale = one.reflections.find((r) => r.kind === "scale");
  const textArea = page.locator(`#${anchor(text.id)} textarea`);
  await textArea.focus();
  await page.keyboard.type("My gran always knew when I was tired.");
  // The warm response waits until the reader leaves the box.
  await expect(page.locator(`#${anchor(text.id)} .response`)).toBeEmpty();
  await page.keyboard.press("Tab");
  await expect(page.locator(`#${anchor(text.id)} .response`)).toContainText(text.response.slice(0, 20));
  await pick(page, page.locator(`#${anchor(scale.id)} input[value="4"]`));

  // Reload (a pending save is flushed as the page goes): all still there.
  await page.reload();
  await expect(textArea).toHaveValue("My gran always knew when I was tired.");
  await expect(page.locator(`#${anchor(scale.id)} input[value="4"]`)).toBeChecked();
  for (const check of one.checks) {
    const root = page.locator(`#${anchor(check.id)}`);
    await expect(root.locator(".feedback")).toContainText("Correct.");
    await expect(root.getByRole("radio", { name: "Fairly sure" })).toBeChecked();
  }

  // The lesson's end: key ideas, results, the reflection, then on.
  const end = page.locator(".lesson-end");
  await expect(end.getByRole("heading", { name: "Key ideas" })).toBeVisible();
  await expect(end).toContainText(`You worked through all ${one.checks.length} questions`);
  await expect(end.locator(".confidence-table")).toContainText("Fairly sure");
  await expect(end.locator(".my-reflections")).toContainText("My gran always knew when I was tired.");
  await press(page, lesson.finish);
  await expect(page).toHaveURL(new RegExp(`lesson/${two.slug}/$`));
  await expect(lesson.heading).toHaveText(two.title);
  await expect(lesson.heading).toBeFocused();

  // ← goes back, → forward again; keys typed in a text box do not navigate.
  await page.keyboard.press("ArrowLeft");
  await expect(lesson.heading).toHaveText(one.title);
  await textArea.focus();
  await page.keyboard.press("ArrowRight");
  await expect(lesson.heading).toHaveText(one.title);
  await page.locator("body").focus();
  await lesson.heading.focus();
  await page.keyboard.press("ArrowRight");
  await expect(lesson.heading).toHaveText(two.title);

  // Home shows lesson 1 finished and offers to continue.
  await page.goto("./");
  await expect(home.lessons.first()).toContainText("Finished");
  await expect(home.resume).toBeVisible();
  expect(problems).toEqual([]);
});

test("a checklist reflection is kept, and Continue returns to the section reached", async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.open(three.slug);
  const list = three.reflections.find((r) => r.kind === "checklist");
  const root = page.locator(`#${anchor(list.id)}`);
  await pick(page, root.locator(`input[value="${list.items[0].id}"]`));
  await pick(page, root.locator(`input[value="${list.items[2].id}"]`));
  await expect(root.locator(".response")).toContainText(list.response.slice(0, 20));
  await page.reload();
  await expect(root.locator(`input[value="${list.items[0].id}"]`)).toBeChecked();
  await expect(root.locator(`input[value="${list.items[1].id}"]`)).not.toBeChecked();
  await expect(root.locator(`input[value="${list.items[2].id}"]`)).toBeChecked();

  // Where the reader scrolled to is where "Continue" takes them.
  const sectionId = await root.evaluate((el) => el.closest("section.lesson-section").id);
  await page.goto("./");
  await appReady(page);
  const resume = new HomePage(page).resume;
  await expect(resume).toHaveAttribute("href", new RegExp(`lesson/${three.slug}/#s-`));
  await resume.click();
  await expect(page).toHaveURL(new RegExp(`lesson/${three.slug}/#s-`));
  const hash = new URL(page.url()).hash.slice(1);
  const reached = await page.locator(`#${hash}`).boundingBox();
  expect(reached.y).toBeLessThan(400);
  expect(sectionId.startsWith("s-")).toBe(true);
});
