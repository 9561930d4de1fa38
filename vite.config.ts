import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vitest/config';
import { paraglideOptions } from './paraglide.config.js';

/** Builds use the messages compiled by scripts/compile-messages.mjs (skipped when unchanged). */
const compiledMessages = {
	name: 'quartier:compiled-messages',
	apply: 'build' as const,
	buildStart() {
		execFileSync(process.execPath, ['scripts/compile-messages.mjs'], { stdio: 'inherit' });
	}
};

// Named *.isolated.test.ts, or *.isolated.pglite.test.ts for one database (see below).
const ISOLATED = ['src/**/*.isolated.test.ts', 'src/**/*.isolated.*.test.ts'];
// Files about one database only are named for it and run only against it: *.pglite.test.ts (the
// embedded database's data folder, the admin CLI on it), *.postgres.test.ts (the pg client and a
// server's behaviour). TEST_DATABASE_URL picks the database (tests/helpers/db.ts).
const OTHER_DATABASE = process.env.TEST_DATABASE_URL
	? 'src/**/*.pglite.test.ts'
	: 'src/**/*.postgres.test.ts';
const unitTests = {
	globalSetup: ['tests/compile-messages.setup.ts', 'tests/test-databases.setup.ts'],
	environment: 'node',
	// vitest leaves one core to its main process by default: one worker on CI's two cores. The
	// main process idles while the tests (PGlite, argon2) work, so use all.
	maxWorkers: Math.max(os.availableParallelism(), 2),
	testTimeout: 30_000,
	hookTimeout: 60_000
};

/** HTTP and browser tests against the built server, one server per run (global setup). */
const againstTheBuild = {
	environment: 'node',
	globalSetup: ['tests/compile-messages.setup.ts', 'tests/e2e/global-setup.ts'],
	testTimeout: 60_000,
	hookTimeout: 120_000,
	fileParallelism: false,
	// One module graph for all files: playwright and axe are imported once, not per file.
	isolate: false
};

export default defineConfig(({ command }) => ({
	plugins: [
		// The Paraglide plugin recompiles on every change, for `vite dev`. Builds and vitest (its
		// global setup) use the cached compile instead; the plugin also keeps file handles open
		// that stop vitest from exiting.
		command === 'serve' && !process.env.VITEST
			? paraglideVitePlugin(paraglideOptions)
			: compiledMessages,
		sveltekit()
	],
	test: {
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'unit',
					...unitTests,
					include: ['src/**/*.test.ts', 'tests/*.test.ts', 'tests/factories/**/*.test.ts'],
					exclude: [...ISOLATED, OTHER_DATABASE],
					// Files share a worker's module graph (SvelteKit, drizzle, PGlite, the messages are
					// imported once per worker, not once per file): this more than halves the phase.
					// A worker keeps its first test database and empties it between files
					// (tests/helpers/db.ts). A file that mocks modules with vi.mock
					// must be named *.isolated.test.ts (tests/conventions.test.ts checks this).
					isolate: false
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'unit-isolated',
					...unitTests,
					include: ISOLATED,
					exclude: [OTHER_DATABASE]
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'http',
					include: ['tests/e2e/http/**/*.test.ts'],
					...againstTheBuild,
					// Two files at a time: most of an HTTP test's time is spent waiting for a server
					// (the shared one, or a private one starting), so two overlap well.
					fileParallelism: true,
					maxWorkers: 2
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'browser',
					include: ['tests/e2e/browser/**/*.test.ts'],
					...againstTheBuild,
					// Two files at a time, each worker with its own Chromium: a browser test spends much
					// of its time waiting for the page, the server or a mail, so the two overlap. Files
					// must not depend on each other's data (own accounts, own markers in texts).
					fileParallelism: true,
					maxWorkers: 2
				}
			}
		]
	}
}));
