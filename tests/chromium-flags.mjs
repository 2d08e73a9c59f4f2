// Chromium's switches for every headless run here (Playwright, WebDriver,
// Lighthouse). This machine reaches no network but the package registries:
// without the background-networking switches Chromium keeps trying to call
// home and logs refused connections; --no-sandbox because tests run as root.
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
