import { getLocale } from '$lib/paraglide/runtime.js';
import { describeForm } from '$lib/server/form-meta';
import { publicSubmission } from '$lib/server/forms/action';
import { HONEYPOT_FIELD } from '$lib/server/concerns/concerns.schemas';
import { listConcernCategories } from '$lib/server/concerns/public-concerns';
import { mapSettings } from '$lib/server/concerns/concern-location';
import { withPhotosAgainNotice } from '$lib/server/concerns/concern-photos';
import {
	concernSubmissionWithMediaSchema,
	submitConcernWithMedia
} from '$lib/server/concerns/submit-concern-with-media';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	categories: await listConcernCategories(locals.db),
	fields: describeForm(concernSubmissionWithMediaSchema),
	/** The map for the pin (media); null without a tile server: then the address field alone. */
	map: mapSettings(),
	/** A signed-in resident's address, offered (they may clear it). */
	accountEmail:
		locals.actor.kind === 'resident' || locals.actor.kind === 'staff' ? locals.actor.email : ''
});

const THANKS = '/anliegen/danke';

export const actions: Actions = {
	// Multipart (photos): listed in IMAGE_UPLOADS (ops/body-limit.ts) for its larger body.
	default: withPhotosAgainNotice(
		publicSubmission({
			rateLimit: { name: 'concern' },
			honeypot: { field: HONEYPOT_FIELD, form: 'concern', redirect: THANKS },
			schema: concernSubmissionWithMediaSchema,
			run: (input, { db, actor, event }) =>
				submitConcernWithMedia(db, { actor, input, origin: event.url.origin, locale: getLocale() }),
			// The number is not secret (it names a public page at most); the status link is.
			redirect: (result) =>
				`${THANKS}?nr=${encodeURIComponent(result.reference)}${result.mailed ? '&mail=1' : ''}`
		})
	)
};
