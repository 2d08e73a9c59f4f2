// The lock (issue 14): with it on, what the reader wrote is stored only
// encrypted, so neither this browser's storage and caches nor another site
// published at the same address can read it; the unlock page comes before
// anything of theirs; wrong passphrases change nothing; words typed just
// before the tab closes are kept; locking one tab locks the others; the
// passphrase can be changed and the lock turned off.
import { test, expect } from "@playwright/test";
import { LessonPage, appReady, axeViolations, watchProblems } from "./pages.mjs";
import { lessons, anchor } from "./content.mjs";
import { KEYS } from "./keys.mjs";

const KEY = KEYS.progress;
const SEALED = /^\{"app":"attune","encrypted":/;
const PASSPHRASE = "quiet harbour lantern 7";
const [one] = lessons;
const textOf = (lesson) => lesson.reflections.find((r) => r.kind === "text");
const field = (page) => page.locator(`#${anchor(textOf(one).id)} textarea`);
const stored = (page) => page.evaluate((key) => localStorage.getItem(key), KEY);
const LOCKED = "Your answers are locked";

/** Every value in localStorage and every response body in Cache Storage of this origin. */
async function everythingStored(page) {
  return page.evaluate(async () => {
    const found = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      found.push(`${key}=${localStorage.getItem(key)}`);
    }
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        found.push(`${request.url}=${await response.text()}`);
      }
    }
    return found.join("\n");
  });
}

async function writeReflection(page, words) {
  const lesson = new LessonPage(page);
  await lesson.open(one.slug);
  await field(page).fill(words);
  await expect.poll(() => stored(page)).toContain(words);
}

async function turnLockOn(page, passphrase = PASSPHRASE) {
  await page.goto("data");
  await appReady(page);
  await page.locator("#lock-passphrase").fill(passphrase);
  await page.locator("#lock-passphrase-again").fill(passphrase);
  await page.getByRole("button", { name: "Turn the lock on" }).click();
  await expect(page.locator("#lock-status")).toContainText("The lock is on.");
  await expect.poll(() => stored(page)).toMatch(SEALED);
}

