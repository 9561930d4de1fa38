import { fail, redirect } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/roles';
import { parseForm } from '$lib/server/form';
import { createContactPerson } from '$lib/server/site/create-contact-person';
import { domainFail } from '$lib/server/site/domain-fail';
import { findContactPersons } from '$lib/server/site/get-site';
import { contactPersonSchema } from '$lib/server/site/site.schemas';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireRole(locals.user, 'content', url.pathname);
	const persons = await findContactPersons(locals.db);
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
	default: async ({ locals, request, url }) => {
		const user = requireRole(locals.user, 'content', url.pathname);
		const form = await parseForm(request, contactPersonSchema);
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		try {
			await createContactPerson(locals.db, { actorId: user.id, input: form.data });
		} catch (err) {
			return domainFail(err, form.values);
		}
		redirect(303, '/verwaltung/ansprechpersonen?angelegt=1');
	}
};
