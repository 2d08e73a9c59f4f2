// The reader's main path under whatever base the build was made for
// (base.mjs). scripts/test runs this file, with shared-links.spec.mjs, once
// more against a second build under another base path, so that nothing in
// the app, the pages or the offline copy assumes /attune/.
import { test, expect } from "@playwright/test";
import { appReady, LessonPage, watchProblems } from "./pages.mjs";
import { lessons, anchor } from "./content.mjs";
import { Site, goOffline, waitForOfflineCopy } from "./site.mjs";
import { BASE, endsAt } from "./base.mjs";
import { KEYS } from "./keys.mjs";

const [one, two] = lessons;
const words = one.reflections.find((r) => r.kind === "text");
const HOME_TITLE = "Attunement in relationships";

let site;
test.beforeEach(async () => {
  site = await Site.start();
});
test.afterEach(async () => {
  await site.dispose();
});

test("home, a lesson answered and saved, a reload, offline and a deep link, all under the build's base", async ({ page, context }) => {
  const problems = watchProblems(page);
  // Home, and links that stay under the base.
  await page.goto(site.url());
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(HOME_TITLE);
  await appReady(page);
  await expect(page.locator(".course-map a").first()).toHaveAttribute("href", `${BASE}lesson/${one.slug}/`);

  // A lesson, opened in the app: a check answered, a reflection written.
  await page.getByRole("link", { name: `Lesson 1: ${one.title}` }).click();
  const lesson = new LessonPage(page);
  await expect(lesson.heading).toHaveText(one.title);
  await expect(page).toHaveURL(endsAt(`lesson/${one.slug}/`));
  const check = one.checks[0];
  const card = page.locator(`#${anchor(check.id)}`);
  for (const id of check.correct) await card.locator(`input[value="${id}"]`).first().check();
  await card.getByRole("button", { name: "Check", exact: true }).click();
  await expect(card.locator(".feedback")).toContainText("Correct.");
  const box = page.locator(`#${anchor(words.id)} textarea`);
  await box.fill("Written under any base");
  await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), KEYS.progress)).toContain("Written under any base");

  // A reload: the page's own file, taken over with what was saved.
  await page.reload();
  await appReady(page);
  await expect(card.locator(".feedback")).toContainText("Correct.");
  await expect(box).toHaveValue("Written under any base");

  // Offline: the worker's scope is the base, and so is its copy.
  await waitForOfflineCopy(page);
  expect(await page.evaluate(() => navigator.serviceWorker.controller.scriptURL)).toBe(site.url("sw.js"));
  await goOffline(site, context);

  // A deep link never opened before, to a section, from the offline copy.
  const section = `#${anchor(two.checks[0].id)}`;
  const response = await page.goto(site.url(`lesson/${two.slug}/${section}`));
  expect(response.status()).toBe(200);
  await expect(lesson.heading).toHaveText(two.title);
  await appReady(page);
  await expect(page.locator(section)).toBeInViewport();
  // Home says where the reader was, offline too.
  await page.goto(site.url());
  await appReady(page);
  await expect(page.getByRole("link", { name: "Continue where you left off" })).toHaveAttribute("href", new RegExp(`^${BASE}lesson/`));
  // And an address the site does not have is the not-found page.
  const missing = await page.goto(site.url("lesson/no-such-lesson/"));
  expect(missing.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("We can't find that page");
  expect(problems).toEqual([]);
});

test("an address whose base is typed in another case shows its page, and is spelled as built", async ({ page }) => {
  test.skip(BASE.toUpperCase() === BASE.toLowerCase(), "a base without letters has no case");
  // A repository's name keeps its case (/Attune/); a reader may type it in
  // another. Whether the server answers both is its own affair: here it
  // does, by fetching the page under the build's spelling.
  const typed = BASE === BASE.toUpperCase() ? BASE.toLowerCase() : BASE.toUpperCase();
  await page.route(
    (url) => url.pathname.startsWith(typed),
    async (route) => {
      const url = new URL(route.request().url());
      url.pathname = BASE + url.pathname.slice(typed.length);
      await route.fulfill({ response: await route.fetch({ url: url.href }) });
    },
  );
  const problems = watchProblems(page);
  await page.goto(site.url().replace(BASE, typed) + `lesson/${one.slug}/?ref=x#${anchor(one.checks[0].id)}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(one.title);
  await appReady(page);
  // The lesson, not the not-found page, and its address in the build's
  // spelling, query and fragment kept, so the offline copy answers it.
  await expect(page.locator(".activity.check")).toHaveCount(one.checks.length);
  expect(new URL(page.url()).pathname).toBe(`${BASE}lesson/${one.slug}/`);
  expect(new URL(page.url()).search).toBe("?ref=x");
  expect(new URL(page.url()).hash).toBe(`#${anchor(one.checks[0].id)}`);
  // Links go on from there as built.
  await page.getByRole("link", { name: /^Next:/ }).click();
  await expect(page).toHaveURL(endsAt(`lesson/${two.slug}/`));
  expect(problems).toEqual([]);
});
