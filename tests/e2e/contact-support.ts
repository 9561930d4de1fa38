import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openDatabase } from '../../src/lib/server/db/client';
import type { Db } from '../../src/lib/server/db/client';
import { seedSite } from '../../src/lib/server/site/seed-site';
import { migratedPgliteTemplate } from '../helpers/db';
import { DESKTOP } from './support';

/*
 * Helpers for the contact & mail journeys. Private servers run on a data folder prepared here
 * (seeded, with the addresses a test needs), which the test opens again after stopping the server
 * to count what was stored.
 */

/** A seeded PGlite data folder; `setup` adds what the test needs (addresses, accounts, rows). */
export async function prepareDataDir(setup: (db: Db) => Promise<void> = async () => {}) {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quartier-contact-'));
	await withDataDir(dataDir, async (db) => {
		await seedSite(db);
		await setup(db);
	});
	return dataDir;
}

/** Opens the folder's database (only while no server runs on it). */
export async function withDataDir<T>(dataDir: string, fn: (db: Db) => Promise<T>): Promise<T> {
	// An empty folder starts from the migrated template (seconds of CPU less per private server).
	const empty = !fs.existsSync(dataDir) || fs.readdirSync(dataDir).length === 0;
	const database = await openDatabase({
		dataDir,
		loadDataDir: empty ? await migratedPgliteTemplate() : undefined
	});
	try {
		await database.migrate(path.resolve('drizzle'));
		return await fn(database.db);
	} finally {
		await database.close();
	}
}

/** Like openPage() in support.ts, for a private server. */
export async function openPageAt(
	browser: Browser,
	baseURL: string,
	{ width = DESKTOP, javaScript = true }: { width?: number; javaScript?: boolean } = {}
): Promise<Page> {
	const context = await browser.newContext({
		viewport: { width, height: 900 },
		javaScriptEnabled: javaScript,
		bypassCSP: true,
		locale: 'de-DE',
		baseURL
	});
	return context.newPage();
}

/** Raw form POST with the page's cookies and CSRF token (to any server the page is on). */
export async function rawPost(
	page: Page,
	urlPath: string,
	fields: Record<string, string>,
	{ csrf = true }: { csrf?: boolean } = {}
): Promise<{ status: number; body: string }> {
	const origin = new URL(page.url()).origin;
	const data = { ...fields };
	if (csrf && data._csrf === undefined) {
		data._csrf = await page.locator('input[name="_csrf"]').first().inputValue();
	}
	const res = await page.request.post(new URL(urlPath, origin).href, {
		form: data,
		headers: { origin, accept: 'text/html' },
		maxRedirects: 0
	});
	return { status: res.status(), body: await res.text() };
}

export interface ContactInput {
	name: string;
	email: string;
	/** Visible text of the "An wen?" option, or part of it. */
	recipient?: string;
	subject?: string;
	message: string;
}

/** Fills the contact form on /kontakt the way a visitor does and sends it. */
export async function sendContactForm(page: Page, input: ContactInput): Promise<void> {
	await page.goto('/kontakt');
	await page.getByLabel('Ihr Name').fill(input.name);
	await page.getByLabel('Ihre E-Mail-Adresse').fill(input.email);
	if (input.recipient) {
		const value = await page
			.locator('#field-recipient option', { hasText: input.recipient })
			.first()
			.getAttribute('value');
		await page.selectOption('#field-recipient', value!);
	}
	if (input.subject) await page.getByLabel('Betreff').fill(input.subject);
	await page.getByLabel('Ihre Nachricht').fill(input.message);
	await Promise.all([
		page.waitForURL('**/kontakt/danke'),
		page.getByRole('button', { name: 'Nachricht senden' }).click()
	]);
}

export interface FeedbackInput {
	name: string;
	email: string;
	type: 'Barriere melden' | 'Inhalt in barrierefreier Form anfragen';
	pageUrl?: string;
	message: string;
}

export async function sendFeedbackForm(page: Page, input: FeedbackInput): Promise<void> {
	await page.goto('/barrierefreiheit');
	const form = page.locator('#rueckmeldung');
	await form.getByLabel('Ihr Name').fill(input.name);
	await form.getByLabel('Ihre E-Mail-Adresse').fill(input.email);
	await form.getByLabel(input.type).check();
	if (input.pageUrl !== undefined) await form.getByLabel('Betroffene Seite').fill(input.pageUrl);
	await form.getByLabel('Ihre Nachricht').fill(input.message);
	await Promise.all([
		page.waitForURL('**/barrierefreiheit/danke'),
		form.getByRole('button', { name: 'Rückmeldung senden' }).click()
	]);
}

/** A marker to find this test's rows and mails among everything else on the shared server. */
export function marker(label: string): string {
	return `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** The value of a header in a raw mail. */
export function mailHeader(raw: string, name: string): string | undefined {
	return new RegExp(`^${name}: (.*)$`, 'mi').exec(raw)?.[1]?.trim();
}
