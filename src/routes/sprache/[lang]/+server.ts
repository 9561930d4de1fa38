import { error, redirect } from '@sveltejs/kit';
import { isLocale } from '$lib/paraglide/runtime.js';
import type { RequestHandler } from './$types';

/** A plain link switches the language (no JavaScript): remember it in a cookie, go back. */
export const GET: RequestHandler = ({ params, url, cookies }) => {
	if (!isLocale(params.lang)) error(404);
	cookies.set('lang', params.lang, {
		path: '/',
		httpOnly: false,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		maxAge: 60 * 60 * 24 * 365
	});
	const back = url.searchParams.get('zurueck') ?? '/';
	// Only local paths, never another site.
	redirect(303, back.startsWith('/') && !back.startsWith('//') ? back : '/');
};
