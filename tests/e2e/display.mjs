// Page objects for the display settings and the shortcuts help.
import { expect } from "@playwright/test";
import { axeViolations } from "./pages.mjs";
import { KEYS } from "./keys.mjs";

export const SETTINGS_KEY = KEYS.settings;

/** The "Display" disclosure in the header. */
export class DisplaySettings {
  constructor(page) {
    this.page = page;
    this.root = page.locator("details.display");
    this.toggle = this.root.locator("summary");
    this.menu = page.locator("#site-menu");
    this.menuButton = page.locator(".menu-button");
  }
  async open() {
    // On a phone the settings are in the header's menu.
    if ((await this.menuButton.isVisible()) && !(await this.menu.evaluate((m) => m.matches(":popover-open")))) {
      await this.menuButton.click();
    }
    if (!(await this.root.evaluate((d) => d.open))) await this.toggle.click();
    await expect(this.root).toHaveAttribute("open", "");
  }
  radio(group, label) {
    return this.root.getByRole("group", { name: group }).getByRole("radio", { name: label, exact: true });
  }
  /** Chooses by clicking the label, as a pointer user would. */
  async choose(group, label) {
    await this.open();
    await this.radio(group, label).check();
  }
}

/** Stores settings before any script of the page runs. */
export async function presetSettings(page, settings) {
  await page.addInitScript(
    ([key, value]) => {
      try {
        localStorage.setItem(key, value);
      } catch {}
    },
    [SETTINGS_KEY, typeof settings === "string" ? settings : JSON.stringify({ version: 1, ...settings })],
  );
}

/** The attributes the CSS reads, as the page has them now. */
export function rootAttributes(page) {
  return page.evaluate(() => ({
    theme: document.documentElement.getAttribute("data-theme"),
    textSize: document.documentElement.getAttribute("data-text-size"),
  }));
}

/** The page's background colour, as painted. */
export function background(page) {
  return page.evaluate(() => getComputedStyle(document.body).backgroundColor);
}

export const LIGHT_BG = "rgb(247, 243, 238)";
export const DARK_BG = "rgb(27, 29, 34)";

/** axe finds nothing in the light theme, nor in the dark (then back to light). */
export async function noAxeViolationsInEitherTheme(page) {
  expect(await axeViolations(page)).toEqual([]);
  const display = new DisplaySettings(page);
  await display.choose("Theme", "Dark");
  expect(await axeViolations(page)).toEqual([]);
  await display.choose("Theme", "Light");
  await display.toggle.click();
}
