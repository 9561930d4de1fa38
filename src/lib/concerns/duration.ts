import { m } from '$lib/paraglide/messages.js';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A duration in plain words, rounded to the unit people think in: minutes under an hour, hours
 * under two days, days after that ("45 Minuten", "5 Stunden", "2 Tage").
 */
export function durationText(seconds: number): string {
	if (seconds < HOUR) {
		const n = Math.max(1, Math.round(seconds / MINUTE));
		return n === 1 ? m.concerns_stats_minutes_one() : m.concerns_stats_minutes({ count: n });
	}
	if (seconds < 2 * DAY) {
		const n = Math.round(seconds / HOUR);
		return n === 1 ? m.concerns_stats_hours_one() : m.concerns_stats_hours({ count: n });
	}
	const n = Math.round(seconds / DAY);
	return n === 1 ? m.concerns_stats_days_one() : m.concerns_stats_days({ count: n });
}
