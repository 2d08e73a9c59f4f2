// Reading comfort: theme and text size (chosen, applied before the first
// paint, remembered), the shortcuts help, axe in both themes, reflow at
// 320 px and at 200% zoom, and print.
//   SCREENSHOTS=1 also saves screenshots to tests/e2e/results/screens/.
import { test, expect } from "@playwright/test";
import { HomePage, LessonPage, appReady, watchProblems, axeViolations } from "./pages.mjs";
import { DisplaySettings, presetSettings, rootAttributes, background, SETTINGS_KEY, LIGHT_BG, DARK_BG } from "./display.mjs";
import { lessons, anchor } from "./content.mjs";
import { KEYS } from "./keys.mjs";

const stored = (page) => page.evaluate((key) => JSON.parse(localStorage.getItem(key)), SETTINGS_KEY);

test("theme and text size are chosen in the header, applied at once and remembered", async ({ page }) => {
  const problems = watchProblems(page);
  await new HomePage(page).open();
  expect(await rootAttributes(page)).toEqual({ theme: null, textSize: null });
  const display = new DisplaySettings(page);
  await expect(display.toggle).toHaveText("Display");
  await display.open();
  await expect(display.radio("Theme", "Same as device")).toBeChecked();
  await expect(display.radio("Text size", "Normal")).toBeChecked();

  await display.choose("Theme", "Dark");
  expect(await rootAttributes(page)).toEqual({ theme: "dark", textSize: null });
  expect(await background(page)).toBe(DARK_BG);
  await display.choose("Text size", "Larger");
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe("24px");
  expect(await stored(page)).toEqual({ version: 1, theme: "dark", text_size: "larger", discreet: "off", country: "none" });

  // Another page, then a reload: still chosen, and shown as chosen.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "About" }).click();
  expect(await rootAttributes(page)).toEqual({ theme: "dark", textSize: "larger" });
  await page.reload();
  expect(await rootAttributes(page)).toEqual({ theme: "dark", textSize: "larger" });
  await display.open();
  await expect(display.radio("Theme", "Dark")).toBeChecked();
  await expect(display.radio("Text size", "Larger")).toBeChecked();

  // Back to the defaults: the attributes go, the device decides again.
  await display.choose("Theme", "Same as device");
  await display.choose("Text size", "Normal");
  expect(await rootAttributes(page)).toEqual({ theme: null, textSize: null });
  await page.emulateMedia({ colorScheme: "dark" });
  expect(await background(page)).toBe(DARK_BG);
  await display.choose("Theme", "Light");
  expect(await background(page)).toBe(LIGHT_BG);
  expect(problems).toEqual([]);
});

test("the stored theme is painted before the app starts: no flash", async ({ page }) => {
  await presetSettings(page, { theme: "dark", text_size: "large" });
  // Without the app at all, only index.html's own script can have done it.
  await page.route(/\.wasm$/, (route) => route.abort());
  await page.goto("./");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Attunement in relationships");
  expect(await rootAttributes(page)).toEqual({ theme: "dark", textSize: "large" });
  expect(await background(page)).toBe(DARK_BG);
  // The page as built already shows the way round.
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "About" })).toBeVisible();
});

for (const [what, raw] of [
  ["unreadable", "{not json"],
  ["unknown", JSON.stringify({ version: 7, theme: "sepia", text_size: 40 })],
]) {
  test(`${what} stored settings fall back to the defaults`, async ({ page }) => {
    const problems = watchProblems(page);
    await presetSettings(page, raw);
    await new HomePage(page).open();
    expect(await rootAttributes(page)).toEqual({ theme: null, textSize: null });
    const display = new DisplaySettings(page);
    await display.open();
    await expect(display.radio("Theme", "Same as device")).toBeChecked();
    await display.choose("Theme", "Dark");
    expect(await stored(page)).toEqual({ version: 1, theme: "dark", text_size: "normal", discreet: "off", country: "none" });
    expect(problems).toEqual([]);
  });
}

test("with storage blocked, a choice still holds for the visit", async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, "localStorage", {
      get() {
        throw new DOMException("blocked", "SecurityError");
      },
    });
  });
  await new HomePage(page).open();
  await new DisplaySettings(page).choose("Theme", "Dark");
  expect(await background(page)).toBe(DARK_BG);
});

test("? opens the keyboard shortcuts, Esc closes them and focus returns", async ({ page }) => {
  const problems = watchProblems(page);
  const lesson = new LessonPage(page);
  await lesson.open(lessons[1].slug);
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog).toBeHidden();

  await lesson.heading.focus();
  await page.keyboard.press("?");
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Next lesson");
  expect(await axeViolations(page)).toEqual([]);
  // Modal: the arrows do not move the lesson behind it.
  await page.keyboard.press("ArrowRight");
  await expect(lesson.heading).toHaveText(lessons[1].title);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(lesson.heading).toBeFocused();

  // The button in the footer opens it too, and its Close button closes it.
  const button = page.getByRole("contentinfo").getByRole("button", { name: "Keyboard shortcuts" });
  await button.click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();
  await expect(button).toBeFocused();

  // Typing ? in a reflection is just typing.
  const text = lessons[1].reflections.find((r) => r.kind === "text");
  const box = page.locator(`#${anchor(text.id)} textarea`);
  await box.focus();
  await page.keyboard.type("Why?");
  await expect(box).toHaveValue("Why?");
  await expect(dialog).toBeHidden();
  expect(problems).toEqual([]);
});

