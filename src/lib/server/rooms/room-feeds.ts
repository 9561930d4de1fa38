import { and, asc, gte, inArray, lt, eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Db } from '../db/client';
import { bookingRequests, bookings, HOLDING_BOOKING_STATUSES, rooms, users } from '../db/schema';
import { actorOf, type Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { findCapabilityLinks } from '../capabilities/find-capability-links';
import { issueCapabilityLink } from '../capabilities/issue-capability-link';
import { peekCapabilityLink } from '../capabilities/redeem-capability-link';
import { revokeCapabilityLinks } from '../capabilities/revoke-capability-links';
import { DomainError, httpStatusOf, messageOf } from '../errors';
import { now } from '../time';
import { findBusyIntervals } from './availability';
import { icsCalendar } from './booking-calendar';
import { bookingReference } from './booking-reference';
import { getActiveRoom } from './public-rooms';

/*
 * Subscribable calendars of the room bookings. The public one per room shows only what the
 * room's week view shows (busy times, a group's name where it agreed); the staff one has every
 * holding booking with its reference, for the office's own calendar app.
 */

/** A window a calendar app can hold without the feed growing with the years. */
const PAST_DAYS = 30;
const AHEAD_DAYS = 365;

function feedWindow(): { from: Date; to: Date } {
	const at = now().getTime();
	return {
		from: new Date(at - PAST_DAYS * 86_400_000),
		to: new Date(at + AHEAD_DAYS * 86_400_000)
	};
}

/** The busy times of an active room as .ics; NOT_FOUND for an unknown or inactive room. */
export async function publicRoomFeed(db: Db, slug: string): Promise<{ slug: string; ics: string }> {
	const room = await getActiveRoom(db, slug);
	const { from, to } = feedWindow();
	const busy = await findBusyIntervals(db, [room.id], from, to);
	const ics = icsCalendar({
		name: m.rooms_feed_public_name({ room: room.name }),
		stamp: now(),
		events: busy.map((b) => ({
			uid: `room-${room.id}-booking-${b.id}@quartier`,
			start: b.start,
			end: b.end,
			sequence: b.revision,
			// Only the public label: never the requester, the purpose or an unagreed group.
			summary: b.label || m.rooms_feed_busy()
		}))
	});
	return { slug: room.slug, ics };
}

const DATE_STATUS = {
	pending: m.rooms_staff_date_pending,
	approved: m.rooms_staff_date_approved,
	proposed: m.rooms_staff_date_proposed
} as const;

/**
 * Every holding booking of every room for staff (checked by the caller): room, organisation,
 * reference and status; never the contact person, since the link works without signing in.
 */
export async function staffRoomFeed(db: Db): Promise<string> {
	const { from, to } = feedWindow();
	const rows = await db
		.select({
			id: bookings.id,
			roomId: bookings.roomId,
			roomName: rooms.name,
			kind: bookings.kind,
			title: bookings.title,
			status: bookings.status,
			start: bookings.startsAt,
			end: bookings.endsAt,
			revision: bookings.revision,
			requestId: bookingRequests.id,
			requestCreatedAt: bookingRequests.createdAt,
			organisation: bookingRequests.organisation
		})
		.from(bookings)
		.innerJoin(rooms, eq(rooms.id, bookings.roomId))
		.leftJoin(bookingRequests, eq(bookingRequests.id, bookings.requestId))
		.where(
			and(
				inArray(bookings.status, [...HOLDING_BOOKING_STATUSES]),
				lt(bookings.startsAt, to),
				gte(bookings.occupiedUntil, from)
			)
		)
		.orderBy(asc(bookings.startsAt))
		// A year of a house's bookings is a few thousand; the cap keeps a runaway feed bounded.
		.limit(5000);
	return icsCalendar({
		name: m.rooms_feed_staff_name(),
		stamp: now(),
		events: rows.map((r) => {
			const status = DATE_STATUS[r.status as keyof typeof DATE_STATUS]();
			const reference =
				r.requestId !== null && r.requestCreatedAt
					? bookingReference(r.requestId, r.requestCreatedAt)
					: '';
			const who = r.kind === 'request' ? r.organisation || reference : r.title;
			return {
				uid: `room-${r.roomId}-booking-${r.id}@quartier`,
				start: r.start,
				end: r.end,
				sequence: r.revision,
				summary: m.rooms_feed_staff_summary({ room: r.roomName, who, status }),
				location: r.roomName,
				description: [reference, r.organisation, status].filter(Boolean).join('\n')
			};
		})
	});
}

/** The feed link works this long; renewing it (or losing the role) ends it earlier. */
const STAFF_FEED_LIFETIME = { days: 730 };
const STAFF_FEED = 'rooms.staff-feed' as const;

function staffUserOf(actor: Actor): number {
	assertCan(actor, 'bookings.read');
	// The CLI may read bookings too, but a personal feed needs a person.
	if (actor.kind !== 'staff') throw new DomainError('FORBIDDEN');
	return actor.id;
}

/** When the actor's live feed link was made, or null (the link itself is never stored). */
export async function findStaffFeedLink(
	db: Db,
	{ actor }: { actor: Actor }
): Promise<{ createdAt: Date; expiresAt: Date } | null> {
	const userId = staffUserOf(actor);
	const links = await findCapabilityLinks(db, { record: { type: 'user', id: userId } });
	const live = links.find((l) => l.purpose === STAFF_FEED && l.state === 'active');
	return live ? { createdAt: live.createdAt, expiresAt: live.expiresAt } : null;
}

/** A new feed token for the actor; their older feed links stop working (410). */
export async function renewStaffFeedLink(
	db: Db,
	{ actor }: { actor: Actor }
): Promise<{ token: string }> {
	const userId = staffUserOf(actor);
	return db.transaction(async (tx) => {
		const record = { type: 'user' as const, id: userId };
		await revokeCapabilityLinks(tx, { actor, record, purpose: STAFF_FEED });
		const { token } = await issueCapabilityLink(tx, {
			actor,
			purpose: STAFF_FEED,
			record,
			expiresIn: STAFF_FEED_LIFETIME,
			// A calendar app fetches it again every few hours.
			singleUse: false
		});
		return { token };
	});
}

/**
 * The staff feed for a token: NOT_FOUND for an unknown one, GONE for a renewed or expired one,
 * FORBIDDEN when its user no longer may read bookings (the roles as they are now, not as they
 * were when the link was made).
 */
export async function staffRoomFeedByToken(db: Db, token: string): Promise<string> {
	// Peek, not redeem: a poll every few minutes should not write.
	const link = await peekCapabilityLink(db, token, STAFF_FEED);
	const [user] = await db
		.select({
			id: users.id,
			email: users.email,
			displayName: users.displayName,
			roles: users.roles,
			disabledAt: users.disabledAt
		})
		.from(users)
		.where(eq(users.id, link.recordId));
	if (!user || user.disabledAt) throw new DomainError('FORBIDDEN');
	assertCan(actorOf(user), 'bookings.read');
	return staffRoomFeed(db);
}

/**
 * A feed's HTTP answer: the calendar, or a DomainError as plain text with its status (a
 * calendar app shows neither an error page nor a login form).
 */
export async function calendarResponse(
	work: () => Promise<{ ics: string; filename: string; cacheControl: string }>
): Promise<Response> {
	try {
		const { ics, filename, cacheControl } = await work();
		return new Response(ics, {
			headers: {
				'content-type': 'text/calendar; charset=utf-8',
				'content-disposition': `inline; filename="${filename}"`,
				'cache-control': cacheControl
			}
		});
	} catch (err) {
		if (!(err instanceof DomainError)) throw err;
		return new Response(messageOf(err), {
			status: httpStatusOf(err),
			headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }
		});
	}
}
