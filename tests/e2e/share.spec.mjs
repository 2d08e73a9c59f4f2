// Saving files where downloads fail: in a web app added to an iPhone's home
// screen (navigator.standalone) that can share files, the backup, the
// protected backup and the workbook go to the share sheet instead; so does
// a download that does not start, wherever files can be shared. Elsewhere
// the download stays. Web Share is stubbed before the page loads (Debian's
// Chromium has none): it records what it was given.
import { test, expect } from "@playwright/test";
import { appReady, LessonPage, watchProblems } from "./pages.mjs";
import { lessons, anchor } from "./content.mjs";
import { KEYS } from "./keys.mjs";

const [one] = lessons;
const words = one.reflections.find((r) => r.kind === "text");

/** Web Share as a browser that can share files has it, recording each
 * share; `standalone` as an app on an iPhone's home screen; `refuse`, the
 * names of the errors to reject the first shares with, in order. */
async function stubShare(page, { standalone, refuse = [] }) {
  await page.addInitScript(
    ([standalone, refuse]) => {
      window.__shared = [];
      const failures = [...refuse];
      if (standalone) Object.defineProperty(Navigator.prototype, "standalone", { get: () => true, configurable: true });
      Navigator.prototype.canShare = (data) => Array.isArray(data?.files) && data.files.every((f) => f instanceof File);
      Navigator.prototype.share = async (data) => {
        const failure = failures.shift();
        if (failure) throw new DOMException("stubbed", failure);
        for (const file of data.files) window.__shared.push({ name: file.name, type: file.type, text: await file.text() });
      };
    },
    [standalone, refuse],
  );
}

const shared = (page) => page.evaluate(() => window.__shared);

async function writeReflection(page, text) {
  await new LessonPage(page).open(one.slug);
  await page.locator(`#${anchor(words.id)} textarea`).fill(text);
  await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), KEYS.progress)).toContain(text);
}

async function openData(page) {
  await page.goto("data");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your data");
  await appReady(page);
}

test("in an iPhone home-screen app, the backup and the workbook are shared, not downloaded", async ({ page }) => {
  const problems = watchProblems(page);
  await stubShare(page, { standalone: true });
  page.on("download", (d) => problems.push(`downloaded ${d.suggestedFilename()}`));
  await writeReflection(page, "Shared from the home screen");
  await openData(page);

  await expect(page.getByRole("heading", { name: "Share a backup" })).toBeVisible();
  await page.getByRole("button", { name: "Share a backup" }).click();
  await expect.poll(() => shared(page)).toHaveLength(1);
  const [backup] = await shared(page);
  expect(backup.name).toMatch(/^attune-backup-\d{4}-\d{2}-\d{2}\.json$/);
  expect(backup.type).toBe("application/json");
  expect(JSON.parse(backup.text)).toMatchObject({ app: "attune", schema: 3 });
  expect(backup.text).toContain("Shared from the home screen");
  await expect(page.getByRole("status").filter({ hasText: `${backup.name} was shared.` })).toBeVisible();

  await page.getByRole("button", { name: "Share it as a text file" }).click();
  await expect.poll(() => shared(page)).toHaveLength(2);
  const workbook = (await shared(page))[1];
  expect(workbook.name).toMatch(/^attune-workbook-\d{4}-\d{2}-\d{2}\.md$/);
  expect(workbook.type).toBe("text/markdown");
  expect(workbook.text).toContain("Shared from the home screen");
  expect(problems).toEqual([]);
});

test("a protected backup made after the tap went stale waits for a new tap to share", async ({ page }) => {
  // The first share is refused as Safari refuses one that no tap started
  // (sealing took a moment); the second, from the Share button, goes.
  await stubShare(page, { standalone: true, refuse: ["NotAllowedError"] });
  await writeReflection(page, "Protected and shared");
  await openData(page);
  await page.getByLabel("Protect the file with a passphrase").check();
  await page.locator("#backup-passphrase").fill("lantern meadow otter");
  await page.locator("#backup-passphrase-again").fill("lantern meadow otter");
  await page.getByRole("button", { name: "Share a protected backup" }).click();
  await expect(page.locator("#backup-status")).toContainText("Keep the passphrase safe");
  await expect(page.locator(".share-status").filter({ hasText: /attune-backup-\d{4}-\d{2}-\d{2}-protected\.json is ready/ })).toBeVisible();
  const again = page.getByRole("button", { name: "Share the file" });
  await expect(again).toBeVisible();
  expect(await shared(page)).toEqual([]);

  await again.click();
  await expect.poll(() => shared(page)).toHaveLength(1);
  const [file] = await shared(page);
  expect(JSON.parse(file.text)).toMatchObject({ app: "attune", encrypted: 1 });
  expect(file.text).not.toContain("Protected and shared");
  await expect(again).toHaveCount(0);
  await expect(page.locator(".share-status").filter({ hasText: "was shared." })).toBeVisible();
});

test("closing the share sheet shares nothing, and the file can be shared again", async ({ page }) => {
  await stubShare(page, { standalone: true, refuse: ["AbortError"] });
  await openData(page);
  await page.getByRole("button", { name: "Share a backup" }).click();
  await expect(page.locator(".share-status").filter({ hasText: /attune-backup-.*\.json was not shared\./ })).toBeVisible();
  await page.getByRole("button", { name: "Share the file" }).click();
  await expect.poll(() => shared(page)).toHaveLength(1);
});

test("a browser that can share, but is not an iPhone home-screen app, downloads as before", async ({ page }) => {
  await stubShare(page, { standalone: false });
  await openData(page);
  await expect(page.getByRole("button", { name: "Share a backup" })).toHaveCount(0);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download a backup" }).click();
  expect((await download).suggestedFilename()).toMatch(/^attune-backup-\d{4}-\d{2}-\d{2}\.json$/);
  expect(await shared(page)).toEqual([]);
});

test("a download that does not start offers Share instead, where files can be shared", async ({ page }) => {
  await stubShare(page, { standalone: false });
  await openData(page);
  // The browser will not make the download's link.
  await page.evaluate(() => {
    URL.createObjectURL = () => {
      throw new Error("blocked");
    };
  });
  await page.getByRole("button", { name: "Download a backup" }).click();
  await expect(page.locator(".share-status").filter({ hasText: "The download did not start" })).toBeVisible();
  await page.getByRole("button", { name: "Share the file" }).click();
  await expect.poll(() => shared(page)).toHaveLength(1);
  expect(JSON.parse((await shared(page))[0].text)).toMatchObject({ app: "attune" });
});
