// Protected backups on the Your data page: a backup downloaded with a
// passphrase holds nothing readable and comes back with it; a wrong
// passphrase, a changed, cut or newer file each say why and change nothing;
// the fixtures Firefox and WebKit made open here; plain backups still work.
import { test, expect } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { LessonPage, appReady, axeViolations, watchProblems } from "./pages.mjs";
import { lessons, anchor } from "./content.mjs";
import { KEYS } from "./keys.mjs";

const KEY = KEYS.progress;
const [one] = lessons;
const textOf = (lesson) => lesson.reflections.find((r) => r.kind === "text");
const stored = (page) => page.evaluate((key) => localStorage.getItem(key), KEY);
// The passphrase the committed fixtures were made with (tests/common/sealed_fixture.rs).
const FIXTURE_PASSPHRASE = "gentle ünïcode 🐚 harbour";
const fixture = (engine) => readFile(new URL(`../fixtures/encrypted-backup-${engine}.json`, import.meta.url), "utf8");
const WRONG = /The passphrase is wrong, or the file was changed or damaged\./;

async function writeReflection(page, words) {
  await new LessonPage(page).open(one.slug);
  await page.locator(`#${anchor(textOf(one).id)} textarea`).fill(words);
  await expect.poll(() => stored(page)).toContain(words);
}

/** The Your data page's backup controls, named as the reader sees them. */
class Backups {
  constructor(page) {
    this.page = page;
    this.protect = page.getByLabel("Protect the file with a passphrase");
    // The lock's passphrase fields share these labels on the same page.
    this.passphrase = page.locator("#backup-passphrase");
    this.again = page.locator("#backup-passphrase-again");
    this.download = page.getByRole("button", { name: /^Download a (protected )?backup$/ });
    this.status = page.locator("#backup-status");
    this.file = page.getByLabel("Choose a backup file (.json)");
    this.openWith = page.locator("#open-passphrase");
    this.openButton = page.getByRole("button", { name: "Open the backup" });
  }
  async open() {
    await this.page.goto("data");
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText("Your data");
    await appReady(this.page);
  }
  /** Downloads a backup, protected with `words` when given; returns its name and text. */
  async save(words) {
    if (words !== undefined) {
      await this.protect.check();
      await this.passphrase.fill(words);
      await this.again.fill(words);
    }
    const download = this.page.waitForEvent("download");
    await this.download.click();
    const file = await download;
    return { name: file.suggestedFilename(), path: await file.path(), text: await readFile(await file.path(), "utf8") };
  }
  async choose(name, text) {
    await this.file.setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(text) });
  }
  async tryPassphrase(words) {
    await this.openWith.fill(words);
    await this.openButton.click();
  }
  preview() {
    return this.page.getByRole("status").filter({ hasText: "This backup is from" });
  }
}

test("a protected backup holds no word the reader typed and comes back with its passphrase", async ({ page }) => {
  const problems = watchProblems(page);
  const words = "Juniper whispered across the quiet kitchen";
  await writeReflection(page, words);
  const before = JSON.parse(await stored(page)).progress;
  const backups = new Backups(page);
  await backups.open();
  await expect(backups.download).toHaveText("Download a backup");
  const saved = await backups.save("lantern meadow otter");
  expect(saved.name).toMatch(/^attune-backup-\d{4}-\d{2}-\d{2}-protected\.json$/);
  await expect(backups.status).toContainText(`Your protected backup was downloaded as ${saved.name}`);
  // The passphrase is gone from the page once used.
  await expect(backups.passphrase).toHaveValue("");
  await expect(backups.again).toHaveValue("");

  const file = JSON.parse(saved.text);
  expect(Object.keys(file)).toEqual(["app", "encrypted", "kdf", "iterations", "salt", "cipher", "iv", "data"]);
  expect(file).toMatchObject({ app: "attune", encrypted: 1, kdf: "PBKDF2-SHA-256", iterations: 600000, cipher: "AES-256-GCM" });
  // Words of five letters or more: a shorter one turns up in base64 by chance.
  for (const typed of [...words.match(/[A-Za-z]{5,}/g), "lantern", "meadow", "otter", one.slug, textOf(one).id]) {
    expect(saved.text).not.toContain(typed);
  }

  await page.getByRole("button", { name: "Delete everything Attune saved" }).click();
  await page.getByRole("button", { name: "Yes, delete everything" }).click();
  await expect.poll(() => stored(page)).toBeNull();

  await backups.file.setInputFiles(saved.path);
  await expect(backups.openWith).toBeFocused();
  await expect(page.getByText("This backup is protected. Type the passphrase it was saved with.")).toBeVisible();
  await backups.openWith.fill("lantern meadow otter");
  await backups.openWith.press("Enter");
  await expect(backups.preview()).toContainText("1 reflections");
  await expect(backups.openWith).toBeHidden();
  await page.getByRole("button", { name: "Replace what is here with it" }).click();
  await page.getByRole("button", { name: "Yes, replace it" }).click();
  await expect(page.locator("main")).toContainText("Done: your data is now what the backup held.");
  await expect.poll(async () => JSON.parse(await stored(page)).progress).toEqual(before);
  expect(problems).toEqual([]);
});

