import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
	baseUrl,
	expectAccessible,
	expectNoHorizontalScroll,
	launchBrowser,
	NARROW,
	openContext,
	PUBLIC_PAGES,
	screenshot
} from './support';

// /datenschutz is the same template as /impressum (an editable page): axe checks it once.
const SAME_TEMPLATE_AS_CHECKED = new Set(['/datenschutz']);

const slug = (path: string) => (path === '/' ? 'start' : path.slice(1).replace(/\//g, '-'));

/** Loads a page while recording every request the browser makes. */
async function visit(page: Page, path: string) {
	const requests: string[] = [];
	page.on('request', (request) => requests.push(request.url()));
	const response = await page.goto(path);
	await page.waitForLoadState('load');
	return { response, requests };
}

/**
 * Every public page in Chromium at one width: one h1, German, skip link, no sideways scroll, the
 * legal links, no third-party requests; axe at 320 px. One file per width (public-pages at 1280,
 * public-pages-narrow at 320), so that the two run side by side.
 */
export function describePublicPagesAt(width: number) {
	describe(`public pages at ${width} px`, () => {
		let browser: Browser;
		// One context for the page checks (anonymous visits: nothing to keep apart).
		let context: BrowserContext;
		beforeAll(async () => {
			browser = await launchBrowser();
			context = await openContext(browser, { width });
		});
		afterAll(async () => {
			await context?.close();
			await browser?.close();
		});

		it.each(PUBLIC_PAGES)('%s works', async (path) => {
			const page = await context.newPage();
			try {
				const { response, requests } = await visit(page, path);
				expect(response?.status()).toBe(200);
				await expect(page.locator('html').getAttribute('lang')).resolves.toBe('de');
				expect(await page.locator('h1').count()).toBe(1);
				await expect(page.locator('h1').innerText()).resolves.not.toBe('');
				await expect(page.title()).resolves.toMatch(/Kaster/);

				// The skip link is the first thing a keyboard user reaches, and leads to the content.
				const first = await page.evaluate(() => {
					const el = document.querySelector<HTMLElement>(
						'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])'
					);
					return el ? { cls: el.className, href: el.getAttribute('href') } : null;
				});
				expect(first).toEqual({ cls: 'skip-link', href: '#inhalt' });
				expect(await page.locator('main#inhalt').count()).toBe(1);

				for (const legal of ['/impressum', '/datenschutz', '/barrierefreiheit']) {
					expect(await page.locator(`footer a[href="${legal}"]`).count(), legal).toBe(1);
				}

				const origin = new URL(baseUrl()).origin;
				const external = requests.filter(
					(url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:')
				);
				expect(external, 'requests to other servers').toEqual([]);

				await expectNoHorizontalScroll(page);
				// The markup is the same at every width, so axe judges each template once, at 320 px:
				// the narrowest layout is where public pages differ most.
				if (width === NARROW && !SAME_TEMPLATE_AS_CHECKED.has(path))
					await expectAccessible(page, { atThisWidth: true });
				await screenshot(page, `public-${slug(path)}`);
			} finally {
				await page.close();
			}
		});
	});
}
