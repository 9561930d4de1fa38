#!/usr/bin/env node
// `npm run admin -- <command> …`: runs the TypeScript admin CLI (src/lib/server/cli/admin.ts)
// with tsx. It resolves `$lib/…` through its own small tsconfig and uses its own compiled copy
// of the messages, so it neither needs `svelte-kit sync` nor touches src/lib/paraglide.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cache = path.join(root, 'node_modules', '.cache', 'quartier-admin');
const paraglideDir = path.join(cache, 'paraglide');

function newestMtime(dir) {
	let newest = 0;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
	}
	return newest;
}

const compiled = path.join(paraglideDir, 'messages.js');
const messagesAt = Math.max(
	newestMtime(path.join(root, 'messages')),
	fs.statSync(path.join(root, 'project.inlang', 'settings.json')).mtimeMs
);
if (!fs.existsSync(compiled) || fs.statSync(compiled).mtimeMs < messagesAt) {
	const result = spawnSync(
		process.execPath,
		[
			path.join(root, 'node_modules', '@inlang', 'paraglide-js', 'bin', 'run.js'),
			'compile',
			'--project',
			'./project.inlang',
			'--outdir',
			paraglideDir,
			'--strategy',
			'globalVariable',
			'baseLocale',
			'--silent'
		],
		{ cwd: root, stdio: 'inherit' }
	);
	if (result.status !== 0) process.exit(result.status ?? 1);
	fs.utimesSync(compiled, new Date(), new Date());
}

const tsconfig = path.join(cache, 'tsconfig.json');
fs.writeFileSync(
	tsconfig,
	JSON.stringify({
		compilerOptions: {
			target: 'es2022',
			module: 'esnext',
			moduleResolution: 'bundler',
			strict: true,
			paths: {
				'$lib/paraglide/*': ['./paraglide/*'],
				$lib: ['../../../src/lib'],
				'$lib/*': ['../../../src/lib/*']
			}
		}
	})
);

const child = spawn(
	process.execPath,
	[
		path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
		'--tsconfig',
		tsconfig,
		path.join(root, 'src', 'lib', 'server', 'cli', 'admin.ts'),
		...process.argv.slice(2)
	],
	{ cwd: root, stdio: 'inherit', env: { LOG_LEVEL: 'warn', ...process.env } }
);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
