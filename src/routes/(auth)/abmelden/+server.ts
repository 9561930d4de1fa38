import { redirect } from '@sveltejs/kit';
import { endSessionCookie } from '$lib/server/auth/session-cookie';
import type { RequestHandler } from './$types';

// POST only (a GET link could log people out from another site); the CSRF check runs in hooks.
export const POST: RequestHandler = async ({ locals, cookies, url }) => {
	await endSessionCookie(locals.db, cookies, url, locals.sessionToken);
	redirect(303, '/');
};
