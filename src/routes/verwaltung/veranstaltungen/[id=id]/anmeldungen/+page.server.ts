import { z } from 'zod';
import { cancelEventRegistration } from '$lib/server/events/cancel-event-registration';
import {
	findEventRegistrations,
	registrationBelongsToEvent
} from '$lib/server/events/find-event-registrations';
import { DomainError } from '$lib/server/errors';
import { backOfficeAction } from '$lib/server/forms/action';
import { orErrorPage, permitted } from '$lib/server/forms/domain-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = permitted(event, 'events.manage');
	return orErrorPage(event, () =>
		findEventRegistrations(event.locals.db, { actor, eventId: Number(event.params.id) })
	);
};

const cancelSchema = z.object({
	registrationId: z.coerce.number().int().min(1).max(2_147_483_647)
});

export const actions: Actions = {
	absagen: backOfficeAction({
		permission: 'events.manage',
		schema: cancelSchema,
		run: async ({ registrationId }, { db, actor, event }) => {
			const eventId = Number(event.params.id);
			// A registration of another event through this page's form is refused.
			if (!(await registrationBelongsToEvent(db, { registrationId, eventId }))) {
				throw new DomainError('NOT_FOUND');
			}
			return cancelEventRegistration(db, { actor, registrationId, origin: event.url.origin });
		},
		redirect: (_, { event }) => `/verwaltung/veranstaltungen/${event.params.id}/anmeldungen`
	})
};
