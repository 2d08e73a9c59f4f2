// The app shell as deployed: home, About, deep links, not-found, axe.
import { test, expect } from "@playwright/test";
import { HomePage, ATTRIBUTION, appReady, watchProblems, axeViolations } from "./pages.mjs";
import { endsAt } from "./base.mjs";

test("home shows the course, the credit and the lesson map, with no errors", async ({ page }) => {
  const problems = watchProblems(page);
  const home = new HomePage(page);
  await home.open();
  await expect(page.locator("main")).toContainText(ATTRIBUTION);
  await expect(page.locator("main")).toContainText("Attunement in relationships: What is it and how do we achieve it?");
  await expect(home.lessons).toHaveCount(7);
  await expect(home.start).toBeVisible();
  await expect(page).toHaveTitle("Attune");
  expect(problems).toEqual([]);
});

test("About opens from the header and the course is one step back, all in one document", async ({ page }) => {
  const problems = watchProblems(page);
  await new HomePage(page).open();
  // Survives only if no link or Back/Forward reloads the page (src/router.rs).
  await page.evaluate(() => (window.__sameDocument = true));
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "About" }).click();
  await expect(page).toHaveURL(endsAt("about/"));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("About Attune");
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  await expect(page.locator("main")).toContainText("Education, not therapy");
  await expect(page.locator("main")).toContainText("116 123");
  await expect(page).toHaveTitle("About · Attune");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "About" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Course" })).not.toHaveAttribute("aria-current", "page");
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Attunement in relationships");
  await expect(nav.getByRole("link", { name: "Course" })).toHaveAttribute("aria-current", "page");
  await page.goForward();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("About Attune");
  expect(await page.evaluate(() => window.__sameDocument)).toBe(true);
  expect(problems).toEqual([]);
});

test("Back returns to the place the reader left, with focus on the heading", async ({ page }) => {
  await page.setViewportSize({ width: 400, height: 700 });
  const scrollY = () => page.evaluate(() => Math.round(window.scrollY));
  await page.goto("lesson/where-patterns-come-from");
  await appReady(page);
  await expect(page.locator(".lesson-section").first()).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 2500));
  await expect.poll(scrollY).toBe(2500);
  // A click where the reader is (Playwright's own click would first scroll
  // the header link into view, and so leave from the top).
  await page.evaluate(() => document.querySelector('nav a[href$="/journal/"]').click());
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your journal");
  expect(await scrollY()).toBe(0);
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  await expect.poll(scrollY).toBe(2500);
});

test("a first visit straight to a deep link renders that page", async ({ page }) => {
  const problems = watchProblems(page);
  const response = await page.goto("about");
  // The page's own file (about/index.html), after GitHub Pages' redirect to
  // the address with the slash.
  expect(response.status()).toBe(200);
  expect(page.url()).toMatch(endsAt("about/"));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("About Attune");
  await expect(page.locator("main")).toContainText(ATTRIBUTION);
  expect(problems).toEqual([]);
});

test("an unknown path helps the reader back", async ({ page }) => {
  await page.goto("no/such/page");
  await appReady(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("We can't find that page");
  await page.getByRole("link", { name: "Go to the course" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Attunement in relationships");
  await page.goto("lesson/not-a-lesson");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("We can't find that page");
});

for (const path of ["./", "about", "journal", "data", "workbook", "nowhere"]) {
  test(`axe finds no WCAG 2.2 AA violation on ${path}, light and dark`, async ({ page }) => {
    for (const colorScheme of ["light", "dark"]) {
      await page.emulateMedia({ colorScheme });
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      expect(await axeViolations(page), colorScheme).toEqual([]);
    }
  });
}

test("a link to a place on the page shown moves there, without a reload", async ({ page }) => {
  await page.goto("about");
  await appReady(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("About Attune");
  await page.evaluate(() => (window.__sameDocument = true));
  await page.getByRole("contentinfo").getByRole("link", { name: "where to find help" }).click();
  await expect(page).toHaveURL(endsAt("about/#help"));
  await expect(page.locator("#help")).toBeInViewport();
  await expect(page.locator("#help")).toBeFocused();
  expect(await page.evaluate(() => window.__sameDocument)).toBe(true);
});

test("the skip link and the help link stay on their page", async ({ page }) => {
  await page.goto("lesson/what-attunement-is");
  await appReady(page);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(endsAt("lesson/what-attunement-is/#main"));
  await expect(page.locator("main")).toBeFocused();

  await page.getByRole("contentinfo").getByRole("link", { name: "where to find help" }).click();
  await expect(page).toHaveURL(endsAt("about/#help"));
  await expect(page.getByRole("heading", { name: "Where to find help" })).toBeFocused();
  // Before a country is chosen, every country's emergency number.
  await expect(page.locator(".help-unchosen").getByRole("link", { name: "999" })).toHaveAttribute("href", "tel:999");
});

test("index.html is the home page too", async ({ page }) => {
  await page.goto("index.html");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Attunement in relationships");
});
