import { backOfficeAction } from '$lib/server/forms/action';
import { permitted } from '$lib/server/forms/domain-errors';
import { createContactPerson } from '$lib/server/site/create-contact-person';
import { findContactPersons } from '$lib/server/site/get-site';
import { contactPersonSchema } from '$lib/server/site/site.schemas';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	permitted(event, 'content.edit');
	const persons = await findContactPersons(event.locals.db);
	return {
		others: persons.map((p) => ({ id: p.id, label: p.name || p.roleTitle })),
		initial: {
			roleTitle: '',
			name: '',
			responsibilities: '',
			email: '',
			phone: '',
			officeHours: '',
			isVacant: '',
			vacancyNote: '',
			substituteId: '',
			sortOrder: String(persons.reduce((max, p) => Math.max(max, p.sortOrder + 1), 0))
		}
	};
};

export const actions: Actions = {
	default: backOfficeAction({
		permission: 'content.edit',
		schema: contactPersonSchema,
		run: (input, { db, actor }) => createContactPerson(db, { actor, input }),
		redirect: { to: '/verwaltung/ansprechpersonen', flash: 'created' }
	})
};
