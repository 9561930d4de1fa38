import { describeForm } from '$lib/server/form-meta';
import { backOfficeAction } from '$lib/server/forms/action';
import { orErrorPage, permitted } from '$lib/server/forms/domain-errors';
import { withFlash } from '$lib/server/forms/flash';
import { getConcernBody, listAllConcernCategories } from '$lib/server/concerns/find-concern-bodies';
import { concernBodySchema } from '$lib/server/concerns/forward.schemas';
import { saveConcernBody } from '$lib/server/concerns/save-concern-body';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = permitted(event, 'concerns.manage');
	const { db } = event.locals;
	const body = await orErrorPage(event, getConcernBody(db, { actor, id: Number(event.params.id) }));
	return {
		body,
		categories: await listAllConcernCategories(db),
		fields: describeForm(concernBodySchema)
	};
};

export const actions: Actions = {
	default: backOfficeAction({
		permission: 'concerns.manage',
		schema: concernBodySchema,
		run: (input, { db, actor, event }) =>
			saveConcernBody(db, { actor, id: Number(event.params.id), input }),
		redirect: () => withFlash('/verwaltung/anliegen/stellen', 'saved')
	})
};
