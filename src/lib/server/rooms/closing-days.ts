import { getHolidays } from 'feiertagejs';
import { config } from '../config';

const cache = new Map<string, Map<string, string>>();

/**
 * The public holidays of a year in the configured state (HOLIDAY_REGION, default NW), as
 * `YYYY-MM-DD` → German name. Computed by feiertagejs (Easter-dependent days included).
 */
export function publicHolidays(year: number): Map<string, string> {
	const region = config().HOLIDAY_REGION;
	const key = `${region}:${year}`;
	let days = cache.get(key);
	if (!days) {
		days = new Map(
			getHolidays(year, region).map((h) => [h.dateString, h.translate('de') ?? h.name])
		);
		cache.set(key, days);
	}
	return days;
}

/** The name of the public holiday on a local date (`YYYY-MM-DD`), or undefined. */
export function holidayOn(date: string): string | undefined {
	return publicHolidays(Number(date.slice(0, 4))).get(date);
}
