// A release build served like GitHub Pages (tests/e2e/serve.mjs) on a port
// of its own, which a test can replace with another version or stop, to be
// offline for real. Versions are copies of the build under test (base.mjs)
// changed in place and finished again by the build's own post-build step
// (CSP, sw.js): seconds, not a rebuild.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { cp, mkdtemp, readFile, readdir, rename, rm, symlink, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { finishBuild } from "../../scripts/post-build.mjs";
import { BASE, DIST } from "./base.mjs";

const SERVE = fileURLToPath(new URL("./serve.mjs", import.meta.url));

async function freePort() {
  const probe = createServer().listen(0, "127.0.0.1");
  await once(probe, "listening");
  const { port } = probe.address();
  probe.close();
  await once(probe, "close");
  return port;
}

/** v2: a visible line, and a new inline script (the policy must let it run). */
export async function releaseNoteV2(dir) {
  const note =
    '<p id="release-note">Attune v2</p>\n' +
    '<script>document.documentElement.dataset.release = "v2";</script>\n';
  for (const page of (await readdir(dir, { recursive: true })).filter((f) => f.endsWith(".html"))) {
    const file = join(dir, page);
    const html = await readFile(file, "utf8");
    await writeFile(file, html.replace("</body>", `${note}</body>`));
  }
}

export class Site {
  constructor(root, port) {
    this.root = root;
    this.port = port;
    this.server = null;
    // What the server answered, "<status> <path>" a line (serve.mjs).
    this.log = join(root, "served.log");
  }

  /** Serves the build under test as it is. */
  static async start() {
    const site = new Site(await mkdtemp(join(tmpdir(), "attune-site-")), await freePort());
    await site.publish("v1");
    await site.listen();
    return site;
  }

  get origin() {
    return `http://127.0.0.1:${this.port}`;
  }

  url(path = "") {
    return `${this.origin}${BASE}${path}`;
  }

  /**
   * Serves a new version: the build changed by `change(dir)` and finished again,
   * minus the files in `remove` (taken away after sw.js lists them). Returns
   * its precache list. The served folder is a symlink, swapped at once.
   */
  async publish(name, { change, remove = [] } = {}) {
    const dir = join(this.root, name);
    await cp(DIST, dir, { recursive: true });
    let entries = null;
    if (change) {
      await change(dir);
      ({ entries } = await finishBuild(dir));
    }
    for (const file of remove) await rm(join(dir, file));
    const next = join(this.root, `${name}.link`);
    await symlink(dir, next);
    await rename(next, join(this.root, "current"));
    return entries;
  }

  async listen() {
    this.server = spawn(process.execPath, [SERVE, join(this.root, "current"), String(this.port), BASE], {
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, ATTUNE_SERVE_LOG: this.log },
    });
    const [line] = await once(this.server.stdout, "data");
    if (!String(line).startsWith("serving")) throw new Error(`serve.mjs: ${line}`);
  }

  /** Stops the server: from now on nothing answers on this origin. */
  async stop() {
    const server = this.server;
    this.server = null;
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    const exited = once(server, "exit");
    server.kill();
    await exited;
  }

  /** How many times the server sent each file's body (status 200), by its
   * path (a folder's address counts as its index.html). */
  async downloads() {
    const lines = (await readFile(this.log, "utf8").catch(() => "")).split("\n").filter(Boolean);
    const counts = {};
    for (const line of lines) {
      const [status, path] = line.split(" ");
      const file = path.endsWith("/") ? `${path}index.html` : path;
      if (status === "200") counts[file] = (counts[file] ?? 0) + 1;
    }
    return counts;
  }

  async dispose() {
    await this.stop();
    await rm(this.root, { recursive: true, force: true });
  }
}

/** Waits until the service worker has installed and controls the page. */
export async function waitForOfflineCopy(page) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** Offline for real: the server is gone and the browser is offline too. */
export async function goOffline(site, context) {
  await site.stop();
  await context.setOffline(true);
}
