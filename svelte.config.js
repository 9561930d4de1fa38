import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// BUILD_DIR / KIT_OUT_DIR let several working copies of a developer build side by side.
		adapter: adapter({ out: process.env.BUILD_DIR ?? 'build', precompress: true }),
		outDir: process.env.KIT_OUT_DIR ?? '.svelte-kit',
		// Hashes for SvelteKit's own inline bootstrap script; no 'unsafe-inline' for scripts.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none'],
				'base-uri': ['self'],
				'object-src': ['none']
			}
		},
		alias: {
			$tests: 'tests'
		}
	}
};

export default config;
