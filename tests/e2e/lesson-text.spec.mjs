// A lesson's long texts come from its own file (text/<slug>-<hash>.json):
// its page arrives with them in its HTML and the app loads the file before
// taking the page over; a lesson opened from within the app fetches it. A
// failed or damaged fetch (or one that never answers) says so in words and
// recovers with "Try again" or a reload, without losing what the reader
// saved; a #hash link lands on its section.
import { test, expect } from "@playwright/test";
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { LessonPage, watchProblems, appReady } from "./pages.mjs";
import { lessons, anchor } from "./content.mjs";

const dir = fileURLToPath(new URL("../../src/content/lessons/", import.meta.url));
const TEXT_FILES = "**/text/*.json";

// The service worker would answer from its precache, out of page.route's
// reach; without it these tests see what a first visit sees.
test.use({ serviceWorkers: "block" });

/** The first paragraph of a lesson's Markdown, without emphasis markers. */
function firstParagraph(slug) {
  const file = readdirSync(dir).find((f) => f.endsWith(`-${slug}.md`));
  const blocks = readFileSync(join(dir, file), "utf8").split(/\n\s*\n/);
  const prose = blocks.map((b) => b.trim()).find((b) => b && !/^(##|!\[|\?\[|- )/.test(b));
  return prose.replaceAll("*", "").replace(/\s+/g, " ");
}

/** The id of a lesson's first section, from its Markdown heading. */
function firstSection(slug) {
  const file = readdirSync(dir).find((f) => f.endsWith(`-${slug}.md`));
  return readFileSync(join(dir, file), "utf8").match(/^## .*\{#([a-z0-9-]+)\}/m)[1];
}

test("every lesson shows its prose, figure description and explanations from its text file", async ({ page }) => {
  const problems = watchProblems(page);
  const view = new LessonPage(page);
  for (const lesson of lessons) {
    await view.open(lesson.slug);
    await expect(page.locator(".lesson-section").first()).toContainText(firstParagraph(lesson.slug));
    expect((await page.locator("figure img").getAttribute("alt")).length).toBeGreaterThan(20);
    const check = lesson.checks[0];
    const root = page.locator(`#${anchor(check.id)}`);
    await root.getByRole("button", { name: "Show answer" }).click();
    await expect(root.locator(".explanations li").first()).not.toBeEmpty();
  }
  expect(problems).toEqual([]);
});

test("a lesson whose text does not arrive says so, and recovers with Try again", async ({ page }) => {
  const [one, two] = lessons;
  const view = new LessonPage(page);
  // Something saved first, in another lesson.
  await view.open(one.slug);
  const check = one.checks[0];
  const card = page.locator(`#${anchor(check.id)}`);
  for (const id of check.correct) await card.locator(`input[value="${id}"]`).first().check();
  await card.getByRole("button", { name: "Check", exact: true }).click();
  await expect(card.locator(".feedback")).toContainText("Correct.");

  await page.route(TEXT_FILES, (route) => route.abort("internetdisconnected"));
  // Opened from within the app: the page is built here, from the file.
  await page.getByRole("link", { name: /^Next:/ }).click();
  const alert = page.getByRole("alert").filter({ hasText: "This lesson did not load" });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText("offline");
  await expect(alert).toContainText("Your answers and reflections are safe");
  await expect(view.checks).toHaveCount(0);
  await expect(view.heading).toHaveText(two.title);

  await page.unroute(TEXT_FILES);
  await alert.getByRole("button", { name: "Try again" }).click();
  await expect(alert).toHaveCount(0);
  await expect(view.checks).toHaveCount(two.checks.length);
  await expect(page.locator(".lesson-section").first()).toContainText(firstParagraph(two.slug));

  // The earlier answer is still there.
  await page.getByRole("link", { name: /Previous/ }).click();
  await expect(card.locator(".feedback")).toContainText("Correct.");
});

test("a damaged or missing text file is refused, never shown", async ({ page }) => {
  const [one] = lessons;
  await page.goto("./");
  await appReady(page);
  await expect(page.locator("html")).toHaveAttribute("data-app", "ready");
  // Valid JSON, but not this build's file: the hash does not match.
  await page.route(TEXT_FILES, (route) => route.fulfill({ contentType: "application/json", body: '["Wrong text"]' }));
  await page.getByRole("link", { name: `Lesson 1: ${one.title}` }).click();
  const alert = page.getByRole("alert").filter({ hasText: "This lesson did not load" });
  await expect(alert).toContainText("damaged");
  await expect(page.getByText("Wrong text")).toHaveCount(0);
  // Asking again would get the same file: the page offers the new version.
  await expect(alert.getByRole("button", { name: "Reload the page" })).toBeVisible();

  // The same on arrival: the lesson is there to read, as built, and says
  // that its questions could not start.
  await page.unroute(TEXT_FILES);
  await page.route(TEXT_FILES, (route) => route.fulfill({ status: 404, body: "Not found" }));
  await page.reload();
  await expect(page.locator(".lesson-section").first()).toContainText(firstParagraph(one.slug));
  const notice = page.locator(".notices");
  await expect(notice).toContainText("The interactive parts of this page did not load");
  await expect(page.locator("html")).toHaveAttribute("data-app", "static");
  await page.unroute(TEXT_FILES);
  await notice.getByRole("button", { name: "Reload the page" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-app", "ready");
  await expect(notice).not.toContainText("did not load");
  await expect(page.locator(".lesson-section").first()).toContainText(firstParagraph(one.slug));
});

test("a link to a section lands there, and focus goes to the section once the page answers", async ({ page }) => {
  const [, , three] = lessons;
  const section = firstSection(three.slug);
  // A slow network: the text arrives well after the page is drawn.
  await page.route(TEXT_FILES, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 600));
    await route.continue();
  });
  await page.goto(`lesson/${three.slug}/#s-${section}`);
  await expect(page.locator(`#s-${section}`)).toBeInViewport();
  await expect(page.locator(`#s-${section}-h`)).toBeFocused();
});

test("a text request that never answers gives up, and Try again recovers", async ({ page }) => {
  const [one] = lessons;
  await page.clock.install();
  // A weak signal: the request neither answers nor fails.
  let hang = true;
  await page.goto("./");
  await appReady(page);
  await expect(page.locator("html")).toHaveAttribute("data-app", "ready");
  await page.route(TEXT_FILES, (route) => (hang ? new Promise(() => {}) : route.continue()));
  const asked = page.waitForRequest(/\/text\/.*\.json$/);
  await page.getByRole("link", { name: `Lesson 1: ${one.title}` }).click();
  // Its code arrives first; then the text is asked for, and never comes.
  await asked;
  const alert = page.getByRole("alert").filter({ hasText: "This lesson did not load" });
  await expect(alert).toHaveCount(0);
  await page.clock.fastForward(16_000);
  await expect(alert).toBeVisible();
  hang = false;
  await alert.getByRole("button", { name: "Try again" }).click();
  await expect(alert).toHaveCount(0);
  await expect(page.locator(".lesson-section").first()).toContainText(firstParagraph(one.slug));
});
