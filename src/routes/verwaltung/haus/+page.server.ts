import { fail, redirect } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/roles';
import { parseForm } from '$lib/server/form';
import { loadOrError } from '$lib/server/http';
import { domainFail } from '$lib/server/site/domain-fail';
import { getMainVenue } from '$lib/server/site/get-main-venue';
import { venueSchema } from '$lib/server/site/site.schemas';
import { updateVenue } from '$lib/server/site/update-venue';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireRole(locals.user, 'content', url.pathname);
	const venue = await loadOrError(getMainVenue(locals.db));
	return {
		venue: {
			slug: venue.slug,
			name: venue.name,
			description: venue.description,
			street: venue.street,
			postalCode: venue.postalCode,
			city: venue.city,
			openingHours: venue.openingHours,
			accessibility: venue.accessibility
		},
		saved: url.searchParams.has('gespeichert')
	};
};

export const actions: Actions = {
	default: async ({ locals, request, url }) => {
		const user = requireRole(locals.user, 'content', url.pathname);
		const form = await parseForm(request, venueSchema);
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		try {
			const venue = await getMainVenue(locals.db);
			await updateVenue(locals.db, { actorId: user.id, id: venue.id, input: form.data });
		} catch (err) {
			return domainFail(err, form.values);
		}
		redirect(303, '/verwaltung/haus?gespeichert=1');
	}
};
