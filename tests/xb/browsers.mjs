// Starts a WebDriver session in one of three engines, using only the builds
// scripts/install-tools put on the machine (Debian's packages, geckodriver
// from crates.io). Playwright cannot drive Debian's Firefox or WebKitGTK (it
// needs its own patched builds, which cannot be downloaded here), so this is
// plain WebDriver through npm's selenium-webdriver.
//
//   const session = await launch("firefox", { dark: false, downloads: "/tmp/x" });
//   ... session.driver ...
//   await session.close();   // quits the browser, stops the driver (and Xvfb)
//
// Every process started here is stopped by close(), and by closeAll() on any
// exit path of the runner, so a failing run leaves no browser behind.
import { Builder, Capabilities } from "selenium-webdriver";
import chrome from "selenium-webdriver/chrome.js";
import firefox from "selenium-webdriver/firefox.js";
import { spawn, execFileSync } from "node:child_process";
import { createServer } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CHROMIUM_FLAGS } from "../chromium-flags.mjs";

export const ENGINES = ["chromium", "firefox", "webkit"];

// Selenium Manager would try to download drivers and browsers when a path is
// missing; every path is given below, and this makes sure it never tries.
process.env.SE_OFFLINE = "true";

const WIDTH = 1280;
const HEIGHT = 900;

/** The path of a command on PATH, or the command itself when absent. */
function which(cmd) {
  try {
    return execFileSync("sh", ["-c", `command -v "${cmd}"`], { encoding: "utf8" }).trim() || cmd;
  } catch {
    return cmd;
  }
}

/** A TCP port nobody listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Everything still running that this process started: stopped by closeAll().
const running = new Set();

export async function closeAll() {
  for (const stop of [...running].reverse()) {
    running.delete(stop);
    await stop().catch(() => {});
  }
}

function track(stop) {
  running.add(stop);
  return async () => {
    if (!running.delete(stop)) return;
    await stop();
  };
}

/** Kills a child process, then SIGKILLs it if it has not gone within 3 s. */
function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill("SIGKILL"), 3000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/**
 * Starts a private X server for WebKitGTK, which needs a display even when
 * nothing is looked at (without one, the new-session request hangs). Xvfb
 * picks a free display number itself and writes it to fd 3.
 */
async function startXvfb() {
  const child = spawn("Xvfb", ["-displayfd", "3", "-screen", "0", `${WIDTH}x${HEIGHT + 100}x24`, "-nolisten", "tcp"], {
    stdio: ["ignore", "ignore", "pipe", "pipe"],
  });
  const stop = track(() => stopChild(child));
  const display = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("Xvfb did not start within 15 s")), 15000);
    child.stdio[3].on("data", (d) => {
      out += d;
      if (out.includes("\n")) {
        clearTimeout(timer);
        resolve(`:${out.trim()}`);
      }
    });
    child.on("exit", (code) => reject(new Error(`Xvfb exited (${code})`)));
  });
  return { display, stop };
}

async function chromium({ dark, downloads }) {
  const options = new chrome.Options()
    .setChromeBinaryPath(process.env.CHROMIUM_PATH || which(process.env.CHROMIUM || "chromium"))
    .addArguments("--headless", ...CHROMIUM_FLAGS, `--window-size=${WIDTH},${HEIGHT}`)
    .setUserPreferences({
      "download.default_directory": downloads,
      "download.prompt_for_download": false,
    });
  // The service is built here, not by selenium, so that it is stopped even
  // when the session fails to start.
  const service = new chrome.ServiceBuilder(process.env.CHROMEDRIVER || which("chromedriver")).setLoopback(true).build();
  const stop = track(() => service.kill());
  const driver = await chrome.Driver.createSession(options, service);
  // prefers-color-scheme has no switch that headless Chromium honours in
  // every version; DevTools emulation is exact and lasts for this tab.
  await driver.sendDevToolsCommand("Emulation.setEmulatedMedia", {
    features: [{ name: "prefers-color-scheme", value: dark ? "dark" : "light" }],
  });
  return { driver, stop };
}

async function firefoxEsr({ dark, downloads }) {
  const options = new firefox.Options()
    .setBinary(process.env.FIREFOX_PATH || which(process.env.FIREFOX || "firefox-esr"))
    .addArguments("-headless", `--width=${WIDTH}`, `--height=${HEIGHT}`)
    // Save downloads without asking, into our temp dir, so the test can
    // find the exported file on disk.
    .setPreference("browser.download.folderList", 2)
    .setPreference("browser.download.dir", downloads)
    .setPreference("browser.download.useDownloadDir", true)
    .setPreference("browser.download.always_ask_before_handling_new_types", false)
    .setPreference("browser.helperApps.neverAsk.saveToDisk", "application/json,text/markdown")
    .setPreference("browser.download.manager.showWhenStarting", false)
    // 0 = dark, 1 = light: what pages see as prefers-color-scheme.
    .setPreference("layout.css.prefers-color-scheme.content-override", dark ? 0 : 1);
  const service = new firefox.ServiceBuilder(process.env.GECKODRIVER || which("geckodriver")).setLoopback(true).build();
  const stop = track(() => service.kill());
  const driver = await firefox.Driver.createSession(options, service);
  return { driver, stop };
}

const MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

/** Polls a WebDriver server's /status until it answers. */
async function waitForDriver(url, ms) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      if ((await fetch(`${url}/status`)).ok) return;
    } catch {}
    if (Date.now() > end) throw new Error(`WebDriver at ${url} did not answer within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Stops a process started in its own process group, and everything in that
 * group: for WebKit that is the driver, MiniBrowser and its web, network
 * and GPU processes, which otherwise outlive the driver for a moment.
 */
function stopGroup(child) {
  const signal = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {}
  };
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(force);
      signal("SIGKILL"); // stragglers of the group, if any
      resolve();
    };
    const force = setTimeout(finish, 5000);
    if (child.exitCode !== null || child.signalCode !== null) return finish();
    child.once("exit", () => setTimeout(finish, 300));
    signal("SIGTERM");
  });
}

async function webkit({ dark, downloads }) {
  const xvfb = await startXvfb();
  const port = await freePort();
  const env = {
    ...process.env,
    DISPLAY: xvfb.display,
    // WebKitGTK follows the GTK theme for prefers-color-scheme.
    GTK_THEME: dark ? "Adwaita:dark" : "Adwaita",
    // MiniBrowser saves downloads to the XDG download folder, else $HOME:
    // point both at our temp dir so the exported file can be found.
    HOME: downloads,
    XDG_DOWNLOAD_DIR: downloads,
    XDG_CONFIG_HOME: join(downloads, ".config"),
    XDG_DATA_HOME: join(downloads, ".local"),
    XDG_CACHE_HOME: join(downloads, ".cache"),
    // Nothing to gain from a GL shader cache written at exit.
    MESA_SHADER_CACHE_DISABLE: "true",
  };
  // WebKitWebDriver is not one of selenium's known drivers: start it
  // ourselves (its own process group, so that stopping it stops the
  // browser's processes too) and give selenium its address.
  const child = spawn(process.env.SAFARIDRIVER || which("WebKitWebDriver"), [`--port=${port}`], {
    env,
    stdio: "ignore",
    detached: true,
  });
  const stopDriver = track(() => stopGroup(child));
  const url = `http://127.0.0.1:${port}`;
  await waitForDriver(url, 30_000);
  // browserName must be given (selenium requires one) and must be what the
  // driver reports: "MiniBrowser", not "webkit".
  const caps = new Capabilities({
    browserName: "MiniBrowser",
    "webkitgtk:browserOptions": { binary: process.env.MINIBROWSER || MINIBROWSER, args: ["--automation"] },
  });
  const driver = await new Builder().disableEnvironmentOverrides().usingServer(url).withCapabilities(caps).build();
  await driver
    .manage()
    .window()
    .setRect({ x: 0, y: 0, width: WIDTH, height: HEIGHT })
    .catch(() => {});
  return {
    driver,
    stop: async () => {
      await stopDriver();
      await xvfb.stop();
    },
  };
}

const LAUNCHERS = { chromium, firefox: firefoxEsr, webkit };

/**
 * A new browser session. `dark` sets prefers-color-scheme; `downloads` is
 * the folder the engine saves downloads to (a fresh temp dir by default).
 */
export async function launch(engine, { dark = false, downloads } = {}) {
  if (!LAUNCHERS[engine]) throw new Error(`unknown engine ${engine}; one of ${ENGINES.join(", ")}`);
  const ownDownloads = !downloads;
  downloads ??= mkdtempSync(join(tmpdir(), `attune-xb-${engine}-`));
  let quit = async () => {};
  const stopQuit = track(() => quit());
  const { driver, stop } = await LAUNCHERS[engine]({ dark, downloads });
  quit = async () => {
    // quit() closes the browser and stops chromedriver/geckodriver; a
    // browser that hangs must not hang the run, so it is bounded.
    await Promise.race([driver.quit(), new Promise((r) => setTimeout(r, 15000))]).catch(() => {});
    if (stop) await stop();
    if (ownDownloads) rmSync(downloads, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  };
  await driver.manage().setTimeouts({ pageLoad: 30_000, script: 30_000, implicit: 0 });
  return { engine, driver, downloads, dark, close: stopQuit };
}
