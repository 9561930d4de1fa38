import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { describeForm } from '$lib/server/form-meta';
import { formAction } from '$lib/server/forms/action';
import { componentExamplesEnabled, exampleSchema } from '$lib/server/dev/component-examples';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	if (!componentExamplesEnabled()) error(404, m.error_not_found_text());
	return { fields: describeForm(exampleSchema) };
};

/** The live example form: parsed and answered by the one form pipeline, nothing stored. */
const sendExample = formAction({
	schema: exampleSchema,
	run: async () => undefined,
	respond: (_, { values }) => ({ sent: true, values })
});

export const actions: Actions = {
	default: (event) => {
		if (!componentExamplesEnabled()) error(404, m.error_not_found_text());
		return sendExample(event);
	}
};
