// Private by construction, and installable (issue 5): a reader's journey
// sends nothing to any other origin and breaks no rule of the page's
// Content-Security-Policy; the manifest passes Chromium's install check.
import { test, expect, chromium } from "@playwright/test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HomePage, LessonPage, watchProblems } from "./pages.mjs";
import { lessons, anchor } from "./content.mjs";
import { waitForOfflineCopy } from "./site.mjs";

const [one] = lessons;

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
