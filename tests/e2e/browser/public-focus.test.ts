import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { closePage, DESKTOP, launchBrowser, openPage, PHONE, screenshot } from '../support';

/**
 * Focus must be visible and readable: every focused element in the header, the menu and the
 * footer has text that contrasts at least 4.5:1 with its own background (WCAG 1.4.3 while
 * focused, 2.4.7). axe does not look at focus states, so this walks them with the Tab key.
 */
async function focusedContrast(page: Page) {
	return page.evaluate(() => {
		const el = document.activeElement as HTMLElement | null;
		if (!el || el === document.body) return null;
		const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
		const luminance = ([r, g, b]: number[]) => {
			const lin = (v: number) => {
				const s = v / 255;
				return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
			};
			return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
		};
		// The background actually behind the text: the first ancestor with an opaque colour.
		let node: HTMLElement | null = el;
		let background = 'rgb(255, 255, 255)';
		while (node) {
			const bg = getComputedStyle(node).backgroundColor;
			const parts = rgb(bg);
			if (parts.length >= 3 && (parts.length < 4 || parts[3] > 0.5)) {
				background = bg;
				break;
			}
			node = node.parentElement;
		}
		const [a, b] = [luminance(rgb(getComputedStyle(el).color)), luminance(rgb(background))];
		const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
		return { text: (el.innerText || el.getAttribute('aria-label') || el.tagName).trim(), ratio };
	});
}

async function tabThrough(page: Page, stops: number) {
	const seen: { text: string; ratio: number }[] = [];
	for (let i = 0; i < stops; i += 1) {
		await page.keyboard.press('Tab');
		const focused = await focusedContrast(page);
		if (focused) seen.push(focused);
	}
	return seen;
}

describe('focus states', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it.each([DESKTOP, PHONE])(
		'are readable in the header, menu and footer at %i px',
		async (width) => {
			const page = await openPage(browser, { width });
			try {
				await page.goto('/kontakt');
				if (width === PHONE) {
					// Open the folded menu with the keyboard, as a visitor would.
					await page.locator('nav.site-nav summary').focus();
					await page.keyboard.press('Enter');
					await page.locator('.skip-link').focus();
				}
				const header = await tabThrough(page, 11);
				expect(header.map((f) => f.text)).toEqual(
					expect.arrayContaining(['English', 'Anmelden', 'Startseite', 'Kontakt'])
				);
				for (const focused of header) {
					expect(focused.ratio, `${focused.text} focused`).toBeGreaterThanOrEqual(4.5);
				}
				await page.locator('.site-nav a', { hasText: 'Aktuelles' }).focus();
				await screenshot(page, `focus-header-${width}`);
				await page.locator('footer a').first().focus();
				const footer = await tabThrough(page, 4);
				for (const focused of footer) {
					expect(focused.ratio, `${focused.text} focused`).toBeGreaterThanOrEqual(4.5);
				}
			} finally {
				await closePage(page);
			}
		}
	);
});