// Light-theme scans of these pages are in foundation.spec.mjs; lessons scan
// both themes in lessons.spec.mjs.
for (const path of ["./", "about", "nowhere"]) {
  test(`axe: no WCAG 2.2 AA violation on ${path} in the dark theme, and in light on a dark device`, async ({ page }) => {
    await presetSettings(page, { theme: "dark" });
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await new DisplaySettings(page).open();
    expect(await background(page)).toBe(DARK_BG);
    expect(await axeViolations(page)).toEqual([]);

    await page.emulateMedia({ colorScheme: "dark" });
    await new DisplaySettings(page).choose("Theme", "Light");
    expect(await background(page)).toBe(LIGHT_BG);
    expect(await axeViolations(page)).toEqual([]);
  });
}

// WCAG 1.4.10 reflow (320 CSS px) and 1.4.4 resize (a 1280 px window at
// 200% zoom is 640 CSS px at two device pixels each), with the largest text
// size on top: nothing may need sideways scrolling.
const VIEWS = [
  { name: "phone-320", width: 320, height: 720, scale: 1 },
  { name: "zoom-200", width: 640, height: 450, scale: 2 },
  { name: "desktop", width: 1280, height: 900, scale: 1 },
];
const ROUTES = [
  { name: "home", path: "./" },
  { name: "lesson", path: `lesson/${lessons[3].slug}` },
  { name: "about", path: "about" },
];
for (const view of VIEWS) {
  test(`layout holds at ${view.name}: no sideways scrolling at any text size`, async ({ browser }) => {
    const context = await browser.newContext({
      viewport: { width: view.width, height: view.height },
      deviceScaleFactor: view.scale,
    });
    const page = await context.newPage();
    for (const theme of ["light", "dark"]) {
      for (const text_size of ["normal", "larger"]) {
        // Each load starts from no progress, so the lesson's Check is there.
        await page.addInitScript(
          ([key, value, progress]) => {
            localStorage.setItem(key, value);
            localStorage.removeItem(progress);
          },
          [SETTINGS_KEY, JSON.stringify({ version: 1, theme, text_size }), KEYS.progress],
        );
        for (const route of ROUTES) {
          await page.goto(route.path);
          await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
          await appReady(page);
          if (route.name === "lesson") {
            // Feedback on screen, and the settings open, as a reader sees them.
            const check = lessons[3].checks[0];
            await page.locator(`#${anchor(check.id)} input[value="${check.correct[0]}"]`).first().check();
            await page.locator(`#${anchor(check.id)}`).getByRole("button", { name: "Check", exact: true }).click();
            await expect(page.locator(`#${anchor(check.id)} .feedback`)).toContainText("Correct.");
          }
          if (route.name === "home") await new DisplaySettings(page).open();
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow, `${route.name}, ${theme}, ${text_size}`).toBeLessThanOrEqual(0);
          if (process.env.SCREENSHOTS) {
            await page.screenshot({
              path: `tests/e2e/results/screens/${view.name}-${theme}-${text_size}-${route.name}.png`,
              fullPage: route.name !== "lesson",
            });
          }
        }
      }
    }
    await context.close();
  });
}

test("a lesson prints without the app around it, on white", async ({ page }) => {
  await presetSettings(page, { theme: "dark" });
  const lesson = new LessonPage(page);
  await lesson.open(lessons[0].slug);
  await page.emulateMedia({ media: "print" });
  for (const chrome of [page.locator(".site-header"), page.locator(".site-footer"), page.locator(".prev-next")]) {
    await expect(chrome).toBeHidden();
  }
  await expect(page.getByRole("button", { name: "Check", exact: true }).first()).toBeHidden();
  await expect(lesson.heading).toBeVisible();
  await expect(page.locator(".activity").first()).toBeVisible();
  expect(await background(page)).toBe("rgb(255, 255, 255)");
  if (process.env.SCREENSHOTS) await page.pdf({ path: "tests/e2e/results/screens/lesson-print.pdf" });
});

test("the header marks the page shown, and only that page", async ({ page }) => {
  const nav = page.getByRole("navigation", { name: "Main" });
  const current = () => nav.locator('[aria-current="page"]');
  await new HomePage(page).open();
  await expect(current()).toHaveText("Course");
  await nav.getByRole("link", { name: "About" }).click();
  await expect(current()).toHaveText("About");
  await page.goto(`lesson/${lessons[0].slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(current()).toHaveCount(0);
});

test("on a 375 × 667 phone: a one-row header, and each page's way in on the first screen", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 667 } });
  const page = await context.newPage();
  const onFirstScreen = (locator) =>
    locator.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight && r.width > 0;
    });
  await page.goto("./");
  const header = page.locator(".site-header");
  const brand = await header.locator(".brand").boundingBox();
  const menu = await header.getByRole("button", { name: "Menu" }).boundingBox();
  expect(Math.abs(brand.y + brand.height / 2 - (menu.y + menu.height / 2))).toBeLessThan(8);
  expect((await header.boundingBox()).height).toBeLessThan(80);
  for (const part of [page.getByRole("heading", { level: 1 }), page.locator(".hero .lead"), page.getByRole("link", { name: "Start the course" })]) {
    expect(await onFirstScreen(part)).toBe(true);
  }
  // The menu opens under the header with the navigation and the display settings.
  await header.getByRole("button", { name: "Menu" }).click();
  await expect(header.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "About" })).toBeVisible();
  await expect(header.locator("details.display summary")).toBeVisible();
  await page.goto(`lesson/${lessons[0].slug}/`);
  expect(await onFirstScreen(page.getByRole("heading", { level: 1 }))).toBe(true);
  expect(await onFirstScreen(page.locator(".lesson-section p").first())).toBe(true);
  await context.close();
});

