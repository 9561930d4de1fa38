import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
	closePage,
	expectAccessible,
	launchBrowser,
	loginAs,
	openPage,
	PHONE,
	postForm,
	screenshot
} from '../support';

/**
 * The back office's start page as a journey: what needs doing, per role, with counts on the menu
 * and links to where each thing is done (issue 10 §3).
 */
describe('back-office start page', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('shows an administrator new messages, the go-live checklist and counts on the menu', async () => {
		// A visitor writes to the office first.
		const visitor = await openPage(browser);
		await visitor.goto('/kontakt');
		const subject = `Dashboard ${Date.now()}`;
		const sent = await postForm(visitor, '/kontakt', {
			name: 'Erika Muster',
			email: 'erika@example.org',
			recipient: 'buero',
			subject,
			message: 'Die Straßenlaterne vor Haus 3 ist aus.'
		});
		expect(sent.status).toBe(303);
		await closePage(visitor);

		const admin = await loginAs(browser, 'admin');
		try {
			const todo = admin.locator('main');
			await expect(todo.getByRole('heading', { name: 'Zu erledigen' }).count()).resolves.toBe(1);
			// The message is listed and counted beside its menu item.
			await expect(todo.getByRole('link', { name: subject }).count()).resolves.toBe(1);
			const menuItem = admin.locator('.backoffice-nav a[href="/verwaltung/nachrichten"]');
			await expect(menuItem.textContent()).resolves.toMatch(/Nachrichten\s*\d+, \d+ offen/);

			// Kaster's seed leaves the legal data open: the checklist says so and links to each place.
			const checklist = admin.locator('section[aria-labelledby="dash-checklist"]');
			await expect(checklist.getByText('fehlt noch').count()).resolves.toBeGreaterThan(0);
			await expectAccessible(admin);
			await screenshot(admin, 'dashboard-admin');

			await checklist.getByRole('link', { name: 'Telefonnummer des Büros' }).click();
			expect(admin.url()).toMatch(/\/verwaltung\/quartier#field-contactPhone$/);
			await expect(admin.locator('#field-contactPhone').count()).resolves.toBe(1);

			// Open the message from the start page.
			await admin.goto('/verwaltung');
			await admin.getByRole('link', { name: subject }).click();
			await expect(admin.locator('h1').textContent()).resolves.toContain(subject);
		} finally {
			await closePage(admin);
		}
	});

	it('shows content staff their sections only, on a phone too', async () => {
		const content = await loginAs(browser, 'content', { width: PHONE });
		try {
			await expect(content.getByRole('heading', { name: 'Nachrichten' }).count()).resolves.toBe(1);
			await expect(content.getByRole('heading', { name: 'Postausgang' }).count()).resolves.toBe(0);
			await expect(
				content.getByRole('heading', { name: 'Vor dem Start ausfüllen' }).count()
			).resolves.toBe(0);
			await expectAccessible(content);
			await screenshot(content, 'dashboard-content-phone');
		} finally {
			await closePage(content);
		}
	});
});
