import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDatabase } from '$tests/helpers/db';
import { createActor } from '$tests/helpers/users';
import { createBookingRequest } from '$tests/factories';
import type { Database, Db } from '../db/client';
import { bookingRequests, bookings, rooms } from '../db/schema';
import type { Actor } from '../auth/actor';
import { ANONYMOUS } from '../auth/actor';
import { DomainError } from '../errors';
import { seedSite } from '../site/seed-site';
import { localToInstant, resetClock, setClock } from '../time';
import {
	csvCell,
	getUsageReport,
	shiftMonth,
	usageReportCsv,
	type UsageCsvLabels
} from './usage-report';

const LABELS: UsageCsvLabels = {
	header: ['Raum', 'Gruppe', 'Buchungen', 'Stunden'],
	noGroup: 'ohne Gruppe',
	kind: (kind) => (kind === 'block' ? 'Sperrzeiten' : 'Veranstaltungen'),
	total: 'Gesamt'
};

describe('room usage report', () => {
	let database: Database;
	let db: Db;
	let staff: Actor;
	let roomId: number;
	let roomName: string;

	const at = (local: string) => localToInstant(local) as Date;
	/** An approved date of a request, inserted directly: the rules (opening hours) are not the point. */
	async function approvedDate(
		organisation: string,
		from: string,
		to: string,
		extra: Partial<typeof bookingRequests.$inferInsert> = {}
	) {
		const [request] = await db
			.insert(bookingRequests)
			.values({
				status: 'approved',
				name: 'Erika Muster',
				email: 'erika@example.org',
				organisation,
				purpose: 'Treffen',
				attendees: 8,
				acceptedTermsAt: new Date(),
				...extra
			})
			.returning({ id: bookingRequests.id });
		await db.insert(bookings).values({
			requestId: request.id,
			roomId,
			kind: 'request',
			startsAt: at(from),
			endsAt: at(to),
			// A buffer that must not count as used time.
			occupiedUntil: new Date(at(to).getTime() + 30 * 60_000),
			status: 'approved'
		});
	}

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
		await seedSite(db);
		staff = await createActor(db, { email: 'bericht@example.org', roles: ['rooms'] });
		const [room] = await db
			.select({ id: rooms.id, name: rooms.name })
			.from(rooms)
			.where(eq(rooms.slug, 'gruppenraum'));
		roomId = room.id;
		roomName = room.name;

		// October 2026: the clocks go back in the night to Sunday 25 October.
		await approvedDate('Chor Kaster', '2026-10-24T18:00', '2026-10-24T20:00');
		await approvedDate('Chor Kaster', '2026-10-25T18:00', '2026-10-25T20:00');
		// Across the night of the DST change: 00:00–04:00 on the wall clock is five real hours.
		await approvedDate('Nachtcafé', '2026-10-25T00:00', '2026-10-25T04:00');
		// Local 31 October late evening is already 1 November in UTC, still October here.
		await approvedDate('', '2026-10-31T23:00', '2026-11-01T01:00');
		// Anonymised by the retention job: the name is gone, the group stays.
		await approvedDate('=HYPERLINK("x")', '2026-10-10T10:00', '2026-10-10T11:30', {
			name: '',
			email: '',
			anonymisedAt: new Date()
		});
		// Not approved: no use.
		await db.insert(bookings).values({
			requestId: (
				await db
					.insert(bookingRequests)
					.values({
						name: 'Offen',
						email: 'offen@example.org',
						organisation: 'Chor Kaster',
						purpose: 'Treffen',
						attendees: 8,
						acceptedTermsAt: new Date()
					})
					.returning({ id: bookingRequests.id })
			)[0].id,
			roomId,
			startsAt: at('2026-10-20T18:00'),
			endsAt: at('2026-10-20T20:00'),
			occupiedUntil: at('2026-10-20T20:00'),
			status: 'pending'
		});
		// A block of the house, counted apart from the groups.
		await db.insert(bookings).values({
			roomId,
			kind: 'block',
			title: 'Renovierung',
			startsAt: at('2026-10-12T08:00'),
			endsAt: at('2026-10-12T16:00'),
			occupiedUntil: at('2026-10-12T16:00'),
			status: 'approved'
		});
		// November: through the public form, then approved.
		setClock(new Date('2026-11-02T09:00:00Z'));
		const { id } = await createBookingRequest(db, { organisation: 'Chor Kaster' });
		await db.update(bookings).set({ status: 'approved' }).where(eq(bookings.requestId, id));
	});
	afterAll(async () => {
		await database?.close();
	});
	afterEach(() => resetClock());

	it('sums real hours per room and group in the month of the local start', async () => {
		const report = await getUsageReport(db, { actor: staff, month: '2026-10' });
		const room = report.rooms.find((r) => r.id === roomId);
		expect(room?.groups).toEqual([
			{ kind: 'block', organisation: '', bookings: 1, hours: 8 },
			{ kind: 'request', organisation: '', bookings: 1, hours: 2 },
			{ kind: 'request', organisation: '=HYPERLINK("x")', bookings: 1, hours: 1.5 },
			{ kind: 'request', organisation: 'Chor Kaster', bookings: 2, hours: 4 },
			{ kind: 'request', organisation: 'Nachtcafé', bookings: 1, hours: 5 }
		]);
		expect(room).toMatchObject({
			requestBookings: 5,
			requestHours: 12.5,
			otherBookings: 1,
			otherHours: 8
		});
		// Other active rooms are listed with nothing booked.
		expect(report.rooms.length).toBeGreaterThan(1);
		expect(report.rooms.filter((r) => r.id !== roomId).every((r) => r.groups.length === 0)).toBe(
			true
		);

		const november = await getUsageReport(db, { actor: staff, month: '2026-11' });
		expect(november.rooms.find((r) => r.id === roomId)?.groups).toEqual([
			{ kind: 'request', organisation: 'Chor Kaster', bookings: 1, hours: 2 }
		]);
	});

	it('writes CSV for Excel: BOM, semicolons, decimal comma, totals, no formulas', async () => {
		const report = await getUsageReport(db, { actor: staff, month: '2026-10' });
		const csv = usageReportCsv(report, LABELS);
		expect(csv.startsWith('\uFEFFRaum;Gruppe;Buchungen;Stunden\r\n')).toBe(true);
		const lines = csv.slice(1).trimEnd().split('\r\n');
		expect(lines.filter((line) => line.startsWith(`${roomName};`))).toEqual([
			`${roomName};Sperrzeiten;1;8`,
			`${roomName};ohne Gruppe;1;2`,
			`${roomName};"'=HYPERLINK(""x"")";1;1,5`,
			`${roomName};Chor Kaster;2;4`,
			`${roomName};Nachtcafé;1;5`,
			`${roomName};Gesamt;6;20,5`
		]);
		expect(['=1', '+1', '-1', '@a', 'a=1'].map(csvCell)).toEqual([
			"'=1",
			"'+1",
			"'-1",
			"'@a",
			'a=1'
		]);
	});

	it('refuses without bookings.read and answers NOT_FOUND to a malformed month', async () => {
		await expect(getUsageReport(db, { actor: ANONYMOUS, month: '2026-10' })).rejects.toThrow(
			DomainError
		);
		for (const month of ['2026-13', '2026-1', 'x', '2026-10-01']) {
			await expect(getUsageReport(db, { actor: staff, month })).rejects.toMatchObject({
				code: 'NOT_FOUND'
			});
		}
		expect([shiftMonth('2026-01', -1), shiftMonth('2026-12', 1)]).toEqual(['2025-12', '2027-01']);
	});
});
