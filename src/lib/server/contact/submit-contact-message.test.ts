import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { asc, count, eq, sql } from 'drizzle-orm';
import { createTestDatabase } from '$tests/helpers/db';
import type { Database, Db } from '../db/client';
import { contactMessages, contactPersons, outboxMails, siteSettings, users } from '../db/schema';
import { DomainError } from '../errors';
import { logger } from '../logger';
import { seedSite } from '../site/seed-site';
import { submitAccessibilityFeedback } from './submit-accessibility-feedback';
import { submitContactMessage } from './submit-contact-message';
import { ANONYMOUS } from '../auth/actor';

const ORIGIN = 'https://quartier.example';

describe('submitting contact messages and accessibility feedback', () => {
	let database: Database;
	let db: Db;
	let managerId: number;
	let lindnerId: number;

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
		await seedSite(db);
		const persons = await db.select().from(contactPersons);
		managerId = persons.find((p) => p.isVacant)!.id;
		lindnerId = persons.find((p) => p.name === 'Frau Lindner')!.id;
	});
	afterAll(async () => {
		await database?.close();
	});
	beforeEach(async () => {
		await db.delete(outboxMails);
		await db.delete(contactMessages);
		await db.delete(users);
		await db.update(contactPersons).set({ email: '' });
		await db.update(siteSettings).set({ contactEmail: '' });
	});

	const input = {
		name: 'Erika Mustermann',
		email: 'erika@example.org',
		subject: 'Frage zum Sommerfest',
		message: 'Wann beginnt das Fest?\nUnd darf ich einen Kuchen mitbringen?'
	};

	async function mails() {
		return db.select().from(outboxMails).orderBy(asc(outboxMails.id));
	}

	it('stores the message for the substitute and queues a German mail plus a receipt', async () => {
		await db
			.update(contactPersons)
			.set({ email: 'lindner@example.org' })
			.where(eq(contactPersons.id, lindnerId));
		const result = await submitContactMessage(db, {
			actor: ANONYMOUS,
			input: { ...input, recipient: String(managerId) },
			origin: ORIGIN
		});
		expect(result.route).toBe('substitute');

		const [row] = await db.select().from(contactMessages);
		expect(row).toMatchObject({
			kind: 'contact',
			name: 'Erika Mustermann',
			email: 'erika@example.org',
			subject: 'Frage zum Sommerfest',
			contactPersonId: lindnerId,
			status: 'new',
			dueAt: null
		});

		const [staff, receipt] = await mails();
		expect(staff.recipient).toBe('lindner@example.org');
		expect(staff.replyTo).toBe('erika@example.org');
		expect(staff.subject).toBe(`Kontaktformular Nr. ${row.id}: Frage zum Sommerfest`);
		expect(staff.textBody).toContain('Guten Tag,');
		expect(staff.textBody).toContain('nicht besetzt. Sie bekommen diese Nachricht als Vertretung');
		expect(staff.textBody).toContain('Von: Erika Mustermann <erika@example.org>');
		expect(staff.textBody).toContain(input.message);
		expect(staff.textBody).toContain(`${ORIGIN}/verwaltung/nachrichten/${row.id}`);

		expect(receipt.recipient).toBe('erika@example.org');
		expect(receipt.replyTo).toBeNull();
		expect(receipt.subject).toBe('Ihre Nachricht an das Quartiersmanagement Kaster');
		// The receipt must not carry anything the visitor typed (no open relay for chosen text).
		expect(receipt.textBody).not.toContain('Erika');
		expect(receipt.textBody).not.toContain('Kuchen');
		expect(receipt.textBody).not.toContain('Sommerfest');
		expect(receipt.textBody).toContain(`Nummer ${row.id}`);
	});

	it('writes the receipt in the visitor language', async () => {
		await submitContactMessage(db, {
			actor: ANONYMOUS,
			input: { ...input, recipient: 'buero' },
			origin: ORIGIN,
			locale: 'en'
		});
		const all = await mails();
		expect(all).toHaveLength(1);
		expect(all[0].subject).toBe('Your message to the Quartiersmanagement Kaster');
	});

	it('mails every admin when no address is set, one mail each', async () => {
		await db.insert(users).values([
			{ email: 'a1@example.org', roles: ['admin'] },
			{ email: 'a2@example.org', roles: ['admin'] }
		]);
		const result = await submitContactMessage(db, {
			actor: ANONYMOUS,
			input: { ...input, subject: '', recipient: String(lindnerId) },
			origin: ORIGIN
		});
		expect(result).toMatchObject({ route: 'admins', recipientCount: 2 });
		const all = await mails();
		expect(all.map((m) => m.recipient)).toEqual([
			'a1@example.org',
			'a2@example.org',
			'erika@example.org'
		]);
		expect(all[0].subject).toMatch(/: \(ohne Betreff\)$/);
		expect(all[0].textBody).toContain('weil Sie die Internetseite verwalten');
	});

	it('stores the message without any recipient and warns, without failing', async () => {
		const warn = vi.spyOn(logger, 'warn').mockImplementation(() => {});
		const result = await submitContactMessage(db, {
			actor: ANONYMOUS,
			input: { ...input, recipient: 'buero' },
			origin: ORIGIN
		});
		expect(result.route).toBe('none');
		expect(await db.select({ n: count() }).from(contactMessages)).toEqual([{ n: 1 }]);
		const all = await mails();
		expect(all.map((m) => m.recipient)).toEqual(['erika@example.org']);
		expect(warn).toHaveBeenCalledOnce();
		// The log line carries the id only: no address, no text.
		expect(JSON.stringify(warn.mock.calls[0])).not.toMatch(/erika|Kuchen/);
		warn.mockRestore();
	});

	it('refuses an unknown contact person and stores nothing', async () => {
		const err = await submitContactMessage(db, {
			actor: ANONYMOUS,
			input: { ...input, recipient: '424242' },
			origin: ORIGIN
		}).catch((e) => e);
		expect(err).toBeInstanceOf(DomainError);
		expect(err.code).toBe('INVALID');
		expect(err.fieldErrors.recipient).toBe(
			'Bitte wählen Sie bei „An wen?“ eine der angebotenen Möglichkeiten.'
		);
		expect(await db.select({ n: count() }).from(contactMessages)).toEqual([{ n: 0 }]);
		expect(await mails()).toHaveLength(0);
	});

	it('stores nothing when queueing the mail fails (one transaction)', async () => {
		await db.update(siteSettings).set({ contactEmail: 'boom@example.org' });
		await db.execute(
			sql`alter table outbox_mails add constraint test_no_boom check (recipient <> 'boom@example.org')`
		);
		try {
			await expect(
				submitContactMessage(db, {
					actor: ANONYMOUS,
					input: { ...input, recipient: 'buero' },
					origin: ORIGIN
				})
			).rejects.toThrow();
			await expect(
				submitAccessibilityFeedback(db, {
					actor: ANONYMOUS,
					input: { ...input, feedbackType: 'barriere', pageUrl: '' },
					origin: ORIGIN
				})
			).rejects.toThrow();
		} finally {
			await db.execute(sql`alter table outbox_mails drop constraint test_no_boom`);
		}
		expect(await db.select({ n: count() }).from(contactMessages)).toEqual([{ n: 0 }]);
		expect(await mails()).toHaveLength(0);
	});

	it('stores accessibility feedback with a due date two weeks ahead and names the enforcement body', async () => {
		await db.update(siteSettings).set({ contactEmail: 'buero@example.org' });
		const now = new Date('2025-03-03T10:00:00Z');
		const result = await submitAccessibilityFeedback(db, {
			actor: ANONYMOUS,
			input: {
				name: 'Max Muster',
				email: 'max@example.org',
				feedbackType: 'inhalt',
				pageUrl: 'https://quartier.example/haus-der-begegnung',
				message: 'Den Lageplan bräuchte ich als Text.'
			},
			origin: ORIGIN,
			now
		});
		expect(result.dueAt.toISOString()).toBe('2025-03-17T10:00:00.000Z');

		const [row] = await db.select().from(contactMessages);
		expect(row).toMatchObject({
			kind: 'accessibility',
			subject: 'Inhalt in barrierefreier Form anfragen',
			pageUrl: 'https://quartier.example/haus-der-begegnung',
			contactPersonId: null,
			status: 'new'
		});
		expect(row.dueAt?.toISOString()).toBe('2025-03-17T10:00:00.000Z');

		const [staff, receipt] = await mails();
		expect(staff.recipient).toBe('buero@example.org');
		expect(staff.replyTo).toBe('max@example.org');
		expect(staff.subject).toBe(
			`Rückmeldung zur Barrierefreiheit Nr. ${row.id}: Inhalt in barrierefreier Form anfragen`
		);
		expect(staff.textBody).toContain('Bitte antworten Sie bis zum 17. März 2025.');
		expect(staff.textBody).toContain('Ihre Antwort muss auf das Durchsetzungsverfahren hinweisen.');
		expect(staff.textBody).toContain('Ombudsstelle für barrierefreie Informationstechnik');
		expect(staff.textBody).toContain(
			'Betroffene Seite: https://quartier.example/haus-der-begegnung'
		);
		expect(staff.textBody).toContain('Den Lageplan bräuchte ich als Text.');

		expect(receipt.recipient).toBe('max@example.org');
		expect(receipt.textBody).toContain('innerhalb von zwei Wochen');
		expect(receipt.textBody).toContain('Ombudsstelle');
		expect(receipt.textBody).not.toContain('Lageplan');
		expect(receipt.textBody).not.toContain('Max');
	});
});
