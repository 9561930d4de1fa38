/**
 * Helpers for end-to-end tests against the shared server (see global-setup.ts).
 *
 * Signed-in pages:
 *   loginAs(browser: Browser, role: TestRole, options?: { width?: number; javaScript?: boolean }): Promise<Page>
 *     TestRole = 'admin' | 'content' | 'rooms' | 'concerns' | 'resident'
 *   returns a new page (own context) with the session cookie of that role's test account
 *   (emailFor(role), password TEST_PASSWORD), made and logged in once per run by global setup.
 *   Close it with closePage(page). Without a browser: HttpClient.as(role) in http.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import type { ReceivedMail } from '../helpers/smtp';
import { EXTRA_ACCOUNTS, type TestRole } from './accounts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOT_DIR = path.resolve('test-results/screenshots');

export const baseUrl = () => inject('baseUrl');

let sharedBrowser: Promise<Browser> | undefined;

/**
 * The worker's Chromium. A worker's files share one module graph (isolate: false in
 * vite.config.ts), so they share one browser instead of starting one each; `close()` on it
 * does nothing (each test closes its own contexts), and it ends with the worker.
 */
export function launchBrowser(): Promise<Browser> {
	sharedBrowser ??= chromium.launch({
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
	return sharedBrowser.then(
		(browser) =>
			new Proxy(browser, {
				get(target, property) {
					if (property === 'close') return async () => {};
					const value = Reflect.get(target, property, target);
					return typeof value === 'function' ? value.bind(target) : value;
				}
			})
	);
}

/** Every public page (German slugs); public-html and public-pages check each of them. */
export const PUBLIC_PAGES = [
	'/',
	'/quartiersmanagement',
	'/haus-der-begegnung',
	'/raeume',
	'/aktuelles',
	'/kontakt',
	'/leichte-sprache',
	'/gebaerdensprache',
	'/impressum',
	'/datenschutz',
	'/barrierefreiheit'
];

export const DESKTOP = 1280;
export const PHONE = 375;
export const NARROW = 320;

/**
 * A fresh context (own cookies) at the given width. axe needs JavaScript in the page, so it is on by
 * default; pass javaScript: false to prove a flow works without it (then skip expectAccessible).
 */
export async function openPage(
	browser: Browser,
	options: { width?: number; javaScript?: boolean; locale?: string } = {}
): Promise<Page> {
	return (await openContext(browser, options)).newPage();
}

/** A fresh context (own cookies) for several pages of one kind, e.g. one width. */
export function openContext(
	browser: Browser,
	{
		width = DESKTOP,
		javaScript = true,
		locale = 'de-DE'
	}: { width?: number; javaScript?: boolean; locale?: string } = {}
): Promise<BrowserContext> {
	return browser.newContext({
		viewport: { width, height: 900 },
		javaScriptEnabled: javaScript,
		// axe-core is injected with eval, which our CSP forbids; CSP itself is asserted on headers.
		bypassCSP: true,
		locale,
		baseURL: baseUrl()
	});
}

/** Closes the page's context (its cookies go with it). */
export async function closePage(page: Page): Promise<void> {
	await page.context().close();
}

/**
 * Fails on any serious or critical axe finding, listing them.
 *
 * axe judges the DOM and its colours. Our pages are rendered on the server with the same markup
 * at every width (no width-dependent menus), so axe runs at desktop width; at a narrower width
 * this checks what does change there, the layout (no sideways scroll). Pass `atThisWidth` to run
 * axe at the current width as well (the public pages at 320 px do).
 */
export async function expectAccessible(
	page: Page,
	{ atThisWidth = false }: { atThisWidth?: boolean } = {}
): Promise<void> {
	if (!atThisWidth && (page.viewportSize()?.width ?? DESKTOP) < DESKTOP) {
		await expectNoHorizontalScroll(page);
		return;
	}
	// Legacy mode runs axe in the page itself instead of finishing in an extra blank page: our
	// pages have no frames, and it halves the time of every check (see npm test's duration).
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.setLegacyMode(true)
		.options({ resultTypes: ['violations'] })
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

/**
 * Opens a page, expects 200 and one h1, runs axe, checks for sideways scrolling, screenshot.
 * `axe: false` where the same template is checked with axe elsewhere (one axe run per template).
 * `alsoAt`: narrower widths whose layout is checked on the same page, resized (no second load).
 */
export async function visitAndCheck(
	page: Page,
	urlPath: string,
	name: string,
	{ axe = true, alsoAt = [] }: { axe?: boolean; alsoAt?: number[] } = {}
): Promise<void> {
	const res = await page.goto(urlPath);
	expect(res?.status(), urlPath).toBe(200);
	await expect(page.locator('h1').count(), `${urlPath}: one h1`).resolves.toBe(1);
	if (axe) await expectAccessible(page);
	await expectNoHorizontalScroll(page);
	await screenshot(page, name);
	await checkLayoutAt(page, alsoAt, name);
}

/** Resizes the page to each width: no sideways scrolling (and a screenshot), then back. */
export async function checkLayoutAt(page: Page, widths: number[], name: string): Promise<void> {
	const original = page.viewportSize();
	if (!original || widths.length === 0) return;
	for (const width of widths) {
		await page.setViewportSize({ width, height: original.height });
		await expectNoHorizontalScroll(page);
		await screenshot(page, name);
	}
	await page.setViewportSize(original);
}

/** The page must not scroll sideways (content fits the viewport, e.g. at 320 px). */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	if (overflow > 1) throw new Error(`${page.url()} scrolls sideways by ${overflow}px`);
}

/**
 * Saves test-results/screenshots/<name>-<width>.png (full page) when SCREENSHOTS=1 (`npm run
 * screenshots`). They are for people to look at, not assertions, so plain test runs skip them.
 */
export async function screenshot(page: Page, name: string): Promise<string | undefined> {
	if (process.env.SCREENSHOTS !== '1') return undefined;
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

export function waitForMail(
	predicate: (mail: ReceivedMail) => boolean,
	timeoutMs = 15_000
): Promise<ReceivedMail> {
	return waitForNewMail(0, predicate, timeoutMs);
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

/** Waits for a mail that arrives after `afterCount` mails had been received (see readMails()). */
export async function waitForNewMail(
	afterCount: number,
	predicate: (mail: ReceivedMail) => boolean,
	timeoutMs = 15_000
): Promise<ReceivedMail> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const found = readMails().slice(afterCount).find(predicate);
		if (found) return found;
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error('expected mail did not arrive');
}

export { emailFor, TEST_PASSWORD, type TestRole } from './accounts';

/** A path+query from a link in a mail, for page.goto against the test server. */
export function linkPath(text: string, route: string): string {
	const match = new RegExp(`https?://[^/\\s]+(${route}\\?token=[A-Za-z0-9_-]+)`).exec(text);
	if (!match) throw new Error(`no ${route} link in mail:\n${text}`);
	return match[1];
}

/** Clicks a form's submit button and waits for the answer page (a redirect or the form again). */
export async function submit(page: Page, button = 'main form.form button[type="submit"]') {
	await Promise.all([page.waitForNavigation(), page.locator(button).first().click()]);
}

/** Fills and sends the login form; throws with the page's error unless it lands signed in. */
export async function logIn(page: Page, email: string, password: string): Promise<void> {
	await page.goto('/anmelden');
	await page.fill('input[name="email"]', email);
	await page.fill('input[name="password"]', password);
	await submit(page);
	if (new URL(page.url()).pathname === '/anmelden') {
		throw new Error(`login as ${email} failed: ${await page.locator('main').innerText()}`);
	}
}

/**
 * The accounts tests used to make through the real pages are made by global setup now
 * (tests/e2e/accounts.ts); this only checks that the test asks for one of them.
 */
export async function createAccount(
	_browser: Browser,
	role: Exclude<TestRole, 'admin'>,
	email: string
): Promise<void> {
	const account = EXTRA_ACCOUNTS.find((a) => a.email === email);
	const roles = role === 'resident' ? [] : [role];
	if (!account || account.roles.join() !== roles.join())
		throw new Error(`${email} (${role}) is not among EXTRA_ACCOUNTS in tests/e2e/accounts.ts`);
}

/** The cookies of a role's session (global setup logs each role in once per run). */
export async function addSessionCookies(page: Page, role: TestRole): Promise<void> {
	const cookies = inject('sessions')[role];
	await page
		.context()
		.addCookies(Object.entries(cookies).map(([name, value]) => ({ name, value, url: baseUrl() })));
}

/**
 * A new page signed in as the test account of a role, by cookie (not through the login form,
 * which auth-login tests), on `at`: by default, like after a login, staff are on /verwaltung,
 * residents on /konto.
 */
export async function loginAs(
	browser: Browser,
	role: TestRole,
	{ at, ...options }: { width?: number; javaScript?: boolean; at?: string } = {}
): Promise<Page> {
	const page = await openPage(browser, options);
	await addSessionCookies(page, role);
	const path = at ?? (role === 'resident' ? '/konto' : '/verwaltung');
	const res = await page.goto(path);
	if (res?.status() !== 200)
		throw new Error(`the ${role} session does not open ${path}: ${res?.status()}`);
	return page;
}
