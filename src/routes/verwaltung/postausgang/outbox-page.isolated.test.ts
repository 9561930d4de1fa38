import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { render } from 'svelte/server';
import { createTestDatabase } from '$tests/helpers/db';
import type { Database } from '$lib/server/db/client';
import { enqueueMail, listOutbox, markMailSent } from '$lib/server/mail/outbox';
import Page from './+page.svelte';

// Rendered outside a request: the page's title and flash read SvelteKit's page state.
vi.mock('$app/state', () => ({
	page: { form: null, data: {}, url: new URL('http://127.0.0.1/') }
}));

describe('/verwaltung/postausgang shows template, language and attachments', () => {
	let database: Database;

	beforeAll(async () => {
		database = await createTestDatabase();
		const id = await enqueueMail(database.db, {
			to: 'gast@example.org',
			subject: 'Einladung: Sommerfest',
			text: 'Sie sind eingeladen.',
			locale: 'en',
			templateKey: 'events.invitation',
			attachments: [
				{ filename: 'einladung.ics', contentType: 'text/calendar; method=REQUEST', content: '' }
			]
		});
		await markMailSent(database.db, id);
	});
	afterAll(async () => {
		await database?.close();
	});

	it('lists each mail with its template, language and attachment names', async () => {
		const list = await listOutbox(database.db, 1);
		const { body } = render(Page, {
			props: {
				data: { ...list, page: 1, smtpConfigured: true, site: { officeName: 'Büro' } } as never,
				form: null as never
			}
		});
		expect(body).toContain('Einladung: Sommerfest');
		expect(body).toContain('Vorlage events.invitation, Sprache en');
		expect(body).toContain('Anhänge: einladung.ics');
	});
});
