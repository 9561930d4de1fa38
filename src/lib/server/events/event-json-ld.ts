import { Temporal } from 'temporal-polyfill';
import { timeZone } from '../time';
import type { EventDetail } from './get-event-by-slug';

const STATUS = {
	scheduled: 'https://schema.org/EventScheduled',
	cancelled: 'https://schema.org/EventCancelled',
	postponed: 'https://schema.org/EventPostponed'
} as const;

/** `2026-11-05T17:00:00+01:00`: an instant with the zone's offset, as schema.org wants it. */
function withOffset(instant: Date, zone: string): string {
	return Temporal.Instant.fromEpochMilliseconds(instant.getTime())
		.toZonedDateTimeISO(zone)
		.toString({ timeZoneName: 'never', smallestUnit: 'second' });
}

/** Markdown to one plain paragraph for search engines (no markup, no links' targets). */
function plain(markdown: string): string {
	return markdown
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/[*_`#>]/g, '')
		.replace(/\s+/g, ' ')
		.trim()
		.slice(0, 500);
}

/**
 * schema.org `Event` for an event's page (the next date, or the last one when none is to come),
 * as JSON that can sit in a `<script type="application/ld+json">`: `<` is escaped so no text of
 * the event can close the element.
 */
export function eventJsonLd(
	detail: EventDetail,
	{ url, officeName, image }: { url: string; officeName: string; image?: string }
): string {
	const zone = timeZone();
	const { event, place, group } = detail;
	// The next date that takes place; a cancelled single date is not what people should plan for.
	const next = detail.nextDates.find((d) => !d.cancelled) ?? detail.nextDates[0];
	const date = next ?? { startsAt: event.startsAt, endsAt: event.endsAt };
	const eventStatus =
		event.status !== 'scheduled'
			? STATUS[event.status]
			: next?.cancelled
				? STATUS.cancelled
				: next?.moved
					? 'https://schema.org/EventRescheduled'
					: STATUS.scheduled;
	const address = {
		'@type': 'PostalAddress',
		...(place.street ? { streetAddress: place.street } : {}),
		...(place.postalCode ? { postalCode: place.postalCode } : {}),
		...(place.city ? { addressLocality: place.city } : {}),
		addressCountry: 'DE'
	};
	const data = {
		'@context': 'https://schema.org',
		'@type': 'Event',
		name: event.title,
		description: plain(event.description),
		url,
		...(image ? { image } : {}),
		startDate: event.allDay
			? withOffset(date.startsAt, zone).slice(0, 10)
			: withOffset(date.startsAt, zone),
		endDate: event.allDay
			? withOffset(new Date(date.endsAt.getTime() - 1), zone).slice(0, 10)
			: withOffset(date.endsAt, zone),
		eventStatus,
		...(next?.moved && !next.cancelled && eventStatus.endsWith('Rescheduled')
			? {
					previousStartDate: event.allDay
						? withOffset(next.originalStart, zone).slice(0, 10)
						: withOffset(next.originalStart, zone)
				}
			: {}),
		eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
		location: {
			'@type': 'Place',
			name: place.name,
			address,
			...(event.latitude !== null && event.longitude !== null
				? {
						geo: { '@type': 'GeoCoordinates', latitude: event.latitude, longitude: event.longitude }
					}
				: {})
		},
		organizer: {
			'@type': 'Organization',
			name: group?.name ?? officeName,
			...(group?.email ? { email: group.email } : {})
		},
		isAccessibleForFree: event.isFree,
		...(event.languages.length ? { inLanguage: event.languages } : {})
	};
	return JSON.stringify(data).replace(/</g, '\\u003c');
}
