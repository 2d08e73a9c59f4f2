// Every page arrives as HTML, rendered at build time (scripts/prerender.mjs),
// and the app takes that page over instead of building it again.
import { test, expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { HomePage, LessonPage, watchProblems } from "./pages.mjs";
import { lessons, anchor } from "./content.mjs";
import { SITE_URL } from "./base.mjs";
import { KEYS } from "./keys.mjs";

const one = lessons[0];
const textR = one.reflections.find((r) => r.kind === "text");
const KEY = KEYS.progress;

/** The first paragraph of a lesson's prose, as written in its Markdown. */
function firstParagraph(lesson) {
  const md = readFileSync(new URL(`../../src/content/lessons/${lesson.file.replace(".toml", ".md")}`, import.meta.url), "utf8");
  const block = md.split(/\n\s*\n/).find((b) => b.trim() && !/^(##|\?\[|!\[|- )/.test(b.trim()));
  return block.trim().split("\n").join(" ").replace(/\*+/g, "");
}

/** Holds the main wasm module back until `release()`, so a test can look
 * at the page, and act in it, before the app takes it over. */
async function holdTheApp(page) {
  let release;
  const gate = new Promise((resolve) => (release = resolve));
  await page.route(/_bg\.wasm$/, async (route) => {
    await gate;
    await route.continue();
  });
  return release;
}

const takenOver = (page) => expect(page.locator("html")).toHaveAttribute("data-app", "ready");

const PAGES = [
  ["./", "Attunement in relationships"],
  ...lessons.map((l) => [`lesson/${l.slug}/`, l.title]),
  ["journal/", "Your journal"],
  ["data/", "Your data"],
  ["workbook/", "My workbook"],
  ["about/", "About Attune"],
  ["finding-a-therapist/", "Finding a therapist"],
  ["other-patterns/", "When neither pattern fits"],
];

test("every page answers 200 with its heading, title, description and canonical link in its HTML", async ({ request, baseURL }) => {
  for (const [path, heading] of PAGES) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(200);
    const html = await response.text();
    expect(html, path).toContain(`<h1 tabindex="-1">${heading}`);
    const title = html.match(/<title>([^<]*)<\/title>/)[1];
    expect(title, path).toBe(path === "./" ? "Attune" : `${heading === "About Attune" ? "About" : heading} · Attune`);
    expect(html, path).toMatch(/<meta name="description" content="[^"]{20,}"/);
    // Absolute where the build was told the site's origin (the workflow
    // does: the same build is deployed).
    const canonical = SITE_URL + new URL(path, baseURL).pathname;
    expect(html, path).toContain(`<link rel="canonical" href="${canonical}" />`);
  }
  // A lesson's prose and About's helplines are in the HTML itself.
  const lesson = await (await request.get(`lesson/${one.slug}/`)).text();
  expect(lesson).toContain(firstParagraph(one).slice(0, 60));
  const about = await (await request.get("about/")).text();
  expect(about).toContain("116 123");
  expect(about).toContain("1800 184 527");
  // Every country's list is in About's HTML, and every country's emergency
  // number in each note of care: the stylesheet shows one.
  for (const place of ["uk", "ie", "us", "ca", "au", "nz", "elsewhere"]) {
    expect(about).toContain(`class="help-place" data-place="${place}"`);
  }
  const notes = await (await request.get(`lesson/${lessons[3].slug}/`)).text();
  for (const place of ["uk", "ie", "us", "ca", "au", "nz", "elsewhere"]) {
    expect(notes).toContain(`class="now-place" data-place="${place}"`);
  }
  // A page's address without its trailing slash is redirected, as GitHub
  // Pages does; an unknown one is the not-found page, with status 404.
  const bare = await request.get(`lesson/${one.slug}`, { maxRedirects: 0 });
  expect(bare.status()).toBe(301);
  const unknown = await request.get("no/such/page");
  expect(unknown.status()).toBe(404);
  expect(await unknown.text()).toContain("We can't find that page");
});

test("with JavaScript off, a lesson and About can be read, and each question says it needs JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`lesson/${one.slug}/`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(one.title);
  await expect(page.locator("main")).toContainText(firstParagraph(one).slice(0, 60));
  await expect(page.locator("figure img").first()).toBeVisible();
  const checks = page.locator(".activity.check");
  expect(await checks.count()).toBe(one.checks.length);
  for (const check of await checks.all()) {
    await expect(check.locator(".needs-script")).toContainText("needs JavaScript");
  }
  await expect(page.locator(".key-ideas li").first()).toContainText(one.keyIdeas[0].text.slice(0, 30));
  await page.goto("about/");
  await expect(page.locator("#help")).toBeVisible();
  await expect(page.locator("main")).toContainText("116 123");
  await context.close();
});

test("taking over keeps the DOM, focus and scroll, and runs no error", async ({ page }) => {
  const problems = watchProblems(page);
  const release = await holdTheApp(page);
  await page.goto(`lesson/${one.slug}/`);
  await page.evaluate(() => {
    window.heading = document.querySelector("h1");
    window.scrollTo(0, 600);
  });
  const box = page.locator(`#${anchor(textR.id)} textarea`);
  await box.focus();
  const scrolled = await page.evaluate(() => window.scrollY);
  release();
  await takenOver(page);
  expect(await page.evaluate(() => window.heading === document.querySelector("h1"))).toBe(true);
  await expect(box).toBeFocused();
  expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
  // The page answers: a choice records, a check checks.
  const check = one.checks[0];
  const card = page.locator(`#${anchor(check.id)}`);
  await card.locator(`input[value="${check.correct[0]}"]`).first().check();
  await card.getByRole("button", { name: "Check", exact: true }).click();
  await expect(card.locator(".feedback")).toContainText(check.kind === "single" ? "Correct." : "");
  expect(problems).toEqual([]);
});

test("what the reader types or chooses before the app is ready is kept and saved", async ({ page }) => {
  const release = await holdTheApp(page);
  await page.goto(`lesson/${one.slug}/`);
  const box = page.locator(`#${anchor(textR.id)} textarea`);
  await box.fill("Typed before the app arrived");
  const scale = one.reflections.find((r) => r.kind === "scale");
  if (scale) await page.locator(`#${anchor(scale.id)} input[value="4"]`).check();
  release();
  await takenOver(page);
  await expect(box).toHaveValue("Typed before the app arrived");
  await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), KEY)).toContain("Typed before the app arrived");
  if (scale) {
    await expect(page.locator(`#${anchor(scale.id)} input[value="4"]`)).toBeChecked();
    expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).toContain('"scale":4');
  }
});

