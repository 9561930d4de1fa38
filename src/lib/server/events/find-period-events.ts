import type { Db } from '../db/client';
import { getMainVenue } from '../site/get-main-venue';
import { getSiteSettings } from '../site/get-site';
import { qrSvg } from '../print/qr-svg';
import type { Period } from './calendar-periods';
import type { EventFilterParams } from './events.schemas';
import { findDatesInPeriod, groupByDay, placeLine } from './find-dates-in-period';

/** More dates than a month of the busiest calendar holds; the view says when it stops. */
export const MAX_PERIOD_DATES = 1500;

/**
 * The published dates of a month or week (those that began before it and run into it too),
 * filtered as the list, grouped by local day: what the month view and the print view show.
 */
export async function findPeriodEvents(db: Db, period: Period, filters: EventFilterParams = {}) {
	const rows = await findDatesInPeriod(db, {
		from: period.start,
		to: period.end,
		filters,
		limit: MAX_PERIOD_DATES + 1
	});
	const dates = rows.slice(0, MAX_PERIOD_DATES).map((d) => ({
		occurrenceId: d.occurrenceId,
		startsAt: d.startsAt,
		endsAt: d.endsAt,
		slug: d.slug,
		title: d.title,
		status: d.status,
		allDay: d.allDay,
		place: d.roomName ?? d.placeName,
		placeLine: placeLine(d),
		groupName: d.groupName
	}));
	return { days: groupByDay(dates, period.start), truncated: rows.length > MAX_PERIOD_DATES };
}

/**
 * What the printed programme needs besides the dates: a QR code (SVG, made here on the server)
 * of the online calendar's address and the office's contact line.
 */
export async function printSheetExtras(db: Db, { calendarUrl }: { calendarUrl: string }) {
	const [site, venue] = await Promise.all([
		getSiteSettings(db),
		getMainVenue(db).catch(() => null)
	]);
	const address = venue
		? [venue.name, venue.street, [venue.postalCode, venue.city].filter(Boolean).join(' ')]
				.filter(Boolean)
				.join(', ')
		: '';
	return {
		qrSvg: qrSvg(calendarUrl),
		calendarUrl,
		contact: {
			officeName: site.officeName,
			address,
			phone: site.contactPhone,
			email: site.contactEmail
		}
	};
}
