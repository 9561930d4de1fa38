import { describeForm } from '$lib/server/form-meta';
import { backOfficeAction } from '$lib/server/forms/action';
import { permitted } from '$lib/server/forms/domain-errors';
import { withFlash } from '$lib/server/forms/flash';
import {
	findConcernBodies,
	listAllConcernCategories
} from '$lib/server/concerns/find-concern-bodies';
import { concernBodySchema } from '$lib/server/concerns/forward.schemas';
import { saveConcernBody } from '$lib/server/concerns/save-concern-body';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = permitted(event, 'concerns.manage');
	const { db } = event.locals;
	const [bodies, categories] = await Promise.all([
		findConcernBodies(db, { actor }),
		listAllConcernCategories(db)
	]);
	return { bodies, categories, fields: describeForm(concernBodySchema) };
};

export const actions: Actions = {
	create: backOfficeAction({
		permission: 'concerns.manage',
		schema: concernBodySchema,
		run: (input, { db, actor }) => saveConcernBody(db, { actor, id: null, input }),
		redirect: () => withFlash('/verwaltung/anliegen/stellen', 'created')
	})
};
