// Readers who never opened a lesson, answering every check of the course
// (the lessons' and the recap's) from the wording alone. Each guesser is
// played on the built pages: the options as shown, its pick checked with
// the app's own Check button. None may beat chance by more than a quarter
// over the course.
//
// The word lists are written out here, as the test's definition of each
// guesser. crates/content/src/cues.rs measures the same guessers at build
// time, and tests/content.rs keeps its lists equal to these.
import { test, expect } from "@playwright/test";
import { LessonPage, watchProblems, appReady } from "./pages.mjs";
import { lessons, recap, anchor } from "./content.mjs";

/** Words that soften a claim. */
const HEDGES = [
  "may", "might", "can", "could", "often", "perhaps", "possibly", "probably", "likely", "maybe",
  "sometimes", "usually", "tend", "tends", "seem", "seems",
];

/** Words and phrases that make a claim absolute. */
const ABSOLUTES = [
  "always", "never", "only", "all", "every", "everyone", "everything", "nothing", "nobody", "none",
  "no one", "must", "cannot", "can't", "completely", "totally", "entirely", "forever", "for good",
];

/** The gentlest reading: warm, even-handed, without blame. */
const GENTLE = [
  "understandable", "natural", "kind", "kindly", "gentle", "gently", "safe", "care", "cares", "caring",
  "protect", "protects", "protecting", "both", "each", "open", "warm", "warmly", "love", "loved", "loving",
  "comfort", "support", "listen", "listens", "curious", "patient", "relief", "honest", "share", "shares",
  "together", "respect", "makes sense", "their best",
];

/** The harshest reading: blame, fault, failure. */
const HARSH = [
  "blame", "fault", "lying", "lie", "trick", "punish", "punishing", "punishment", "selfish", "cold", "fail",
  "failed", "weak", "wrong", "bad", "lazy", "manipulate", "controlling", "on purpose", "does not care",
  "doesn't care", "give up", "too much",
];

/** Words too common to count when an option shares them with the question. */
const STOP = [
  "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as",
  "is", "are", "was", "were", "be", "been", "being", "it", "its", "it's", "this", "that", "these", "those",
  "he", "she", "they", "them", "his", "her", "their", "him", "we", "us", "our", "you", "your", "i", "me",
  "my", "so", "not", "no", "do", "does", "did", "has", "have", "had", "what", "which", "who", "how", "why",
  "when", "there", "here", "than", "then", "too", "very", "just", "into", "out", "up", "about", "more",
  "most", "one", "some", "any", "will", "would", "should", "own", "also", "even", "still",
];

