#!/usr/bin/env node
// Compiles messages/{de,en}.json to src/lib/paraglide, unless the output was already compiled
// from exactly these inputs (test phases, the build and the admin CLI each need the messages;
// compiling costs seconds of CPU, checking the stamp milliseconds). The Vite plugin compiles
// (and recompiles on change) only under `vite dev`. --force compiles anyway.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { paraglideOptions } from '../paraglide.config.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(ROOT);

const INPUTS = [
	'messages/de.json',
	'messages/en.json',
	'project.inlang/settings.json',
	'paraglide.config.js',
	'node_modules/@inlang/paraglide-js/package.json'
];
const STAMP = path.join(paraglideOptions.outdir, '.compiled-from');

const hash = createHash('sha256');
for (const file of INPUTS) hash.update(file).update(fs.readFileSync(file));
const inputs = hash.digest('hex');

const current = fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === inputs;
if (current && !process.argv.includes('--force')) process.exit(0);

const { compile } = await import('@inlang/paraglide-js');
fs.rmSync(STAMP, { force: true });
await compile(paraglideOptions);
fs.writeFileSync(STAMP, inputs);
// The inlang SDK leaves timers behind; nothing else is running, so leave now.
process.exit(0);
