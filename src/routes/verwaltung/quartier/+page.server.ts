import { loadRecordHistory } from '$lib/server/audit/load-record-history';
import { backOfficeAction } from '$lib/server/forms/action';
import { permitted } from '$lib/server/forms/domain-errors';
import { getSiteSettings } from '$lib/server/site/get-site';
import { isAccessibilityReviewOverdue } from '$lib/server/site/is-accessibility-review-overdue';
import { siteSettingsSchema } from '$lib/server/site/site.schemas';
import { updateSiteSettings } from '$lib/server/site/update-site-settings';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	permitted(event, 'site.settings.edit');
	const site = await getSiteSettings(event.locals.db);
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
		history: await loadRecordHistory(
			event,
			{ entity: 'site_settings', id: site.id },
			{ form: siteSettingsSchema }
		)
	};
};

export const actions: Actions = {
	default: backOfficeAction({
		permission: 'site.settings.edit',
		schema: siteSettingsSchema,
		run: (input, { db, actor }) => updateSiteSettings(db, { actor, input }),
		redirect: { to: '/verwaltung/quartier', flash: 'saved' }
	})
};
