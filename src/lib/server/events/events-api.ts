import { z } from 'zod';
import { Temporal } from 'temporal-polyfill';
import { m } from '$lib/paraglide/messages.js';
import type { Db } from '../db/client';
import { EVENT_CATEGORIES } from '../db/schema';
import { DomainError } from '../errors';
import { localDayBounds, now, timeZone, toIsoWithOffset } from '../time';
import { findDatesInPeriod, latestChange, placeLine, type EventDate } from './find-dates-in-period';
import { getEventBySlug } from './get-event-by-slug';

/*
 * What the JSON API (/api/v1/events, described in api/openapi.ts) says about events: published
 * dates only, times ISO 8601 with the zone's offset, a cancelled date listed with its status.
 * Bad query parameters are refused with a German message per parameter (400), never guessed.
 */

export const API_PAGE_SIZE = 50;
export const API_MAX_PAGE = 200;
/** A from/to span longer than this is almost always a typo in a year. */
export const API_MAX_SPAN_DAYS = 3 * 366;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (v: string) => DAY.test(v) && localDayBounds(v) !== null;

const apiDay = (name: string) =>
	z
		.string()
		.refine(isDay, { error: () => m.events_feeds_api_bad_date({ name }) })
		.optional();

export const eventsApiQuery = z
	.strictObject(
		{
			from: apiDay('from'),
			to: apiDay('to'),
			q: z
				.string()
				.max(100, { error: () => m.events_feeds_api_bad_q() })
				.optional(),
			category: z
				.enum(EVENT_CATEGORIES, {
					error: () => m.events_feeds_api_bad_category({ values: EVENT_CATEGORIES.join(', ') })
				})
				.optional(),
			page: z.coerce
				.number({ error: () => m.events_feeds_api_bad_page({ max: API_MAX_PAGE }) })
				.int({ error: () => m.events_feeds_api_bad_page({ max: API_MAX_PAGE }) })
				.min(1, { error: () => m.events_feeds_api_bad_page({ max: API_MAX_PAGE }) })
				.max(API_MAX_PAGE, { error: () => m.events_feeds_api_bad_page({ max: API_MAX_PAGE }) })
				.optional()
		},
		{ error: () => m.events_feeds_api_unknown_parameter() }
	)
	.superRefine((query, ctx) => {
		if (!query.from || !query.to || !isDay(query.from) || !isDay(query.to)) return;
		const from = Temporal.PlainDate.from(query.from);
		const to = Temporal.PlainDate.from(query.to);
		if (Temporal.PlainDate.compare(to, from) < 0) {
			ctx.addIssue({ code: 'custom', path: ['to'], message: m.events_feeds_api_to_before_from() });
		} else if (from.until(to).days > API_MAX_SPAN_DAYS) {
			ctx.addIssue({
				code: 'custom',
				path: ['to'],
				message: m.events_feeds_api_span({ days: API_MAX_SPAN_DAYS })
			});
		}
	});
export type EventsApiQuery = z.output<typeof eventsApiQuery>;

/**
 * The query string as the schema reads it: each parameter once (a repeated one is refused), and
 * empty values left out (what a form sends for "any").
 */
export function parseEventsApiQuery(
	params: URLSearchParams
): { ok: true; query: EventsApiQuery } | { ok: false; fields: Record<string, string> } {
	const raw: Record<string, string> = {};
	const fields: Record<string, string> = {};
	for (const key of new Set(params.keys())) {
		const values = params.getAll(key);
		if (values.length > 1) fields[key] = m.events_feeds_api_repeated();
		else if (values[0].trim() !== '') raw[key] = values[0].trim();
	}
	if (Object.keys(fields).length > 0) return { ok: false, fields };
	const parsed = eventsApiQuery.safeParse(raw);
	if (parsed.success) return { ok: true, query: parsed.data };
	for (const issue of parsed.error.issues) {
		if (issue.code === 'unrecognized_keys') {
			for (const key of issue.keys) fields[key] ??= issue.message;
		} else {
			fields[String(issue.path[0] ?? '_')] ??= issue.message;
		}
	}
	return { ok: false, fields };
}

