// The localStorage keys the app writes (src/storage.rs), in one place, so a
// test never spells one out: they carry the site's base path.
export const KEYS = {
  progress: "attune:progress",
  settings: "attune:settings",
  glance: "attune:glance",
  backup: "attune:backup",
};
