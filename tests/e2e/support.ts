import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';
import type { ReceivedMail } from '../helpers/smtp';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOT_DIR = path.resolve('test-results/screenshots');

export const baseUrl = () => inject('baseUrl');

export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run'
		]
	});
}

export const DESKTOP = 1280;
export const PHONE = 375;
export const NARROW = 320;

/**
 * A fresh context (own cookies) at the given width. axe needs JavaScript in the page, so it is on by
 * default; pass javaScript: false to prove a flow works without it (then skip expectAccessible).
 */
export async function openPage(
	browser: Browser,
	{
		width = DESKTOP,
		javaScript = true,
		locale = 'de-DE'
	}: { width?: number; javaScript?: boolean; locale?: string } = {}
): Promise<Page> {
	const context = await browser.newContext({
		viewport: { width, height: 900 },
		javaScriptEnabled: javaScript,
		// axe-core is injected with eval, which our CSP forbids; CSP itself is asserted on headers.
		bypassCSP: true,
		locale,
		baseURL: baseUrl()
	});
	return context.newPage();
}

/** Closes the page's context (its cookies go with it). */
export async function closePage(page: Page): Promise<void> {
	await page.context().close();
}

/** Fails on any serious or critical axe finding, listing them. */
export async function expectAccessible(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	if (bad.length > 0) {
		const detail = bad
			.map(
				(v) =>
					`${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`
			)
			.join('\n');
		throw new Error(
			`axe found ${bad.length} serious/critical issue(s) on ${page.url()}:\n${detail}`
		);
	}
}

/** The page must not scroll sideways (content fits the viewport, e.g. at 320 px). */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	if (overflow > 1) throw new Error(`${page.url()} scrolls sideways by ${overflow}px`);
}

/** Saves test-results/screenshots/<name>-<width>.png (full page). */
export async function screenshot(page: Page, name: string): Promise<string> {
	fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
	const width = page.viewportSize()?.width ?? 0;
	const file = path.join(SCREENSHOT_DIR, `${name}-${width}.png`);
	await page.screenshot({ path: file, fullPage: true });
	return file;
}

/** Every mail the test SMTP server has received so far in this run. */
export function readMails(): ReceivedMail[] {
	return fs
		.readFileSync(inject('mailFile'), 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line) as ReceivedMail);
}

export async function waitForMail(
	predicate: (mail: ReceivedMail) => boolean,
	timeoutMs = 15_000
): Promise<ReceivedMail> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const found = readMails().find(predicate);
		if (found) return found;
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error('expected mail did not arrive');
}

/** Reads the CSRF token from a page's first form (for raw HTTP requests in bad-input tests). */
export async function csrfFrom(page: Page): Promise<string> {
	return page.locator('input[name="_csrf"]').first().inputValue();
}

/**
 * Raw form POST with the page's cookies (bad-input tests send what no browser form would).
 * Returns status and body.
 */
export async function postForm(
	page: Page,
	urlPath: string,
	fields: Record<string, string>,
	{ csrf = true }: { csrf?: boolean } = {}
): Promise<{ status: number; body: string }> {
	const data = { ...fields };
	if (csrf && data._csrf === undefined) data._csrf = await csrfFrom(page);
	const res = await page.request.post(urlPath, {
		form: data,
		headers: { origin: baseUrl(), accept: 'text/html' },
		maxRedirects: 0
	});
	return { status: res.status(), body: await res.text() };
}
