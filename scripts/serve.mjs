#!/usr/bin/env node
// The production server: adapter-node's own server (build/index.js, with its graceful shutdown,
// socket activation and timeouts) plus one thing it lacks: a cache lifetime for the files from
// static/ (stylesheets, icon). Their names carry no hash, so they are cached for an hour and
// then revalidated with their ETag (a 304 without body); the hashed files under /_app/immutable/
// are cached for a year by adapter-node itself. `npm start`, `npm run bench` and the end-to-end
// tests run the server through this file. BUILD_DIR picks the build (default: build).
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const STATIC_CACHE_CONTROL = 'public, max-age=3600, stale-while-revalidate=86400';
const STATIC_PATHS = /^\/(styles\/[\w.-]+\.css|favicon\.svg)(\?|$)/;

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
	return server;
};

await import(pathToFileURL(path.resolve(process.env.BUILD_DIR ?? 'build', 'index.js')).href);
