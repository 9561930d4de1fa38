import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, asc, count, eq } from 'drizzle-orm';
import { createTestDatabase } from '$tests/helpers/db';
import type { Database, Db } from '../db/client';
import {
	auditLog,
	bookingRequests,
	bookings,
	capabilityLinks,
	contactPersons,
	outboxMails,
	roomClosures,
	rooms
} from '../db/schema';
import { ANONYMOUS } from '../auth/actor';
import { DomainError, messageOf, sqlStateOf } from '../errors';
import { seedSite } from '../site/seed-site';
import { resetClock, setClock } from '../time';
import { requestBooking, previewBookingRequest, type BookingRequestInput } from './request-booking';
import { expandRequestedDates } from './series';
import { findOwnBookingRequests } from './find-own-booking-requests';
import { createActor } from '$tests/helpers/users';
import { failure } from '$tests/helpers/domain-error';

const ORIGIN = 'https://quartier.example';
// A Monday in November; the example rooms are open 08:00–22:00 on weekdays.
const NOW = new Date('2026-11-02T09:00:00Z');

describe('requesting a room', () => {
	let database: Database;
	let db: Db;
	let gruppenraum: typeof rooms.$inferSelect;

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
		await seedSite(db);
		await db.update(contactPersons).set({ email: 'lindner@kaster.example' });
		const all = await db.select().from(rooms).orderBy(asc(rooms.sortOrder));
		gruppenraum = all.find((r) => r.slug === 'gruppenraum')!;
	});
	afterAll(async () => {
		await database?.close();
	});
	beforeEach(async () => {
		setClock(NOW);
		await db.delete(bookings);
		await db.delete(bookingRequests);
		await db.delete(outboxMails);
		await db.delete(roomClosures);
	});
	afterEach(() => resetClock());

	function input(over: Partial<BookingRequestInput> & { date?: string } = {}): BookingRequestInput {
		const { date = '2026-11-18', ...rest } = over;
		return {
			roomId: gruppenraum.id,
			slots: expandRequestedDates({
				date,
				startTime: '18:00',
				endTime: '20:00',
				repeat: { kind: 'once' }
			}),
			seriesRule: null,
			purpose: 'Treffen der Nachbarschaftshilfe',
			attendees: 12,
			name: 'Erika Muster',
			email: 'erika@example.org',
			phone: '',
			organisation: 'Nachbarschaftshilfe Kaster',
			showOrganisation: true,
			acceptedUnavailable: [],
			...rest
		};
	}

	const request = (i: BookingRequestInput) =>
		requestBooking(db, { actor: ANONYMOUS, input: i, origin: ORIGIN });

	it('stores a request with its date pending, two links and two mails, all at once', async () => {
		const result = await request(input());
		expect(result.reference).toMatch(/^RAUM-2026-\d{4}$/);
		const [row] = await db.select().from(bookingRequests);
		expect(row).toMatchObject({ status: 'pending', attendees: 12, acceptedTermsAt: NOW });
		const dates = await db.select().from(bookings);
		expect(dates).toHaveLength(1);
		expect(dates[0]).toMatchObject({
			status: 'pending',
			startsAt: new Date('2026-11-18T17:00:00Z'),
			endsAt: new Date('2026-11-18T19:00:00Z'),
			// The Gruppenraum's 15 minutes for tidying up.
			occupiedUntil: new Date('2026-11-18T19:15:00Z')
		});
		const links = await db
			.select()
			.from(capabilityLinks)
			.where(eq(capabilityLinks.recordId, row.id));
		expect(links.map((l) => l.purpose).sort()).toEqual(['booking.cancel', 'booking.status']);
		const mails = await db.select().from(outboxMails).orderBy(asc(outboxMails.id));
		expect(mails.map((m) => [m.recipient, m.templateKey])).toEqual([
			['erika@example.org', 'rooms.request-received'],
			['lindner@kaster.example', 'rooms.request-to-staff']
		]);
		// The requester's receipt names the date but none of the text typed into the form.
		expect(mails[0].textBody).toContain('Mittwoch, 18. November 2026, 18:00–20:00');
		expect(mails[0].textBody).not.toContain('Nachbarschaftshilfe');
		expect(mails[0].textBody).toContain(`${ORIGIN}/raeume/anfrage?token=${result.statusToken}`);
		const [{ value: audits }] = await db
			.select({ value: count() })
			.from(auditLog)
			.where(and(eq(auditLog.entity, 'booking_request'), eq(auditLog.entityId, String(row.id))));
		expect(audits).toBe(1);
	});

	it('keeps who asked while signed in, for their account page, and shows it to nobody else', async () => {
		const resident = await createActor(db, { email: 'bewohnerin@example.org', roles: [] });
		const other = await createActor(db, { email: 'nachbar@example.org', roles: [] });
		const { reference } = await requestBooking(db, {
			actor: resident,
			input: input(),
			origin: ORIGIN
		});
		const own = await findOwnBookingRequests(db, { actor: resident });
		expect(own).toEqual([
			{
				reference,
				status: 'pending',
				dates: [
					{
						start: new Date('2026-11-18T17:00:00Z'),
						end: new Date('2026-11-18T19:00:00Z'),
						status: 'pending',
						roomName: 'Gruppenraum'
					}
				]
			}
		]);
		expect(await findOwnBookingRequests(db, { actor: other })).toEqual([]);
		expect(await findOwnBookingRequests(db, { actor: ANONYMOUS }).catch((e) => e.code)).toBe(
			'UNAUTHENTICATED'
		);
	});

	it('refuses a taken time with 409 naming it, and stores nothing', async () => {
		await request(input());
		const err = await failure(request(input({ email: 'zweite@example.org' })));
		expect(err.code).toBe('CONFLICT');
		expect(messageOf(err)).toBe(
			'Der Raum ist am Mittwoch, 18. November 2026, 18:00–20:15 schon belegt. Bitte wählen Sie eine andere Zeit oder einen anderen Raum.'
		);
		expect(await db.select().from(bookingRequests)).toHaveLength(1);
		expect(await db.select().from(outboxMails)).toHaveLength(2);
	});

	it('counts the buffer: a start inside the previous booking’s tidy-up time is taken, after it free', async () => {
		await request(input());
		const tooEarly = expandRequestedDates({
			date: '2026-11-18',
			startTime: '20:10',
			endTime: '21:00',
			repeat: { kind: 'once' }
		});
		expect((await failure(request(input({ slots: tooEarly })))).code).toBe('CONFLICT');
		const backToBack = expandRequestedDates({
			date: '2026-11-18',
			startTime: '20:15',
			endTime: '21:00',
			repeat: { kind: 'once' }
		});
		await expect(request(input({ slots: backToBack }))).resolves.toMatchObject({ held: 1 });
	});

	it('lets exactly one of 50 concurrent requests for the same time through', async () => {
		const results = await Promise.allSettled(
			Array.from({ length: 50 }, (_, i) => request(input({ email: `person${i}@example.org` })))
		);
		const ok = results.filter((r) => r.status === 'fulfilled');
		const refused = results.filter((r) => r.status === 'rejected');
		expect(ok).toHaveLength(1);
		for (const r of refused) {
			expect((r as PromiseRejectedResult).reason).toBeInstanceOf(DomainError);
			expect(((r as PromiseRejectedResult).reason as DomainError).code).toBe('CONFLICT');
		}
		const [{ value }] = await db
			.select({ value: count() })
			.from(bookings)
			.where(eq(bookings.status, 'pending'));
		expect(value).toBe(1);
		expect(await db.select().from(bookingRequests)).toHaveLength(1);
	});

	it('lets exactly one of 50 overlapping dates become approved, however they race', async () => {
		// Dates that do not hold the room (as a series keeps the ones it left out) may overlap;
		// moving them into a holding state is what the database guards, for approvals too.
		const { id } = await request(input());
		await db.update(bookings).set({ status: 'conflict' });
		const [held] = await db.select().from(bookings);
		const copy = { ...held, id: undefined };
		await db.insert(bookings).values(Array.from({ length: 49 }, () => copy));
		const all = await db.select({ id: bookings.id }).from(bookings);
		expect(all).toHaveLength(50);
		const results = await Promise.allSettled(
			all.map((b) =>
				db.transaction((tx) =>
					tx.update(bookings).set({ status: 'approved' }).where(eq(bookings.id, b.id))
				)
			)
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		for (const r of results.filter((r) => r.status === 'rejected')) {
			expect(sqlStateOf((r as PromiseRejectedResult).reason)).toBe('23P01');
		}
		const approved = await db
			.select()
			.from(bookings)
			.where(and(eq(bookings.requestId, id), eq(bookings.status, 'approved')));
		expect(approved).toHaveLength(1);
	});

	it('checks the rules: capacity, opening hours, notice, advance, the past, holidays', async () => {
		const at = (date: string, startTime: string, endTime: string) =>
			input({
				slots: expandRequestedDates({ date, startTime, endTime, repeat: { kind: 'once' } })
			});
		const cases: [BookingRequestInput, string, RegExp][] = [
			[input({ attendees: 21 }), 'attendees', /höchstens 20 Personen/],
			[at('2026-11-18', '21:00', '23:00'), 'startTime', /mittwochs nur 08:00–22:00 Uhr geöffnet/],
			[at('2026-11-22', '10:00', '12:00'), 'startTime', /sonntags geschlossen/],
			[at('2026-11-03', '10:00', '12:00'), 'date', /mindestens 48 Stunden vorher/],
			[at('2026-11-01', '10:00', '12:00'), 'date', /Vergangenheit/],
			[at('2027-12-01', '10:00', '12:00'), 'date', /höchstens 365 Tage im Voraus/],
			[at('2026-11-18', '08:00', '17:00'), 'endTime', /höchstens 8 Stunden/],
			[
				at('2026-12-25', '10:00', '12:00'),
				'date',
				/geschlossen: 1\. Weihnachtstag|geschlossen: .*Weihnacht/
			]
		];
		for (const [i, field, message] of cases) {
			const err = await failure(request(i));
			expect(err.fieldErrors?.[field], field).toMatch(message);
		}
		expect(await db.select().from(bookingRequests)).toHaveLength(0);
	});

	it('stores a weekly series, skipping the dates the requester saw taken or closed', async () => {
		// Someone else has one Wednesday; 23 December is a closure of the house.
		await request(input({ date: '2026-12-02', email: 'andere@example.org' }));
		const [venueRoom] = await db.select().from(rooms).where(eq(rooms.id, gruppenraum.id));
		await db.insert(roomClosures).values({
			venueId: venueRoom.venueId,
			firstDay: '2026-12-23',
			lastDay: '2026-12-23',
			reason: 'Betriebsferien'
		});
		const slots = expandRequestedDates({
			date: '2026-11-18',
			startTime: '18:00',
			endTime: '20:00',
			repeat: { kind: 'weekly', interval: 1, until: '2026-12-30' }
		});
		expect(slots).toHaveLength(7);
		const preview = await previewBookingRequest(db, {
			actor: ANONYMOUS,
			roomId: gruppenraum.id,
			slots,
			attendees: 12
		});
		expect(preview.map((d) => `${d.date} ${d.state}`)).toEqual([
			'2026-11-18 free',
			'2026-11-25 free',
			'2026-12-02 taken',
			'2026-12-09 free',
			'2026-12-16 free',
			'2026-12-23 closed',
			'2026-12-30 free'
		]);
		// Without agreeing to leave them out: refused, nothing stored.
		const series = input({ slots, seriesRule: 'RRULE:FREQ=WEEKLY' });
		expect((await failure(request(series))).code).toBe('CONFLICT');
		expect(await db.select().from(bookingRequests)).toHaveLength(1);

		const result = await request({ ...series, acceptedUnavailable: ['2026-12-02', '2026-12-23'] });
		expect(result).toMatchObject({ held: 5, left: 2 });
		const stored = await db
			.select({ status: bookings.status, note: bookings.note })
			.from(bookings)
			.where(eq(bookings.requestId, result.id))
			.orderBy(asc(bookings.startsAt));
		expect(stored.map((b) => b.status)).toEqual([
			'pending',
			'pending',
			'conflict',
			'pending',
			'pending',
			'conflict',
			'pending'
		]);
		expect(stored[5].note).toBe('Betriebsferien');
	});

	it('keeps 19:00 at 19:00 across the change to summer time', () => {
		const slots = expandRequestedDates({
			date: '2027-03-17',
			startTime: '19:00',
			endTime: '21:00',
			repeat: { kind: 'weekly', interval: 1, until: '2027-04-07' }
		});
		expect(slots.map((s) => s.start.toISOString())).toEqual([
			'2027-03-17T18:00:00.000Z',
			'2027-03-24T18:00:00.000Z',
			'2027-03-31T17:00:00.000Z',
			'2027-04-07T17:00:00.000Z'
		]);
	});

	it('refuses absurd series and times with a clear message', () => {
		const expand = (over: object) => {
			try {
				expandRequestedDates({
					date: '2026-11-18',
					startTime: '18:00',
					endTime: '20:00',
					repeat: { kind: 'weekly', interval: 1, until: '2036-11-18' },
					...over
				});
			} catch (err) {
				expect(err).toBeInstanceOf(DomainError);
				return messageOf(err as DomainError);
			}
			throw new Error('expected a refusal');
		};
		expect(expand({})).toMatch(/höchstens 104 Termine/);
		expect(expand({ repeat: { kind: 'weekly', interval: 9, until: '2027-01-01' } })).toMatch(
			/alle 2 bis 4 Wochen/
		);
		expect(expand({ repeat: { kind: 'weekly', interval: 1, until: '2026-11-01' } })).toMatch(
			/nach dem ersten Termin/
		);
		expect(expand({ endTime: '17:00', repeat: { kind: 'once' } })).toMatch(/„Bis“ muss nach/);
		expect(expand({ date: '2026-02-30', repeat: { kind: 'once' } })).toMatch(/gültiges Datum/);
		expect(expand({ startTime: '25:00', repeat: { kind: 'once' } })).toMatch(/Uhrzeit/);
	});
});
