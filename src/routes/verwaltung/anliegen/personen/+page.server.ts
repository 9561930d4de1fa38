import { config } from '$lib/server/config';
import { describeForm } from '$lib/server/form-meta';
import { backOfficeAction } from '$lib/server/forms/action';
import { permitted } from '$lib/server/forms/domain-errors';
import {
	personEraseSchema,
	personSearchSchema
} from '$lib/server/concerns/concerns-followup.schemas';
import {
	eraseSubmitterData,
	findSubmitterConcerns
} from '$lib/server/concerns/submitter-personal-data';
import type { Actions, PageServerLoad } from './$types';

/**
 * Requests under Art. 15 and 17 DSGVO: find a person's concerns, export or erase their data.
 * The search is a POST, so addresses and numbers stay out of addresses and server logs.
 */
export const load: PageServerLoad = (event) => {
	permitted(event, 'concerns.personal-data');
	return {
		searchFields: describeForm(personSearchSchema),
		retentionMonths: config().CONCERN_RETENTION_MONTHS
	};
};

export const actions: Actions = {
	search: backOfficeAction({
		permission: 'concerns.personal-data',
		schema: personSearchSchema,
		failData: { form: 'search' },
		run: async (query, { db, actor }) => ({
			query,
			items: await findSubmitterConcerns(db, { actor, query })
		}),
		respond: (found) => ({ form: 'search' as const, ...found })
	}),
	erase: backOfficeAction({
		permission: 'concerns.personal-data',
		schema: personEraseSchema,
		failData: { form: 'erase' },
		run: ({ email, phone, ids }, { db, actor }) =>
			eraseSubmitterData(db, { actor, query: { email, phone }, ids }),
		respond: (erased) => ({ form: 'erased' as const, erased })
	})
};
