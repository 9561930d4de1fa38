import { hasRole, requireRole } from '$lib/server/auth/roles';
import { getSiteSettings } from '$lib/server/site/get-site';
import { isAccessibilityReviewOverdue } from '$lib/server/site/is-accessibility-review-overdue';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireRole(locals.user, 'staff', url.pathname);
	if (!hasRole(user, 'admin')) return { accessibilityReview: null };
	const site = await getSiteSettings(locals.db);
	return {
		accessibilityReview: {
			overdue: isAccessibilityReviewOverdue(site),
			reviewedOn: site.accessibilityReviewedOn
		}
	};
};
