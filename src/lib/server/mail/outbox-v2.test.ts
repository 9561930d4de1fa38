import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { asc } from 'drizzle-orm';
import { createTestDatabase } from '$tests/helpers/db';
import { startTestSmtpServer } from '$tests/helpers/smtp';
import type { Database, Db } from '../db/client';
import { outboxMails } from '../db/schema';
import { enqueueAuthMail, setPasswordLink, verifyEmailLink } from '../auth/auth-mails';
import { accessibilityConfirmationMail, contactConfirmationMail } from '../contact/contact-mails';
import { resetClock, setClock } from '../time';
import {
	claimDueMails,
	enqueueMail,
	listOutbox,
	markMailSent,
	purgeOldOutboxMails,
	PURGED_BODY
} from './outbox';
import { SCRUBBED } from './scrub';
import { startMailSender, type MailSender } from './sender';

const FROM = 'Quartier Kaster <quartier@kaster.example>';
const ORIGIN = 'https://quartier.example';

const ICS = [
	'BEGIN:VCALENDAR',
	'VERSION:2.0',
	'PRODID:-//Quartier//DE',
	'METHOD:REQUEST',
	'BEGIN:VEVENT',
	'UID:event-1@quartier.example',
	'DTSTAMP:20260601T080000Z',
	'DTSTART:20260615T160000Z',
	'DTEND:20260615T180000Z',
	'SUMMARY:Sommerfest',
	'DESCRIPTION:Absagen: https://quartier.example/k/CAPABILITY-SECRET-1',
	'END:VEVENT',
	'END:VCALENDAR'
].join('\r\n');

