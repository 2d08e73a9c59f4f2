// Page objects: what a reader sees and does, named as they would name it.
import { expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

export const ATTRIBUTION = /Gail Berry.*Life Coach Directory/s;

/** Collects console errors, page errors and failed requests of a visit. */
export function watchProblems(page) {
  const problems = [];
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    // A deep link is answered by GitHub Pages' 404.html with status 404, and
    // Chromium logs that status for the document itself. Expected; the app
    // shell in that 404.html then renders the page.
    if (/status of 404/.test(msg.text()) && msg.location().url === page.url()) return;
    problems.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("requestfailed", (req) => {
    // Leaving a page cancels what it was still loading (e.g. the favicon).
    if (req.failure()?.errorText === "net::ERR_ABORTED") return;
    problems.push(`failed request: ${req.url()} (${req.failure()?.errorText})`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400 && res.request().resourceType() !== "document") {
      problems.push(`HTTP ${res.status()}: ${res.url()}`);
    }
  });
  return problems;
}

/** Runs axe with the WCAG 2.2 AA tags and target-size on; returns violations. */
export async function axeViolations(page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .options({ rules: { "target-size": { enabled: true } } })
    .analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/**
 * Waits until the app has taken the built page over: before that the page
 * can be read, and what is typed or chosen is kept, but the app's own keys
 * (such as ? for the shortcuts) are not listened to yet.
 */
export async function appReady(page) {
  await expect(page.locator("html")).toHaveAttribute("data-app", "ready");
}

export class HomePage {
  constructor(page) {
    this.page = page;
    this.heading = page.getByRole("heading", { level: 1 });
    this.start = page.getByRole("link", { name: "Start the course" });
    this.resume = page.getByRole("link", { name: "Continue where you left off" });
    this.lessons = page.locator(".course-map > li");
  }
  async open() {
    await this.page.goto("./");
    await expect(this.heading).toHaveText("Attunement in relationships");
    await appReady(this.page);
  }
}

export class LessonPage {
  constructor(page) {
    this.page = page;
    this.heading = page.getByRole("heading", { level: 1 });
    this.checks = page.locator(".activity.check");
    this.reflections = page.locator(".activity.reflection");
    this.finish = page.getByRole("button", { name: /^Finish/ });
  }
  async open(slug) {
    await this.page.goto(`lesson/${slug}`);
    await expect(this.heading).toBeVisible();
    await appReady(this.page);
  }
  check(n) {
    return new CheckCard(this.checks.nth(n));
  }
  reflection(n) {
    return this.reflections.nth(n);
  }
}

export class CheckCard {
  constructor(root) {
    this.root = root;
    this.checkButton = root.getByRole("button", { name: "Check", exact: true });
    this.feedback = root.locator(".feedback");
    this.error = root.locator(".error");
    this.tryAgain = root.getByRole("button", { name: "Try again" });
    this.showAnswer = root.getByRole("button", { name: "Show answer" });
  }
  options() {
    return this.root.locator("fieldset").first().locator("input");
  }
}
