import { and, isNull, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import { users } from '../db/schema';
import { DomainError } from '../errors';
import { defineJob } from '../jobs/define-job';
import { enqueueMail } from '../mail/outbox';
import { timeZone } from '../time';
import { getSiteSettings } from './get-site';
import { isAccessibilityReviewOverdue } from './is-accessibility-review-overdue';

const DE = { locale: 'de' } as const;

/**
 * Daily: when the accessibility statement's yearly review is overdue, each admin gets one
 * reminder a month (the dedupe key holds the month) until someone records a review.
 */
export const accessibilityReviewReminderJob = defineJob({
	name: 'site.accessibility-review-reminder',
	title: () => m.jobs_title_accessibility_review(),
	dailyAt: '08:00',
	run: async ({ db, now }) => {
		// Without settings (a database started with SEED=none) there is no statement to review yet.
		const site = await getSiteSettings(db).catch((err) => {
			if (err instanceof DomainError && err.code === 'NOT_FOUND') return null;
			throw err;
		});
		if (!site) return;
		if (!isAccessibilityReviewOverdue(site, now)) return;
		const admins = await db
			.select({ id: users.id, email: users.email })
			.from(users)
			.where(and(sql`'admin' = any(${users.roles})`, isNull(users.disabledAt)));
		const month = new Intl.DateTimeFormat('en-CA', {
			timeZone: timeZone(),
			year: 'numeric',
			month: '2-digit'
		}).format(now);
		const reviewed = site.accessibilityReviewedOn ?? 'never';
		for (const admin of admins) {
			await enqueueMail(db, {
				to: admin.email,
				subject: m.jobs_a11y_review_subject({ office: site.officeName }, DE),
				text: m.jobs_a11y_review_text(
					{ office: site.officeName, reviewedOn: site.accessibilityReviewedOn ?? '–' },
					DE
				),
				locale: 'de',
				templateKey: 'site.accessibility-review-reminder',
				dedupeKey: `site.accessibility-review:${reviewed}:${month}:user-${admin.id}`
			});
		}
	}
});
