import { eq } from 'drizzle-orm';
import type { Db } from '../../src/lib/server/db/client';
import { rooms } from '../../src/lib/server/db/schema';
import { ANONYMOUS } from '../../src/lib/server/auth/actor';
import { requestBooking } from '../../src/lib/server/rooms/request-booking';
import { expandRequestedDates } from '../../src/lib/server/rooms/series';

let sequence = 0;

/**
 * A room request as if sent through the public form (with its links and mails), through
 * `requestBooking`: the rules apply, so set the clock (`setClock`) before the first date and
 * seed the site (the example rooms). `weeks` > 1 asks for a weekly series; dates in
 * `acceptedUnavailable` that are taken or closed are stored as `conflict`.
 */
export async function createBookingRequest(
	db: Db,
	{
		room = 'gruppenraum',
		date = '2026-11-18',
		weeks = 1,
		startTime = '18:00',
		endTime = '20:00',
		locale = 'de',
		acceptedUnavailable = [],
		attendees = 12,
		...person
	}: {
		room?: string;
		date?: string;
		weeks?: number;
		startTime?: string;
		endTime?: string;
		locale?: 'de' | 'en';
		acceptedUnavailable?: string[];
		attendees?: number;
		name?: string;
		email?: string;
		organisation?: string;
		showOrganisation?: boolean;
	} = {}
) {
	sequence += 1;
	const [target] = await db.select({ id: rooms.id }).from(rooms).where(eq(rooms.slug, room));
	if (!target) throw new Error(`no room ${room}: seed the site first`);
	const until = new Date(`${date}T12:00:00Z`);
	until.setUTCDate(until.getUTCDate() + 7 * (weeks - 1));
	const slots = expandRequestedDates({
		date,
		startTime,
		endTime,
		repeat:
			weeks > 1
				? { kind: 'weekly', interval: 1, until: until.toISOString().slice(0, 10) }
				: { kind: 'once' }
	});
	return requestBooking(db, {
		actor: ANONYMOUS,
		origin: 'https://quartier.example',
		locale,
		input: {
			roomId: target.id,
			slots,
			seriesRule: weeks > 1 ? 'RRULE:FREQ=WEEKLY' : null,
			purpose: 'Treffen der Nachbarschaftshilfe',
			attendees,
			name: person.name ?? 'Erika Muster',
			email: person.email ?? `anfrage-${process.pid}-${sequence}@example.org`,
			phone: '',
			organisation: person.organisation ?? 'Nachbarschaftshilfe Kaster',
			showOrganisation: person.showOrganisation ?? true,
			acceptedUnavailable
		}
	});
}
