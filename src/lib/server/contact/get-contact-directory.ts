import type { Db } from '../db/client';
import { findContactPersons, findVenues, getSiteSettings } from '../site/get-site';

/** How to reach the office: its name, phone, e-mail and the address of its house. */
export interface OfficeContact {
	officeName: string;
	email: string;
	phone: string;
	venueName: string;
	street: string;
	postalCode: string;
	city: string;
	openingHours: string;
}

export async function getOfficeContact(db: Db): Promise<OfficeContact> {
	const [site, venues] = await Promise.all([getSiteSettings(db), findVenues(db)]);
	const venue = venues[0];
	return {
		officeName: site.officeName,
		email: site.contactEmail,
		phone: site.contactPhone,
		venueName: venue?.name ?? '',
		street: venue?.street ?? '',
		postalCode: venue?.postalCode ?? '',
		city: venue?.city ?? '',
		openingHours: venue?.openingHours ?? ''
	};
}

/** Everything the contact page shows: the office and each contact person with their substitute. */
export async function getContactDirectory(db: Db) {
	const [office, persons] = await Promise.all([getOfficeContact(db), findContactPersons(db)]);
	return {
		office,
		persons: persons.map((p) => ({
			id: p.id,
			roleTitle: p.roleTitle,
			name: p.name,
			responsibilities: p.responsibilities,
			email: p.email,
			phone: p.phone,
			officeHours: p.officeHours,
			isVacant: p.isVacant,
			vacancyNote: p.vacancyNote,
			substitute: p.substitute
		}))
	};
}
