/** The pages staff edit in the back office; each has its own public route. */
export const EDITABLE_PAGE_SLUGS = [
	'impressum',
	'datenschutz',
	'barrierefreiheit',
	'leichte-sprache',
	'gebaerdensprache'
] as const;
export type EditablePageSlug = (typeof EDITABLE_PAGE_SLUGS)[number];

export function isEditablePageSlug(slug: string): slug is EditablePageSlug {
	return (EDITABLE_PAGE_SLUGS as readonly string[]).includes(slug);
}
