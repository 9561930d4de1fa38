import net from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { asc, eq } from 'drizzle-orm';
import { createTestDatabase } from '$tests/helpers/db';
import { startTestSmtpServer } from '$tests/helpers/smtp';
import type { Database, Db } from '../db/client';
import { outboxMails } from '../db/schema';
import { logger } from '../logger';
import { enqueueMail } from './outbox';
import { startMailSender, type MailSender } from './sender';

const FROM = 'Quartier Kaster <quartier@kaster.example>';

/** A port nothing listens on (yet): the "SMTP is down" case, and later the same server comes up. */
async function closedPort(): Promise<number> {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
	});
}

function header(raw: string, name: string): string | undefined {
	return new RegExp(`^${name}: (.*)$`, 'mi').exec(raw)?.[1]?.trim();
}

describe('mail sender (real SMTP on loopback)', () => {
	let database: Database;
	let db: Db;
	const senders: MailSender[] = [];
	const closers: (() => Promise<void>)[] = [];

	const sender = (smtpUrl?: string) => {
		// A long poll interval: the tests flush by hand, the timer must not interfere.
		const s = startMailSender(db, { smtpUrl, from: FROM, pollSeconds: 3600 });
		senders.push(s);
		return s;
	};
	const rows = () => db.select().from(outboxMails).orderBy(asc(outboxMails.id));

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
		vi.restoreAllMocks();
	});

	it('delivers a queued mail with recipient, subject, reply-to and German text', async () => {
		const smtp = await startTestSmtpServer();
		closers.push(smtp.close);
		await enqueueMail(db, {
			locale: 'de',
			templateKey: 'test.mail',
			to: 'lindner@example.org',
			replyTo: 'erika@example.org',
			subject: 'Kontaktformular Nr. 7: Frage zum Sommerfest für Groß und Klein',
			text: 'Guten Tag,\n\nüber das Kontaktformular ist eine neue Nachricht eingegangen.\nGrüße aus Kaster – äöüß'
		});

		expect(await sender(smtp.url).flush()).toBe(1);

		expect(smtp.received).toHaveLength(1);
		const [mail] = smtp.received;
		expect(mail.to).toEqual(['lindner@example.org']);
		expect(mail.from).toBe('quartier@kaster.example');
		expect(mail.subject).toBe('Kontaktformular Nr. 7: Frage zum Sommerfest für Groß und Klein');
		expect(header(mail.raw, 'Reply-To')).toBe('erika@example.org');
		expect(mail.text).toContain('über das Kontaktformular ist eine neue Nachricht eingegangen.');
		expect(mail.text).toContain('Grüße aus Kaster – äöüß');
		expect(header(mail.raw, 'Content-Type')).toMatch(/^text\/plain/);

		const [row] = await rows();
		expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
		expect(row.sentAt).toBeInstanceOf(Date);
	});

	it('keeps the mail when SMTP is down and delivers it exactly once when it is back', async () => {
		const port = await closedPort();
		const warn = vi.spyOn(logger, 'warn').mockImplementation(() => {});
		await enqueueMail(db, {
			locale: 'de',
			templateKey: 'test.mail',
			to: 'geheim@example.org',
			subject: 'Passwort festlegen',
			text: 'Ihr Link: https://quartier.example/passwort/SECRET-TOKEN-123'
		});
		const s = sender(`smtp://127.0.0.1:${port}`);

		expect(await s.flush()).toBe(0);
		let [row] = await rows();
		expect(row.status).toBe('pending');
		expect(row.attempts).toBe(1);
		expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
		expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
		// The log says which mail failed, never to whom or what it said.
		expect(warn).toHaveBeenCalled();
		const logged = JSON.stringify(warn.mock.calls);
		expect(logged).not.toContain('SECRET-TOKEN');
		expect(logged).not.toContain('geheim@example.org');

		// Backoff: an immediate second run does not hammer the dead server.
		expect(await s.flush()).toBe(0);
		[row] = await rows();
		expect(row.attempts).toBe(1);

		const smtp = await startTestSmtpServer({ port });
		closers.push(smtp.close);
		// Time passes: the retry is due.
		await db.update(outboxMails).set({ nextAttemptAt: new Date(Date.now() - 1000) });
		expect(await s.flush()).toBe(1);
		expect(await s.flush()).toBe(0);

		expect(smtp.received).toHaveLength(1);
		expect(smtp.received[0].to).toEqual(['geheim@example.org']);
		[row] = await rows();
		expect(row).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
	});

	it('never sends a mail twice when runs overlap, in one process or from two senders', async () => {
		const smtp = await startTestSmtpServer();
		closers.push(smtp.close);
		for (let i = 1; i <= 25; i += 1) {
			await enqueueMail(db, {
				locale: 'de',
				templateKey: 'test.mail',
				to: `n${i}@example.org`,
				subject: `Mail ${i}`,
				text: `Text ${i}`
			});
		}
		const a = sender(smtp.url);
		const b = sender(smtp.url);
		const counts = await Promise.all([a.flush(), a.flush(), b.flush(), b.flush()]);

		// The overlapping calls in one process share a run, so count each run once.
		expect(counts[0] + counts[2]).toBe(25);
		expect(counts[1]).toBe(counts[0]);
		expect(smtp.received).toHaveLength(25);
		const subjects = smtp.received.map((m) => m.subject).sort();
		expect(new Set(subjects).size).toBe(25);
		expect((await rows()).every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
	});

	it('picks up a mail queued while a run is in progress without waiting for the next poll', async () => {
		const running: { sender?: MailSender } = {};
		let kicked: Promise<number> | undefined;
		const smtp = await startTestSmtpServer({
			// A visitor submits a form while the sender is busy with the first mail: the route queues
			// a mail and kicks the sender, whose run has already claimed its batch. The server answers
			// the first mail only after the kick, so the run is still going when it comes. (Answering
			// at once made this test flaky on PostgreSQL: the queueing runs on another pool connection
			// and sometimes finished after the run had ended; the kick then started a second run.)
			onMail: async (mail) => {
				if (mail.subject !== 'Erste') return;
				await enqueueMail(db, {
					locale: 'de',
					templateKey: 'test.mail',
					to: 'dann@example.org',
					subject: 'Zweite',
					text: 'zwei'
				});
				kicked = running.sender!.flush();
			}
		});
		closers.push(smtp.close);
		await enqueueMail(db, {
			locale: 'de',
			templateKey: 'test.mail',
			to: 'erst@example.org',
			subject: 'Erste',
			text: 'eins'
		});
		running.sender = sender(smtp.url);
		const first = running.sender.flush();
		expect(await first).toBe(2);
		// The kick joined the run in progress instead of starting its own.
		expect(kicked).toBe(first);
		expect(smtp.received.map((m) => m.subject)).toEqual(['Erste', 'Zweite']);
	});

	it('a kick after a run has ended starts a new run', async () => {
		const smtp = await startTestSmtpServer();
		closers.push(smtp.close);
		const s = sender(smtp.url);
		await enqueueMail(db, {
			locale: 'de',
			templateKey: 'test.mail',
			to: 'a@example.org',
			subject: 'A',
			text: 'a'
		});
		const first = s.flush();
		expect(await first).toBe(1);
		await enqueueMail(db, {
			locale: 'de',
			templateKey: 'test.mail',
			to: 'b@example.org',
			subject: 'B',
			text: 'b'
		});
		const second = s.flush();
		expect(second).not.toBe(first);
		expect(await second).toBe(1);
		expect(smtp.received.map((m) => m.subject)).toEqual(['A', 'B']);
	});

	it('marks a mail failed at once when the server refuses it for good (5xx)', async () => {
		vi.spyOn(logger, 'warn').mockImplementation(() => {});
		const server = new SMTPServer({
			authOptional: true,
			disabledCommands: ['STARTTLS'],
			logger: false,
			onRcptTo(address, _session, callback) {
				const err = Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 });
				callback(address.address.startsWith('weg@') ? err : undefined);
			},
			onData(stream, _session, callback) {
				stream.resume();
				stream.on('end', () => callback());
			}
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
		const port = (server.server.address() as net.AddressInfo).port;

		const id = await enqueueMail(db, {
			locale: 'de',
			templateKey: 'test.mail',
			to: 'weg@example.org',
			subject: 'Hallo',
			text: 'Text'
		});
		expect(await sender(`smtp://127.0.0.1:${port}`).flush()).toBe(0);
		const [row] = await db.select().from(outboxMails).where(eq(outboxMails.id, id));
		expect(row.status).toBe('failed');
		expect(row.attempts).toBe(1);
		expect(row.lastError).toMatch(/550/);
	});

	it('sends nothing without SMTP: mails wait in the outbox', async () => {
		await enqueueMail(db, {
			locale: 'de',
			templateKey: 'test.mail',
			to: 'x@example.org',
			subject: 'Warten',
			text: 'Text'
		});
		expect(await sender(undefined).flush()).toBe(0);
		const [row] = await rows();
		expect(row).toMatchObject({ status: 'pending', attempts: 0, lastError: null });
	});
});
