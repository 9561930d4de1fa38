import { beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { useRoomsTestSetup } from '$tests/helpers/rooms';
import { createBookingRequest } from '$tests/factories';
import type { Db } from '../db/client';
import { bookingRequests, bookings, outboxMails, rooms } from '../db/schema';
import type { Actor } from '../auth/actor';
import { DomainError, messageOf } from '../errors';
import { answerProposal } from './answer-proposal';
import { proposeAlternative } from './propose-alternative';

const NOW = new Date('2026-11-02T09:00:00Z');
const ORIGIN = 'https://quartier.example';

describe('proposing another room or time, and the answer', () => {
	const setup = useRoomsTestSetup(NOW);
	let db: Db;
	let staff: Actor;
	let saalId: number;

	beforeAll(async () => {
		({ db, roomsStaff: staff } = setup);
		[{ id: saalId }] = await db
			.select({ id: rooms.id })
			.from(rooms)
			.where(eq(rooms.slug, 'grosser-saal'));
	});

	const datesOf = (requestId: number) =>
		db
			.select({ roomId: bookings.roomId, status: bookings.status, startsAt: bookings.startsAt })
			.from(bookings)
			.where(eq(bookings.requestId, requestId))
			.orderBy(asc(bookings.id));
	const linkHolder = (requestId: number, purpose = 'booking.status'): Actor => ({
		kind: 'capability',
		linkId: 1,
		purpose,
		recordType: 'booking',
		recordId: requestId
	});
	const propose = (requestId: number, over: object = {}) =>
		proposeAlternative(db, {
			actor: staff,
			origin: ORIGIN,
			input: {
				requestId,
				roomId: saalId,
				startTime: '19:00',
				endTime: '21:00',
				date: null,
				message: 'Der Gruppenraum ist renoviert; im Saal ist Platz.',
				...over
			}
		});

	it('holds the proposed time, frees the asked one, and approves on acceptance', async () => {
		const { id } = await createBookingRequest(db, { weeks: 2 });
		await propose(id);
		expect(await datesOf(id)).toEqual([
			expect.objectContaining({ status: 'declined' }),
			expect.objectContaining({ status: 'declined' }),
			{ roomId: saalId, status: 'proposed', startsAt: new Date('2026-11-18T18:00:00Z') },
			{ roomId: saalId, status: 'proposed', startsAt: new Date('2026-11-25T18:00:00Z') }
		]);
		const [mail] = await db
			.select()
			.from(outboxMails)
			.where(eq(outboxMails.templateKey, 'rooms.proposal'));
		expect(mail.textBody).toContain('Großer Saal');
		expect(mail.textBody).toContain('im Saal ist Platz');
		expect(mail.textBody).toMatch(/\/raeume\/anfrage\?token=[\w-]{43}/);
		// The asked time is free again for others.
		await expect(createBookingRequest(db, { email: 'andere@example.org' })).resolves.toBeTruthy();

		expect(
			await answerProposal(db, {
				actor: linkHolder(id),
				requestId: id,
				accept: true,
				origin: ORIGIN
			})
		).toEqual({
			changed: true
		});
		expect((await datesOf(id)).filter((d) => d.status === 'approved')).toHaveLength(2);
		const [request] = await db.select().from(bookingRequests).where(eq(bookingRequests.id, id));
		expect(request.status).toBe('approved');
		// A second click changes nothing.
		expect(
			await answerProposal(db, {
				actor: linkHolder(id),
				requestId: id,
				accept: true,
				origin: ORIGIN
			})
		).toEqual({
			changed: false
		});
	});

	it('cancels on refusal and frees the proposed time', async () => {
		const { id } = await createBookingRequest(db);
		await propose(id, { date: '2026-11-19' });
		await answerProposal(db, {
			actor: linkHolder(id),
			requestId: id,
			accept: false,
			origin: ORIGIN
		});
		const [request] = await db.select().from(bookingRequests).where(eq(bookingRequests.id, id));
		expect(request.status).toBe('cancelled');
		expect((await datesOf(id)).map((d) => d.status)).toEqual(['declined', 'cancelled']);
	});

	it('refuses a taken time (409 naming it), another request’s link, and the wrong role', async () => {
		const { id } = await createBookingRequest(db);
		await createBookingRequest(db, { room: 'grosser-saal', startTime: '19:30', endTime: '20:00' });
		const taken = await propose(id).catch((e: unknown) => e as DomainError);
		expect(taken).toBeInstanceOf(DomainError);
		expect((taken as DomainError).code).toBe('CONFLICT');
		expect(messageOf(taken as DomainError)).toMatch(
			/Mittwoch, 18\. November 2026, 19:30–20:30 schon belegt/
		);
		// Nothing changed: the asked date still holds.
		expect((await datesOf(id)).map((d) => d.status)).toEqual(['pending']);

		await propose(id, { startTime: '10:00', endTime: '12:00' });
		const other = await answerProposal(db, {
			actor: linkHolder(id + 1000),
			requestId: id,
			accept: true,
			origin: ORIGIN
		}).catch((e: unknown) => e as DomainError);
		expect((other as DomainError).code).toBe('FORBIDDEN');
		const content = setup.contentStaff;
		const refused = await proposeAlternative(db, {
			actor: content,
			origin: ORIGIN,
			input: {
				requestId: id,
				roomId: saalId,
				startTime: '10:00',
				endTime: '12:00',
				date: null,
				message: ''
			}
		}).catch((e: unknown) => e as DomainError);
		expect((refused as DomainError).code).toBe('FORBIDDEN');
	});
});
