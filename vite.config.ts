import os from 'node:os';
import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vitest/config';
import { paraglideOptions } from './paraglide.config.js';

export default defineConfig({
	plugins: [
		// Under vitest the messages are compiled once by a global setup instead: the plugin keeps
		// file handles open that stop vitest from exiting.
		!process.env.VITEST && paraglideVitePlugin(paraglideOptions),
		sveltekit()
	],
	test: {
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'unit',
					globalSetup: ['tests/compile-messages.setup.ts'],
					include: ['src/**/*.test.ts', 'tests/factories/**/*.test.ts'],
					environment: 'node',
					// vitest leaves one core to its main process by default: one worker on CI's two
					// cores. The main process idles while the tests (PGlite, argon2) work, so use all.
					maxWorkers: Math.max(os.availableParallelism(), 2),
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['tests/compile-messages.setup.ts', 'tests/e2e/global-setup.ts'],
					testTimeout: 60_000,
					hookTimeout: 120_000,
					fileParallelism: false,
					// One module graph for all files: playwright and axe are imported once, not per file.
					isolate: false
				}
			}
		]
	}
});
