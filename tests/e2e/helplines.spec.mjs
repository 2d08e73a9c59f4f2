// Help where the reader lives (issue 22): the country chooser on About and
// each country's numbers, offline and after a reload, never guessed and
// never sent anywhere; the notes of care with their emergency number and a
// working link to help; the course's own guides; axe in both themes.
import { test, expect } from "@playwright/test";
import { LessonPage, appReady, axeViolations, watchProblems } from "./pages.mjs";
import { lessons } from "./content.mjs";
import { KEYS } from "./keys.mjs";
import { endsAt } from "./base.mjs";
import { Site, goOffline, waitForOfflineCopy } from "./site.mjs";

/** What a reader who chooses each country sees: the heading and a few
 * numbers, each with the link a phone dials (from src/content/helplines.toml). */
const PLACES = {
  au: {
    radio: "Australia",
    heading: "Help in Australia",
    numbers: [["000", "tel:000"], ["13 11 14", "tel:131114"], ["1800 184 527", "tel:1800184527"], ["1300 657 380", "tel:1300657380"]],
  },
  ie: {
    radio: "Ireland",
    heading: "Help in Ireland",
    numbers: [["112", "tel:112"], ["116 123", "tel:116123"], ["1800 341 900", "tel:1800341900"], ["1800 77 88 88", "tel:1800778888"]],
  },
  ca: {
    radio: "Canada",
    heading: "Help in Canada",
    numbers: [["911", "tel:911"], ["988", "tel:988"], ["1-800-422-4453", "tel:+18004224453"]],
  },
  nz: {
    radio: "New Zealand",
    heading: "Help in New Zealand",
    numbers: [["111", "tel:111"], ["1737", "tel:1737"], ["0800 733 843", "tel:0800733843"]],
  },
};
const EVERY_EMERGENCY = ["999", "112", "911", "000", "111"];

/** The settings stored, as the app wrote them. */
function storedSettings(page) {
  return page.evaluate((key) => JSON.parse(localStorage.getItem(key) || "{}"), KEYS.settings);
}

/** The help list shows this country, and no other. */
async function expectPlace(page, code) {
  const place = PLACES[code];
  const section = page.locator(`.help-place[data-place="${code}"]`);
  await expect(page.getByRole("heading", { name: place.heading })).toBeVisible();
  for (const [number, href] of place.numbers) {
    await expect(section.getByRole("link", { name: number, exact: true }).first()).toHaveAttribute("href", href);
    await expect(section.getByRole("link", { name: number, exact: true }).first()).toBeVisible();
  }
  await expect(section).toContainText(/Checked on \d+ December 2026 on [a-z0-9.-]+\./);
  for (const other of Object.keys(PLACES).filter((c) => c !== code)) {
    await expect(page.getByRole("heading", { name: PLACES[other].heading })).toBeHidden();
  }
  await expect(page.locator(".help-unchosen")).toBeHidden();
}

test.describe("the help page", () => {
  let site;
  test.beforeEach(async () => {
    site = await Site.start();
  });
  test.afterEach(async () => {
    await site.dispose();
  });

  // A browser that says it is in Sydney, in Australian English: the help
  // page must not take that as a choice.
  test.use({ locale: "en-AU", timezoneId: "Australia/Sydney" });

  test("choosing Australia, Ireland, Canada and New Zealand shows their numbers offline, the choice is kept after a reload, and nothing leaves the origin", async ({
    page,
    context,
  }) => {
    const requests = [];
    context.on("request", (request) => requests.push(request.url()));
    // Nothing asks where the reader is.
    await page.addInitScript(() => {
      window.__located = 0;
      const count = () => {
        window.__located += 1;
      };
      if (navigator.geolocation) {
        navigator.geolocation.getCurrentPosition = count;
        navigator.geolocation.watchPosition = count;
      }
    });
    const problems = watchProblems(page);
    await page.goto(site.url("about/"));
    await appReady(page);
    await waitForOfflineCopy(page);
    await goOffline(site, context);
    await page.reload();
    await appReady(page);

    // Before a choice: every country's emergency number, and the chooser.
    const unchosen = page.locator(".help-unchosen");
    await expect(unchosen).toBeVisible();
    for (const number of EVERY_EMERGENCY) {
      await expect(unchosen.getByRole("link", { name: number, exact: true })).toHaveAttribute("href", `tel:${number}`);
    }
    await expect(unchosen.getByRole("link", { name: "findahelpline.com" })).toHaveAttribute("href", "https://findahelpline.com/");
    await expect(page.locator(".help-place:visible")).toHaveCount(0);
    const chooser = page.getByRole("group", { name: "Show help for where you live" });
    await expect(chooser.getByRole("radio")).toHaveCount(7);
    for (const radio of await chooser.getByRole("radio").all()) await expect(radio).not.toBeChecked();
    expect((await storedSettings(page)).country ?? "none").toBe("none");

    for (const code of ["au", "ie", "ca", "nz"]) {
      await chooser.getByRole("radio", { name: PLACES[code].radio }).check();
      await expectPlace(page, code);
      await expect.poll(async () => (await storedSettings(page)).country).toBe(code);
      await expect(page.locator("html")).toHaveAttribute("data-country", code);
    }

    // Kept: after a reload (still offline) the choice shows at once.
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-country", "nz");
    await expectPlace(page, "nz");
    await appReady(page);
    await expect(chooser.getByRole("radio", { name: "New Zealand" })).toBeChecked();

    // Somewhere else: the directory, as a real link.
    await chooser.getByRole("radio", { name: "Somewhere else" }).check();
    const elsewhere = page.locator('.help-place[data-place="elsewhere"]');
    await expect(elsewhere.getByRole("link", { name: "findahelpline.com" })).toHaveAttribute("href", "https://findahelpline.com/");
    await expect(page.getByRole("heading", { name: "Help in New Zealand" })).toBeHidden();

    expect(await page.evaluate(() => window.__located)).toBe(0);
    const origin = new URL(site.url()).origin;
    expect(requests.length).toBeGreaterThan(10);
    expect(requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    // Offline, the only failures are the ones the browser makes itself.
    expect(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED/.test(p))).toEqual([]);
  });

  test("a choice shows at once before the app has taken the page over, and is saved when it has", async ({ page }) => {
    // The app's code never arrives: the page stays as built.
    await page.route(/\.wasm$/, (route) => route.abort());
    await page.goto(site.url("about/"));
    await page.getByRole("radio", { name: "Canada" }).check();
    await expectPlace(page, "ca");
    await page.unroute(/\.wasm$/);
    await page.reload();
    await appReady(page);
    // Nothing was saved while the app could not run; now a choice is.
    await expect(page.locator(".help-unchosen")).toBeVisible();
    await page.getByRole("radio", { name: "Ireland" }).check();
    await expectPlace(page, "ie");
    await expect.poll(async () => (await storedSettings(page)).country).toBe("ie");
  });
});

