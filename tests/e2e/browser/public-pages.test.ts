import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { describePublicPagesAt } from '../public-page-checks';
import {
	closePage,
	DESKTOP,
	expectAccessible,
	launchBrowser,
	openPage,
	PHONE,
	screenshot
} from '../support';

/**
 * Every public page at desktop width (at 320 px: public-pages-narrow), then keyboard use, the
 * language switch and the print stylesheet. (The HTML itself, script-free, is checked in
 * public-html.)
 */
describePublicPagesAt(DESKTOP);

/** Whether the focused element shows a visible focus indicator. */
function focusIndicator(page: Page) {
	return page.evaluate(() => {
		const el = document.activeElement as HTMLElement | null;
		if (!el || el === document.body) return null;
		const style = getComputedStyle(el);
		const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
		const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
		return {
			tag: el.tagName.toLowerCase(),
			href: el.getAttribute('href'),
			text: el.innerText.trim(),
			visible: outline || shadow
		};
	});
}

describe('public pages: keyboard, language, print', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('is usable by keyboard: skip link, header links, then the main navigation, focus visible', async () => {
		const page = await openPage(browser, { width: DESKTOP });
		try {
			await page.goto('/');
			const expected = await page.evaluate(() => {
				const focusable = (root: Element | null) =>
					root
						? [...root.querySelectorAll<HTMLElement>('a[href], button')].map(
								(el) => el.getAttribute('href') ?? el.innerText.trim()
							)
						: [];
				return {
					header: focusable(document.querySelector('.site-header__bar')),
					nav: focusable(document.querySelector('nav.site-nav'))
				};
			});
			expect(expected.nav).toEqual([
				'/',
				'/quartiersmanagement',
				'/haus-der-begegnung',
				'/veranstaltungen',
				'/raeume',
				'/aktuelles',
				'/kontakt'
			]);
			expect(expected.header.length).toBeGreaterThanOrEqual(2);

			const order = ['#inhalt', ...expected.header, ...expected.nav];
			for (const [index, want] of order.entries()) {
				await page.keyboard.press('Tab');
				const focused = await focusIndicator(page);
				expect(focused, `Tab ${index + 1}`).not.toBeNull();
				expect(focused!.href ?? focused!.text, `Tab ${index + 1}`).toBe(want);
				expect(focused!.visible, `focus indicator on ${want}`).toBe(true);
				if (index === 0) await screenshot(page, 'public-keyboard-skip-link');
			}

			// Enter on the skip link moves focus to the main content.
			await page.goto('/');
			await page.keyboard.press('Tab');
			await page.keyboard.press('Enter');
			await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('inhalt');
		} finally {
			await closePage(page);
		}
	});

	it('switches to English and back, staying on the same page', async () => {
		const page = await openPage(browser, { width: PHONE });
		try {
			for (const path of ['/', '/kontakt']) {
				await page.goto(path);
				await Promise.all([
					page.waitForNavigation(),
					page.locator('.language-switch a', { hasText: 'English' }).click()
				]);
				expect(new URL(page.url()).pathname).toBe(path);
				await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
				// On a phone the links are folded into the menu: open it like a visitor would.
				await page.locator('nav.site-nav summary').click();
				const nav = await page.locator('nav.site-nav').innerText();
				expect(nav).toContain('Home');
				expect(nav).toContain('Contact');
				expect(nav).not.toContain('Startseite');
				await expect(page.locator('.skip-link').innerText()).resolves.toBe('Skip to content');
				if (path === '/') {
					await expectAccessible(page, { atThisWidth: true });
					await screenshot(page, 'public-start-english');
				}

				await Promise.all([
					page.waitForNavigation(),
					page.locator('.language-switch a', { hasText: 'Deutsch' }).click()
				]);
				expect(new URL(page.url()).pathname).toBe(path);
				await expect(page.locator('html').getAttribute('lang')).resolves.toBe('de');
				await page.locator('nav.site-nav summary').click();
				await expect(page.locator('nav.site-nav').innerText()).resolves.toContain('Startseite');
			}
		} finally {
			await closePage(page);
		}
	});

	it('prints content without the navigation', async () => {
		const page = await openPage(browser, { width: DESKTOP });
		try {
			await page.goto('/quartiersmanagement');
			await expect(page.locator('nav.site-nav').isVisible()).resolves.toBe(true);
			await page.emulateMedia({ media: 'print' });
			await expect(page.locator('nav.site-nav').isVisible()).resolves.toBe(false);
			await expect(page.locator('.skip-link').isVisible()).resolves.toBe(false);
			await expect(page.locator('main h1').isVisible()).resolves.toBe(true);
		} finally {
			await closePage(page);
		}
	});
});
