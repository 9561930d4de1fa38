import { and, asc, eq, isNotNull, lt, ne } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import { events } from '../db/schema';
import { defineJob } from '../jobs/define-job';
import { materialise, HORIZON_DAYS } from './event-times';
import { writeOccurrences } from './event-records';
import { CLI_ACTOR } from '../auth/actor';
import { DomainError } from '../errors';
import { logger } from '../logger';

/** Series whose stored dates end sooner than this are extended. */
const REFILL_DAYS = HORIZON_DAYS - 7;
/** Events per run: a busy calendar catches up over a few nights. */
const BATCH = 200;

/**
 * Nightly: series without an end (and long ones) have their dates stored two years ahead; this
 * moves that horizon forward, so lists and feeds never run dry. Dates that stay keep their rows.
 * No SEQUENCE change and no audit entry: the event itself did not change.
 */
export const extendEventDatesJob = defineJob({
	name: 'events.extend-dates',
	title: () => m.jobs_title_extend_event_dates(),
	dailyAt: '03:40',
	run: async ({ db, now }) => {
		const due = await db
			.select()
			.from(events)
			.where(
				and(
					isNotNull(events.rrule),
					// A rejected proposal is never shown: its dates need not go on.
					ne(events.moderation, 'rejected'),
					lt(events.materialisedUntil, new Date(now.getTime() + REFILL_DAYS * 86_400_000))
				)
			)
			.orderBy(asc(events.materialisedUntil))
			.limit(BATCH);
		for (const event of due) {
			await db.transaction(async (tx) => {
				const { dates, lastEndsAt, materialisedUntil } = materialise(event);
				try {
					await writeOccurrences(tx, CLI_ACTOR, event, dates);
				} catch (err) {
					// A new date in the way of a booking made since: the dates are stored (the room's
					// insert ran in a savepoint), the room is not held for them; staff see it when
					// they next save the event, which then names the busy time.
					if (!(err instanceof DomainError && err.code === 'CONFLICT')) throw err;
					logger.warn({ event: event.id, err: err.message }, 'event dates extended, room taken');
				}
				await tx
					.update(events)
					.set({ lastEndsAt, materialisedUntil })
					.where(eq(events.id, event.id));
			});
		}
	}
});