describe('outbox v2: locale, template, attachments, dedupe, secrets', () => {
	let database: Database;
	let db: Db;
	const senders: MailSender[] = [];
	const closers: (() => Promise<void>)[] = [];
	const rows = () => db.select().from(outboxMails).orderBy(asc(outboxMails.id));
	const sender = (smtpUrl?: string) => {
		const s = startMailSender(db, { smtpUrl, from: FROM, pollSeconds: 3600 });
		senders.push(s);
		return s;
	};

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
	});
	afterAll(async () => {
		await database?.close();
	});
	beforeEach(async () => {
		await db.delete(outboxMails);
	});
	afterEach(async () => {
		for (const s of senders.splice(0)) s.stop();
		for (const close of closers.splice(0)) await close();
		resetClock();
	});

	it('removes the set-password link from the kept copy once the mail is sent; the recipient got it', async () => {
		const smtp = await startTestSmtpServer();
		closers.push(smtp.close);
		const token = 'SetPw-Token-0123456789abcdef';
		const link = setPasswordLink(ORIGIN, token);
		await enqueueAuthMail(db, 'neu@example.org', { kind: 'set_password', link, roles: 'Admin' });

		expect(await sender(smtp.url).flush()).toBe(1);

		expect(smtp.received).toHaveLength(1);
		expect(smtp.received[0].text).toContain(link);
		const [row] = await rows();
		expect(row.status).toBe('sent');
		expect(JSON.stringify(row)).not.toContain(token);
		expect(row.textBody).toContain(SCRUBBED);
		expect(row.secrets).toEqual([]);
		expect(row.scrubbedAt).toBeInstanceOf(Date);
		expect(row).toMatchObject({ templateKey: 'auth.set-password', locale: 'de' });
	});

	it('removes the tokens of every account mail after sending', async () => {
		const smtp = await startTestSmtpServer();
		closers.push(smtp.close);
		await enqueueAuthMail(db, 'a@example.org', {
			kind: 'reset_password',
			link: setPasswordLink(ORIGIN, 'Reset-Token-1')
		});
		await enqueueAuthMail(db, 'b@example.org', {
			kind: 'verify_email',
			link: verifyEmailLink(ORIGIN, 'Verify-Token-2')
		});
		await enqueueAuthMail(db, 'c@example.org', {
			kind: 'already_registered',
			loginLink: `${ORIGIN}/anmelden`,
			resetLink: setPasswordLink(ORIGIN, 'Exists-Token-3')
		});
		expect(await sender(smtp.url).flush()).toBe(3);
		const all = smtp.received.map((m) => m.text).join('\n');
		for (const token of ['Reset-Token-1', 'Verify-Token-2', 'Exists-Token-3']) {
			expect(all).toContain(token);
		}
		const kept = await rows();
		expect(kept.map((r) => r.templateKey)).toEqual([
			'auth.reset-password',
			'auth.verify-email',
			'auth.already-registered'
		]);
		const text = JSON.stringify(kept);
		expect(text).not.toMatch(/Reset-Token-1|Verify-Token-2|Exists-Token-3/);
		// The harmless login link stays readable.
		expect(kept[2].textBody).toContain(`${ORIGIN}/anmelden`);
	});

	it('the contact mails name their template and language', () => {
		const confirmation = contactConfirmationMail({
			to: 'besuch@example.org',
			messageId: 3,
			officeName: 'Quartiersbüro',
			locale: 'en'
		});
		expect(confirmation).toMatchObject({ templateKey: 'contact.confirmation', locale: 'en' });
		const a11y = accessibilityConfirmationMail({
			to: 'besuch@example.org',
			messageId: 4,
			officeName: 'Quartiersbüro',
			enforcementBody: '',
			locale: 'de'
		});
		expect(a11y).toMatchObject({ templateKey: 'contact.accessibility-confirmation', locale: 'de' });
	});

	it('keeps the link while the mail waits (without SMTP admins pass it on by hand)', async () => {
		const link = setPasswordLink(ORIGIN, 'Waiting-Token');
		await enqueueAuthMail(db, 'neu@example.org', { kind: 'set_password', link, roles: 'Admin' });
		expect(await sender(undefined).flush()).toBe(0);
		const [row] = await rows();
		expect(row.textBody).toContain(link);
	});

	it('sends an .ics invitation as text/calendar; method=REQUEST and scrubs its secret link', async () => {
		const smtp = await startTestSmtpServer();
		closers.push(smtp.close);
		const secret = 'https://quartier.example/k/CAPABILITY-SECRET-1';
		await enqueueMail(db, {
			to: 'gast@example.org',
			subject: 'Einladung: Sommerfest',
			text: `Sie sind eingeladen. Absagen: ${secret}`,
			locale: 'en',
			templateKey: 'events.invitation',
			attachments: [
				{
					filename: 'einladung.ics',
					contentType: 'text/calendar; method=REQUEST',
					content: Buffer.from(ICS, 'utf8').toString('base64')
				}
			],
			secrets: [secret]
		});
		const listed = await listOutbox(db, 1);
		expect(listed.rows[0]).toMatchObject({
			locale: 'en',
			templateKey: 'events.invitation',
			attachmentNames: ['einladung.ics']
		});

		expect(await sender(smtp.url).flush()).toBe(1);
		const raw = smtp.received[0].raw.replace(/\r\n[ \t]+/g, ' ');
		expect(raw).toMatch(/^Content-Type: multipart\/mixed/m);
		expect(raw).toMatch(/^Content-Type: text\/calendar; method=REQUEST; name=einladung\.ics/m);
		expect(raw).toMatch(/^Content-Disposition: attachment; filename=einladung\.ics/m);
		const part = /name=einladung\.ics[\s\S]*?\r\n\r\n([\s\S]*?)\r\n--/.exec(smtp.received[0].raw);
		const ics = Buffer.from(part![1].replace(/\s+/g, ''), 'base64').toString('utf8');
		expect(ics).toContain('METHOD:REQUEST');
		expect(ics).toContain('CAPABILITY-SECRET-1');

		const [row] = await rows();
		expect(JSON.stringify(row)).not.toContain('CAPABILITY-SECRET-1');
		const kept = Buffer.from(row.attachments[0].content, 'base64').toString('utf8');
		expect(kept).toContain('SUMMARY:Sommerfest');
		expect(kept).toContain(SCRUBBED);
	});

	it('queues a mail with a dedupe key once; the second time is a no-op, also inside a transaction', async () => {
		const reminder = {
			to: 'x@example.org',
			subject: 'Erinnerung',
			text: 'Morgen',
			locale: 'de',
			templateKey: 'test.reminder',
			dedupeKey: 'reminder:booking:7:24h'
		};
		const first = await enqueueMail(db, reminder);
		const again = await db.transaction(async (tx) => {
			const id = await enqueueMail(tx, { ...reminder, text: 'anders' });
			// The transaction is still usable: nothing failed inside it.
			await enqueueMail(tx, { ...reminder, dedupeKey: 'reminder:booking:8:24h' });
			return id;
		});
		expect(again).toBe(first);
		const all = await rows();
		expect(all).toHaveLength(2);
		expect(all[0]).toMatchObject({ id: first, textBody: 'Morgen' });
		// Mails without a key are never deduplicated.
		await enqueueMail(db, { ...reminder, dedupeKey: undefined });
		await enqueueMail(db, { ...reminder, dedupeKey: undefined });
		expect(await rows()).toHaveLength(4);
	});

	it('does not hand a mail being sent to a second sender when "retry now" makes it due', async () => {
		await enqueueMail(db, {
			to: 'a@example.org',
			subject: 'S',
			text: 'T',
			locale: 'de',
			templateKey: 't'
		});
		const [claimed] = await claimDueMails(db);
		expect(claimed).toBeDefined();
		// What retryOutboxMail does to a waiting mail: due now.
		await db.update(outboxMails).set({ nextAttemptAt: new Date() });
		expect(await claimDueMails(db)).toHaveLength(0);
		await markMailSent(db, claimed.id);
		expect(await claimDueMails(db)).toHaveLength(0);
	});

	it('empties sent and failed mails after the retention period, keeping the envelope', async () => {
		setClock(new Date('2026-03-01T10:00:00Z'));
		const oldId = await enqueueMail(db, {
			to: 'a@example.org',
			subject: 'Alt',
			text: 'Alter Text',
			locale: 'de',
			templateKey: 't',
			dedupeKey: 'old',
			attachments: [{ filename: 'a.ics', contentType: 'text/calendar', content: 'QUJD' }]
		});
		await markMailSent(db, oldId);
		const waitingId = await enqueueMail(db, {
			to: 'b@example.org',
			subject: 'Wartet',
			text: 'Text',
			locale: 'de',
			templateKey: 't'
		});
		setClock(new Date('2026-04-15T10:00:00Z'));
		const newId = await enqueueMail(db, {
			to: 'c@example.org',
			subject: 'Neu',
			text: 'Neuer Text',
			locale: 'de',
			templateKey: 't'
		});
		await markMailSent(db, newId);

		expect(await purgeOldOutboxMails(db, 30)).toBe(1);
		expect(await purgeOldOutboxMails(db, 30)).toBe(0);
		const byId = new Map((await rows()).map((r) => [r.id, r]));
		expect(byId.get(oldId)).toMatchObject({
			textBody: PURGED_BODY,
			subject: 'Alt',
			dedupeKey: 'old'
		});
		expect(byId.get(oldId)!.attachments).toEqual([
			{ filename: 'a.ics', contentType: 'text/calendar', content: '' }
		]);
		expect(byId.get(waitingId)!.textBody).toBe('Text');
		expect(byId.get(newId)!.textBody).toBe('Neuer Text');
		// The dedupe key still holds after the purge.
		expect(
			await enqueueMail(db, {
				to: 'a@example.org',
				subject: 'Alt',
				text: 'x',
				locale: 'de',
				templateKey: 't',
				dedupeKey: 'old'
			})
		).toBe(oldId);
	});
});
