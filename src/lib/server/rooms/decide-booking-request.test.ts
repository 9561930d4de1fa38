import { beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { useRoomsTestSetup } from '$tests/helpers/rooms';
import { createBookingRequest } from '$tests/factories';
import { failure } from '$tests/helpers/domain-error';
import type { Db } from '../db/client';
import {
	auditLog,
	bookingRequests,
	bookings,
	outboxMails,
	roomClosures,
	rooms
} from '../db/schema';
import type { Actor } from '../auth/actor';
import { messageOf } from '../errors';
import { setClock } from '../time';
import { approveBookingRequest } from './approve-booking-request';
import { bookingCalendar, foldLine } from './booking-calendar';
import { bookingRemindersJob } from './booking-reminders.job';
import { declineBookingRequest } from './decline-booking-request';
import { getBookingStatus } from './get-booking-status';
import { moveBooking, type MoveInput } from './move-booking';

// A Monday; the requests ask for Wednesdays from 18 November, 18:00–20:00 Berlin time.
const NOW = new Date('2026-11-02T09:00:00Z');

describe('staff decide on room requests', () => {
	const setup = useRoomsTestSetup(NOW);
	let db: Db;
	let staff: Actor & { id: number };
	let content: Actor;
	beforeAll(() => ({ db, roomsStaff: staff, contentStaff: content } = setup));

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

	describe('moving a date (Termin verschieben)', () => {
		const at = (iso: string) => new Date(iso);
		const move = (
			requestId: number,
			bookingId: number,
			input: Partial<MoveInput> = {},
			actor: Actor = staff
		) =>
			moveBooking(db, {
				actor,
				requestId,
				bookingId,
				input: {
					roomId: gruppenraumId,
					date: '2026-11-19',
					startTime: '17:00',
					endTime: '19:00',
					...input
				}
			});
		const bookingOf = async (bookingId: number) =>
			(await db.select().from(bookings).where(eq(bookings.id, bookingId)))[0];
		// The requester, through the status link of their mail.
		const capabilityActor = (requestId: number): Actor => ({
			kind: 'capability',
			linkId: 0,
			purpose: 'booking.status',
			recordType: 'booking',
			recordId: requestId
		});
		const icsOf = (mail: typeof outboxMails.$inferSelect) =>
			Buffer.from(mail.attachments[0].content, 'base64').toString('utf8');
		let gruppenraumId: number;
		let kreativraumId: number;
		let saalId: number;

		beforeAll(async () => {
			const all = await db.select({ id: rooms.id, slug: rooms.slug }).from(rooms);
			const idOf = (slug: string) => all.find((r) => r.slug === slug)!.id;
			gruppenraumId = idOf('gruppenraum');
			kreativraumId = idOf('kreativraum');
			saalId = idOf('grosser-saal');
		});

		it('moves an approved date: new hold with the buffer, audit, and a mail with an .ics that replaces the old event', async () => {
			const { id } = await createBookingRequest(db, { locale: 'en', email: 'erika@example.org' });
			await approveBookingRequest(db, { actor: staff, id });
			const [date] = await datesOf(id);
			await db.delete(outboxMails);

			expect(await move(id, date.id)).toEqual({ changed: true });
			expect(await bookingOf(date.id)).toMatchObject({
				status: 'approved',
				roomId: gruppenraumId,
				startsAt: at('2026-11-19T16:00:00Z'),
				endsAt: at('2026-11-19T18:00:00Z'),
				// The Gruppenraum's 15 minutes to tidy up.
				occupiedUntil: at('2026-11-19T18:15:00Z'),
				revision: 1
			});
			const [audit] = await auditsOf(id, 'booking.moved');
			expect(audit).toMatchObject({
				entity: 'booking_request',
				actorId: staff.id,
				before: { date: 'Mittwoch, 18. November 2026, 18:00–20:00' },
				after: { date: 'Donnerstag, 19. November 2026, 17:00–19:00' },
				data: { booking: date.id, status: 'approved' }
			});

			const [mail] = await mailsOf('rooms.booking-moved');
			expect(mail).toMatchObject({ recipient: 'erika@example.org', locale: 'en' });
			expect(mail.subject).toMatch(/^Date moved: Gruppenraum \(RAUM-2026-\d{4}\)$/);
			expect(mail.textBody).toMatch(
				/Before:\n- Gruppenraum, Wednesday, November 18, 2026, 6:00\sPM/
			);
			expect(mail.textBody).toMatch(/Now:\n- Gruppenraum, Thursday, November 19, 2026, 5:00\sPM/);
			const ics = icsOf(mail);
			expect(ics).toContain(`UID:booking-${date.id}@quartier\r\n`);
			expect(ics).toContain('DTSTART:20261119T160000Z\r\nDTEND:20261119T180000Z\r\nSEQUENCE:1\r\n');

			// Moved again, to the big hall: its 30-minute buffer, the same UID, a higher SEQUENCE.
			await move(id, date.id, {
				roomId: saalId,
				date: '2026-11-20',
				startTime: '10:00',
				endTime: '12:00'
			});
			expect(await bookingOf(date.id)).toMatchObject({
				roomId: saalId,
				occupiedUntil: at('2026-11-20T11:30:00Z'),
				revision: 2
			});
			const mails = await mailsOf('rooms.booking-moved');
			expect(mails).toHaveLength(2);
			const second = mails.find((m) => m.id !== mail.id)!;
			expect(second.subject).toMatch(/^Date moved: Großer Saal/);
			expect(icsOf(second)).toContain(`UID:booking-${date.id}@quartier\r\n`);
			expect(icsOf(second)).toContain('SEQUENCE:2\r\n');
			expect(icsOf(second)).toContain('SUMMARY:Großer Saal\r\n');

			// The same time again changes, records and sends nothing.
			expect(
				await move(id, date.id, {
					roomId: saalId,
					date: '2026-11-20',
					startTime: '10:00',
					endTime: '12:00'
				})
			).toEqual({ changed: false });
			expect(await auditsOf(id, 'booking.moved')).toHaveLength(2);
			expect(await mailsOf('rooms.booking-moved')).toHaveLength(2);

			// The requester's status page shows the new time and room.
			const status = await getBookingStatus(db, { actor: capabilityActor(id), requestId: id });
			expect(status.dates.map((d) => [d.start, d.roomName])).toEqual([
				[at('2026-11-20T09:00:00Z'), 'Großer Saal']
			]);
		});

		it('moves an open date without a mail (staff may ignore the notice); approval then sends the new time', async () => {
			const { id } = await createBookingRequest(db, { weeks: 2 });
			const [first] = await datesOf(id);
			// Today, in nine hours: inside the room's minimum notice, which binds requesters only.
			expect(
				await move(id, first.id, {
					roomId: kreativraumId,
					date: '2026-11-02',
					startTime: '18:00',
					endTime: '19:30'
				})
			).toEqual({ changed: true });
			expect(await bookingOf(first.id)).toMatchObject({
				status: 'pending',
				roomId: kreativraumId,
				occupiedUntil: at('2026-11-02T18:45:00Z')
			});
			expect(
				await db
					.select()
					.from(outboxMails)
					.where(eq(outboxMails.templateKey, 'rooms.booking-moved'))
			).toEqual([]);

			await approveBookingRequest(db, { actor: staff, id });
			const [mail] = await mailsOf('rooms.request-approved');
			// The mail's room is the first date's; a date in another room names its own.
			expect(mail.subject).toMatch(/: Kreativraum$/);
			expect(mail.textBody).toContain('- Montag, 2. November 2026, 18:00–19:30\n');
			expect(mail.textBody).toContain('- Mittwoch, 25. November 2026, 18:00–20:00, Gruppenraum\n');
			const ics = icsOf(mail);
			expect(ics).toContain(`UID:booking-${first.id}@quartier\r\n`);
			expect(ics).toContain('SEQUENCE:1\r\nSUMMARY:Kreativraum\r\n');
		});

		it('refuses a taken time (buffer included) with 409 naming it, changing nothing', async () => {
			await createBookingRequest(db, { date: '2026-11-19', startTime: '18:00', endTime: '20:00' });
			const { id } = await createBookingRequest(db);
			const [date] = await datesOf(id);
			for (const [startTime, endTime] of [
				['19:00', '21:00'],
				// Starts within the other booking's 15 minutes to tidy up.
				['20:10', '21:00']
			]) {
				const err = await failure(move(id, date.id, { startTime, endTime }));
				expect(err.code, startTime).toBe('CONFLICT');
				expect(messageOf(err)).toBe(
					'Der Raum ist am Donnerstag, 19. November 2026, 18:00–20:00 schon belegt (Anfrage, Buchung oder Sperre, mit Puffer). Bitte wählen Sie eine andere Zeit oder einen anderen Raum.'
				);
				expect(err.fieldErrors?.date).toBe(messageOf(err));
			}
			// Right after the buffer is free; overlapping its own old time is fine too.
			await expect(move(id, date.id, { startTime: '20:15', endTime: '21:00' })).resolves.toEqual({
				changed: true
			});
			await expect(move(id, date.id, { startTime: '20:30', endTime: '21:30' })).resolves.toEqual({
				changed: true
			});
			expect(await auditsOf(id, 'booking.moved')).toHaveLength(2);
		});

		it('refuses the past, closing days of the target room, overlong times and a too small room', async () => {
			const { id } = await createBookingRequest(db, { attendees: 15 });
			const [date] = await datesOf(id);
			const [closure] = await db
				.insert(roomClosures)
				.values({
					venueId: (await db.select().from(rooms).where(eq(rooms.id, gruppenraumId)))[0].venueId,
					roomId: gruppenraumId,
					firstDay: '2026-11-20',
					lastDay: '2026-11-20',
					reason: 'Renovierung'
				})
				.returning();
			const cases: [Partial<MoveInput>, string, RegExp][] = [
				[{ date: '2026-11-01' }, 'date', /^Dieser Termin liegt in der Vergangenheit\.$/],
				[{ date: '2026-11-02', startTime: '08:00', endTime: '09:00' }, 'date', /Vergangenheit/],
				[{ date: '2026-11-20' }, 'date', /^An diesem Tag ist geschlossen: Renovierung\.$/],
				[{ date: '2026-12-25' }, 'date', /^An diesem Tag ist geschlossen: .*Weihnacht/],
				[{ startTime: '08:00', endTime: '16:30' }, 'endTime', /höchstens 8 Stunden/],
				// 15 people do not fit into the Kreativraum (12).
				[{ roomId: kreativraumId }, 'roomId', /höchstens 12 Personen/],
				[{ date: '2026-02-30' }, 'date', /Datum/],
				[{ startTime: '20:00', endTime: '18:00' }, 'endTime', /Ende|Beginn|nach/],
				[{ roomId: 999_999 }, 'roomId', /Raum/]
			];
			for (const [input, field, message] of cases) {
				const err = await failure(move(id, date.id, input));
				expect(err.code, JSON.stringify(input)).toBe('INVALID');
				expect(err.fieldErrors?.[field], JSON.stringify(input)).toMatch(message);
			}
			// The closure is the Gruppenraum's only: the Großer Saal is open that day.
			await expect(move(id, date.id, { roomId: saalId, date: '2026-11-20' })).resolves.toEqual({
				changed: true
			});
			await db.delete(roomClosures).where(eq(roomClosures.id, closure.id));
			expect(await auditsOf(id, 'booking.moved')).toHaveLength(1);
		});

		it('refuses dates that hold nothing, other roles and foreign dates', async () => {
			const { id } = await createBookingRequest(db, { weeks: 2 });
			const other = await createBookingRequest(db, { date: '2026-12-02' });
			const [first, second] = await datesOf(id);
			const [foreign] = await datesOf(other.id);
			expect((await failure(move(id, first.id, {}, content))).code).toBe('FORBIDDEN');
			expect((await failure(move(id, foreign.id))).code).toBe('NOT_FOUND');
			expect((await failure(move(id, 999_999))).code).toBe('NOT_FOUND');
			await declineBookingRequest(db, { actor: staff, id, message: 'Leider nein.' });
			for (const status of ['declined', 'cancelled', 'conflict', 'skipped', 'proposed'] as const) {
				await db.update(bookings).set({ status }).where(eq(bookings.id, second.id));
				const err = await failure(move(id, second.id));
				expect(err.code, status).toBe('INVALID_TRANSITION');
				expect(messageOf(err)).toMatch(/Nur offene und zugesagte Termine/);
			}
			expect(await auditsOf(id, 'booking.moved')).toHaveLength(0);
			expect((await bookingOf(first.id)).startsAt).toEqual(at('2026-11-18T17:00:00Z'));
		});

		it('reminds of a moved date for its new time, once, even if the old time was reminded', async () => {
			const { id } = await createBookingRequest(db);
			await approveBookingRequest(db, { actor: staff, id });
			const [date] = await datesOf(id);
			const reminders = () => mailsOf('rooms.reminder');
			await bookingRemindersJob.run({ db, now: at('2026-11-17T08:00:00Z') });
			expect(await reminders()).toHaveLength(1);

			setClock(at('2026-11-17T10:00:00Z'));
			await move(id, date.id, { date: '2026-11-19' });
			for (let i = 0; i < 2; i++) {
				await bookingRemindersJob.run({ db, now: at('2026-11-18T08:00:00Z') });
			}
			const sent = await reminders();
			expect(sent).toHaveLength(2);
			expect(sent.map((m) => m.textBody).join('\n')).toContain(
				'Gruppenraum, Donnerstag, 19. November 2026, 17:00–19:00'
			);
		});
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
