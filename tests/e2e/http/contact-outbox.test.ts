import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteSettings } from '../../../src/lib/server/db/schema';
import { createContactMessage, createStaffUser, TEST_PASSWORD } from '../../factories';
import { HttpClient, mainText } from '../http';
import { startServer, type RunningServer } from '../server';
import { marker, prepareDataDir } from '../contact-support';

const ADMIN = 'postausgang-admin@kaster.example';
const OFFICE = 'buero@kaster.example';

/** An installation with an admin account, the office address set and overdue feedback. */
function prepare() {
	return prepareDataDir(async (db) => {
		await createStaffUser(db, { email: ADMIN, roles: ['admin'], session: false });
		await db.update(siteSettings).set({ contactEmail: OFFICE });
		await createContactMessage(db, {
			kind: 'accessibility',
			name: 'Max Muster',
			email: 'max@example.org',
			subject: 'Barriere melden',
			message: 'Die Schrift ist zu klein.',
			createdAt: new Date(Date.now() - 21 * 24 * 3600_000)
		});
	});
}

/** The <li> of a back-office list that contains all of `texts` (its HTML). */
function listItem(html: string, ...texts: string[]): string {
	const item = html.split(/<li\b/).find((part) => texts.every((text) => part.includes(text)));
	if (!item) throw new Error(`no list item with ${texts.join(' and ')}`);
	return item;
}

/**
 * A private server without SMTP_URL. The pages' templates and their notices are checked with axe
 * and at phone width in the browser (contact-backoffice, and every notice variant on the form kit's
 * example page); this checks what only this installation shows.
 */
describe('contact: outbox without a mail server (private server)', () => {
	let server: RunningServer;
	let dataDir: string;

	beforeAll(async () => {
		dataDir = await prepare();
		server = await startServer({ SMTP_URL: '' }, { dataDir });
	});
	afterAll(async () => {
		await server?.stop();
		fs.rmSync(dataDir, { recursive: true, force: true });
	});

	it('collects mails for admins to read and says why', async () => {
		const tag = marker('ohne-smtp');
		const sent = await new HttpClient(server.url).submit('/kontakt', {
			name: 'Erika',
			email: `${tag}@besucher.example`,
			recipient: 'buero',
			subject: tag,
			message: 'Bitte rufen Sie mich zurück.'
		});
		expect(sent.status).toBe(303);

		const admin = await HttpClient.login(ADMIN, TEST_PASSWORD, server.url);
		const outbox = await admin.get('/verwaltung/postausgang');
		expect(outbox.status).toBe(200);
		const notice = mainText(outbox.body.slice(outbox.body.indexOf('<div class="notice')));
		expect(notice).toMatch(
			/^Kein Mail-Server eingerichtet Mails warten hier, bis die Administration/
		);
		// Staff are not shown setting names; the administrator's help page has them.
		expect(mainText(outbox.body)).not.toContain('SMTP');
		expect(outbox.body).toMatch(
			/class="notice[^"]*"[\s\S]*?href="\/verwaltung\/hilfe\/mail-server"/
		);
		const row = listItem(outbox.body, tag, 'Kontaktformular');
		expect(mainText(row)).toContain('wartet');
		expect(mainText(row)).toContain(`an ${OFFICE}`);

		// The mail itself, with the visitor's text and address.
		const mailPath = /href="([^"]*\/verwaltung\/postausgang\/\d+)"/.exec(row)?.[1];
		expect(mailPath, row).toBeDefined();
		const mail = await admin.get(
			new URL(mailPath!, `${server.url}/verwaltung/postausgang`).pathname
		);
		expect(mail.status).toBe(200);
		expect(mail.body).toMatch(/<pre class="mail-text"[^>]*>[^<]*Bitte rufen Sie mich zurück\./);
		expect(mainText(mail.body)).toContain(`${tag}@besucher.example`);

		// Overdue feedback is flagged in the list and on the detail page.
		const messages = await admin.get('/verwaltung/nachrichten');
		const overdue = listItem(messages.body, 'Max Muster');
		expect(mainText(overdue)).toContain('überfällig');
		const messagePath = /href="([^"]*\/verwaltung\/nachrichten\/\d+)"/.exec(overdue)?.[1];
		expect(messagePath, overdue).toBeDefined();
		const detail = await admin.get(
			new URL(messagePath!, `${server.url}/verwaltung/nachrichten`).pathname
		);
		expect(detail.status).toBe(200);
		expect(detail.body).toMatch(
			/class="notice notice--urgent"[\s\S]*?Die Antwortfrist ist abgelaufen/
		);
	});
});