test("three wrong passphrases change nothing, and the right one still opens the file", async ({ page }) => {
  await writeReflection(page, "Mine, kept as it is");
  const before = await stored(page);
  const backups = new Backups(page);
  await backups.open();
  await backups.choose("attune-backup-protected.json", await fixture("chromium"));
  for (const wrong of ["gentle unicode 🐚 harbour", "Gentle ünïcode 🐚 harbour", "harbour"]) {
    await backups.tryPassphrase(wrong);
    await expect(page.locator("#open-passphrase-error")).toHaveText(WRONG);
    await expect(page.locator("#open-passphrase-error")).toContainText("Nothing was changed.");
    await expect(backups.openWith).toHaveAttribute("aria-invalid", "true");
    await expect(backups.openWith).toHaveAttribute("aria-describedby", /open-passphrase-error/);
    await expect(backups.openWith).toBeFocused();
    expect(await stored(page)).toBe(before);
  }
  // An empty box is asked for, not tried.
  await backups.tryPassphrase("");
  await expect(page.locator("#open-passphrase-error")).toHaveText("Type the passphrase this backup was protected with.");
  await backups.tryPassphrase(FIXTURE_PASSPHRASE);
  await expect(backups.preview()).toContainText("1 reflections and 1 finished lessons");
  await expect(page.locator("#open-passphrase-error")).toBeEmpty();
  await page.getByRole("button", { name: "Cancel" }).click();
  expect(await stored(page)).toBe(before);
});

test("the backups Firefox and WebKit protected open here, with the passphrase typed in", async ({ page }) => {
  const backups = new Backups(page);
  await backups.open();
  for (const engine of ["firefox", "webkit"]) {
    await backups.choose(`from-${engine}.json`, await fixture(engine));
    await backups.tryPassphrase(FIXTURE_PASSPHRASE);
    await expect(backups.preview()).toContainText("It holds 0 answers, 1 reflections and 1 finished lessons.");
  }
});

