import { eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import { formatTimeSpan } from '$lib/format';
import type { Db, Tx } from '../db/client';
import { bookingRequests, bookings, siteSettings, venues } from '../db/schema';
import { actorUserId, type Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { recordAudit } from '../audit/record-audit';
import { issueCapabilityLink } from '../capabilities/issue-capability-link';
import { resolveRecipients } from '../contact/resolve-recipients';
import { DomainError, fieldError } from '../errors';
import { enqueueMail } from '../mail/outbox';
import { now, timeZone } from '../time';
import { findBusyIntervals, firstCollision, occupied } from './availability';
import {
	assertRequestFitsRules,
	closedReason,
	loadRoomWithRules,
	slotDate,
	type RoomWithRules
} from './booking-rules';
import { bookingReceivedMail, bookingRequestedMail } from './booking-mails';
import { bookingReference } from './booking-reference';
import { isOverlap, takenError } from './taken-error';
import type { Slot } from './series';

export interface BookingRequestInput {
	roomId: number;
	/** The dates asked for (one, or a series expanded by series.ts), in order. */
	slots: Slot[];
	/** The series as RFC 5545 text, null for one date. */
	seriesRule: string | null;
	purpose: string;
	attendees: number;
	name: string;
	email: string;
	phone: string;
	organisation: string;
	showOrganisation: boolean;
	/**
	 * Local dates (`YYYY-MM-DD`) of a series that the requester saw as not available in the
	 * preview and agreed to leave out. A date that became unavailable since is refused (409).
	 */
	acceptedUnavailable: string[];
}

export interface DatePreview {
	date: string;
	start: Date;
	end: Date;
	state: 'free' | 'taken' | 'closed';
	/** For a closed date: why (a holiday's name, the closure's reason). */
	reason: string;
	/** For a taken date: when the room is busy (set-up time included); never by whom. */
	busy?: { start: Date; end: Date };
}

/** Each date of a request: free, taken (by someone, never by whom) or closed. */
export async function classifyDates(
	db: Db | Tx,
	rules: RoomWithRules,
	slots: Slot[]
): Promise<DatePreview[]> {
	if (slots.length === 0) return [];
	const { room } = rules;
	const until = occupied(slots[slots.length - 1], room.bufferMinutes).until;
	const busy = await findBusyIntervals(db, [room.id], slots[0].start, until);
	return slots.map((slot) => {
		const date = slotDate(slot);
		const closed = closedReason(rules, date);
		if (closed) return { date, ...slotTimes(slot), state: 'closed', reason: closed };
		const hold = occupied(slot, room.bufferMinutes);
		const taken = firstCollision(busy, room.id, hold.start, hold.until);
		return taken
			? {
					date,
					...slotTimes(slot),
					state: 'taken',
					reason: '',
					busy: { start: taken.start, end: taken.end }
				}
			: { date, ...slotTimes(slot), state: 'free', reason: '' };
	});
}

const slotTimes = (slot: Slot) => ({ start: slot.start, end: slot.end });

/** What the form shows before sending: the rules are checked, then every date is classified. */
export async function previewBookingRequest(
	db: Db,
	{
		actor,
		roomId,
		slots,
		attendees
	}: { actor: Actor; roomId: number; slots: Slot[]; attendees: number }
): Promise<DatePreview[]> {
	assertCan(actor, 'booking.request');
	const rules = await loadRoomWithRules(db, roomId);
	assertRequestFitsRules(rules, slots, attendees, now());
	return classifyDates(db, rules, slots);
}

/**
 * Stores a booking request without an account: the free dates hold the room (pending), dates
 * the requester agreed to leave out are kept as `conflict` so staff see them. All in one
 * transaction with the links, the mails and the audit: a request is stored completely or not at
 * all. Two requests for the same time: the database's exclusion constraint lets exactly one
 * through; the other gets CONFLICT (409) naming the time.
 */
export async function requestBooking(
	db: Db,
	{
		actor,
		input,
		origin,
		locale = 'de'
	}: { actor: Actor; input: BookingRequestInput; origin: string; locale?: 'de' | 'en' }
): Promise<{ id: number; reference: string; statusToken: string; held: number; left: number }> {
	assertCan(actor, 'booking.request');
	const at = now();
	const rules = await loadRoomWithRules(db, input.roomId);
	assertRequestFitsRules(rules, input.slots, input.attendees, at);
	try {
		return await db.transaction((tx) => store(tx, { actor, input, origin, locale, rules, at }));
	} catch (err) {
		if (!isOverlap(err)) throw err;
		// Someone else got a date between our check and our insert: name it.
		const dates = await classifyDates(db, rules, input.slots);
		throw takenErrorFor(dates);
	}
}

async function store(
	tx: Tx,
	{
		actor,
		input,
		origin,
		locale,
		rules,
		at
	}: {
		actor: Actor;
		input: BookingRequestInput;
		origin: string;
		locale: 'de' | 'en';
		rules: RoomWithRules;
		at: Date;
	}
) {
	const { room } = rules;
	const dates = await classifyDates(tx, rules, input.slots);
	const single = dates.length === 1;
	for (const d of dates) {
		if (d.state === 'free') continue;
		if (single && d.state === 'closed') {
			throw fieldError('date', () => m.rooms_error_closed_day({ reason: d.reason }));
		}
		if (single || !input.acceptedUnavailable.includes(d.date)) throw takenOrClosed(d);
	}
	if (!dates.some((d) => d.state === 'free')) {
		throw new DomainError('CONFLICT', { message: () => m.rooms_error_nothing_free() });
	}

	const [request] = await tx
		.insert(bookingRequests)
		.values({
			name: input.name,
			email: input.email,
			phone: input.phone,
			organisation: input.organisation,
			showOrganisation: input.showOrganisation,
			purpose: input.purpose,
			attendees: input.attendees,
			userId: actorUserId(actor),
			locale,
			acceptedTermsAt: at,
			seriesRule: input.seriesRule,
			createdAt: at
		})
		.returning({ id: bookingRequests.id });
	await tx.insert(bookings).values(
		dates.map((d) => ({
			requestId: request.id,
			roomId: room.id,
			kind: 'request' as const,
			startsAt: d.start,
			endsAt: d.end,
			occupiedUntil: occupied(d, room.bufferMinutes).until,
			status: d.state === 'free' ? ('pending' as const) : ('conflict' as const),
			note: d.reason,
			createdAt: at
		}))
	);
	const reference = bookingReference(request.id, at);
	const record = { type: 'booking' as const, id: request.id };
	// The links work until a month after the last date (then the requester has nothing to do).
	const lastEnd = dates[dates.length - 1].end.getTime();
	const days = Math.ceil((lastEnd - at.getTime()) / 86_400_000) + 30;
	const status = await issueCapabilityLink(tx, {
		actor,
		purpose: 'booking.status',
		record,
		expiresIn: { days },
		singleUse: false,
		sentTo: input.email
	});
	const cancel = await issueCapabilityLink(tx, {
		actor,
		purpose: 'booking.cancel',
		record,
		expiresIn: { days },
		singleUse: true,
		sentTo: input.email
	});
	await recordAudit(tx, {
		actor,
		action: 'booking-request.created',
		entity: 'booking_request',
		entityId: request.id,
		data: {
			roomId: room.id,
			dates: dates.length,
			held: dates.filter((d) => d.state === 'free').length
		}
	});

	const [site] = await tx.select({ officeName: siteSettings.officeName }).from(siteSettings);
	const officeName = site?.officeName ?? '';
	const statusUrl = `${origin}/raeume/anfrage?token=${status.token}`;
	const cancelUrl = `${origin}/raeume/anfrage/absagen?token=${cancel.token}`;
	await enqueueMail(
		tx,
		bookingReceivedMail({
			to: input.email,
			locale,
			reference,
			roomName: room.name,
			dates,
			statusUrl,
			cancelUrl,
			officeName
		})
	);
	const [venue] = await tx
		.select({ bookingContactId: venues.bookingContactId })
		.from(venues)
		.where(eq(venues.id, room.venueId));
	const recipients = await resolveRecipients(tx, {
		contactPersonId: venue?.bookingContactId ?? null
	});
	for (const to of recipients.emails) {
		await enqueueMail(
			tx,
			bookingRequestedMail({
				to,
				reference,
				roomName: room.name,
				dates,
				input,
				backOfficeUrl: `${origin}/verwaltung/raeume/anfragen/${request.id}`
			})
		);
	}
	return {
		id: request.id,
		reference,
		statusToken: status.token,
		held: dates.filter((d) => d.state === 'free').length,
		left: dates.filter((d) => d.state !== 'free').length
	};
}

function takenOrClosed(d: DatePreview): DomainError {
	if (d.state === 'closed') {
		const when = formatTimeSpan(d.start, d.end, { timeZone: timeZone() });
		return new DomainError('CONFLICT', {
			message: () => m.rooms_error_date_now_closed({ when, reason: d.reason })
		});
	}
	return takenError(d.busy?.start ?? d.start, d.busy?.end ?? d.end);
}

/** After a lost race: the first date that is taken now, named by when the room is busy. */
export function takenErrorFor(dates: DatePreview[]): DomainError {
	const taken = dates.find((d) => d.state === 'taken') ?? dates[0];
	return takenError(taken.busy?.start ?? taken.start, taken.busy?.end ?? taken.end);
}
