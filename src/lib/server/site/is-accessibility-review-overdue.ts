/**
 * The accessibility statement must be reviewed at least once a year (BITV 2.0, see COMPLIANCE.md).
 * Dates are calendar days in Europe/Berlin, so the reminder flips at local midnight.
 */
export function isAccessibilityReviewOverdue(
	site: { accessibilityReviewedOn: string | null },
	now = new Date()
): boolean {
	if (!site.accessibilityReviewedOn) return true;
	return site.accessibilityReviewedOn < oneYearBefore(berlinToday(now));
}

function berlinToday(now: Date): string {
	// en-CA formats as yyyy-mm-dd.
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(now);
}

function oneYearBefore(day: string): string {
	const date = new Date(`${day}T00:00:00Z`);
	date.setUTCFullYear(date.getUTCFullYear() - 1);
	return date.toISOString().slice(0, 10);
}
