// Reads the lesson files (and the recap) the app is built from, so tests
// know each lesson's slug, questions and right answers without copying them.
// Only the few TOML shapes the lesson files use are understood.
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const dir = fileURLToPath(new URL("../../src/content/lessons/", import.meta.url));

function readLesson(file, folder = dir) {
  const lesson = { file, keyIdeas: [], checks: [], reflections: [] };
  let current = null;
  let option = null;
  // The strings of a `key = [` array being read, one per line, to `]`.
  let list = null;
  for (const line of readFileSync(join(folder, file), "utf8").split("\n")) {
    const t = line.trim();
    if (list) {
      if (t === "]") list = null;
      else {
        const m = t.match(/^"((?:[^"\\]|\\.)*)",?$/);
        if (m) list.push(m[1].replaceAll('\\"', '"'));
      }
      continue;
    }
    const array = t.match(/^(\w+)\s*=\s*\[$/);
    if (array) {
      list = [];
      (option ?? current ?? lesson)[array[1]] = list;
      continue;
    }
    if (t === "[[key_idea]]") {
      current = {};
      lesson.keyIdeas.push(current);
      option = null;
    } else if (t === "[[check]]") {
      current = { kind: null, options: [], correct: [] };
      lesson.checks.push(current);
      option = null;
    } else if (t === "[[check.option]]") {
      option = {};
      current.options.push(option);
    } else if (t === "[[reflection]]") {
      current = { kind: null, items: [] };
      lesson.reflections.push(current);
      option = null;
    } else if (t === "[[reflection.item]]") {
      option = {};
      current.items.push(option);
    } else {
      const m = t.match(/^(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|(\w+))/);
      if (!m) continue;
      const [, key, str, word] = m;
      const value = str?.replaceAll('\\"', '"') ?? (word === "true" ? true : word === "false" ? false : word);
      const target = option ?? current ?? lesson;
      target[key] = value;
      if (option && key === "correct" && value === true) current.correct.push(option.id);
    }
  }
  return lesson;
}

export const lessons = readdirSync(dir)
  .filter((f) => f.endsWith(".toml"))
  .sort()
  .map((f) => readLesson(f));

/** The course recap (src/content/recap.toml): checks only, each with its `lesson`. */
export const recap = readLesson("recap.toml", join(dir, ".."));

/** The DOM id the app gives an activity (see model::routes::activity_anchor). */
export const anchor = (id) => `q-${id.replaceAll(".", "--")}`;
