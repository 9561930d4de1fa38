import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { field } from '../form';

/** A reason or note on one date: shown publicly, so short. */
export const DATE_TEXT_MAX = 300;

/** "Diesen Termin absagen": an optional reason, shown with the cancelled date. */
export const cancelDateSchema = z.object({
	reason: field.optionalText(() => m.events_dates_field_reason(), DATE_TEXT_MAX, {
		hint: () => m.events_dates_field_reason_hint()
	})
});
export type CancelDateInput = z.output<typeof cancelDateSchema>;

/** "Diesen Termin ändern": the date's new day and times (wall clock in the zone) and a note. */
export const moveDateSchema = z.object({
	date: field.date(() => m.events_dates_field_date()),
	startTime: field.optionalTime(() => m.events_field_start_time()),
	endDate: field.optionalDate(() => m.events_field_end_date(), {
		hint: () => m.events_field_end_date_hint()
	}),
	endTime: field.optionalTime(() => m.events_field_end_time()),
	note: field.optionalText(() => m.events_dates_field_note(), DATE_TEXT_MAX, {
		hint: () => m.events_dates_field_note_hint()
	})
});
export type MoveDateInput = z.output<typeof moveDateSchema>;

export const SERIES_SCOPES = ['all', 'following'] as const;
export type SeriesScope = (typeof SERIES_SCOPES)[number];

/**
 * What a change in the edit form of a series applies to: every date, or the chosen date and
 * all after it (the series is split there). Merged into the edit form's schema.
 */
export const seriesScopeSchema = z.object({
	scope: field
		.choice(() => m.events_dates_field_scope(), SERIES_SCOPES, {
			choiceLabel: (v) =>
				v === 'all' ? m.events_dates_scope_all() : m.events_dates_scope_following()
		})
		.default('all'),
	fromDate: field.optionalDate(() => m.events_dates_field_from(), {
		hint: () => m.events_dates_field_from_hint()
	})
});
export type SeriesScopeInput = z.output<typeof seriesScopeSchema>;
