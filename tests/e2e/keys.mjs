// The localStorage keys the app writes (src/model/keys.rs), in one place, so a
// test never spells one out: each carries the base path the site is served
// under (base.mjs), so two sites on one origin never meet.
import { BASE } from "./base.mjs";
const PREFIX = `attune:${BASE}`;
export const KEYS = {
  progress: `${PREFIX}progress`,
  settings: `${PREFIX}settings`,
  glance: `${PREFIX}glance`,
  backup: `${PREFIX}backup`,
  deleted: `${PREFIX}deleted`,
};
/** The names builds before this one used, for every site on the origin. */
export const LEGACY = {
  progress: "attune:progress",
  settings: "attune:settings",
  glance: "attune:glance",
  backup: "attune:backup",
};
