import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { createTestDatabase } from '$tests/helpers/db';
import { createActor } from '$tests/helpers/users';
import { createBookingRequest } from '$tests/factories';
import type { Database, Db } from '../db/client';
import { auditLog, bookingRequests, bookings, outboxMails } from '../db/schema';
import type { Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { seedSite } from '../site/seed-site';
import { resetClock, setClock } from '../time';
import { approveBookingRequest } from './approve-booking-request';
import { bookingCalendar, foldLine } from './booking-calendar';
import { declineBookingRequest } from './decline-booking-request';

// A Monday; the requests ask for Wednesdays from 18 November, 18:00–20:00 Berlin time.
const NOW = new Date('2026-11-02T09:00:00Z');

describe('staff decide on room requests', () => {
	let database: Database;
	let db: Db;
	let staff: Actor & { id: number };
	let content: Actor;

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
		await seedSite(db);
		staff = await createActor(db, { email: 'raeume@example.org', roles: ['rooms'] });
		content = await createActor(db, { email: 'inhalt@example.org', roles: ['content'] });
	});
	afterAll(async () => {
		await database?.close();
	});
	beforeEach(async () => {
		setClock(NOW);
		await db.delete(bookings);
		await db.delete(bookingRequests);
		await db.delete(outboxMails);
	});
	afterEach(() => resetClock());

	const datesOf = (requestId: number) =>
		db
			.select({ id: bookings.id, status: bookings.status })
			.from(bookings)
			.where(eq(bookings.requestId, requestId))
			.orderBy(asc(bookings.startsAt));
	const auditsOf = (requestId: number, action: string) =>
		db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.entityId, String(requestId)), eq(auditLog.action, action)));
	const mailsOf = (templateKey: string) =>
		db.select().from(outboxMails).where(eq(outboxMails.templateKey, templateKey));

	async function failure(promise: Promise<unknown>): Promise<DomainError> {
		const err = await promise.then(
			() => undefined,
			(e: unknown) => e
		);
		expect(err).toBeInstanceOf(DomainError);
		return err as DomainError;
	}

	it('approves a series, leaving out a date staff chose and the date that was taken', async () => {
		// Someone else has 2 December; the series accepted leaving it out.
		await createBookingRequest(db, { date: '2026-12-02' });
		const { id } = await createBookingRequest(db, {
			weeks: 4,
			locale: 'en',
			email: 'erika@example.org',
			acceptedUnavailable: ['2026-12-02']
		});
		const before = await datesOf(id);
		expect(before.map((d) => d.status)).toEqual(['pending', 'pending', 'conflict', 'pending']);

		const result = await approveBookingRequest(db, {
			actor: staff,
			id,
			skipBookingIds: [before[1].id]
		});
		expect(result).toEqual({ changed: true, approved: 2, skipped: 2 });
		expect((await datesOf(id)).map((d) => d.status)).toEqual([
			'approved',
			'skipped',
			'skipped',
			'approved'
		]);
		const [request] = await db.select().from(bookingRequests).where(eq(bookingRequests.id, id));
		expect(request).toMatchObject({ status: 'approved', decidedAt: NOW, decidedBy: staff.id });
		const [audit] = await auditsOf(id, 'booking-request.approved');
		expect(audit).toMatchObject({
			before: { status: 'pending' },
			after: { status: 'approved' },
			actorId: staff.id
		});

		// The mail in the requester's language, with the dates and the calendar file.
		const [mail] = await mailsOf('rooms.request-approved');
		expect(mail).toMatchObject({ recipient: 'erika@example.org', locale: 'en' });
		expect(mail.subject).toMatch(/^Your room request RAUM-2026-\d{4} is approved: Gruppenraum/);
		expect(mail.textBody).toMatch(/- Wednesday, November 18, 2026, 6:00\sPM–8:00\sPM\n/);
		expect(mail.textBody).toContain('We cannot give you these dates');
		expect(mail.attachments).toHaveLength(1);
		expect(mail.attachments[0].contentType).toMatch(/^text\/calendar/);
		const ics = Buffer.from(mail.attachments[0].content, 'base64').toString('utf8');
		expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
		expect(ics).toContain(`UID:booking-${before[0].id}@quartier\r\n`);
		expect(ics).toContain('DTSTART:20261118T170000Z\r\nDTEND:20261118T190000Z\r\n');
		expect(ics).toContain('DTSTART:20261209T170000Z');
		expect(ics).toContain('SUMMARY:Gruppenraum\r\n');
		expect(ics).not.toContain('20261125');

		// A second approval changes nothing, records nothing and sends nothing.
		await expect(approveBookingRequest(db, { actor: staff, id })).resolves.toMatchObject({
			changed: false
		});
		expect(await auditsOf(id, 'booking-request.approved')).toHaveLength(1);
		expect(await mailsOf('rooms.request-approved')).toHaveLength(1);
	});

	it('refuses to skip another request’s date or every date, and writes nothing', async () => {
		const other = await createBookingRequest(db, { date: '2026-11-25' });
		const { id } = await createBookingRequest(db, { weeks: 1 });
		const [otherDate] = await datesOf(other.id);
		const [own] = await datesOf(id);
		for (const skipBookingIds of [[otherDate.id], [own.id], [999_999]]) {
			const err = await failure(approveBookingRequest(db, { actor: staff, id, skipBookingIds }));
			expect(err.code).toBe('INVALID');
			expect(err.fieldErrors?.skipBookingIds).toBeTruthy();
		}
		expect((await datesOf(id)).map((d) => d.status)).toEqual(['pending']);
		expect((await datesOf(other.id)).map((d) => d.status)).toEqual(['pending']);
		expect(await auditsOf(id, 'booking-request.approved')).toHaveLength(0);
		expect(await mailsOf('rooms.request-approved')).toHaveLength(0);
	});

	it('declines with a message: the dates are freed and the requester reads the message', async () => {
		const { id } = await createBookingRequest(db, { weeks: 2, email: 'erika@example.org' });
		await declineBookingRequest(db, {
			actor: staff,
			id,
			message: '  Der Raum wird an diesen Tagen renoviert.  '
		});
		expect((await datesOf(id)).map((d) => d.status)).toEqual(['declined', 'declined']);
		const [request] = await db.select().from(bookingRequests).where(eq(bookingRequests.id, id));
		expect(request).toMatchObject({
			status: 'declined',
			decisionMessage: 'Der Raum wird an diesen Tagen renoviert.',
			decidedBy: staff.id
		});
		const [mail] = await mailsOf('rooms.request-declined');
		expect(mail.recipient).toBe('erika@example.org');
		expect(mail.subject).toMatch(/^Absage zu Ihrer Raumanfrage RAUM-2026-\d{4}: Gruppenraum$/);
		expect(mail.textBody).toContain('Der Raum wird an diesen Tagen renoviert.');
		expect(mail.textBody).toContain('Mittwoch, 25. November 2026, 18:00–20:00');
		expect(await auditsOf(id, 'booking-request.declined')).toHaveLength(1);
		// The time is free again: someone else may ask for it.
		await expect(createBookingRequest(db, {})).resolves.toMatchObject({ held: 1 });
		// Declining again, or approving now, changes nothing.
		await expect(
			declineBookingRequest(db, { actor: staff, id, message: 'Nochmal' })
		).resolves.toEqual({ changed: false });
		expect((await failure(approveBookingRequest(db, { actor: staff, id }))).code).toBe(
			'INVALID_TRANSITION'
		);
	});

	it('refuses an empty or overlong message, other roles, unknown and cancelled requests', async () => {
		const { id } = await createBookingRequest(db);
		for (const message of ['   ', 'x'.repeat(2001)]) {
			const err = await failure(declineBookingRequest(db, { actor: staff, id, message }));
			expect(err.code).toBe('INVALID');
			expect(err.fieldErrors?.message).toMatch(/Nachricht an die anfragende Person/);
		}
		expect((await failure(approveBookingRequest(db, { actor: content, id }))).code).toBe(
			'FORBIDDEN'
		);
		expect(
			(await failure(declineBookingRequest(db, { actor: content, id, message: 'Nein' }))).code
		).toBe('FORBIDDEN');
		expect((await failure(approveBookingRequest(db, { actor: staff, id: 999_999 }))).code).toBe(
			'NOT_FOUND'
		);
		await db.update(bookingRequests).set({ status: 'cancelled' }).where(eq(bookingRequests.id, id));
		expect((await failure(approveBookingRequest(db, { actor: staff, id }))).code).toBe(
			'INVALID_TRANSITION'
		);
		expect((await datesOf(id)).map((d) => d.status)).toEqual(['pending']);
		expect(
			await db
				.select()
				.from(outboxMails)
				.where(eq(outboxMails.templateKey, 'rooms.request-approved'))
		).toHaveLength(0);
	});

	it('approves once when ten staff approve the same request at the same moment', async () => {
		const { id } = await createBookingRequest(db, { weeks: 3 });
		const results = await Promise.all(
			Array.from({ length: 10 }, () => approveBookingRequest(db, { actor: staff, id }))
		);
		expect(results.filter((r) => r.changed)).toHaveLength(1);
		expect(await auditsOf(id, 'booking-request.approved')).toHaveLength(1);
		expect(await mailsOf('rooms.request-approved')).toHaveLength(1);
		expect((await datesOf(id)).map((d) => d.status)).toEqual(['approved', 'approved', 'approved']);
	});
});

describe('the calendar file', () => {
	it('escapes text, folds long lines at 75 octets and ends every line with CRLF', () => {
		const ics = bookingCalendar({
			roomName: 'Saal; groß, schön',
			location: 'Haus der Begegnung, Am Markt 1, 50181 Bedburg – ' + 'ä'.repeat(60),
			dates: [
				{ id: 7, start: new Date('2026-11-18T17:00:00Z'), end: new Date('2026-11-18T19:00:00Z') }
			],
			stamp: new Date('2026-11-02T09:00:00.123Z')
		});
		expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
		expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
		expect(ics).toContain('SUMMARY:Saal\\; groß\\, schön\r\n');
		expect(ics).toContain('DTSTAMP:20261102T090000Z\r\n');
		for (const line of ics.split('\r\n')) {
			expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
		}
		// Unfolding gives the line back.
		expect(ics.replace(/\r\n /g, '')).toContain(`Bedburg – ${'ä'.repeat(60)}`);
		expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
		expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
	});
});
