const GERMAN: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MAX = 80;

/**
 * A URL slug from a title: German umlauts transliterated (ä → ae, ß → ss), other accents dropped,
 * everything else a hyphen. Returns '' when nothing usable is left (e.g. a title of emoji only).
 */
export function slugify(title: string, max = SLUG_MAX): string {
	const slug = title
		.toLowerCase()
		.replace(/[äöüß]/g, (c) => GERMAN[c])
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
	if (slug.length <= max) return slug;
	const cut = slug.slice(0, max);
	const lastHyphen = cut.lastIndexOf('-');
	return (lastHyphen > max / 2 ? cut.slice(0, lastHyphen) : cut).replace(/-+$/, '');
}
