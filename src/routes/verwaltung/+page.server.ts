import type { StaffRole } from '$lib/server/db/schema';
import { can } from '$lib/server/auth/permissions';
import { getSiteSettings } from '$lib/server/site/get-site';
import { isAccessibilityReviewOverdue } from '$lib/server/site/is-accessibility-review-overdue';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const roles: StaffRole[] = locals.actor.kind === 'staff' ? locals.actor.roles : [];
	const site = can(locals.actor, 'accessibility.review') ? await getSiteSettings(locals.db) : null;
	return {
		roles,
		accessibilityReview: site && {
			overdue: isAccessibilityReviewOverdue(site),
			reviewedOn: site.accessibilityReviewedOn
		}
	};
};
