import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import type { Actor } from './actor';
import { can } from './permissions';

const BACK_OFFICE = '/verwaltung';

export function isBackOfficePath(pathname: string): boolean {
	return pathname === BACK_OFFICE || pathname.startsWith(`${BACK_OFFICE}/`);
}

/**
 * Run by the server hook before any load, form action or endpoint under /verwaltung: anonymous
 * visitors go to the login (and come back to the page afterwards), signed-in people without a
 * staff role get 403. What each staff role may do there is for the use cases to say.
 */
export function guardBackOffice(actor: Actor, url: URL): void {
	if (!isBackOfficePath(url.pathname) || can(actor, 'backoffice.enter')) return;
	if (actor.kind === 'anonymous') {
		// The path only: a form action's ?/name is no page to come back to.
		redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
	}
	error(403, m.error_forbidden_text());
}
