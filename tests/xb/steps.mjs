// The reader's journey, step by step, as plain WebDriver so that it runs in
// Chromium, Firefox and WebKit alike. Steps run in this order in one browser
// session and build on each other (the reflection written in one is looked
// for after the reload, in the journal and in the export).
//
// Adding a step (e.g. the service worker's offline visit) is one more entry
// in `steps`, placed where it belongs in the journey: it gets the same `ctx`
// (driver, base URL, engine, downloads folder, `launch` for a second
// session) and fails by throwing. The runner counts it like the others.
import { By, Key, until } from "selenium-webdriver";
import { readdirSync, readFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { lessons, anchor } from "../e2e/content.mjs";
import { BASE } from "../e2e/base.mjs";
import { KEYS } from "../e2e/keys.mjs";

const [one, two] = lessons;
const textReflection = one.reflections.find((r) => r.kind === "text");
const firstCheck = one.checks[0];
const WORDS = "My gran always knew when I was tired.";
const MORE = " She still does.";

// What the app's colours are (style/main.css): the page background.
const LIGHT_BG = "rgb(247, 243, 238)";
const DARK_BG = "rgb(27, 29, 34)";

// ---- small helpers -------------------------------------------------------

/** Polls `probe` until it returns something truthy; fails saying what it last saw. */
async function eventually(probe, what, ms = 10_000) {
  const end = Date.now() + ms;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) return last;
    } catch (e) {
      last = e.message;
    }
    if (Date.now() > end) throw new Error(`${what}: not within ${ms / 1000} s (last seen: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

function expectEqual(actual, expected, what) {
  if (actual !== expected) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

const css = (ctx, selector) => ctx.driver.findElement(By.css(selector));
const find = (ctx, selector, ms = 10_000) =>
  ctx.driver.wait(until.elementLocated(By.css(selector)), ms, `no element ${selector}`);
const script = (ctx, body, ...args) => ctx.driver.executeScript(body, ...args);
const stored = (ctx) => script(ctx, "return localStorage.getItem(arguments[0])", KEYS.progress);
const heading = (ctx) => script(ctx, "return document.querySelector('main h1')?.textContent.trim() ?? null");

/** Waits for the app to show a page whose h1 is `title`. */
const headingIs = (ctx, title) => eventually(async () => (await heading(ctx)) === title, `the page heading "${title}"`);

/** Loads a path under the site's base with get(): a real navigation. */
async function open(ctx, path) {
  await ctx.driver.get(ctx.base + path);
  await find(ctx, "main#main h1");
  await takenOver(ctx);
}

/** The app has taken over the page that arrived (src/takeover.rs): it answers. */
async function takenOver(ctx) {
  await eventually(
    async () => (await ctx.driver.executeScript("return document.documentElement.dataset.app")) === "ready",
    "the app taking over the page",
  );
}

/** A button or link by its visible name, inside `root` (an element or the driver). */
function byName(root, tag, name) {
  return root.findElement(By.xpath(`.//${tag}[normalize-space()=${JSON.stringify(name)}]`));
}

/** Sends keys to whatever has focus, as a keyboard user would. */
const press = (ctx, ...keys) => ctx.driver.actions().sendKeys(...keys).perform();

/** The focus ring of the focused element: our 3px solid outline, visible. */
async function expectFocusRing(ctx, what) {
  const ring = await script(
    ctx,
    `const el = document.activeElement;
     if (!el || el === document.body) return null;
     const s = getComputedStyle(el);
     return { tag: el.tagName, id: el.id || el.className, text: el.textContent.trim().slice(0, 40), style: s.outlineStyle, width: s.outlineWidth };`,
  );
  if (!ring || ring.style !== "solid" || ring.width !== "3px") {
    throw new Error(`${what}: no visible focus ring on the focused element (${JSON.stringify(ring)})`);
  }
  return ring;
}

export async function screenshot(ctx, name) {
  mkdirSync(ctx.shots, { recursive: true });
  // Let the engine paint what just changed (WebKit's screenshot otherwise
  // can show the frame before the focus moved).
  await ctx.driver
    .executeAsyncScript("const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()))")
    .catch(() => {});
  writeFileSync(join(ctx.shots, `${name}.png`), await ctx.driver.takeScreenshot(), "base64");
}

const bodyBackground = (ctx) => script(ctx, "return getComputedStyle(document.body).backgroundColor");

// ---- the journey -----------------------------------------------------------

