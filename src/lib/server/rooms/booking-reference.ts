import { toLocalDate } from '../time';

/** The number people quote on the phone: `RAUM-2026-0042` (year of the request, its id). */
export function bookingReference(id: number, createdAt: Date): string {
	return `RAUM-${toLocalDate(createdAt).slice(0, 4)}-${String(id).padStart(4, '0')}`;
}

/** The id in a reference, or null if it is not one of ours. */
export function idOfReference(reference: string): number | null {
	const match = /^RAUM-\d{4}-(\d{1,9})$/i.exec(reference.trim());
	return match ? Number(match[1]) : null;
}
