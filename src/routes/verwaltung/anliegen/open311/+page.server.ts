import { z } from 'zod';
import { config } from '$lib/server/config';
import { describeForm } from '$lib/server/form-meta';
import { backOfficeAction } from '$lib/server/forms/action';
import { orErrorPage, permitted } from '$lib/server/forms/domain-errors';
import { withFlash } from '$lib/server/forms/flash';
import {
	createKeySchema,
	createOpen311Key,
	listOpen311Keys,
	revokeOpen311Key
} from '$lib/server/open311/open311-keys';
import type { Actions, PageServerLoad } from './$types';

/** Admins issue and revoke the keys Open311 clients post with. */
export const load: PageServerLoad = (event) => {
	const actor = permitted(event, 'open311.keys.manage');
	return orErrorPage(event, async () => ({
		keys: await listOpen311Keys(event.locals.db, { actor }),
		createFields: describeForm(createKeySchema),
		endpoint: `${config().ORIGIN ?? event.url.origin}/open311/v2/discovery.json`,
		settingKeys: config().OPEN311_API_KEYS.length,
		keyless: config().OPEN311_ALLOW_KEYLESS
	}));
};

const revokeSchema = z.object({
	id: z
		.string()
		.regex(/^[1-9][0-9]{0,8}$/)
		.transform(Number)
});

export const actions: Actions = {
	create: backOfficeAction({
		permission: 'open311.keys.manage',
		schema: createKeySchema,
		failData: { form: 'create' },
		run: (input, { db, actor }) => createOpen311Key(db, { actor, label: input.label }),
		// The key is shown once, on this answer; it is never stored or sent anywhere else.
		respond: (result, { values }) => ({ created: { key: result.key, label: values.label ?? '' } })
	}),
	revoke: backOfficeAction({
		permission: 'open311.keys.manage',
		schema: revokeSchema,
		failData: { form: 'revoke' },
		run: (input, { db, actor }) => revokeOpen311Key(db, { actor, id: input.id }),
		redirect: () => withFlash('/verwaltung/anliegen/open311?aktion=widerrufen', 'saved')
	})
};
