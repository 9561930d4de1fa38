import { formatDateTime } from '$lib/format';
import { m } from '$lib/paraglide/messages.js';
import { registrationStatusLabel } from '$lib/events/registration-labels';
import type { Db } from '../db/client';
import type { Actor } from '../auth/actor';
import { findEventRegistrations } from './find-event-registrations';

/**
 * A cell for German Excel: quoted when needed, and a leading = + - @ (or tab/CR) gets a `'` so
 * a name like `=HYPERLINK(…)` stays text instead of becoming a formula (CSV injection).
 */
export function csvCell(value: string | number): string {
	let text = String(value);
	if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	if (/[";\r\n]/.test(text)) text = `"${text.replaceAll('"', '""')}"`;
	return text;
}

/** The participant list of an event as CSV: UTF-8 with BOM, `;` between cells, CRLF lines. */
export async function registrationsCsv(
	db: Db,
	{ actor, eventId }: { actor: Actor; eventId: number }
): Promise<{ filename: string; csv: string }> {
	const { event, dates } = await findEventRegistrations(db, { actor, eventId });
	const header = [
		m.events_register_csv_date(),
		m.events_register_csv_status(),
		m.events_register_field_name(),
		m.events_register_field_email(),
		m.events_register_field_persons(),
		m.events_register_field_note(),
		m.events_register_csv_created()
	];
	const lines = [header.map(csvCell).join(';')];
	for (const d of dates) {
		for (const r of [...d.confirmed, ...d.waitlisted, ...d.cancelled]) {
			lines.push(
				[
					formatDateTime(d.startsAt),
					registrationStatusLabel(r.status),
					r.name,
					r.email,
					r.persons,
					r.note,
					formatDateTime(r.createdAt)
				]
					.map(csvCell)
					.join(';')
			);
		}
	}
	return {
		filename: `anmeldungen-${event.slug}.csv`,
		csv: '\uFEFF' + lines.join('\r\n') + '\r\n'
	};
}
