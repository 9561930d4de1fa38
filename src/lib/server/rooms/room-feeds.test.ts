import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDatabase } from '$tests/helpers/db';
import { createActor } from '$tests/helpers/users';
import { createBookingRequest } from '$tests/factories';
import { failure } from '$tests/helpers/domain-error';
import { expectParsersAgree } from '$tests/helpers/ics-parsers';
import type { Database, Db } from '../db/client';
import { rooms, users } from '../db/schema';
import type { Actor } from '../auth/actor';

import { seedSite } from '../site/seed-site';
import { resetClock, setClock } from '../time';
import { approveBookingRequest } from './approve-booking-request';
import { bookingReference } from './booking-reference';
import {
	findStaffFeedLink,
	publicRoomFeed,
	renewStaffFeedLink,
	staffRoomFeedByToken
} from './room-feeds';

// A Monday; the requests ask for Wednesday 18 November, 18:00–20:00 Berlin time.
const NOW = new Date('2026-11-02T09:00:00Z');

describe('room calendar feeds', () => {
	let database: Database;
	let db: Db;
	let staff: Actor & { id: number };
	let approvedId: number;
	let pending: { id: number; createdAt: Date };

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
		await seedSite(db);
		setClock(NOW);
		staff = await createActor(db, { email: 'kalender@example.org', roles: ['rooms'] });
		const approved = await createBookingRequest(db, {
			organisation: 'Chor; Kaster, e.V.',
			name: 'Erika Muster',
			email: 'erika@example.org'
		});
		approvedId = approved.id;
		await approveBookingRequest(db, { actor: staff, id: approved.id });
		// Pending, and a group that agreed: still only "Belegt" until it is approved.
		const asked = await createBookingRequest(db, {
			date: '2026-11-25',
			organisation: 'Geheimer Kreis',
			name: 'Max Privat',
			email: 'max@example.org'
		});
		pending = { id: asked.id, createdAt: NOW };
	});
	afterAll(async () => {
		resetClock();
		await database?.close();
	});

	it('shows the public busy times only, escaped, with stable UIDs and CRLF lines', async () => {
		const [room] = await db.select().from(rooms).where(eq(rooms.slug, 'gruppenraum'));
		const { slug, ics } = await publicRoomFeed(db, 'gruppenraum');
		expect(slug).toBe('gruppenraum');
		expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
		expect(ics).toContain('METHOD:PUBLISH\r\n');
		expect(ics).toContain('X-WR-CALNAME:Gruppenraum – Belegung\r\n');
		expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
		expect(ics).toMatch(new RegExp(`UID:room-${room.id}-booking-\\d+@quartier\\r\\n`));
		// 18:00–20:00 Berlin is 17:00–19:00 UTC; the end includes the room's buffer.
		expect(ics).toContain('DTSTART:20261118T170000Z\r\n');
		expect(ics).toContain('SUMMARY:Chor\\; Kaster\\, e.V.\r\n');
		expect(ics).toContain('SUMMARY:Belegt\r\n');
		// ical.js and node-ical read the same two dates.
		const window = [NOW, new Date('2027-12-31T00:00:00Z')] as const;
		const read = expectParsersAgree(ics, ...window);
		expect([...read.values()].flat()).toContain('2026-11-18T17:00:00.000Z');
		for (const secret of [
			'Erika',
			'Max',
			'example.org',
			'Geheimer',
			'Nachbarschaftshilfe',
			'RAUM-'
		])
			expect(ics).not.toContain(secret);
		expect((await failure(publicRoomFeed(db, 'keller'))).code).toBe('NOT_FOUND');
	});

	it('gives staff a personal feed with the details; renewing ends the old link', async () => {
		expect(await findStaffFeedLink(db, { actor: staff })).toBeNull();
		const { token } = await renewStaffFeedLink(db, { actor: staff });
		expect(await findStaffFeedLink(db, { actor: staff })).toMatchObject({ createdAt: NOW });

		const ics = await staffRoomFeedByToken(db, token);
		expect(ics).toContain('X-WR-CALNAME:Raumbuchungen (intern)\r\n');
		const unfolded = ics.replace(/\r\n /g, '');
		expect(unfolded).toContain(bookingReference(approvedId, NOW));
		expect(unfolded).toContain(bookingReference(pending.id, pending.createdAt));
		expect(unfolded).toContain('Gruppenraum: Chor\\; Kaster\\, e.V. (zugesagt)');
		expect(unfolded).toContain('Geheimer Kreis');
		for (const secret of ['Erika', 'Max Privat', 'example.org']) expect(ics).not.toContain(secret);
		expect([...expectParsersAgree(ics, NOW, new Date('2027-12-31T00:00:00Z')).keys()]).toHaveLength(
			ics.match(/BEGIN:VEVENT/g)!.length
		);

		const { token: next } = await renewStaffFeedLink(db, { actor: staff });
		expect((await failure(staffRoomFeedByToken(db, token))).code).toBe('GONE');
		expect((await failure(staffRoomFeedByToken(db, 'x'.repeat(43)))).code).toBe('NOT_FOUND');
		expect((await failure(staffRoomFeedByToken(db, 'nonsense'))).code).toBe('NOT_FOUND');

		// The roles as they are now: without the rooms role the link no longer opens.
		await db
			.update(users)
			.set({ roles: ['content'] })
			.where(eq(users.id, staff.id));
		expect((await failure(staffRoomFeedByToken(db, next))).code).toBe('FORBIDDEN');
		await db
			.update(users)
			.set({ roles: ['rooms'] })
			.where(eq(users.id, staff.id));
		expect(await staffRoomFeedByToken(db, next)).toContain('BEGIN:VEVENT');
	});

	it('refuses the staff link to whoever may not read bookings', async () => {
		const editor = await createActor(db, { email: 'redaktion@example.org', roles: ['content'] });
		expect((await failure(renewStaffFeedLink(db, { actor: editor }))).code).toBe('FORBIDDEN');
		expect((await failure(findStaffFeedLink(db, { actor: editor }))).code).toBe('FORBIDDEN');
	});
});
