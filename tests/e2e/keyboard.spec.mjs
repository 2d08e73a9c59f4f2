// A reader who uses only the keyboard: Tab, Shift+Tab, Enter, Space, the
// arrows, ? and Esc. No clicks and no element.focus(): every control is
// reached by Tab, and at every stop the focused element must be on screen
// and not covered by anything (WCAG 2.4.11).
import { test, expect } from "@playwright/test";
import { LessonPage, watchProblems, appReady } from "./pages.mjs";
import { rootAttributes } from "./display.mjs";
import { lessons, anchor } from "./content.mjs";

const [one, two] = lessons;

/** Presses Tab (or Shift+Tab) until `locator` has focus, checking each stop. */
async function tabTo(page, locator, { back = false, max = 300 } = {}) {
  const target = await locator.elementHandle();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    const { reached, shown, what } = await page.evaluate((el) => {
      const a = document.activeElement;
      const r = a.getBoundingClientRect();
      const onScreen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
      const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
      const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
      const top = document.elementFromPoint(x, y);
      const uncovered = !!top && (top === a || a.contains(top) || top.contains(a));
      return { reached: a === el, shown: onScreen && uncovered, what: a.outerHTML.slice(0, 80) };
    }, target);
    expect(shown, `focus is visible and uncovered: ${what}`).toBe(true);
    if (reached) return;
  }
  throw new Error(`Tab never reached ${locator}`);
}

test("keyboard only: settings, a whole lesson, shortcuts help, and focus after every move", async ({ page }) => {
  const problems = watchProblems(page);
  const lesson = new LessonPage(page);
  await page.goto("./");
  await appReady(page);
  await expect(lesson.heading).toHaveText("Attunement in relationships");

  // The skip link comes first.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();

  // Display: open it, then Dark and Large with the arrow keys.
  const display = page.locator("details.display");
  await tabTo(page, display.locator("summary"));
  await page.keyboard.press("Enter");
  await expect(display).toHaveAttribute("open", "");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("radio", { name: "Same as device" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("radio", { name: "Dark" })).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("radio", { name: "Normal" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("radio", { name: "Large", exact: true })).toBeChecked();
  expect(await rootAttributes(page)).toEqual({ theme: "dark", textSize: "large" });

  // Into lesson 1: focus goes to its heading.
  await tabTo(page, page.getByRole("link", { name: "Start the course" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`lesson/${one.slug}/$`));
  await expect(lesson.heading).toHaveText(one.title);
  await expect(lesson.heading).toBeFocused();

  // Every question: pick the right answers, Check, and focus is on the result.
  for (const check of one.checks) {
    const root = page.locator(`#${anchor(check.id)}`);
    const inputs = root.locator(".options").first().locator("input");
    if (check.kind === "single" || (await inputs.first().getAttribute("type")) === "radio") {
      // Tab enters a radio group at its first option; the arrows move and
      // choose; Space chooses the one with focus.
      await tabTo(page, inputs.first());
      const [right] = check.correct;
      for (let i = 0; i < check.options.length; i++) {
        if ((await page.evaluate(() => document.activeElement.value)) === right) break;
        await page.keyboard.press("ArrowDown");
      }
      await page.keyboard.press("Space");
      await expect(root.locator(`input[value="${right}"]`).first()).toBeChecked();
    } else {
      for (const id of check.correct) {
        await tabTo(page, root.locator(`input[value="${id}"]`).first());
        await page.keyboard.press("Space");
      }
    }
    await tabTo(page, root.getByRole("button", { name: "Check", exact: true }));
    await page.keyboard.press("Enter");
    await expect(root.locator(".feedback")).toContainText("Correct.");
    await expect(root.locator(".feedback")).toBeFocused();
  }

  // Finish: the next lesson, focus on its heading.
  await tabTo(page, page.getByRole("button", { name: /^Finish/ }));
  await page.keyboard.press("Enter");
  await expect(lesson.heading).toHaveText(two.title);
  await expect(lesson.heading).toBeFocused();

  // ? shows the shortcuts; focus stays in the dialog; Esc returns it.
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await page.keyboard.press("?");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Close" })).toBeFocused();
  // Modal: Tab cycles the dialog and the browser's own controls, never the
  // page behind it.
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press("Tab");
    const inside = await dialog.evaluate((d) => d.contains(document.activeElement) || document.activeElement === document.body);
    expect(inside).toBe(true);
  }
  await tabTo(page, dialog.getByRole("button", { name: "Close" }));
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(lesson.heading).toBeFocused();

  // ← and → move between lessons, focus on each heading.
  await page.keyboard.press("ArrowLeft");
  await expect(lesson.heading).toHaveText(one.title);
  await expect(lesson.heading).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(lesson.heading).toHaveText(two.title);
  await expect(lesson.heading).toBeFocused();

  // Back up to the header and on to About; the settings came along.
  await tabTo(page, page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "About" }), { back: true });
  await page.keyboard.press("Enter");
  await expect(page).toHaveTitle("About · Attune");
  await expect(lesson.heading).toHaveText("About Attune");
  await expect(lesson.heading).toBeFocused();
  expect(await rootAttributes(page)).toEqual({ theme: "dark", textSize: "large" });
  expect(problems).toEqual([]);
});
