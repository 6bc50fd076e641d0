// Arms Atlas service worker: after the first visit the app works with the network cut.
// This is the template; `cargo xtask dist` writes the finished worker to the top of dist/
// (so its scope is the page's folder, whatever sub-path the host uses) with BUILD, a hash
// of every precached file, and PRECACHE, the files of that build. boot.js registers it.
//
// * Navigations to the page, and the two files that keep their names (the data and the
//   map), are network-first: online you always get what the host serves now; offline (or
//   when the host is down) the copy cached with this build.
// * Files with a content hash in their name (glue, wasm, CSS, boot.js) are cache-first:
//   a name never changes content, so every build's page gets exactly its own files.
// * The French, German and Russian tables (OPTIONAL) are fetched only by their readers, so
//   they are not precached: at install the worker keeps those the page has already fetched
//   (from the HTTP cache, never from the network), and later keeps any the page fetches
//   through it. A reader's language works offline; nobody downloads the others.
// * A new build installs its own cache next to the old one, checks that the page it cached
//   names only files it cached (a deploy half-way through the install fails it, to be
//   retried), takes over, and then deletes only this copy's older caches. The user's own
//   dataset lives in another cache ('arms-atlas-user-data', src/state/user_data.rs) that is
//   never touched here.
const BUILD = '__ARMS_ATLAS_BUILD__';
const PRECACHE = ['__ARMS_ATLAS_PRECACHE__'];
const OPTIONAL = ['__ARMS_ATLAS_OPTIONAL__'];

const SCOPE = new URL(self.registration.scope);
// One prefix per copy of the app, so copies under other sub-paths of the same origin keep
// their caches.
const PREFIX = `arms-atlas-app ${SCOPE.pathname} `;
const CACHE = PREFIX + BUILD;
const HASHED = /-[0-9a-f]{16}\.[^/]+$/;
const PAGE = 'index.html';

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const fetched = await Promise.all(PRECACHE.map(async (path) => {
      const url = new URL(path, SCOPE);
      // Hashed files may come from the HTTP cache; the others are revalidated.
      const res = await fetch(url, { cache: HASHED.test(path) ? 'default' : 'no-cache' });
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
      return [url, res];
    }));
    const page = fetched.find(([url]) => url.pathname === SCOPE.pathname + PAGE);
    const html = await page[1].clone().text();
    const have = new Set(PRECACHE);
    for (const m of html.matchAll(/(?:href|src)="(?:\.\/)?([^"]+)"/g)) {
      if (HASHED.test(m[1]) && !have.has(m[1])) {
        throw new Error(`${PAGE} names ${m[1]}, which is not in build ${BUILD}`);
      }
    }
    const cache = await caches.open(CACHE);
    await Promise.all(fetched.map(([url, res]) => cache.put(url, res)));
    // The tables this browser already has (the page fetched them); no network.
    await Promise.all(OPTIONAL.map(async (path) => {
      const url = new URL(path, SCOPE);
      try {
        const res = await fetch(url, { cache: 'only-if-cached', mode: 'same-origin' });
        if (res.ok) await cache.put(url, res);
      } catch {
        // Not fetched by this reader: fetched (and kept) if ever asked for.
      }
    }));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

async function fromCache(key) {
  const cache = await caches.open(CACHE);
  return cache.match(new URL(key, SCOPE), { ignoreVary: true, ignoreSearch: false });
}

async function networkFirst(request, key) {
  try {
    return await fetch(request);
  } catch (e) {
    const hit = await fromCache(key);
    if (hit) return hit;
    throw e;
  }
}

async function cacheFirst(request, key) {
  return (await fromCache(key)) || fetch(request);
}

/** Cache-first, keeping what the network gives (a table the page asks for). */
async function cacheFirstKeep(request, key) {
  const hit = await fromCache(key);
  if (hit) return hit;
  const res = await fetch(request);
  if (res.ok) {
    const copy = res.clone();
    caches.open(CACHE).then((c) => c.put(new URL(key, SCOPE), copy)).catch(() => {});
  }
  return res;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return;
  let path;
  try {
    path = decodeURIComponent(url.pathname.slice(SCOPE.pathname.length));
  } catch {
    return; // a malformed %-escape: not one of our files
  }
  if (request.mode === 'navigate') {
    // The page itself, with any query (the filters live there); other paths are not ours.
    if (path === '' || path === PAGE) event.respondWith(networkFirst(request, PAGE));
    return;
  }
  if (url.search) return;
  if (OPTIONAL.includes(path)) {
    event.respondWith(cacheFirstKeep(request, path));
    return;
  }
  if (!PRECACHE.includes(path)) return;
  event.respondWith(HASHED.test(path) ? cacheFirst(request, path) : networkFirst(request, path));
});
