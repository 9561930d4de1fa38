import { and, asc, eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Db, Tx } from '../db/client';
import { bookingRequests, bookings, siteSettings } from '../db/schema';
import { actorUserId, type Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { issueCapabilityLink } from '../capabilities/issue-capability-link';
import { DomainError, fieldError } from '../errors';
import { enqueueMail } from '../mail/outbox';
import { transition } from '../states';
import { now, toLocalDate } from '../time';
import { occupied } from './availability';
import { assertRequestFitsRules, loadRoomWithRules } from './booking-rules';
import { bookingProposalMail } from './booking-mails';
import { bookingReference } from './booking-reference';
import { asLocale } from './booking-decision-mails';
import { classifyDates, takenErrorFor } from './request-booking';
import { isOverlap } from './taken-error';
import { BOOKING_REQUEST_TRANSITIONS } from './rooms.states';
import { expandRequestedDates, type Slot } from './series';

export interface ProposalInput {
	requestId: number;
	roomId: number;
	startTime: string;
	endTime: string;
	/** Another day, for a request of one date only (`YYYY-MM-DD`); a series keeps its days. */
	date: string | null;
	message: string;
}

/**
 * Staff offer another room and/or time instead of what was asked: the asked dates are let go,
 * the proposed ones hold the room (status `proposed`) until the requester answers through the
 * link in the mail. One transaction; a proposed time that is taken is CONFLICT naming it.
 */
export async function proposeAlternative(
	db: Db,
	{ actor, input, origin }: { actor: Actor; input: ProposalInput; origin: string }
) {
	assertCan(actor, 'bookings.decide');
	const [request] = await db
		.select()
		.from(bookingRequests)
		.where(eq(bookingRequests.id, input.requestId));
	if (!request) throw new DomainError('NOT_FOUND');
	const asked = await db
		.select()
		.from(bookings)
		.where(and(eq(bookings.requestId, request.id), eq(bookings.status, 'pending')))
		.orderBy(asc(bookings.startsAt));
	if (request.status !== 'pending' || asked.length === 0) {
		throw new DomainError('INVALID_TRANSITION');
	}
	if (input.date && asked.length > 1) {
		throw fieldError('date', () => m.rooms_error_proposal_date_series());
	}
	const days = input.date ? [input.date] : asked.map((b) => toLocalDate(b.startsAt));
	const slots: Slot[] = days.flatMap((date) =>
		expandRequestedDates({
			date,
			startTime: input.startTime,
			endTime: input.endTime,
			repeat: { kind: 'once' }
		})
	);
	const rules = await loadRoomWithRules(db, input.roomId);
	const at = now();
	assertRequestFitsRules(rules, slots, request.attendees, at);
	try {
		return await db.transaction(async (tx) => {
			await transition(tx, {
				table: bookingRequests,
				idColumn: bookingRequests.id,
				stateColumn: bookingRequests.status,
				id: request.id,
				transitions: BOOKING_REQUEST_TRANSITIONS,
				to: 'proposal',
				set: { decisionMessage: input.message, decidedAt: at, decidedBy: actorUserId(actor) },
				actor,
				audit: {
					action: 'booking-request.proposed',
					entity: 'booking_request',
					data: { roomId: rules.room.id, dates: slots.length }
				}
			});
			await tx
				.update(bookings)
				.set({ status: 'declined' })
				.where(and(eq(bookings.requestId, request.id), eq(bookings.status, 'pending')));
			const dates = await classifyDates(tx, rules, slots);
			const blocked = dates.find((d) => d.state !== 'free');
			if (blocked?.state === 'taken') throw takenErrorFor([blocked]);
			if (blocked)
				throw fieldError('date', () => m.rooms_error_closed_day({ reason: blocked.reason }));
			await tx.insert(bookings).values(
				slots.map((slot) => ({
					requestId: request.id,
					roomId: rules.room.id,
					kind: 'request' as const,
					startsAt: slot.start,
					endsAt: slot.end,
					occupiedUntil: occupied(slot, rules.room.bufferMinutes).until,
					status: 'proposed' as const,
					createdAt: at,
					createdBy: actorUserId(actor)
				}))
			);
			await mailProposal(tx, {
				actor,
				request,
				roomName: rules.room.name,
				slots,
				input,
				origin,
				at
			});
			return { requestId: request.id, dates: slots.length };
		});
	} catch (err) {
		if (!isOverlap(err)) throw err;
		throw takenErrorFor(await classifyDates(db, rules, slots));
	}
}

async function mailProposal(
	tx: Tx,
	p: {
		actor: Actor;
		request: typeof bookingRequests.$inferSelect;
		roomName: string;
		slots: Slot[];
		input: ProposalInput;
		origin: string;
		at: Date;
	}
) {
	const lastEnd = p.slots[p.slots.length - 1].end;
	const status = await issueCapabilityLink(tx, {
		actor: p.actor,
		purpose: 'booking.status',
		record: { type: 'booking', id: p.request.id },
		expiresIn: { days: Math.ceil((lastEnd.getTime() - p.at.getTime()) / 86_400_000) + 30 },
		singleUse: false,
		sentTo: p.request.email
	});
	const [site] = await tx.select({ officeName: siteSettings.officeName }).from(siteSettings);
	await enqueueMail(
		tx,
		bookingProposalMail({
			to: p.request.email,
			locale: asLocale(p.request.locale),
			reference: bookingReference(p.request.id, p.request.createdAt),
			roomName: p.roomName,
			dates: p.slots.map((s) => ({ ...s, state: 'free' as const, reason: '' })),
			message: p.input.message,
			statusUrl: `${p.origin}/raeume/anfrage?token=${status.token}`,
			officeName: site?.officeName ?? ''
		})
	);
}
