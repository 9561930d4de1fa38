import { fail, redirect } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/roles';
import { parseForm } from '$lib/server/form';
import { loadOrError } from '$lib/server/http';
import { deleteContactPerson } from '$lib/server/site/delete-contact-person';
import { domainFail } from '$lib/server/site/domain-fail';
import { getContactPersonById } from '$lib/server/site/get-contact-person-by-id';
import { findContactPersons } from '$lib/server/site/get-site';
import { contactPersonSchema, deleteConfirmationSchema } from '$lib/server/site/site.schemas';
import { updateContactPerson } from '$lib/server/site/update-contact-person';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireRole(locals.user, 'content', url.pathname);
	const id = Number(params.id);
	const [person, persons] = await Promise.all([
		loadOrError(getContactPersonById(locals.db, id)),
		findContactPersons(locals.db)
	]);
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
		label: person.name || person.roleTitle,
		others: persons
			.filter((p) => p.id !== id)
			.map((p) => ({ id: p.id, label: p.name || p.roleTitle })),
		substituteFor: persons.filter((p) => p.substituteId === id).map((p) => p.name || p.roleTitle)
	};
};

export const actions: Actions = {
	save: async ({ locals, request, url, params }) => {
		const user = requireRole(locals.user, 'content', url.pathname);
		const form = await parseForm(request, contactPersonSchema);
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		try {
			await updateContactPerson(locals.db, {
				actorId: user.id,
				id: Number(params.id),
				input: form.data
			});
		} catch (err) {
			return domainFail(err, form.values);
		}
		redirect(303, '/verwaltung/ansprechpersonen?gespeichert=1');
	},
	delete: async ({ locals, request, url, params }) => {
		const user = requireRole(locals.user, 'content', url.pathname);
		const form = await parseForm(request, deleteConfirmationSchema);
		if (!form.ok) return fail(400, { deleteErrors: form.errors });
		try {
			await deleteContactPerson(locals.db, { actorId: user.id, id: Number(params.id) });
		} catch (err) {
			return domainFail(err, {});
		}
		redirect(303, '/verwaltung/ansprechpersonen?geloescht=1');
	}
};
