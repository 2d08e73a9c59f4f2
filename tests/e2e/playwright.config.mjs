// End-to-end tests against the release build in dist/, served the way
// GitHub Pages serves a project site (under /attune/, gzip, 404.html for
// deep links). Debian's Chromium: Playwright cannot download its own here.
import { defineConfig } from "@playwright/test";

// E2E_PORT lets runs side by side on one machine use different ports.
const PORT = Number(process.env.E2E_PORT ?? 4173);

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
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
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
