#!/usr/bin/env node
// The production server: adapter-node's own server (build/index.js, with its graceful shutdown,
// socket activation and timeouts) plus two things it lacks:
// - a cache lifetime for the files from static/ (stylesheets, icon). Their names carry no hash, so
//   they are cached for an hour and then revalidated with their ETag (a 304 without body); the
//   hashed files under /_app/immutable/ are cached for a year by adapter-node itself;
// - the page cache's fast path: each request goes first to the responder the app registers under
//   Symbol.for('quartier.pageCache') (src/lib/server/ops/page-responder.ts), which answers cached
//   pages itself and passes everything else on to adapter-node's handler.
// `npm start`, `npm run bench` and the end-to-end tests run the server through this file.
// BUILD_DIR picks the build (default: build).
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const STATIC_CACHE_CONTROL = 'public, max-age=3600, stale-while-revalidate=86400';
const STATIC_PATHS = /^\/(styles\/[\w.-]+\.css|favicon\.svg)(\?|$)/;
const PAGE_RESPONDER = Symbol.for('quartier.pageCache');

/** The app's handler, behind the page responder if one is registered (by the app's init). */
function pageCacheFirst(handler) {
	return function (req, res) {
		const respond = globalThis[PAGE_RESPONDER];
		if (typeof respond !== 'function') return handler.call(this, req, res);
		respond(req, res, () => handler.call(this, req, res));
	};
}

const createServer = http.createServer;
http.createServer = function (...args) {
	http.createServer = createServer;
	const server = createServer.apply(this, args);
	// Runs before adapter-node's handler; the static file server keeps headers set here.
	server.prependListener('request', (req, res) => {
		if ((req.method === 'GET' || req.method === 'HEAD') && STATIC_PATHS.test(req.url ?? '')) {
			res.setHeader('cache-control', STATIC_CACHE_CONTROL);
		}
	});
	// The first 'request' listener added after this is polka's (adapter-node's handler); the next,
	// adapter-node's request counter for graceful shutdown, must see every request and stays as is.
	server.on = server.addListener = function (event, listener) {
		if (event !== 'request') return Object.getPrototypeOf(server).on.call(this, event, listener);
		delete server.on;
		delete server.addListener;
		return server.on(event, pageCacheFirst(listener));
	};
	return server;
};

// adapter-node has one body limit for every request, but an image upload needs more than a form:
// its limit is raised to what an upload needs, and the app applies BODY_SIZE_LIMIT to every other
// request itself (src/lib/server/ops/body-limit.ts, which reads QUARTIER_BODY_SIZE_LIMIT).
const UPLOAD_OVERHEAD = 256 * 1024; // as in body-limit.ts
// The most image files one form takes (MAX_UPLOAD_FILES in body-limit.ts: the concern form's photos).
const MAX_UPLOAD_FILES = 3;
function parseBytes(value) {
	const multiplier = { K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[value.at(-1)?.toUpperCase() ?? ''];
	return multiplier ? Number(value.slice(0, -1)) * multiplier : Number(value);
}
const formLimit = process.env.BODY_SIZE_LIMIT || '512K';
const uploadLimit =
	MAX_UPLOAD_FILES * Number(process.env.IMAGE_MAX_BYTES || 10 * 1024 * 1024) + UPLOAD_OVERHEAD;
if (!Number.isNaN(parseBytes(formLimit)) && Number.isFinite(uploadLimit)) {
	process.env.QUARTIER_BODY_SIZE_LIMIT = formLimit;
	process.env.BODY_SIZE_LIMIT = String(Math.max(parseBytes(formLimit), uploadLimit));
}

await import(pathToFileURL(path.resolve(process.env.BUILD_DIR ?? 'build', 'index.js')).href);
