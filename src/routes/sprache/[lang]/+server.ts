import { error, redirect } from '@sveltejs/kit';
import { isLocale } from '$lib/paraglide/runtime.js';
import { returnPathOr } from '$lib/server/security/return-path';
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
	redirect(303, returnPathOr(url.searchParams.get('zurueck'), '/'));
};
