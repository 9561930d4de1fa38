#!/usr/bin/env node
// `npm start`: build when the build is missing or older than the sources, then run the server.
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { serverNodeOptions } from './lib/server-options.mjs';

const STAMP = 'build/.built-at';
const SOURCES = [
	'src',
	'messages',
	'static',
	'drizzle',
	'package.json',
	'svelte.config.js',
	'vite.config.ts',
	'project.inlang/settings.json'
];

function newestMtime(entry) {
	if (!fs.existsSync(entry)) return 0;
	const stat = fs.statSync(entry);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const child of fs.readdirSync(entry)) {
		if (entry === 'src' && child === 'lib') {
			for (const sub of fs.readdirSync(path.join(entry, child))) {
				if (sub !== 'paraglide')
					newest = Math.max(newest, newestMtime(path.join(entry, child, sub)));
			}
			continue;
		}
		newest = Math.max(newest, newestMtime(path.join(entry, child)));
	}
	return newest;
}

const builtAt = fs.existsSync(STAMP) ? fs.statSync(STAMP).mtimeMs : 0;
const sourcesAt = Math.max(...SOURCES.map(newestMtime));
if (!fs.existsSync('build/index.js') || sourcesAt > builtAt) {
	console.log('Building Quartier (first start or sources changed) …');
	const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
	fs.writeFileSync(STAMP, new Date().toISOString());
}

const port = process.env.PORT ?? '3000';
const host = process.env.HOST && process.env.HOST !== '0.0.0.0' ? process.env.HOST : 'localhost';
// Without ORIGIN (or PROTOCOL_HEADER behind a proxy) adapter-node takes every request for https:
// cookies become Secure and form posts from http://localhost are refused as cross-site.
const origin =
	process.env.ORIGIN || (process.env.PROTOCOL_HEADER ? undefined : `http://${host}:${port}`);
console.log(`Starting Quartier on ${origin ?? `port ${port}`}`);
const server = spawn(process.execPath, [...serverNodeOptions(), 'scripts/serve.mjs'], {
	stdio: 'inherit',
	env: {
		NODE_ENV: 'production',
		...process.env,
		BUILD_DIR: 'build',
		PORT: port,
		...(origin ? { ORIGIN: origin } : {})
	}
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
