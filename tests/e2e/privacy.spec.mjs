// Private by construction, and installable (issue 5): a reader's journey
// sends nothing to any other origin and breaks no rule of the page's
// Content-Security-Policy; the manifest passes Chromium's install check.
// On a shared device (issue 14): discreet mode (a neutral tab from before
// the first paint, no words of the reader's on home, the page covered
// while the tab is hidden) and "Exit this page" (the button and Shift
// pressed three times: saved, gone, and not back with Back).
import { test, expect, chromium } from "@playwright/test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HomePage, LessonPage, appReady, axeViolations, watchProblems } from "./pages.mjs";
import { DisplaySettings, presetSettings, SETTINGS_KEY } from "./display.mjs";
import { lessons, anchor } from "./content.mjs";
import { waitForOfflineCopy } from "./site.mjs";
import { endsAt } from "./base.mjs";
import { KEYS } from "./keys.mjs";

const [one, two] = lessons;

test("a reader's journey stays on this origin and within the security policy", async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL).origin;
  const requests = [];
  // Pages and the service worker alike.
  context.on("request", (request) => requests.push(request.url()));
  const violations = [];
  await page.exposeFunction("reportViolation", (v) => violations.push(v));
  await page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (e) =>
      window.reportViolation(`${e.effectiveDirective} blocked ${e.blockedURI}`),
    ),
  );
  const problems = watchProblems(page);

  const home = new HomePage(page);
  await home.open();
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  expect(policy).toMatch(/^default-src 'none'; script-src 'self' 'wasm-unsafe-eval' 'sha256-[^']+'/);
  expect(policy).toContain("base-uri 'self'");
  // The policy keeps <base href>: the router and relative URLs rely on it.
  expect(await page.evaluate(() => document.baseURI)).toBe(baseURL);

  await home.start.click();
  const lesson = new LessonPage(page);
  await expect(lesson.heading).toHaveText(one.title);
  for (const check of one.checks) {
    const root = page.locator(`#${anchor(check.id)}`);
    for (const id of check.correct) await root.locator(`input[value="${id}"]`).first().check();
    await root.getByRole("button", { name: "Check", exact: true }).click();
    await expect(root.locator(".feedback")).toContainText("Correct.");
  }
  const text = one.reflections.find((r) => r.kind === "text");
  await page.locator(`#${anchor(text.id)} textarea`).fill("Private words.");
  await waitForOfflineCopy(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "About" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("About Attune");
  await expect(page.locator("main")).toContainText("security policy");

  expect(requests.length).toBeGreaterThan(10);
  expect(requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
  expect(violations).toEqual([]);
  expect(problems).toEqual([]);

  // The watch works: an image from outside 'self' (a data: URL, which no
  // network sees) is blocked and reported.
  await page.evaluate(() => {
    const img = new Image();
    img.src = "data:image/gif;base64,R0lGODlhAQABAAAAACw=";
    document.body.append(img);
  });
  await expect.poll(() => violations).toEqual(["img-src blocked data"]);
});

test("Chromium finds the app installable, with a valid manifest and its icons", async ({ baseURL }) => {
  // Chromium never offers to install from an incognito-like context, which
  // Playwright's default contexts are: use a real, throwaway profile.
  const profile = await mkdtemp(join(tmpdir(), "attune-profile-"));
  const context = await chromium.launchPersistentContext(profile, test.info().project.use.launchOptions);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(baseURL);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await waitForOfflineCopy(page);
    const cdp = await context.newCDPSession(page);
    const { errors, manifest, data } = await cdp.send("Page.getAppManifest");
    expect(errors).toEqual([]);
    const raw = JSON.parse(data);
    expect(raw.short_name).toBe("Attune");
    expect(raw.icons.filter((i) => i.purpose === "maskable")).toHaveLength(1);
    expect(manifest).toMatchObject({
      name: "Attune: attunement in relationships",
      display: "kStandalone",
      startUrl: baseURL,
      scope: baseURL,
    });
    expect(manifest.themeColor).toBeTruthy();
    expect(manifest.backgroundColor).toBeTruthy();
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    expect(installabilityErrors).toEqual([]);

    // Each PNG icon is what its entry says.
    for (const icon of manifest.icons.filter((i) => i.type === "image/png")) {
      const size = await page.evaluate(async (url) => {
        const bitmap = await createImageBitmap(await (await fetch(url)).blob());
        return `${bitmap.width}x${bitmap.height}`;
      }, icon.url);
      expect(size).toBe(icon.sizes);
    }
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
});

