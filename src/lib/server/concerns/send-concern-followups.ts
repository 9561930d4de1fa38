import { and, asc, eq, gt, isNull, lte, ne } from 'drizzle-orm';
import type { Db } from '../db/client';
import { concerns, siteSettings } from '../db/schema';
import { CLI_ACTOR } from '../auth/actor';
import { recordAudit } from '../audit/record-audit';
import { issueCapabilityLink } from '../capabilities/issue-capability-link';
import { enqueueMail } from '../mail/outbox';
import { concernFollowupMail } from './concern-followup-mails';
import { STATUS_LINK_DAYS, statusUrl } from './submit-concern';

/**
 * Concerns resolved longer ago than `days` + this are not asked any more: a job that was down
 * for two weeks still catches up, and switching the follow-up on does not mail about concerns
 * resolved long ago.
 */
export const FOLLOWUP_CATCH_UP_DAYS = 14;

const DAY = 86_400_000;

/**
 * Asks once, `days` after a concern was resolved, whether it really is: only submitters who gave
 * an e-mail and may be contacted, whose data is not erased. Each concern is claimed by a
 * conditional UPDATE of followup_sent_at (never cleared), in the transaction that issues the
 * fresh status link and queues the mail, so two runs at once send one mail and a concern that
 * is reopened and resolved again is not asked a second time. Returns how many were asked.
 */
export async function sendConcernFollowups(
	db: Db,
	{ now, days, origin }: { now: Date; days: number; origin: string }
): Promise<number> {
	const dueBefore = new Date(now.getTime() - days * DAY);
	const notBefore = new Date(dueBefore.getTime() - FOLLOWUP_CATCH_UP_DAYS * DAY);
	const askable = and(
		eq(concerns.status, 'resolved'),
		isNull(concerns.followupSentAt),
		isNull(concerns.personalDataErasedAt),
		eq(concerns.consentContact, true),
		ne(concerns.submitterEmail, ''),
		lte(concerns.closedAt, dueBefore),
		gt(concerns.closedAt, notBefore)
	);
	const due = await db
		.select({ id: concerns.id })
		.from(concerns)
		.where(askable)
		.orderBy(asc(concerns.closedAt))
		.limit(500);
	if (due.length === 0) return 0;
	const [site] = await db.select({ officeName: siteSettings.officeName }).from(siteSettings);
	let sent = 0;
	for (const { id } of due) {
		const asked = await db.transaction(async (tx) => {
			const [claimed] = await tx
				.update(concerns)
				.set({ followupSentAt: now })
				.where(and(eq(concerns.id, id), askable))
				.returning({
					reference: concerns.reference,
					email: concerns.submitterEmail,
					locale: concerns.locale
				});
			if (!claimed) return false;
			const link = await issueCapabilityLink(tx, {
				actor: CLI_ACTOR,
				purpose: 'concern.status',
				record: { type: 'concern', id },
				expiresIn: { days: STATUS_LINK_DAYS },
				singleUse: false,
				sentTo: claimed.email
			});
			await enqueueMail(tx, {
				...concernFollowupMail({
					to: claimed.email,
					locale: claimed.locale === 'en' ? 'en' : 'de',
					reference: claimed.reference,
					statusUrl: statusUrl(origin, link.token),
					officeName: site?.officeName ?? ''
				}),
				dedupeKey: `concerns.followup:${id}`
			});
			await recordAudit(tx, {
				actor: CLI_ACTOR,
				action: 'concern.followup-sent',
				entity: 'concern',
				entityId: id
			});
			return true;
		});
		if (asked) sent++;
	}
	return sent;
}