function apiItem(d: EventDate, origin: string) {
	const url = `${origin}/veranstaltungen/${d.slug}`;
	return {
		slug: d.slug,
		title: d.title,
		status: d.status,
		start: toIsoWithOffset(d.startsAt),
		end: toIsoWithOffset(d.endsAt),
		allDay: d.allDay,
		place: {
			name: d.roomName ? [d.roomName, d.venueName].filter(Boolean).join(', ') : d.placeName,
			address: placeLine(d),
			roomSlug: d.roomSlug
		},
		organiser: d.groupSlug ? { slug: d.groupSlug, name: d.groupName } : null,
		categories: d.categories,
		targetGroups: d.targetGroups,
		languages: d.languages,
		isFree: d.isFree,
		cost: d.cost,
		wheelchairAccessible: d.wheelchairAccessible,
		isExample: d.isExample,
		url,
		ics: `${url}.ics`,
		api: `${origin}/api/v1/events/${d.slug}`,
		updatedAt: toIsoWithOffset(d.updatedAt)
	};
}
export type EventsApiItem = ReturnType<typeof apiItem>;

/**
 * One page of the published dates from `from` (default: now; a date running now is included)
 * to the end of `to`, soonest first, with links to the neighbouring pages.
 */
export async function listEventsForApi(
	db: Db,
	query: EventsApiQuery,
	{ origin }: { origin: string }
) {
	const zone = timeZone();
	const from = query.from ? localDayBounds(query.from, zone)!.start : now();
	const to = query.to ? localDayBounds(query.to, zone)!.end : null;
	const page = query.page ?? 1;
	const rows = await findDatesInPeriod(db, {
		from,
		to,
		filters: { kategorie: query.category, q: query.q },
		limit: API_PAGE_SIZE + 1,
		offset: (page - 1) * API_PAGE_SIZE
	});
	const shown = rows.slice(0, API_PAGE_SIZE);
	const link = (p: number) => {
		const params = new URLSearchParams();
		for (const key of ['from', 'to', 'q', 'category'] as const) {
			if (query[key]) params.set(key, query[key]);
		}
		if (p > 1) params.set('page', String(p));
		const qs = params.toString();
		return `${origin}/api/v1/events${qs ? `?${qs}` : ''}`;
	};
	return {
		body: {
			items: shown.map((d) => apiItem(d, origin)),
			page,
			pageSize: API_PAGE_SIZE,
			links: {
				self: link(page),
				next: rows.length > API_PAGE_SIZE && page < API_MAX_PAGE ? link(page + 1) : null,
				previous: page > 1 ? link(page - 1) : null
			}
		},
		lastModified: latestChange(shown)
	};
}

/** One published event with its next dates; NOT_FOUND otherwise (pending ones too). */
export async function getEventForApi(db: Db, slug: string, { origin }: { origin: string }) {
	if (!/^[a-z0-9-]{1,80}$/.test(slug)) {
		throw new DomainError('NOT_FOUND', { detail: `event ${slug}` });
	}
	const { event, group, place, nextDates } = await getEventBySlug(db, slug);
	const url = `${origin}/veranstaltungen/${event.slug}`;
	return {
		body: {
			slug: event.slug,
			title: event.title,
			description: event.description,
			status: event.status,
			start: toIsoWithOffset(event.startsAt),
			end: toIsoWithOffset(event.endsAt),
			allDay: event.allDay,
			rrule: event.rrule,
			dates: nextDates.map((d) => ({
				start: toIsoWithOffset(d.startsAt),
				end: toIsoWithOffset(d.endsAt)
			})),
			place: {
				name: place.name,
				address: [place.street, [place.postalCode, place.city].filter(Boolean).join(' ')]
					.filter(Boolean)
					.join(', '),
				roomSlug: place.roomSlug,
				latitude: event.latitude,
				longitude: event.longitude
			},
			organiser: group,
			categories: event.categories,
			targetGroups: event.targetGroups,
			languages: event.languages,
			isFree: event.isFree,
			cost: event.cost,
			wheelchairAccessible: event.wheelchairAccessible,
			accessibilityNotes: event.accessibilityNotes,
			isExample: event.isExample,
			url,
			ics: `${url}.ics`,
			updatedAt: toIsoWithOffset(event.updatedAt)
		},
		lastModified: event.updatedAt
	};
}