test("a changed, cut or newer protected file is refused in words and changes nothing", async ({ page }) => {
  await writeReflection(page, "Untouched by bad files");
  const before = await stored(page);
  const backups = new Backups(page);
  await backups.open();
  const good = await fixture("webkit");
  const file = JSON.parse(good);

  // A changed byte of the ciphertext: only the passphrase step can tell.
  const flipped = file.data[10] === "A" ? "B" : "A";
  await backups.choose("changed.json", JSON.stringify({ ...file, data: file.data.slice(0, 10) + flipped + file.data.slice(11) }));
  await backups.tryPassphrase(FIXTURE_PASSPHRASE);
  await expect(page.locator("#open-passphrase-error")).toHaveText(WRONG);
  // A changed header field (more rounds than it was made with): the same.
  await backups.choose("changed.json", JSON.stringify({ ...file, iterations: 600001 }));
  await backups.tryPassphrase(FIXTURE_PASSPHRASE);
  await expect(page.locator("#open-passphrase-error")).toHaveText(WRONG);

  // Refused before any passphrase is asked for.
  const refusals = [
    ["cut.json", good.slice(0, good.length / 2), "The file is incomplete."],
    ["newer.json", JSON.stringify({ ...file, encrypted: 2 }), "made by a newer version of Attune (format 2)"],
    ["weak.json", JSON.stringify({ ...file, iterations: 1000 }), "uses settings Attune does not accept"],
    ["other.json", JSON.stringify({ ...file, cipher: "AES-128-CBC" }), "uses settings Attune does not accept"],
    ["odd.json", JSON.stringify({ ...file, salt: "short" }), "not a protected Attune backup"],
    ["hang.json", JSON.stringify({ ...file, iterations: 4000000000 }), "uses settings Attune does not accept"],
  ];
  for (const [name, text, says] of refusals) {
    await backups.choose(name, text);
    await expect(page.locator("#import-status .error")).toContainText(says);
    await expect(page.locator("#import-status .error")).toContainText("Nothing was changed.");
    await expect(backups.openWith).toBeHidden();
  }
  expect(await stored(page)).toBe(before);
});

test("a new passphrase must be 8 characters, typed the same twice; nothing downloads until it is", async ({ page }) => {
  const backups = new Backups(page);
  await backups.open();
  let downloads = 0;
  page.on("download", () => (downloads += 1));
  await backups.protect.check();
  await expect(page.getByText("If you forget the passphrase, the file cannot be opened.")).toBeVisible();
  await expect(backups.download).toHaveText("Download a protected backup");
  await backups.passphrase.fill("short");
  await backups.again.fill("short");
  await backups.download.click();
  await expect(page.locator("#backup-passphrase-error")).toHaveText(/Use at least 8 characters/);
  await expect(backups.passphrase).toBeFocused();
  await expect(backups.passphrase).toHaveAttribute("aria-invalid", "true");
  await backups.passphrase.fill("long enough now");
  await backups.again.fill("long enough n0w");
  await backups.download.click();
  await expect(page.locator("#backup-passphrase-again-error")).toHaveText(/not the same/);
  await expect(page.locator("#backup-passphrase-error")).toBeEmpty();
  await expect(backups.again).toBeFocused();
  // Show the passphrase: the reader can check what they typed.
  await page.locator("#backup-show").check();
  await expect(backups.passphrase).toHaveAttribute("type", "text");
  await expect(backups.again).toHaveAttribute("type", "text");
  await page.locator("#backup-show").uncheck();
  await expect(backups.passphrase).toHaveAttribute("type", "password");
  expect(downloads).toBe(0);
});

test("a plain backup still round-trips, also after protection was switched off again", async ({ page }) => {
  await writeReflection(page, "Plain words, plainly kept");
  const backups = new Backups(page);
  await backups.open();
  await backups.protect.check();
  await backups.passphrase.fill("typed, then not used");
  await backups.protect.uncheck();
  await expect(backups.passphrase).toBeHidden();
  const saved = await backups.save();
  // A passphrase typed and then not used is not kept on the page.
  await backups.protect.check();
  await expect(backups.passphrase).toHaveValue("");
  await backups.protect.uncheck();
  expect(saved.name).toMatch(/^attune-backup-\d{4}-\d{2}-\d{2}\.json$/);
  expect(saved.text).toContain("Plain words, plainly kept");
  await backups.choose(saved.name, saved.text);
  await expect(backups.openWith).toBeHidden();
  await expect(backups.preview()).toContainText("1 reflections");
});

test("the backup controls pass axe, with the passphrase boxes and their errors showing", async ({ page }) => {
  const backups = new Backups(page);
  await backups.open();
  await backups.protect.check();
  await backups.download.click();
  await expect(page.locator("#backup-passphrase-error")).not.toBeEmpty();
  await backups.choose("protected.json", await fixture("chromium"));
  await backups.tryPassphrase("not it at all");
  await expect(page.locator("#open-passphrase-error")).toHaveText(WRONG);
  expect(await axeViolations(page)).toEqual([]);
});
