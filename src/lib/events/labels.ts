import { m } from '$lib/paraglide/messages.js';
import type { EventCategory, EventLanguage, EventTargetGroup } from './choices';

type EventStatus = 'scheduled' | 'cancelled' | 'postponed';

/* The visible names of the stored keys (categories, target groups, languages, statuses). */

const CATEGORY: Record<EventCategory, () => string> = {
	begegnung: m.events_category_begegnung,
	bildung: m.events_category_bildung,
	kultur: m.events_category_kultur,
	sport: m.events_category_sport,
	beratung: m.events_category_beratung,
	kinder: m.events_category_kinder,
	umwelt: m.events_category_umwelt,
	beteiligung: m.events_category_beteiligung
};

const TARGET_GROUP: Record<EventTargetGroup, () => string> = {
	alle: m.events_target_alle,
	kinder: m.events_target_kinder,
	jugend: m.events_target_jugend,
	familien: m.events_target_familien,
	senioren: m.events_target_senioren,
	gefluechtete: m.events_target_gefluechtete
};

const LANGUAGE: Record<EventLanguage, () => string> = {
	de: m.events_language_de,
	en: m.events_language_en,
	tr: m.events_language_tr,
	ar: m.events_language_ar,
	uk: m.events_language_uk,
	ru: m.events_language_ru,
	pl: m.events_language_pl,
	fa: m.events_language_fa,
	ku: m.events_language_ku
};

const STATUS: Record<EventStatus, () => string> = {
	scheduled: m.events_status_scheduled,
	cancelled: m.events_status_cancelled,
	postponed: m.events_status_postponed
};

export const categoryLabel = (key: string) => CATEGORY[key as EventCategory]?.() ?? key;
export const targetGroupLabel = (key: string) => TARGET_GROUP[key as EventTargetGroup]?.() ?? key;
export const languageLabel = (key: string) => LANGUAGE[key as EventLanguage]?.() ?? key;
export const statusLabel = (key: string) => STATUS[key as EventStatus]?.() ?? key;

const REPEAT: Record<string, () => string> = {
	none: m.events_repeat_none,
	weekly: m.events_repeat_weekly,
	'monthly-day': m.events_repeat_monthly_day,
	'monthly-weekday': m.events_repeat_monthly_weekday,
	'monthly-last-weekday': m.events_repeat_monthly_last_weekday,
	rule: m.events_repeat_rule
};
const REPEAT_END: Record<string, () => string> = {
	never: m.events_repeat_end_never,
	until: m.events_repeat_end_until,
	count: m.events_repeat_end_count
};
export const repeatLabel = (key: string) => REPEAT[key]?.() ?? key;
export const repeatEndLabel = (key: string) => REPEAT_END[key]?.() ?? key;
