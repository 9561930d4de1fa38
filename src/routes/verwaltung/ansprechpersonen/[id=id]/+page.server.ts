import { m } from '$lib/paraglide/messages.js';
import { loadRecordHistory } from '$lib/server/audit/load-record-history';
import { backOfficeAction } from '$lib/server/forms/action';
import { orErrorPage, permitted } from '$lib/server/forms/domain-errors';
import { deleteContactPerson } from '$lib/server/site/delete-contact-person';
import { getContactPersonById } from '$lib/server/site/get-contact-person-by-id';
import { findContactPersons } from '$lib/server/site/get-site';
import { contactPersonSchema, deleteConfirmationSchema } from '$lib/server/site/site.schemas';
import { updateContactPerson } from '$lib/server/site/update-contact-person';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	permitted(event, 'content.edit');
	const { db } = event.locals;
	const id = Number(event.params.id);
	const [person, persons] = await Promise.all([
		orErrorPage(event, getContactPersonById(db, id)),
		findContactPersons(db)
	]);
	const labelOf = (p: { name: string; roleTitle: string }) => p.name || p.roleTitle;
	return {
		person: {
			roleTitle: person.roleTitle,
			name: person.name,
			responsibilities: person.responsibilities,
			email: person.email,
			phone: person.phone,
			officeHours: person.officeHours,
			isVacant: person.isVacant ? 'on' : '',
			vacancyNote: person.vacancyNote,
			substituteId: person.substituteId ? String(person.substituteId) : '',
			sortOrder: String(person.sortOrder)
		},
		label: labelOf(person),
		others: persons.filter((p) => p.id !== id).map((p) => ({ id: p.id, label: labelOf(p) })),
		substituteFor: persons.filter((p) => p.substituteId === id).map(labelOf),
		history: await loadRecordHistory(
			event,
			{ entity: 'contact_person', id },
			{
				form: contactPersonSchema,
				fields: { isVacant: m.content_person_is_vacant() },
				// The substitute is stored by id: shown by name (a deleted one by its id).
				values: { substituteId: Object.fromEntries(persons.map((p) => [p.id, labelOf(p)])) }
			}
		)
	};
};

export const actions: Actions = {
	save: backOfficeAction({
		permission: 'content.edit',
		schema: contactPersonSchema,
		run: (input, { db, actor, event }) =>
			updateContactPerson(db, { actor, id: Number(event.params.id), input }),
		redirect: { to: '/verwaltung/ansprechpersonen', flash: 'saved' }
	}),
	delete: backOfficeAction({
		permission: 'content.edit',
		schema: deleteConfirmationSchema,
		errorsKey: 'deleteErrors',
		run: (_, { db, actor, event }) =>
			deleteContactPerson(db, { actor, id: Number(event.params.id) }),
		redirect: { to: '/verwaltung/ansprechpersonen', flash: 'deleted' }
	})
};
