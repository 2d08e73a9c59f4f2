// End-to-end tests against a release build (ATTUNE_DIST, dist/ by default),
// served the way GitHub Pages serves a project site (under its base path,
// ATTUNE_BASE, /attune/ by default; gzip; 404.html for unknown addresses):
// see base.mjs. Debian's Chromium: Playwright cannot download its own here.
import { defineConfig } from "@playwright/test";
import { CHROMIUM_FLAGS } from "../chromium-flags.mjs";
import { BASE, DIST } from "./base.mjs";

// ATTUNE_E2E_PORT when 4173 is taken (e.g. by another checkout's server).
const PORT = Number(process.env.ATTUNE_E2E_PORT || 4173);

export default defineConfig({
  testDir: ".",
  testMatch: /.*\.spec\.mjs/,
  outputDir: "results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}${BASE}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: CHROMIUM_FLAGS,
    },
    trace: "off",
    screenshot: "only-on-failure",
  },
  webServer: {
    command: `node tests/e2e/serve.mjs "${DIST}" ${PORT} ${BASE}`,
    cwd: "../..",
    url: `http://127.0.0.1:${PORT}${BASE}`,
    reuseExistingServer: false,
    timeout: 20_000,
  },
});
