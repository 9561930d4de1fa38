import { describe, expect, it } from 'vitest';
import { isAccessibilityReviewOverdue } from './is-accessibility-review-overdue';

const at = (iso: string) => new Date(iso);

describe('isAccessibilityReviewOverdue', () => {
	it('is overdue when no review date is recorded', () => {
		expect(isAccessibilityReviewOverdue({ accessibilityReviewedOn: null })).toBe(true);
	});

	it('is due one year and one day after the review, on the Berlin calendar', () => {
		const site = { accessibilityReviewedOn: '2024-03-10' };
		expect(isAccessibilityReviewOverdue(site, at('2025-03-10T12:00:00Z'))).toBe(false);
		// 23:30 UTC on 10 March is already 11 March in Berlin.
		expect(isAccessibilityReviewOverdue(site, at('2025-03-10T23:30:00Z'))).toBe(true);
		expect(isAccessibilityReviewOverdue(site, at('2025-03-11T08:00:00Z'))).toBe(true);
		expect(isAccessibilityReviewOverdue(site, at('2024-12-31T08:00:00Z'))).toBe(false);
	});

	it('handles a review on 29 February', () => {
		const site = { accessibilityReviewedOn: '2024-02-29' };
		expect(isAccessibilityReviewOverdue(site, at('2025-02-28T12:00:00Z'))).toBe(false);
		expect(isAccessibilityReviewOverdue(site, at('2025-03-02T12:00:00Z'))).toBe(true);
	});
});
