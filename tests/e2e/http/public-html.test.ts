import { describe, expect, it } from 'vitest';
import { baseUrl, PUBLIC_PAGES } from '../support';

/**
 * The HTML of every public page, fetched without a browser: cheap enough to run against both
 * databases (npm test repeats this file on PostgreSQL), so every page's loaders run on both.
 * The browser checks of the same pages (widths, axe, keyboard) are in public-pages.test.ts.
 */
describe.each(PUBLIC_PAGES)('%s as HTML', (path) => {
	it('is complete, German, script-free and loads nothing from elsewhere', async () => {
		const res = await fetch(`${baseUrl()}${path}`, { headers: { accept: 'text/html' } });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^text\/html/);
		const html = await res.text();

		expect(html).toMatch(/^<!doctype html>\s*<html lang="de"/i);
		expect(html.match(/<h1[\s>]/g)?.length ?? 0, 'number of h1').toBe(1);
		expect(html).toMatch(/<title>[^<]*Kaster[^<]*<\/title>/);

		// No client framework payload and no inline event handlers.
		expect(html).not.toMatch(/<script\b/i);
		expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
		expect(html).not.toContain('__sveltekit');

		// The first focusable element is the skip link to the main content.
		const body = html.slice(html.indexOf('<body'));
		const firstFocusable = /<(a|button|input|select|textarea)\b[^>]*>/.exec(body)?.[0] ?? '';
		expect(firstFocusable).toMatch(/class="skip-link"/);
		expect(firstFocusable).toMatch(/href="#inhalt"/);
		expect(html).toMatch(/<main id="inhalt"/);

		for (const legal of ['/impressum', '/datenschutz', '/barrierefreiheit']) {
			expect(html, legal).toMatch(new RegExp(`<footer[\\s\\S]*href="${legal}"[\\s\\S]*</footer>`));
		}

		// Everything the browser would load (styles, images, icons, fonts) comes from this server.
		const origin = new URL(baseUrl()).origin;
		const loaded = [
			...html.matchAll(/<(?:img|source|iframe|video|audio|embed)\b[^>]*\ssrcset?="([^"]+)"/g),
			...html.matchAll(/<link\b[^>]*\shref="([^"]+)"/g),
			...html.matchAll(/url\((['"]?)([^)'"]+)\1\)/g)
		].map((m) => m[m.length - 1]);
		for (const url of loaded) {
			const resolved = new URL(url.split(/\s/)[0], `${origin}${path}`);
			if (resolved.protocol === 'data:') continue;
			expect(resolved.origin, `${url} is loaded from elsewhere`).toBe(origin);
		}
		for (const sheet of loaded.filter((u) => u.endsWith('.css'))) {
			const css = await fetch(new URL(sheet, `${origin}${path}`));
			expect(css.status, sheet).toBe(200);
			expect(await css.text()).not.toMatch(
				/@import\s+url\(\s*['"]?https?:|url\(\s*['"]?https?:\/\//
			);
		}
	});
});
