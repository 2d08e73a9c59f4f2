// A link shared in a mail or chat app often gains a query (?utm_source=...,
// ?fbclid=..., ?ref=...): whatever query and fragment it carries, it opens
// the page it names with status 200, from the server, from the offline copy
// while the service worker controls the page, and offline. Only an address
// the site does not have gets the not-found page (404).
import { test, expect } from "@playwright/test";
import { appReady, watchProblems } from "./pages.mjs";
import { lessons, anchor } from "./content.mjs";
import { Site, goOffline, waitForOfflineCopy } from "./site.mjs";

const [one, two] = lessons;
const HOME_TITLE = "Attunement in relationships";
const target = `#${anchor(two.checks[0].id)}`;

/** Shared addresses, and the page each must open. */
const SHARED = [
  [`lesson/${two.slug}/?ref=x&utm_source=y`, two.title],
  [`lesson/${two.slug}/?fbclid=IwAR0abc`, two.title],
  [`lesson/${two.slug}/?utm_medium=social&utm_campaign=spring${target}`, two.title],
  // Without the slash: GitHub Pages' redirect, keeping the query.
  [`lesson/${one.slug}?ref=shared-link`, one.title],
  [`?ref=x&utm_source=y`, HOME_TITLE],
  [`about/?fbclid=`, "About Attune"],
];

let site;
test.beforeEach(async () => {
  site = await Site.start();
});
test.afterEach(async () => {
  await site.dispose();
});

/** Opens each shared address and expects its page, taken over by the app. */
async function opensEachPage(page) {
  for (const [address, heading] of SHARED) {
    const response = await page.goto(site.url(address));
    expect(response.status(), address).toBe(200);
    await expect(page.getByRole("heading", { level: 1 }), address).toHaveText(heading);
    await appReady(page);
    // The address keeps its query: the page does not bounce the reader.
    const query = new URL(site.url(address)).search;
    expect(new URL(page.url()).search, address).toBe(query);
    if (address.includes("#")) await expect(page.locator(target)).toBeInViewport();
  }
  // An address the site does not have, with a query: the not-found page.
  const missing = await page.goto(site.url("lesson/no-such-lesson/?ref=x"));
  expect(missing.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("We can't find that page");
}

test("a shared link with a query opens its page, from the server, the offline copy and offline", async ({ page, context }) => {
  const problems = watchProblems(page);
  // The first visit, from a shared link: the server answers.
  const first = await page.goto(site.url(`lesson/${one.slug}/?ref=x&utm_source=y`));
  expect(first.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(one.title);
  await waitForOfflineCopy(page);

  // Online, with the service worker answering every page.
  await opensEachPage(page);
  const controlled = await page.goto(site.url(`lesson/${two.slug}/?ref=x&utm_source=y`));
  expect(controlled.fromServiceWorker()).toBe(true);

  // Offline.
  await goOffline(site, context);
  await opensEachPage(page);
  expect(problems).toEqual([]);
});