// ---- On a shared device (issue 14) ----

const PROGRESS_KEY = KEYS.progress;
const textOf = (lesson) => lesson.reflections.find((r) => r.kind === "text");
const reflectionBox = (page, lesson) => page.locator(`#${anchor(textOf(lesson).id)} textarea`);
const storedProgress = (page) => page.evaluate((key) => localStorage.getItem(key), PROGRESS_KEY);
const icon = (page) => page.locator("link[rel=icon]").getAttribute("href");
const exitButton = (page) => page.locator(".site-header").getByRole("link", { name: "Exit this page" });

/** Every title the document has had, and the title and icon as the HTML was parsed (DOMContentLoaded). */
async function recordTitles(page) {
  await page.addInitScript(() => {
    window.titlesSeen = [];
    const note = () => {
      const t = document.title;
      if (t && window.titlesSeen.at(-1) !== t) window.titlesSeen.push(t);
    };
    new MutationObserver(note).observe(document, { childList: true, subtree: true, characterData: true });
    document.addEventListener("DOMContentLoaded", () => {
      note();
      window.atParse = {
        title: document.title,
        icon: document.querySelector("link[rel=icon]")?.getAttribute("href"),
        app: document.documentElement.getAttribute("data-app"),
      };
    });
  });
}

/** Everything a reader could see of the page, form fields' values included. */
const everythingShown = (page) =>
  page.evaluate(() => [document.title, document.body.innerText, ...[...document.querySelectorAll("textarea, input")].map((f) => f.value)].join("\n"));

/** Tells the page its tab is hidden (or shown again), as the browser would. */
const setTabHidden = (page, hidden) =>
  page.evaluate((hidden) => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => (hidden ? "hidden" : "visible") });
    Object.defineProperty(document, "hidden", { configurable: true, get: () => hidden });
    document.dispatchEvent(new Event("visibilitychange"));
  }, hidden);

test("discreet mode names every tab Notes with a plain icon, from before the first paint and on every page", async ({ page }) => {
  const problems = watchProblems(page);
  await recordTitles(page);
  const lesson = new LessonPage(page);
  await lesson.open(one.slug);
  await expect(page).toHaveTitle(`${one.title} · Attune`);
  expect(await icon(page)).toBe("favicon.svg");
  const words = "Words of my own about my mother";
  await reflectionBox(page, one).fill(words);
  await expect.poll(() => storedProgress(page)).toContain(words);

  // Turned on: this tab at once.
  const display = new DisplaySettings(page);
  await display.choose("Discreet mode", "On");
  await expect(page).toHaveTitle("Notes");
  expect(await icon(page)).toBe("notes/icon.svg");
  expect(JSON.parse(await page.evaluate((key) => localStorage.getItem(key), SETTINGS_KEY))).toMatchObject({ discreet: "on" });

  // Home, reloaded: named "Notes" before the app has started, and never
  // anything else; none of the reader's words on it.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Course" }).click();
  await page.reload();
  await appReady(page);
  expect(await page.evaluate(() => window.atParse)).toEqual({ title: "Notes", icon: "notes/icon.svg", app: null });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Attunement in relationships");
  expect(await everythingShown(page)).not.toContain(words);
  expect(await everythingShown(page)).toContain("Continue where you left off");

  // Another lesson, in the app: once its page has been shown (focus on its
  // heading), the tab is still "Notes", and was never named otherwise.
  await page.locator(".course-map").getByRole("link", { name: new RegExp(two.title) }).click();
  await expect(lesson.heading).toHaveText(two.title);
  await expect(lesson.heading).toBeFocused();
  await expect(page).toHaveTitle("Notes");
  expect(await icon(page)).toBe("notes/icon.svg");
  expect(await page.evaluate(() => window.titlesSeen)).toEqual(["Notes"]);

  // Turned off: the page's own name and Attune's icon again.
  await display.choose("Discreet mode", "Off");
  await expect(page).toHaveTitle(`${two.title} · Attune`);
  expect(await icon(page)).toBe("favicon.svg");
  expect(problems).toEqual([]);
});

