// End-to-end tests against the release build in dist/, served the way
// GitHub Pages serves a project site (under /attune/, gzip, 404.html for
// deep links). Debian's Chromium: Playwright cannot download its own here.
import { defineConfig } from "@playwright/test";
import { CHROMIUM_FLAGS } from "../chromium-flags.mjs";

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
    baseURL: `http://127.0.0.1:${PORT}/attune/`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: CHROMIUM_FLAGS,
    },
    trace: "off",
    screenshot: "only-on-failure",
  },
  webServer: {
    command: `node tests/e2e/serve.mjs dist ${PORT} /attune/`,
    cwd: "../..",
    url: `http://127.0.0.1:${PORT}/attune/`,
    reuseExistingServer: false,
    timeout: 20_000,
  },
});
