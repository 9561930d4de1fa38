import { describeForm } from '$lib/server/form-meta';
import { backOfficeAction } from '$lib/server/forms/action';
import { permitted } from '$lib/server/forms/domain-errors';
import { deskConcernSchema } from '$lib/server/concerns/intake.schemas';
import { listConcernCategories } from '$lib/server/concerns/public-concerns';
import { recordConcern } from '$lib/server/concerns/record-concern';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	permitted(event, 'concerns.manage');
	return {
		categories: await listConcernCategories(event.locals.db),
		fields: describeForm(deskConcernSchema)
	};
};

export const actions: Actions = {
	default: backOfficeAction({
		permission: 'concerns.manage',
		schema: deskConcernSchema,
		run: (input, { db, actor, event }) =>
			recordConcern(db, { actor, input, origin: event.url.origin }),
		// The receipt (with the fresh status link) is a page of its own: reloading it prints again
		// instead of recording the concern twice.
		redirect: (result) =>
			`/verwaltung/anliegen/${result.id}/beleg?link=${result.statusToken}&neu=1${result.mailed ? '&mail=1' : ''}`
	})
};