test("discreet mode applies before the app, and Exit this page works without it", async ({ page }) => {
  await presetSettings(page, { theme: "system", text_size: "normal", discreet: "on" });
  // Without the app at all, only index.html's own script can do either.
  await page.route(/\.wasm$/, (route) => route.abort());
  await page.goto("./");
  await page.goto(`lesson/${one.slug}/`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(one.title);
  await expect(page).toHaveTitle("Notes");
  expect(await icon(page)).toBe("notes/icon.svg");
  await exitButton(page).click();
  await expect(page).toHaveURL(endsAt("notes/"));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Notes");
  // In place of the lesson: Back goes to the page before it.
  await page.goBack();
  await expect(page).toHaveURL(endsAt(""));
});

test("in discreet mode, the page is covered while its tab is hidden", async ({ page }) => {
  const covered = () => page.evaluate(() => document.documentElement.hasAttribute("data-covered"));
  const cover = () =>
    page.evaluate(() => {
      const after = getComputedStyle(document.body, "::after");
      return { content: after.content, position: after.position, top: after.top, left: after.left, right: after.right, bottom: after.bottom, background: after.backgroundColor, page: getComputedStyle(document.body).backgroundColor };
    });
  await presetSettings(page, { discreet: "on" });
  const lesson = new LessonPage(page);
  await lesson.open(one.slug);
  await setTabHidden(page, true);
  expect(await covered()).toBe(true);
  const c = await cover();
  // The whole viewport, in the page's own colour, over everything.
  expect(c).toMatchObject({ content: '""', position: "fixed", top: "0px", left: "0px", right: "0px", bottom: "0px" });
  expect(c.background).toBe(c.page);
  await setTabHidden(page, false);
  expect(await covered()).toBe(false);
  expect((await cover()).content).toBe("none");

  // Not in discreet mode.
  await new DisplaySettings(page).choose("Discreet mode", "Off");
  await setTabHidden(page, true);
  expect(await covered()).toBe(false);
});

test("Exit this page saves, leaves for the plain Notes page, and Back does not return to the reader's words", async ({ page, baseURL }) => {
  const problems = watchProblems(page);
  const home = new HomePage(page);
  await home.open();
  await page.locator(".course-map").getByRole("link", { name: new RegExp(one.title) }).click();
  const lesson = new LessonPage(page);
  await expect(lesson.heading).toHaveText(one.title);
  const words = "Something I would rather nobody read";
  // Typed, and left before the usual delay before saving has passed.
  await reflectionBox(page, one).fill(words);
  await exitButton(page).click();
  await expect(page).toHaveURL(`${baseURL}notes/`);
  await expect(page).toHaveTitle("Notes");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Notes");
  expect(await everythingShown(page)).not.toContain(words);
  // Saved all the same (no lock is set).
  expect(await storedProgress(page)).toContain(words);

  await page.goBack();
  await expect(page).toHaveURL(baseURL);
  await expect(home.heading).toHaveText("Attunement in relationships");
  await appReady(page);
  expect(await everythingShown(page)).not.toContain(words);
  expect(problems).toEqual([]);
});

test("Shift pressed three times exits too, also while typing; Shift with a letter, or slow presses, do not", async ({ page, baseURL }) => {
  await new HomePage(page).open();
  const lesson = new LessonPage(page);
  await lesson.open(one.slug);
  // Listed with the other shortcuts.
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toContainText("Exit this page");
  await page.keyboard.press("Escape");

  const box = reflectionBox(page, one);
  const words = "Typed just before leaving";
  await box.fill(words);
  await box.focus();
  const stillHere = async () => {
    await page.waitForTimeout(400);
    await expect(page).toHaveURL(new RegExp(`/lesson/${one.slug}/?$`));
  };
  // Three capitals: Shift each time, but with a letter.
  for (let i = 0; i < 3; i++) {
    await page.keyboard.down("Shift");
    await page.keyboard.press("KeyA");
    await page.keyboard.up("Shift");
  }
  await stillHere();
  await expect(box).toHaveValue(`${words}AAA`);
  // Shift twice, a letter, Shift once.
  await page.keyboard.press("Shift");
  await page.keyboard.press("Shift");
  await page.keyboard.press("KeyB");
  await page.keyboard.press("Shift");
  await stillHere();
  // More than a second apart.
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press("Shift");
    await page.waitForTimeout(1100);
  }
  await stillHere();

  // Three in a row.
  await page.keyboard.press("Shift");
  await page.keyboard.press("Shift");
  await page.keyboard.press("Shift");
  await expect(page).toHaveURL(`${baseURL}notes/`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Notes");
  expect(await storedProgress(page)).toContain(`${words}AAAb`);
  await page.goBack();
  await expect(page).toHaveURL(baseURL);
  await appReady(page);
  expect(await everythingShown(page)).not.toContain(words);
});

test("the Notes page opens offline, and it and a page with the exit button pass axe", async ({ page, context, baseURL }) => {
  const home = new HomePage(page);
  await home.open();
  expect(await axeViolations(page)).toEqual([]);
  await waitForOfflineCopy(page);
  await context.setOffline(true);
  try {
    await exitButton(page).click();
    await expect(page).toHaveURL(`${baseURL}notes/`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Notes");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en-GB");
    // The build gave it the site's security policy too.
    await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveCount(1);
    expect(await axeViolations(page)).toEqual([]);
  } finally {
    await context.setOffline(false);
  }
});

for (const width of [375, 320]) {
  test(`at ${width} px the exit button is in the header's one row, and nothing scrolls sideways`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width, height: 700 } });
    const page = await context.newPage();
    for (const path of ["./", `lesson/${one.slug}/`]) {
      await page.goto(path);
      await appReady(page);
      const header = page.locator(".site-header");
      const middle = async (locator) => {
        const b = await locator.boundingBox();
        return b.y + b.height / 2;
      };
      const exit = exitButton(page);
      const box = await exit.boundingBox();
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      expect(box.height).toBeGreaterThanOrEqual(44);
      for (const other of [header.locator(".brand"), header.getByRole("button", { name: "Menu" })]) {
        expect(Math.abs((await middle(other)) - (await middle(exit)))).toBeLessThan(8);
      }
      expect((await header.boundingBox()).height).toBeLessThan(80);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      expect(await axeViolations(page)).toEqual([]);
    }
    await context.close();
  });
}

