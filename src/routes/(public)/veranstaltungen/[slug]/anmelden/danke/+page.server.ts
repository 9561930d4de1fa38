import type { PageServerLoad } from './$types';

/** `?platz=n` after a waitlist entry; anything else is the plain confirmation. */
export const load: PageServerLoad = ({ url, params }) => {
	const raw = url.searchParams.get('platz') ?? '';
	const position = /^[1-9]\d{0,4}$/.test(raw) ? Number(raw) : null;
	return { slug: params.slug, position };
};
