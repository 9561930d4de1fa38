/**
 * What must be filled in before the site goes live (COMPLIANCE.md: Impressum, contact, data
 * protection). Each item says where it is edited. Seeded texts mark missing parts with
 * "[wird noch ergänzt", so a page still containing that marker is not finished.
 */
export const PLACEHOLDER_MARKER = '[wird noch ergänzt';

export type ChecklistKey =
	'imprint' | 'privacy-officer' | 'address' | 'phone' | 'email' | 'opening-hours';

export interface ChecklistItem {
	key: ChecklistKey;
	done: boolean;
	/** Where staff fill it in. */
	href: string;
}

export interface ChecklistFacts {
	imprintBody: string;
	privacyBody: string;
	venue: {
		id: number;
		street: string;
		postalCode: string;
		city: string;
		openingHours: string;
	} | null;
	contactPhone: string;
	contactEmail: string;
}

const filled = (s: string | undefined) => Boolean(s && s.trim());

export function goLiveChecklist(facts: ChecklistFacts): ChecklistItem[] {
	const venue = facts.venue;
	// The main venue's edit page (the list when there is none yet).
	const venuePage = venue ? `/verwaltung/haus/${venue.id}` : '/verwaltung/haus';
	return [
		{
			key: 'imprint',
			done: filled(facts.imprintBody) && !facts.imprintBody.includes(PLACEHOLDER_MARKER),
			href: '/verwaltung/seiten/impressum'
		},
		{
			key: 'privacy-officer',
			done: filled(facts.privacyBody) && !facts.privacyBody.includes(PLACEHOLDER_MARKER),
			href: '/verwaltung/seiten/datenschutz'
		},
		{
			key: 'address',
			done: filled(venue?.street) && filled(venue?.postalCode) && filled(venue?.city),
			href: `${venuePage}#field-street`
		},
		{
			key: 'phone',
			done: filled(facts.contactPhone),
			href: '/verwaltung/quartier#field-contactPhone'
		},
		{
			key: 'email',
			done: filled(facts.contactEmail),
			href: '/verwaltung/quartier#field-contactEmail'
		},
		{
			key: 'opening-hours',
			done: filled(venue?.openingHours),
			href: `${venuePage}#field-openingHours`
		}
	];
}
