/** A venue as the form's values (strings; no booking contact is ''). */
export function venueFormValues(venue: {
	name: string;
	description: string;
	street: string;
	postalCode: string;
	city: string;
	openingHours: string;
	accessibility: string;
	bookingContactId: number | null;
}): Record<string, string> {
	return {
		name: venue.name,
		description: venue.description,
		street: venue.street,
		postalCode: venue.postalCode,
		city: venue.city,
		openingHours: venue.openingHours,
		accessibility: venue.accessibility,
		bookingContactId: venue.bookingContactId === null ? '' : String(venue.bookingContactId)
	};
}

/** Who can receive room requests, by name (or, when the post is vacant, by role). */
export const personChoices = (persons: { id: number; name: string; roleTitle: string }[]) =>
	persons.map((p) => ({ id: p.id, label: p.name ? `${p.name} (${p.roleTitle})` : p.roleTitle }));
