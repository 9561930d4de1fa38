import { isHoliday } from 'feiertagejs';

/**
 * Dates for room requests against the shared server, which runs on the real clock: a weekday
 * at least `minDays` ahead that is no public holiday in NRW and not between Christmas and New
 * Year (houses close then), as `YYYY-MM-DD`; and `weeks` weekly dates after it (all workdays).
 */
export function futureWeekday(isoWeekday: number, minDays: number, weeks = 0): string {
	const day = new Date();
	day.setUTCHours(12, 0, 0, 0);
	day.setUTCDate(day.getUTCDate() + minDays);
	while (true) {
		const weekday = day.getUTCDay() === 0 ? 7 : day.getUTCDay();
		if (weekday === isoWeekday && seriesClear(day, weeks)) return day.toISOString().slice(0, 10);
		day.setUTCDate(day.getUTCDate() + 1);
	}
}

function seriesClear(first: Date, weeks: number): boolean {
	for (let i = 0; i <= weeks; i++) {
		const d = new Date(first.getTime() + i * 7 * 86_400_000);
		const md = d.toISOString().slice(5, 10);
		if (isHoliday(d, 'NW') || md >= '12-20' || md <= '01-06') return false;
	}
	return true;
}

/** `YYYY-MM-DD` plus days. */
export function addDays(date: string, days: number): string {
	const d = new Date(`${date}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}
