import { parseReference } from '$lib/server/concerns/concern-reference';
import type { PageServerLoad } from './$types';

/** The number comes from the redirect after sending; anything else shows the page without one. */
export const load: PageServerLoad = ({ url }) => ({
	reference: parseReference(url.searchParams.get('nr') ?? ''),
	mailed: url.searchParams.get('mail') === '1'
});
