// Attune's service worker (bundled into dist/sw.js by scripts/pwa/precache.mjs).
// It keeps every file of one build in one cache of ours, answers every
// navigation with the cached app shell, and activates a new version only
// when the page asks for it (after the reader accepts the update prompt).
import { cacheNames, clientsClaim, setCacheNameDetails } from "workbox-core";
import { createHandlerBoundToURL, precacheAndRoute } from "workbox-precaching";
import { NavigationRoute, registerRoute } from "workbox-routing";

// Our cache is "attune-offline-<scope>". Not Workbox's default
// "workbox-precache-v2-<scope>": other sites on the same github.io origin
// may use Workbox, whose clean-up deletes "-precache-" caches whose name
// contains its scope, and the user site's scope ("/") is part of ours.
const PREFIX = "attune";
setCacheNameDetails({ prefix: PREFIX, precache: "offline" });

// The build's files, each with its revision and integrity, injected by
// workbox-build. Workbox fetches them with cache: "reload" (past GitHub
// Pages' ten-minute HTTP cache); install fails whole if any fetch fails, and
// on activation only outdated entries of our cache are removed.
precacheAndRoute(self.__WB_MANIFEST);

// Deep links such as /<repo>/lesson/3: the app shell, online or offline.
registerRoute(new NavigationRoute(createHandlerBoundToURL("index.html")));

// The page sends this when the reader accepts "A new version is ready".
self.addEventListener("message", (event) => {
  if (event.data === "SKIP_WAITING") self.skipWaiting();
});

// Caches of an earlier Attune under a different name (ours: our prefix, our
// scope) go when this version takes over. Nothing else is ever deleted.
self.addEventListener("activate", (event) => {
  const scope = self.registration.scope;
  const current = cacheNames.precache;
  const ours = (name) => name.startsWith(`${PREFIX}-`) && name.endsWith(`-${scope}`);
  event.waitUntil(
    caches.keys().then((names) => Promise.all(names.filter((n) => ours(n) && n !== current).map((n) => caches.delete(n)))),
  );
});

// The first visit's page is controlled at once: what it loads later (a
// lesson's figure) comes from the cache, even offline before any reload.
clientsClaim();
