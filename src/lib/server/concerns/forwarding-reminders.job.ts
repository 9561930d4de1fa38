import { and, eq, isNull, lt, lte, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import { concernBodies, concernForwardings } from '../db/schema';
import type { Db } from '../db/client';
import { CLI_ACTOR } from '../auth/actor';
import { recordAudit } from '../audit/record-audit';
import { config } from '../config';
import { defineJob } from '../jobs/define-job';
import { sendForwardingMail } from './send-forwarding-mail';

const DAY_MS = 24 * 60 * 60_000;

function jobOrigin(): string {
	return (config().ORIGIN ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, '');
}

/**
 * Reminds bodies whose forwarding is unanswered `days` after it was sent or last reminded, at
 * most `max` times, each with a fresh answer link. Each reminder claims its row with one
 * conditional UPDATE (the count and time it saw), so a second run, or two at once, mail nobody
 * twice. Returns how many reminders were sent.
 */
export async function remindForwardings(
	db: Db,
	{
		now,
		origin = jobOrigin(),
		days = config().CONCERN_FORWARD_REMINDER_DAYS,
		max = config().CONCERN_FORWARD_MAX_REMINDERS
	}: { now: Date; origin?: string; days?: number; max?: number }
): Promise<number> {
	const cutoff = new Date(now.getTime() - days * DAY_MS);
	const last = sql`coalesce(${concernForwardings.lastRemindedAt}, ${concernForwardings.sentAt})`;
	const due = await db
		.select({ id: concernForwardings.id, reminderCount: concernForwardings.reminderCount })
		.from(concernForwardings)
		.innerJoin(concernBodies, eq(concernBodies.id, concernForwardings.bodyId))
		.where(
			and(
				isNull(concernForwardings.answeredAt),
				lt(concernForwardings.reminderCount, max),
				lte(last, cutoff),
				eq(concernBodies.active, true)
			)
		)
		.orderBy(concernForwardings.id);
	let sent = 0;
	for (const candidate of due) {
		const reminded = await db.transaction(async (tx) => {
			const [claimed] = await tx
				.update(concernForwardings)
				.set({ reminderCount: sql`${concernForwardings.reminderCount} + 1`, lastRemindedAt: now })
				.where(
					and(
						eq(concernForwardings.id, candidate.id),
						isNull(concernForwardings.answeredAt),
						eq(concernForwardings.reminderCount, candidate.reminderCount),
						lt(concernForwardings.reminderCount, max),
						lte(last, cutoff)
					)
				)
				.returning({
					concernId: concernForwardings.concernId,
					reminderCount: concernForwardings.reminderCount
				});
			if (!claimed) return false;
			await sendForwardingMail(tx, {
				actor: CLI_ACTOR,
				forwardingId: candidate.id,
				origin,
				reminder: claimed.reminderCount,
				dedupeKey: `concerns.forward-reminder:${candidate.id}:${claimed.reminderCount}`
			});
			await recordAudit(tx, {
				actor: CLI_ACTOR,
				action: 'concern.forward-reminded',
				entity: 'concern',
				entityId: claimed.concernId,
				data: { forwardingId: candidate.id, reminder: claimed.reminderCount }
			});
			return true;
		});
		if (reminded) sent++;
	}
	return sent;
}

export const forwardingRemindersJob = defineJob({
	name: 'concerns.forwarding-reminders',
	title: () =>
		m.jobs_title_concern_forward_reminders({ days: config().CONCERN_FORWARD_REMINDER_DAYS }),
	dailyAt: '08:15',
	run: async ({ db, now }) => {
		await remindForwardings(db, { now });
	}
});
