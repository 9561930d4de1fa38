import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { eventFilterSchema, type EventFilterParams } from '$lib/server/events/events.schemas';

/**
 * The list's filters from the query string. Empty fields (what the GET form sends for "Alle")
 * are left out; a value given twice or not one of the choices answers 400, not a guess.
 */
export function filtersFrom(url: URL): EventFilterParams {
	const params: Record<string, string> = {};
	for (const key of new Set(url.searchParams.keys())) {
		const values = url.searchParams.getAll(key);
		if (values.length > 1) error(400, m.events_filter_invalid());
		if (values[0].trim() !== '') params[key] = values[0].trim();
	}
	const parsed = eventFilterSchema.safeParse(params);
	if (!parsed.success) error(400, m.events_filter_invalid());
	return parsed.data;
}

/** The query string of a filtered view with one parameter changed (pagination links). */
export function withParam(url: URL, key: string, value: string | null): string {
	const next = new URLSearchParams(url.searchParams);
	if (value === null) next.delete(key);
	else next.set(key, value);
	for (const [k, v] of [...next]) if (v === '') next.delete(k);
	const query = next.toString();
	return query ? `?${query}` : '?';
}
