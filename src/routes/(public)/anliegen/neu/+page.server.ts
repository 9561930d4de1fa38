import { getLocale } from '$lib/paraglide/runtime.js';
import { describeForm } from '$lib/server/form-meta';
import { publicSubmission } from '$lib/server/forms/action';
import { concernSubmissionSchema, HONEYPOT_FIELD } from '$lib/server/concerns/concerns.schemas';
import { listConcernCategories } from '$lib/server/concerns/public-concerns';
import { submitConcern } from '$lib/server/concerns/submit-concern';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	categories: await listConcernCategories(locals.db),
	fields: describeForm(concernSubmissionSchema),
	/** A signed-in resident's address, offered (they may clear it). */
	accountEmail:
		locals.actor.kind === 'resident' || locals.actor.kind === 'staff' ? locals.actor.email : ''
});

const THANKS = '/anliegen/danke';

export const actions: Actions = {
	default: publicSubmission({
		rateLimit: { name: 'concern' },
		honeypot: { field: HONEYPOT_FIELD, form: 'concern', redirect: THANKS },
		schema: concernSubmissionSchema,
		run: (input, { db, actor, event }) =>
			submitConcern(db, { actor, input, origin: event.url.origin, locale: getLocale() }),
		// The number is not secret (it names a public page at most); the status link is.
		redirect: (result) =>
			`${THANKS}?nr=${encodeURIComponent(result.reference)}${result.mailed ? '&mail=1' : ''}`
	})
};