test("with the lock on, Exit this page saves, locks this tab and the others, then leaves", async ({ page, context, baseURL }) => {
  const SEALED = /^\{"app":"attune","encrypted":/;
  const PASSPHRASE = "quiet harbour lantern 7";
  const LOCKED = "Your answers are locked";
  const first = "marmalade quartz 5531, before the lock";
  const last = "juniper obelisk 8264, just before leaving";
  await new LessonPage(page).open(one.slug);
  await reflectionBox(page, one).fill(first);
  await expect.poll(() => storedProgress(page)).toContain(first);
  await page.goto("data");
  await appReady(page);
  await page.locator("#lock-passphrase").fill(PASSPHRASE);
  await page.locator("#lock-passphrase-again").fill(PASSPHRASE);
  await page.getByRole("button", { name: "Turn the lock on" }).click();
  await expect(page.locator("#lock-status")).toContainText("The lock is on.");
  await expect.poll(() => storedProgress(page)).toMatch(SEALED);

  // Another tab, unlocked, on the lesson: words typed, then Exit this page
  // (as the lock's own test, 50 ms after typing, while the words are
  // sealed as typed).
  const tab = await context.newPage();
  const unlock = async (p) => {
    await new LessonPage(p).open(one.slug);
    await expect(p.getByRole("heading", { level: 1 })).toHaveText(LOCKED);
    await p.locator("#unlock-passphrase").fill(PASSPHRASE);
    await p.getByRole("button", { name: "Unlock", exact: true }).click();
    await expect(p.getByRole("heading", { level: 1 })).toHaveText(one.title);
  };
  await unlock(tab);
  await expect(reflectionBox(tab, one)).toHaveValue(first);
  await reflectionBox(tab, one).fill(last);
  await tab.waitForTimeout(50);
  await exitButton(tab).click();
  await expect(tab).toHaveURL(`${baseURL}notes/`);

  // The first tab, still unlocked on Your data, locked with it.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(LOCKED);
  await expect(page.locator("body")).not.toContainText(first);
  const raw = await storedProgress(page);
  expect(raw).toMatch(SEALED);
  expect(raw).not.toContain(last);
  // And what was typed last is there, behind the lock.
  const again = await context.newPage();
  await unlock(again);
  await expect(reflectionBox(again, one)).toHaveValue(last);
});