export const steps = [
  {
    name: "home renders with the lesson list, in light colours, with a focus ring",
    async run(ctx) {
      await open(ctx, "");
      await headingIs(ctx, "Attunement in relationships");
      const items = await ctx.driver.findElements(By.css(".course-map > li"));
      expectEqual(items.length, lessons.length, "lessons listed");
      for (const [i, lesson] of lessons.entries()) {
        const text = await items[i].getText();
        if (!text.includes(lesson.title)) throw new Error(`lesson ${i + 1} should be "${lesson.title}", got: ${text}`);
      }
      expectEqual(await bodyBackground(ctx), LIGHT_BG, "page background with prefers-color-scheme: light");
      // The first Tab reaches the skip link, which appears with its ring.
      await press(ctx, Key.TAB);
      const ring = await expectFocusRing(ctx, "after Tab on home");
      ctx.note(`first Tab on home focuses ${ring.tag} "${ring.text}"`);
      await screenshot(ctx, "home");
    },
  },
  {
    name: "open a lesson from the list",
    async run(ctx) {
      const link = await css(ctx, `.course-map a[href$="lesson/${one.slug}/"]`);
      await link.click();
      await eventually(async () => (await ctx.driver.getCurrentUrl()).endsWith(`${BASE}lesson/${one.slug}/`), "the lesson's address");
      await headingIs(ctx, one.title);
    },
  },
  {
    name: "answer a knowledge check and see the feedback",
    async run(ctx) {
      const card = await find(ctx, `#${anchor(firstCheck.id)}`);
      await ctx.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", card);
      for (const id of firstCheck.correct) {
        const input = await card.findElement(By.css(`input[value="${id}"]`));
        // A reader clicks the option's words, its label.
        await card.findElement(By.css(`label[for="${await input.getAttribute("id")}"]`)).click();
        if (!(await input.isSelected())) throw new Error(`option ${id} not chosen by clicking its label`);
      }
      await byName(card, "button", "Check").click();
      const feedback = await card.findElement(By.css(".feedback"));
      await eventually(async () => (await feedback.getText()).includes("Correct."), "feedback saying Correct.");
      // The Check button goes away and the focus moves to the feedback, so
      // that it is read next. The app does this on the next animation frame,
      // which WebKitGTK (software-rendered under Xvfb) paints up to a second
      // later: wait for it rather than race it.
      await eventually(
        () => script(ctx, "return document.activeElement === arguments[0]", feedback),
        "the focus on the feedback",
      );
    },
  },
  {
    name: "write a reflection; it is saved as typed",
    async run(ctx) {
      const box = await find(ctx, `#${anchor(textReflection.id)} textarea`);
      await ctx.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", box);
      await box.click();
      await box.sendKeys(WORDS);
      // Leaving the box shows the warm response, and moves the focus ring on.
      await press(ctx, Key.TAB);
      const response = await css(ctx, `#${anchor(textReflection.id)} .response`);
      await eventually(async () => (await response.getText()).length > 0, "the response after leaving the box");
      await eventually(async () => (await stored(ctx))?.includes(WORDS), "the reflection in localStorage");
      const ring = await expectFocusRing(ctx, "after Tab out of the reflection");
      ctx.note(`Tab out of the reflection focuses ${ring.tag} ${ring.id} "${ring.text}"`);
      await screenshot(ctx, "lesson");
    },
  },
  {
    name: "reload (a fresh get of the address): the answer and the reflection are kept",
    async run(ctx) {
      // get(), not navigate().refresh(): in Firefox a refresh leaves the page
      // uncontrolled by a service worker, so the reload a reader does is a get.
      await ctx.driver.get(await ctx.driver.getCurrentUrl());
      await headingIs(ctx, one.title);
      const box = await find(ctx, `#${anchor(textReflection.id)} textarea`);
      await eventually(async () => (await box.getAttribute("value")) === WORDS, "the reflection after reload");
      const feedback = await css(ctx, `#${anchor(firstCheck.id)} .feedback`);
      await eventually(async () => (await feedback.getText()).includes("Correct."), "the check's feedback after reload");
    },
  },
  {
    name: "→ goes to the next lesson",
    async run(ctx) {
      // The arrow keys work when no form control has focus: the heading.
      await script(ctx, "document.querySelector('main h1').focus()");
      await press(ctx, Key.ARROW_RIGHT);
      await headingIs(ctx, two.title);
      await eventually(async () => (await ctx.driver.getCurrentUrl()).endsWith(`${BASE}lesson/${two.slug}/`), "the next lesson's address");
    },
  },
  {
    name: "the journal lists the reflection and edits it in place",
    async run(ctx) {
      const nav = await css(ctx, "nav");
      const link = await byName(nav, "a", "Journal");
      await eventually(() => link.isDisplayed(), "the Journal link in the header");
      await link.click();
      await headingIs(ctx, "Your journal");
      const box = await find(ctx, `#${anchor(textReflection.id)} textarea`);
      expectEqual(await box.getAttribute("value"), WORDS, "the reflection in the journal");
      await box.sendKeys(Key.END, MORE);
      await eventually(async () => (await stored(ctx))?.includes(WORDS + MORE), "the journal edit saved");
    },
  },
  {
    name: "the data page: Safari's seven-day rule, and this browser's persistence answer",
    async run(ctx) {
      await byName(await css(ctx, "nav"), "a", "Your data").click();
      await headingIs(ctx, "Your data");
      const text = await css(ctx, "main").getText();
      if (!/Safari \(on iPhone, iPad and Mac\) after seven days without a visit/.test(text)) {
        throw new Error("the Data page no longer says Safari removes data after seven days without a visit");
      }
      // The app asks navigator.storage.persist() after the first save of a
      // visit (the journal edit, here). Engines answer differently (granted,
      // refused, or a permission prompt that never settles headless); the
      // page must say what this engine answered, and never "will ask" after
      // a save.
      const said = {
        granted: "Your browser has agreed to keep this data",
        refused: "Your browser may clear this data if space runs low",
        unsupported: "This browser does not say whether it will keep this data",
        "not asked yet": "Attune asks your browser to keep this data safe the next time something is saved",
      };
      let answer;
      let shown;
      const fits = async () => {
        answer = await ctx.driver.executeAsyncScript(`
          const done = arguments[arguments.length - 1];
          if (!navigator.storage || typeof navigator.storage.persist !== 'function') return done('unsupported');
          navigator.storage.persisted().then((p) => done(p ? 'granted' : 'not granted'), () => done('unsupported'));`);
        const text = await css(ctx, "main").getText();
        shown = Object.keys(said).find((k) => text.includes(said[k]));
        return answer === "granted" ? shown === "granted" : shown === "refused" || shown === "unsupported";
      };
      await eventually(fits, "the Data page's persistence sentence matching the browser's answer", 5_000).catch(() => {
        throw new Error(`persistence: the browser says ${answer}, the page says ${shown ?? "nothing"}`);
      });
      ctx.note(`navigator.storage.persisted() = ${answer}; the Data page says "${shown}"`);
    },
  },
  {
    name: "export produces a backup file",
    async run(ctx) {
      await byName(await css(ctx, "main"), "button", "Download a backup").click();
      const name = await eventually(
        () => readdirSync(ctx.downloads).find((f) => /^attune-backup-\d{4}-\d{2}-\d{2}\.json$/.test(f)),
        `a file attune-backup-<date>.json in ${ctx.downloads}`,
        20_000,
      );
      // The file may still be being written: wait until it parses.
      const backup = await eventually(() => {
        try {
          return JSON.parse(readFileSync(join(ctx.downloads, name), "utf8"));
        } catch {
          return null;
        }
      }, "a complete backup file");
      expectEqual(backup.app, "attune", "backup.app");
      expectEqual(backup.schema, 3, "backup.schema");
      if (!JSON.stringify(backup).includes(WORDS + MORE)) throw new Error("the backup does not hold the reflection");
      ctx.note(`export saved ${name} to the download folder`);
    },
  },
  {
    name: "a protected backup: this engine's WebCrypto seals it, no word shows, and it opens again",
    async run(ctx) {
      const words = "tidal lantern window";
      await (await css(ctx, "#backup-protect")).click();
      await (await find(ctx, "#backup-passphrase")).sendKeys(words);
      await (await css(ctx, "#backup-passphrase-again")).sendKeys(words);
      await byName(await css(ctx, "main"), "button", "Download a protected backup").click();
      const name = await eventually(
        () => readdirSync(ctx.downloads).find((f) => /^attune-backup-\d{4}-\d{2}-\d{2}-protected\.json$/.test(f)),
        `a file attune-backup-<date>-protected.json in ${ctx.downloads}`,
        20_000,
      );
      const text = await eventually(() => {
        try {
          const text = readFileSync(join(ctx.downloads, name), "utf8");
          return JSON.parse(text).data ? text : null;
        } catch {
          return null;
        }
      }, "a complete protected backup file");
      const file = JSON.parse(text);
      expectEqual(file.encrypted, 1, "file.encrypted");
      expectEqual(file.iterations, 600000, "file.iterations");
      // Words of five letters or more: a shorter one turns up in base64 by chance.
      const typedWords = `${WORDS}${MORE} ${words}`.match(/[A-Za-z]{5,}/g);
      for (const typed of typedWords) {
        if (text.includes(typed)) throw new Error(`the protected file shows "${typed}"`);
      }
      // Chosen again as a real File (WebDriver file upload differs by engine).
      await script(
        ctx,
        `const input = document.getElementById('backup-file');
         const files = new DataTransfer();
         files.items.add(new File([arguments[0]], arguments[1], { type: 'application/json' }));
         input.files = files.files;
         input.dispatchEvent(new Event('change', { bubbles: true }));`,
        text,
        name,
      );
      const box = await find(ctx, "#open-passphrase");
      await eventually(() => box.isDisplayed(), "the passphrase box for the protected file");
      await box.sendKeys("not the words", Key.ENTER);
      const error = await css(ctx, "#open-passphrase-error");
      await eventually(async () => (await error.getText()).includes("The passphrase is wrong"), "the wrong-passphrase message");
      await box.clear();
      await box.sendKeys(words, Key.ENTER);
      const status = await css(ctx, "#import-status");
      await eventually(async () => (await status.getText()).includes("This backup is from"), "the opened backup's summary");
      await byName(status, "button", "Cancel").click();
      ctx.note(`${name}: sealed by this engine, refused with a wrong passphrase, opened with the right one`);
    },
  },
  {
    name: "finish lesson 1; when its items are due, Review offers them and one is rated",
    async run(ctx) {
      await open(ctx, `lesson/${one.slug}`);
      await headingIs(ctx, one.title);
      const finish = await find(ctx, ".lesson-end .lesson-nav button");
      await script(ctx, "arguments[0].scrollIntoView({block: 'center'})", finish);
      await finish.click();
      await headingIs(ctx, two.title);
      const count = one.keyIdeas.length + one.checks.length;
      const review = () => script(ctx, "return JSON.parse(localStorage.getItem(arguments[0])).progress.review", KEYS.progress);
      await eventually(async () => Object.keys((await review()) ?? {}).length === count, "the lesson's items in the schedule");
      // A day passes: what WebDriver cannot do to the clock, done to the
      // stored due dates (as a reader coming back would find them).
      await script(
        ctx,
        `const doc = JSON.parse(localStorage.getItem(arguments[0]));
         for (const card of Object.values(doc.progress.review)) card.due = 0;
         localStorage.setItem(arguments[0], JSON.stringify(doc));`,
        KEYS.progress,
      );
      await open(ctx, "");
      const nav = await css(ctx, "nav");
      await eventually(async () => (await nav.getText()).includes(`Review (${count})`), `"Review (${count})" in the header`);
      await byName(nav, "a", `Review (${count})`).click();
      await headingIs(ctx, "Review");
      await find(ctx, ".review-item h2");
      const reveal = await ctx.driver.findElement(
        By.xpath("//main//button[normalize-space()='Show the answer' or normalize-space()='Show the idea']"),
      );
      await reveal.click();
      const good = await find(ctx, ".rating button.rate:nth-child(3)");
      expectEqual(await (await good.findElement(By.css("strong"))).getText(), "Good", "the third rating");
      await good.click();
      const status = await css(ctx, ".page.review > [role=status]");
      await eventually(async () => (await status.getAttribute("textContent")).startsWith("Saved: Good."), "the rating announced");
      await eventually(async () => (await nav.getText()).includes(`Review (${count - 1})`), "one fewer due in the header");
      await eventually(
        async () => Object.values(await review()).filter((c) => c.reps === 1).length === 1,
        "the rating saved",
      );
      await screenshot(ctx, "review");
    },
  },
  {
    name: "another tab's edit arrives (storage event) in an open lesson",
    async run(ctx) {
      const first = await ctx.driver.getWindowHandle();
      await open(ctx, `lesson/${one.slug}`);
      await ctx.driver.switchTo().newWindow("tab");
      const second = await ctx.driver.getWindowHandle();
      try {
        await open(ctx, `lesson/${one.slug}`);
        const box = await find(ctx, `#${anchor(textReflection.id)} textarea`);
        await box.clear();
        await box.sendKeys("Written in the other tab");
        await eventually(async () => (await stored(ctx))?.includes("Written in the other tab"), "the other tab's save");
      } finally {
        await ctx.driver.close();
        await ctx.driver.switchTo().window(first);
      }
      const box = await find(ctx, `#${anchor(textReflection.id)} textarea`);
      await eventually(
        async () => (await box.getAttribute("value")) === "Written in the other tab",
        "the edit from the other tab shown in this one",
      );
      void second;
    },
  },
  {
    name: "a full storage: a banner, the work kept on screen, and it clears once saving works",
    async run(ctx) {
      await open(ctx, `lesson/${one.slug}`);
      // Fill the origin's storage as another site on the same address could.
      const filled = await script(
        ctx,
        `const chunk = 'x'.repeat(256 * 1024);
         for (let n = 0; n < 200; n++) {
           try { localStorage.setItem('filler:' + n, chunk); }
           catch (e) { return { n, name: e.name, code: e.code }; }
         }
         return { n: 200 };`,
      );
      if (!filled.name) throw new Error(`storage never filled up (${filled.n} × 256 KB)`);
      ctx.note(`a full localStorage throws ${filled.name} (code ${filled.code}) after ${((filled.n * 256) / 1024).toFixed(1)} MB`);
      try {
        const box = await find(ctx, `#${anchor(textReflection.id)} textarea`);
        const big = "y".repeat(300 * 1024);
        await script(ctx, "arguments[0].scrollIntoView({block: 'center'})", box);
        // Typing 300 KB key by key would take minutes; set it and fire the
        // input event the app listens to, as a paste does.
        await script(
          ctx,
          `arguments[0].value = arguments[1];
           arguments[0].dispatchEvent(new Event('input', { bubbles: true }));`,
          box,
          big,
        );
        const notices = await css(ctx, ".notices");
        await eventually(
          async () => (await notices.getText()).includes("Your latest changes could not be saved"),
          "the could-not-save banner",
        );
        expectEqual((await box.getAttribute("value")).length, big.length, "the text kept on screen");
      } finally {
        await script(ctx, "for (const k of Object.keys(localStorage)) if (k.startsWith('filler:')) localStorage.removeItem(k)");
      }
      const box = await css(ctx, `#${anchor(textReflection.id)} textarea`);
      await box.clear();
      await box.sendKeys("Room again");
      await eventually(async () => (await stored(ctx))?.includes("Room again"), "a save once there is room");
      await eventually(async () => (await css(ctx, ".notices").getText()).trim() === "", "the banner gone");
    },
  },
  {
    name: "dark mode: prefers-color-scheme: dark gives the dark colours",
    async run(ctx) {
      // A second session, launched dark: how each engine is told differs
      // (DevTools emulation, a Firefox pref, the GTK theme for WebKit).
      const dark = await ctx.launch({ dark: true });
      const dctx = { ...ctx, driver: dark.driver };
      try {
        await open(dctx, "");
        await headingIs(dctx, "Attunement in relationships");
        expectEqual(await bodyBackground(dctx), DARK_BG, "page background with prefers-color-scheme: dark");
        await press(dctx, Key.TAB);
        await expectFocusRing(dctx, "after Tab on home, dark");
        await screenshot(dctx, "home-dark");
        await open(dctx, `lesson/${one.slug}`);
        await headingIs(dctx, one.title);
        const card = await find(dctx, `#${anchor(firstCheck.id)}`);
        await dctx.driver.executeScript("arguments[0].scrollIntoView({block: 'start'})", card);
        await byName(card, "button", "Check").click();
        await eventually(async () => (await card.getText()).includes("Choose an answer first"), "the error for no answer");
        await screenshot(dctx, "lesson-dark");
      } finally {
        await dark.close();
      }
    },
  },
  {
    // Last: it stops the server.
    name: "the service worker takes control and, with the server stopped, a deep link still opens",
    async run(ctx) {
      await open(ctx, "");
      const ready = await ctx.driver.executeAsyncScript(
        `const done = arguments[arguments.length - 1];
         if (!navigator.serviceWorker) return done("no serviceWorker API");
         navigator.serviceWorker.ready.then(() => done(true), (e) => done(String(e)));`,
      );
      expectEqual(ready, true, "a service worker installed and active");
      // A fresh get (not refresh: Firefox leaves a refreshed page uncontrolled).
      await open(ctx, "about");
      await eventually(() => script(ctx, "return !!navigator.serviceWorker.controller"), "the page controlled by the worker");
      await ctx.stopServer();
      await ctx.driver.get(`${ctx.base}lesson/${two.slug}`);
      await headingIs(ctx, two.title);
      await find(ctx, `#${anchor(two.checks[0].id)}`);
    },
  },
];
