import { fail, redirect } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/roles';
import { parseForm } from '$lib/server/form';
import { domainFail } from '$lib/server/site/domain-fail';
import { getSiteSettings } from '$lib/server/site/get-site';
import { isAccessibilityReviewOverdue } from '$lib/server/site/is-accessibility-review-overdue';
import { siteSettingsSchema } from '$lib/server/site/site.schemas';
import { updateSiteSettings } from '$lib/server/site/update-site-settings';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireRole(locals.user, 'admin', url.pathname);
	const site = await getSiteSettings(locals.db);
	return {
		settings: {
			neighbourhoodName: site.neighbourhoodName,
			townName: site.townName,
			regionName: site.regionName,
			officeName: site.officeName,
			tagline: site.tagline,
			intro: site.intro,
			aboutText: site.aboutText,
			tasks: site.tasks.join('\n'),
			goals: site.goals.join('\n'),
			invitation: site.invitation,
			contactEmail: site.contactEmail,
			contactPhone: site.contactPhone,
			accessibilityEnforcementBody: site.accessibilityEnforcementBody,
			accessibilityReviewedOn: site.accessibilityReviewedOn ?? ''
		},
		reviewOverdue: isAccessibilityReviewOverdue(site),
		saved: url.searchParams.has('gespeichert')
	};
};

export const actions: Actions = {
	default: async ({ locals, request, url }) => {
		const user = requireRole(locals.user, 'admin', url.pathname);
		const form = await parseForm(request, siteSettingsSchema);
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		try {
			await updateSiteSettings(locals.db, { actorId: user.id, input: form.data });
		} catch (err) {
			return domainFail(err, form.values);
		}
		redirect(303, '/verwaltung/quartier?gespeichert=1');
	}
};