const words = (text) =>
  text
    .replaceAll("\u2019", "'")
    .split(/[^\p{L}']+/u)
    .map((w) => w.replace(/^'+|'+$/g, "").toLowerCase())
    .filter(Boolean);

/** How many times the words or phrases of `list` occur in `text`. */
const count = (text, list) => {
  const padded = ` ${words(text).join(" ")} `;
  return list.reduce((n, entry) => n + padded.split(` ${entry} `).length - 1, 0);
};

const stem = (w) => {
  const base = w.endsWith("'s") ? w.slice(0, -2) : w;
  return base.endsWith("s") && base.length - 1 > 3 && !base.slice(0, -1).endsWith("s") ? base.slice(0, -1) : base;
};
const contentWords = (text) => new Set(words(text).filter((w) => w.length > 2 && !STOP.includes(w)).map(stem));

const hedges = (t) => count(t, HEDGES);
const absolutes = (t) => count(t, ABSOLUTES);

/** Each guesser scores every option; it picks the top one (ties shared). */
const GUESSERS = {
  "the gentlest option": (t) => count(t, GENTLE) - count(t, HARSH),
  "the fewest absolutes": (t) => -absolutes(t),
  "the most hedges": (t) => hedges(t),
  "most words shared with the question": (t, question) => {
    const asked = contentWords(question);
    return [...contentWords(t)].filter((w) => asked.has(w)).length;
  },
  // Multiple choice only: every hedged option without an absolute.
  "tick the hedged options": null,
};

/** What a blind guess scores: one option in n, or one set in 2^n - 1. */
const chance = (kind, n) => (kind === "single" ? 1 / n : 1 / (2 ** n - 1));

/** A check as the reader sees it: question, options in order, their ids. */
async function readCheck(card) {
  const scenario = (await card.locator(".scenario").count()) ? await card.locator(".scenario").innerText() : "";
  const question = `${scenario} ${await card.locator("fieldset legend").first().innerText()}`;
  const options = card.locator("fieldset").first().locator(".option");
  const ids = await options.locator("input").evaluateAll((els) => els.map((e) => e.value));
  const labels = await options.locator("label").allInnerTexts();
  const kind = (await options.locator("input").first().getAttribute("type")) === "radio" ? "single" : "multiple";
  return { question, ids, labels, kind, options };
}

/** Picks exactly `chosen` (option ids), presses Check, reads the verdict. */
async function attempt(card, check, chosen) {
  for (const [i, id] of check.ids.entries()) {
    const input = check.options.nth(i).locator("input");
    if (chosen.includes(id)) await input.check();
    else if (check.kind === "multiple") await input.uncheck();
  }
  await card.getByRole("button", { name: "Check", exact: true }).click();
  const verdict = card.locator(".feedback .verdict").first();
  await expect(verdict).toHaveText(/Correct\.|Not quite\./);
  const right = (await verdict.innerText()).includes("Correct.");
  if (!right) await card.getByRole("button", { name: "Try again" }).click();
  return right;
}

/** Every guesser's expected score on one check, each pick checked by the app. */
async function play(card) {
  const check = await readCheck(card);
  const verdicts = new Map();
  const verdict = async (ids) => {
    const key = [...ids].sort().join(",");
    if (!verdicts.has(key)) verdicts.set(key, ids.length ? await attempt(card, check, ids) : false);
    return verdicts.get(key);
  };
  const scores = {};
  for (const [name, score] of Object.entries(GUESSERS)) {
    if (!score) {
      if (check.kind === "single") continue;
      const ticked = check.ids.filter((_, i) => hedges(check.labels[i]) > 0 && absolutes(check.labels[i]) === 0);
      scores[name] = (await verdict(ticked)) ? 1 : 0;
      continue;
    }
    const points = check.labels.map((l) => score(l, check.question));
    const best = Math.max(...points);
    const top = check.ids.filter((_, i) => points[i] === best);
    if (check.kind === "single") {
      // A tie is broken at random: each tied option is checked in turn.
      let right = 0;
      for (const id of top) if (await verdict([id])) right += 1;
      scores[name] = right / top.length;
    } else {
      scores[name] = (await verdict(top)) ? 1 : 0;
    }
  }
  return { scores, chance: chance(check.kind, check.ids.length), kind: check.kind };
}

test("no guesser that reads only the wording beats chance by a quarter, over every check of the course", async ({
  page,
}) => {
  test.setTimeout(300_000);
  const problems = watchProblems(page);
  const totals = Object.fromEntries(Object.keys(GUESSERS).map((n) => [n, { right: 0, chance: 0, checks: 0 }]));
  const add = ({ scores, chance }) => {
    for (const [name, score] of Object.entries(scores)) {
      totals[name].right += score;
      totals[name].chance += chance;
      totals[name].checks += 1;
    }
  };
  let played = 0;
  const view = new LessonPage(page);
  for (const lesson of lessons) {
    await view.open(lesson.slug);
    await expect(view.checks).toHaveCount(lesson.checks.length);
    for (const c of lesson.checks) {
      add(await play(page.locator(`#${anchor(c.id)}`)));
      played += 1;
    }
  }
  await page.goto("course-end");
  await appReady(page);
  for (const c of recap.checks) {
    const card = page.locator(`#${anchor(c.id)}`);
    await expect(card).toBeVisible();
    add(await play(card));
    played += 1;
  }
  expect(played).toBe(lessons.flatMap((l) => l.checks).length + recap.checks.length);
  for (const [name, t] of Object.entries(totals)) {
    const times = t.right / t.chance;
    console.log(`${name}: ${t.right.toFixed(2)} right of ${t.chance.toFixed(2)} by chance over ${t.checks} checks = ${times.toFixed(2)} x chance`);
  }
  for (const [name, t] of Object.entries(totals)) {
    expect(t.checks, name).toBeGreaterThan(0);
    expect(t.right / t.chance, name).toBeLessThanOrEqual(1.25);
  }
  expect(problems).toEqual([]);
});