/** Opens a lesson in a locked tab and unlocks it with `passphrase`. */
async function unlockAt(page, passphrase = PASSPHRASE) {
  await new LessonPage(page).open(one.slug);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(LOCKED);
  await page.locator("#unlock-passphrase").fill(passphrase);
  await page.getByRole("button", { name: "Unlock", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(one.title);
}

test("with the lock on, no stored value or cached file holds the reader's words, nor can another site here read them", async ({ page, context, baseURL }) => {
  const problems = watchProblems(page);
  // Words that appear nowhere in the course, so a match can only be ours.
  const before = "pomegranate xylophone 4417, written before the lock";
  const after = "tangerine zeppelin 9923, written with the lock on";
  await writeReflection(page, before);
  await turnLockOn(page);
  expect(await axeViolations(page)).toEqual([]);

  // Written with the lock on (a new page: unlocked again): saved, and
  // only as ciphertext.
  await unlockAt(page);
  const sealedBefore = await stored(page);
  await field(page).fill(after);
  await expect.poll(() => stored(page)).not.toBe(sealedBefore);
  expect(await stored(page)).toMatch(SEALED);
  // Wait for the offline copy too, so the caches are searched full.
  await page.evaluate(() => navigator.serviceWorker.ready);
  const everything = await everythingStored(page);
  for (const words of [before, after, "pomegranate xylophone", "tangerine zeppelin"]) {
    expect(everything).not.toContain(words);
  }

  // Another site published at the same address (another path, same
  // origin), reading every key and cache it can.
  const other = new URL("/another-site/", baseURL).href;
  await context.route(`${other}**`, (route) =>
    route.fulfill({ contentType: "text/html", body: "<!doctype html><title>Another site</title><p>Hello</p>" }),
  );
  const neighbour = await context.newPage();
  await neighbour.goto(other);
  const seen = await everythingStored(neighbour);
  expect(seen).toContain(KEY);
  for (const words of [before, after, "pomegranate xylophone", "tangerine zeppelin"]) {
    expect(seen).not.toContain(words);
  }
  expect(problems).toEqual([]);
});

test("the unlock page comes before anything of the reader's, three wrong passphrases change nothing, and the right one opens", async ({ page, context }) => {
  const words = "a reflection kept behind the lock";
  await writeReflection(page, words);
  await turnLockOn(page);

  const tab = await context.newPage();
  const shown = [];
  // Everything the page ever shows, from its first paint.
  await tab.exposeFunction("noteShown", (text) => shown.push(text));
  await tab.addInitScript(() => {
    const note = () => window.noteShown(document.body?.innerText ?? "");
    new MutationObserver(note).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await tab.goto(`lesson/${one.slug}`);
  await expect(tab.getByRole("heading", { level: 1 })).toHaveText(LOCKED);
  expect(await axeViolations(tab)).toEqual([]);
  const sealed = await stored(tab);
  for (const wrong of ["quiet harbour lantern", "Quiet harbour lantern 7", "something else entirely"]) {
    await tab.locator("#unlock-passphrase").fill(wrong);
    await tab.getByRole("button", { name: "Unlock", exact: true }).click();
    await expect(tab.locator("#unlock-passphrase-error")).toContainText(
      "That passphrase does not open your answers",
    );
    expect(await stored(tab)).toBe(sealed);
  }
  await expect(tab.getByRole("heading", { level: 1 })).toHaveText(LOCKED);
  expect(shown.join("\n")).not.toContain(words);

  await tab.locator("#unlock-passphrase").fill(PASSPHRASE);
  await tab.getByRole("button", { name: "Unlock", exact: true }).click();
  await expect(tab.getByRole("heading", { level: 1 })).toHaveText(one.title);
  await expect(field(tab)).toHaveValue(words);
  expect(await stored(tab)).toBe(sealed);
});

test("words typed just before the tab closes are kept, encrypted", async ({ page, context }) => {
  await writeReflection(page, "first words");
  await turnLockOn(page);
  await page.close();

  const tab = await context.newPage();
  await unlockAt(tab);
  const last = "typed and the tab closed at once";
  await field(tab).fill(last);
  await tab.waitForTimeout(50);
  await tab.close({ runBeforeUnload: true });

  const again = await context.newPage();
  await again.goto("./");
  const raw = await stored(again);
  expect(raw).toMatch(SEALED);
  expect(raw).not.toContain(last);
  await unlockAt(again);
  await expect(field(again)).toHaveValue(last);
});

test("locking in one tab locks the others", async ({ page, context }) => {
  await writeReflection(page, "shared between two tabs");
  await turnLockOn(page);
  const other = await context.newPage();
  await unlockAt(other);
  await expect(field(other)).toHaveValue("shared between two tabs");

  // Still on Your data, unlocked, where the lock was turned on.
  await page.getByRole("button", { name: "Lock now" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(LOCKED);
  await expect(other.getByRole("heading", { level: 1 })).toHaveText(LOCKED);
  await expect(other.locator("body")).not.toContainText("shared between two tabs");
});

test("the passphrase can be changed, and the lock turned off again", async ({ page }) => {
  const words = "still here after every change";
  await writeReflection(page, words);
  await turnLockOn(page);
  const newer = "a newer passphrase, 2 words more";
  await page.locator("#lock-new").fill(newer);
  await page.locator("#lock-new-again").fill(newer);
  await page.getByRole("button", { name: "Change the passphrase" }).click();
  await expect(page.locator("#lock-status")).toContainText("Your passphrase is changed.");
  await expect.poll(() => stored(page)).toMatch(SEALED);

  // A new visit: the old passphrase no longer opens it, the new one does.
  await new LessonPage(page).open(one.slug);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(LOCKED);
  await page.locator("#unlock-passphrase").fill(PASSPHRASE);
  await page.getByRole("button", { name: "Unlock", exact: true }).click();
  await expect(page.locator(".unlock")).toContainText("That passphrase does not open your answers");
  await page.locator("#unlock-passphrase").fill(newer);
  await page.getByRole("button", { name: "Unlock", exact: true }).click();
  await expect(field(page)).toHaveValue(words);

  await page.goto("data");
  await appReady(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(LOCKED);
  await page.locator("#unlock-passphrase").fill(newer);
  await page.getByRole("button", { name: "Unlock", exact: true }).click();
  await page.getByRole("button", { name: "Turn the lock off" }).click();
  await page.getByRole("button", { name: "Yes, turn it off" }).click();
  await expect(page.locator("#lock-status")).toContainText("The lock is off.");
  await expect.poll(() => stored(page)).toContain(words);
  await new LessonPage(page).open(one.slug);
  await expect(field(page)).toHaveValue(words);
});
