import { dev } from '$app/environment';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { config } from '../config';
import { field } from '../form';

/**
 * The example page of the form kit (/entwicklung/komponenten): only in `vite dev` or with
 * COMPONENT_EXAMPLES=1 (the end-to-end server sets it); everywhere else it does not exist.
 */
export function componentExamplesEnabled(
	isDev: boolean = dev,
	flag: boolean = config().COMPONENT_EXAMPLES
): boolean {
	return isDev || flag;
}

export const EXAMPLE_PLACES = ['house', 'outside', 'online'] as const;
export const EXAMPLE_NEEDS = ['chairs', 'kitchen', 'beamer'] as const;

const placeLabel = (p: (typeof EXAMPLE_PLACES)[number]) =>
	p === 'house'
		? m.formkit_example_place_house()
		: p === 'outside'
			? m.formkit_example_place_outside()
			: m.formkit_example_place_online();

const needLabel = (n: (typeof EXAMPLE_NEEDS)[number]) =>
	n === 'chairs'
		? m.formkit_example_needs_chairs()
		: n === 'kitchen'
			? m.formkit_example_needs_kitchen()
			: m.formkit_example_needs_beamer();

/** A form using every builder of the kit, the way an area's schema would. */
export const exampleSchema = z.object({
	title: field.text(() => m.formkit_example_name(), 80, {
		hint: () => m.formkit_example_name_hint()
	}),
	day: field.date(() => m.formkit_example_date(), { hint: () => m.formkit_example_date_hint() }),
	startsAt: field.time(() => m.formkit_example_time()),
	place: field.choice(() => m.formkit_example_place(), EXAMPLE_PLACES, {
		hint: () => m.formkit_example_place_hint(),
		choiceLabel: placeLabel,
		choiceHint: (p) => (p === 'house' ? m.formkit_example_place_house_hint() : undefined)
	}),
	needs: field.choices(() => m.formkit_example_needs(), EXAMPLE_NEEDS, {
		min: 1,
		hint: () => m.formkit_example_needs_hint(),
		choiceLabel: needLabel
	}),
	note: field.optionalLongText(() => m.formkit_example_note(), 500),
	consent: field.consent(() => m.formkit_example_consent())
});
