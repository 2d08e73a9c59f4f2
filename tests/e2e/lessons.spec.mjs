// Every lesson renders with all its questions and reflections, and passes
// axe mid-way with feedback on screen, in the light and the dark theme.
import { test, expect } from "@playwright/test";
import { LessonPage, watchProblems, axeViolations } from "./pages.mjs";
import { DisplaySettings } from "./display.mjs";
import { lessons, anchor } from "./content.mjs";

lessons.forEach((lesson, i) => {
  test(`lesson ${i + 1} (${lesson.slug}) renders its activities and passes axe in both themes`, async ({ page }) => {
    const problems = watchProblems(page);
    const view = new LessonPage(page);
    await view.open(lesson.slug);
    await expect(view.heading).toHaveText(lesson.title);
    await expect(page).toHaveTitle(`${lesson.title} · Attune`);
    await expect(view.checks).toHaveCount(lesson.checks.length);
    await expect(view.reflections).toHaveCount(lesson.reflections.length);
    await expect(page.locator("figure img")).toHaveCount(1);
    await expect(page.locator("footer")).toContainText("Education, not therapy");
    for (const check of lesson.checks) {
      await expect(page.locator(`#${anchor(check.id)} fieldset legend`).first()).toBeVisible();
    }
    // Mid-way: one wrong answer checked, one right, so feedback is showing.
    const [a, b] = lesson.checks;
    const wrong = a.options.find((o) => !o.correct).id;
    await page.locator(`#${anchor(a.id)} input[value="${wrong}"]`).first().check();
    await page.locator(`#${anchor(a.id)}`).getByRole("button", { name: "Check", exact: true }).click();
    await expect(page.locator(`#${anchor(a.id)} .feedback`)).toContainText("Not quite.");
    for (const id of b.correct) await page.locator(`#${anchor(b.id)} input[value="${id}"]`).first().check();
    await page.locator(`#${anchor(b.id)}`).getByRole("button", { name: "Check", exact: true }).click();
    await expect(page.locator(`#${anchor(b.id)} .feedback`)).toContainText("Correct.");
    expect(await axeViolations(page)).toEqual([]);
    await new DisplaySettings(page).choose("Theme", "Dark");
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
