import { findContactPersons, getVenueBySlug } from '$lib/server/site/get-site';
import type { PageServerLoad } from './$types';
import { shareWithEveryone } from '$lib/server/ops/page-cache';

export const load: PageServerLoad = async ({ locals }) => {
	shareWithEveryone(locals);
	const [venue, contacts] = await Promise.all([
		getVenueBySlug(locals.db, 'haus-der-begegnung'),
		findContactPersons(locals.db)
	]);
	// Whoever is responsible for the house (by their stated responsibilities) is shown here.
	const houseContacts = contacts.filter(
		(c) => !c.isVacant && /haus|raum/i.test(c.responsibilities)
	);
	return { venue, houseContacts };
};
