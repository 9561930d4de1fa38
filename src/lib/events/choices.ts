/* The fixed lists an event is filtered by (stored keys; labels in labels.ts). Shared by the
 * database schema (CHECK constraints) and the pages. */

export const EVENT_CATEGORIES = [
	'begegnung',
	'bildung',
	'kultur',
	'sport',
	'beratung',
	'kinder',
	'umwelt',
	'beteiligung'
] as const;
export type EventCategory = (typeof EVENT_CATEGORIES)[number];

export const EVENT_TARGET_GROUPS = [
	'alle',
	'kinder',
	'jugend',
	'familien',
	'senioren',
	'gefluechtete'
] as const;
export type EventTargetGroup = (typeof EVENT_TARGET_GROUPS)[number];

/** Languages spoken at an event (ISO 639-1). */
export const EVENT_LANGUAGES = ['de', 'en', 'tr', 'ar', 'uk', 'ru', 'pl', 'fa', 'ku'] as const;
export type EventLanguage = (typeof EVENT_LANGUAGES)[number];