test("every note of care has its country's emergency number and a working link to help", async ({ page }) => {
  const problems = watchProblems(page);
  const view = new LessonPage(page);
  // Before a choice: every country's number in each note.
  await view.open(lessons[1].slug);
  const first = page.getByRole("note", { name: "A note of care" }).first();
  for (const number of EVERY_EMERGENCY) {
    await expect(first.getByRole("link", { name: number, exact: true })).toBeVisible();
  }
  // Choose Ireland on About.
  await page.goto("about/");
  await appReady(page);
  await page.getByRole("radio", { name: "Ireland" }).check();
  await expect.poll(async () => (await storedSettings(page)).country).toBe("ie");

  let notes = 0;
  for (const [i, lesson] of lessons.entries()) {
    await view.open(lesson.slug);
    const note = page.getByRole("note", { name: "A note of care" });
    if (i === 0) {
      await expect(note).toHaveCount(0);
      continue;
    }
    expect(await note.count(), lesson.slug).toBeGreaterThan(0);
    for (const one of await note.all()) {
      notes += 1;
      await expect(one.getByRole("link", { name: "112", exact: true })).toBeVisible();
      await expect(one.getByRole("link", { name: "112", exact: true })).toHaveAttribute("href", "tel:112");
      await expect(one.getByRole("link", { name: "999", exact: true })).toBeHidden();
      await expect(one.getByRole("link", { name: "Help where you live" })).toHaveAttribute("href", endsAt("about/#help"));
    }
  }
  // Lessons 2 to 5 one each; 6 and 7 two each.
  expect(notes).toBe(8);
  // Each link works: from a note, the list opens at Ireland, ready to read.
  for (const slug of [lessons[1].slug, lessons[6].slug]) {
    await view.open(slug);
    await page.getByRole("note", { name: "A note of care" }).first().getByRole("link", { name: "Help where you live" }).click();
    await expect(page).toHaveURL(endsAt("about/#help"));
    await expect(page.getByRole("heading", { name: "Where to find help" })).toBeFocused();
    await expectPlace(page, "ie");
  }
  expect(problems).toEqual([]);
});

test("the course's own guides: finding a therapist, when neither pattern fits, and the practice for the moment itself", async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto("about/");
  await appReady(page);
  await page.getByRole("link", { name: "Finding a therapist" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Finding a therapist");
  await expect(page.locator("main")).toContainText("course\u2019s own guide");
  await expect(page.locator("main")).toContainText("BACP Register");
  await expect(page.locator("main")).toContainText("NHS Talking Therapies");
  await expect(page.getByRole("heading", { name: "What to ask at a first call" })).toBeVisible();
  await page.getByRole("link", { name: "When neither pattern fits" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("When neither pattern fits");
  await expect(page.locator("main")).toContainText("fearful");
  await expect(page.locator("main")).toContainText("Mixed patterns are common");
  await expect(page.getByRole("note", { name: "A note of care" })).toBeVisible();

  // Lesson 3 leads to it, where it names the fearful pattern.
  const view = new LessonPage(page);
  await view.open(lessons[2].slug);
  await page.getByRole("link", { name: "When neither pattern fits" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("When neither pattern fits");

  // Review's "when it is hard" opens the practice in lesson 4.
  await page.goto("review/");
  await appReady(page);
  await page.getByRole("link", { name: "a short practice for the moment itself" }).click();
  await expect(page).toHaveURL(/\/lesson\/anxious-attachment-and-intimacy\/#s-in-the-moment$/);
  const practice = page.locator("#s-in-the-moment");
  await expect(practice.getByRole("heading", { name: "When the alarm goes off" })).toBeInViewport();
  await expect(practice.locator("ol.steps li")).toHaveCount(4);
  await expect(practice).toContainText("course's own");
  expect(problems).toEqual([]);
});

for (const theme of ["light", "dark"]) {
  test(`axe finds nothing on the help page, before and after a choice, in the ${theme} theme`, async ({ page }) => {
    await page.goto("about/");
    await appReady(page);
    await page.locator("details.display summary").click();
    await page.locator(`#theme-${theme}`).check();
    await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
    await page.locator("details.display summary").click();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("radio", { name: "Australia" }).check();
    await expectPlace(page, "au");
    expect(await axeViolations(page)).toEqual([]);
    for (const path of ["finding-a-therapist/", "other-patterns/"]) {
      await page.goto(path);
      await appReady(page);
      expect(await axeViolations(page), path).toEqual([]);
    }
  });
}