test("a returning reader's home never shows the first-visit state, even while the app is on its way", async ({ page }) => {
  await new LessonPage(page).open(one.slug);
  await page.locator(`#${anchor(textR.id)} textarea`).fill("Here before");
  await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), KEYS.glance)).toContain("Continue where you left off");
  const release = await holdTheApp(page);
  // Watch home's call to action from the first frame on.
  await page.addInitScript(() => {
    window.seen = new Set();
    const look = () => {
      const link = document.getElementById("start-link");
      if (link && link.checkVisibility()) window.seen.add(link.textContent.trim());
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  await page.goto("./");
  const home = new HomePage(page);
  await expect(home.resume).toBeVisible();
  await expect(home.start).toHaveCount(0);
  await expect(page.locator("#start-hint")).toHaveText(`Lesson: ${one.title}`);
  await expect(home.lessons.first()).toContainText("In progress");
  // The watcher has looked at the painted page at least once.
  await page.waitForFunction(() => window.seen.size > 0);
  release();
  await takenOver(page);
  await expect(home.resume).toBeVisible();
  expect(await page.evaluate(() => [...window.seen])).toEqual(["Continue where you left off"]);
});

test("a returning reader with no summary saved yet sees their first screen wait for the app, never a new reader's", async ({ page }) => {
  await page.goto("./");
  await page.evaluate((key) => {
    localStorage.setItem(key, JSON.stringify({ schema: 1, progress: { completed: ["what-attunement-is"], last_lesson: "what-attunement-is" } }));
  }, KEY);
  const release = await holdTheApp(page);
  await page.goto("./");
  await expect(page.locator("html")).toHaveAttribute("data-waiting", "");
  await expect(page.locator("#start-link")).toBeHidden();
  release();
  await takenOver(page);
  await expect(page.locator("#start-link")).toHaveText("Continue where you left off");
  await expect(page.locator("#start-link")).toBeVisible();
});
