// Attune's service worker (bundled into dist/sw.js by scripts/pwa/precache.mjs).
// It keeps every file of one build in one cache of ours, answers every
// navigation with that page's own cached HTML (every page is a file of the
// build), and activates a new version only when the page asks for it
// (after the reader accepts the update prompt).
import { cacheNames, clientsClaim, setCacheNameDetails } from "workbox-core";
import { addPlugins, getCacheKeyForURL, matchPrecache, precacheAndRoute } from "workbox-precaching";
import { NavigationRoute, registerRoute } from "workbox-routing";

// Our cache is "attune-offline-<scope>". Not Workbox's default
// "workbox-precache-v2-<scope>": other sites on the same github.io origin
// may use Workbox, whose clean-up deletes "-precache-" caches whose name
// contains its scope, and the user site's scope ("/") is part of ours.
const PREFIX = "attune";
setCacheNameDetails({ prefix: PREFIX, precache: "offline" });

// The build's files, each with its integrity, and a revision unless its
// name is one already. Workbox fetches the others as the browser would,
// from its HTTP cache if it has them; install fails whole if any fetch
// fails, and on activation only outdated entries of our cache go.
// Workbox asks for a revised file with cache: "reload", which downloads it
// again even when the browser has just fetched it for the page (the page
// itself, its figures): "no-cache" asks the server instead, which answers
// "not modified" when it is the same, so a first visit downloads each file
// once. A changed file comes anew either way, and its integrity is checked.
addPlugins([
  {
    requestWillFetch: async ({ request }) => (request.cache === "reload" ? new Request(request, { cache: "no-cache" }) : request),
  },
]);

// Pages are listed by their address with the trailing slash (lesson/x/,
// and ./ for home), as they are asked for. Whatever query an address
// carries, it names the same file, as GitHub Pages answers it: links
// shared in mail and chat apps gain ?utm_..., ?fbclid=, ?ref=..., and
// Workbox's default ignores only the first two, so a shared link would
// get the not-found page. No file of the build is told apart by a query.
precacheAndRoute(self.__WB_MANIFEST, { directoryIndex: null, ignoreURLParametersMatching: [/.*/] });

// Without the slash, the same redirect GitHub Pages answers with, so the
// page's address, and so every link the page makes, is the one it was
// built for.
registerRoute(
  ({ request, url }) =>
    request.mode === "navigate" && !url.pathname.endsWith("/") && getCacheKeyForURL(`${url.pathname}/`),
  ({ url }) => Response.redirect(`${url.pathname}/${url.search}`, 301),
);

// Any other address in our scope: the not-found page, with its status.
registerRoute(
  new NavigationRoute(async () => {
    const page = await matchPrecache("404.html");
    return page ? new Response(page.body, { status: 404, headers: page.headers }) : Response.error();
  }),
);

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
