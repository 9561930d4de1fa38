import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { describeForm } from '$lib/server/form-meta';
import { parseForm } from '$lib/server/form';
import { componentExamplesEnabled, exampleSchema } from '$lib/server/dev/component-examples';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	if (!componentExamplesEnabled()) error(404, m.error_not_found_text());
	return { fields: describeForm(exampleSchema) };
};

export const actions: Actions = {
	default: async ({ request }) => {
		if (!componentExamplesEnabled()) error(404, m.error_not_found_text());
		const form = await parseForm(request, exampleSchema);
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		return { sent: true, values: form.values };
	}
};
