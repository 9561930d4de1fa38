import { now as clockNow, toLocalDate } from '../time';

/**
 * The accessibility statement must be reviewed at least once a year (BITV 2.0, see COMPLIANCE.md).
 * Dates are calendar days in the configured zone, so the reminder flips at local midnight.
 */
export function isAccessibilityReviewOverdue(
	site: { accessibilityReviewedOn: string | null },
	now = clockNow()
): boolean {
	if (!site.accessibilityReviewedOn) return true;
	return site.accessibilityReviewedOn < oneYearBefore(toLocalDate(now));
}

function oneYearBefore(day: string): string {
	const date = new Date(`${day}T00:00:00Z`);
	date.setUTCFullYear(date.getUTCFullYear() - 1);
	return date.toISOString().slice(0, 10);
}
