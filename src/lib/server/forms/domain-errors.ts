import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actor } from '../auth/actor';
import { assertCan, type Permission } from '../auth/permissions';
import { DomainError, httpStatusOf, messageOf, type ErrorCode } from '../errors';
import type { FieldErrors, FormValues } from '../form';

/**
 * The one place where a DomainError meets HTML: a missing or forbidden record is the error page,
 * a visitor who must sign in first goes to the login (and comes back), anything else is shown in
 * the form with the input kept. Anything that is not a DomainError is a bug: rethrown (a 500).
 * A JSON or Open311 mapper translates the same error (code, field messages) its own way.
 */
export function failFromDomainError(
	err: unknown,
	event: Pick<RequestEvent, 'url'>,
	values: FormValues,
	{ errorsKey = 'errors', pageErrors = [] }: { errorsKey?: string; pageErrors?: ErrorCode[] } = {}
) {
	if (!(err instanceof DomainError)) throw err;
	showAsPage(err, event, ['NOT_FOUND', 'FORBIDDEN', ...pageErrors]);
	return fail(httpStatusOf(err), {
		[errorsKey]: err.fieldErrors ?? { _form: messageOf(err) },
		values
	} as { errors?: FieldErrors; deleteErrors?: FieldErrors; values: FormValues });
}

/** The login with the way back, for anyone who must sign in first. */
export function loginRedirect(url: URL): never {
	redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname + url.search)}`);
}

function showAsPage(err: DomainError, event: Pick<RequestEvent, 'url'>, codes: ErrorCode[]) {
	// Form actions carry their name in the query (?/save): the way back is the page itself.
	if (err.code === 'UNAUTHENTICATED') loginRedirect(new URL(event.url.pathname, event.url));
	if (codes.includes(err.code)) error(httpStatusOf(err), messageOf(err));
}

/**
 * For a GET form (a search): the use case's refusal as the form's messages (an unknown or
 * forbidden record is still the error page); anything that is not a DomainError is rethrown.
 */
export function formErrorsOf(err: unknown, event: Pick<RequestEvent, 'url'>): FieldErrors {
	if (!(err instanceof DomainError)) throw err;
	showAsPage(err, event, ['NOT_FOUND', 'FORBIDDEN']);
	return err.fieldErrors ?? { _form: messageOf(err) };
}

/** For load functions: runs a use case; a DomainError becomes the error page (or the login). */
export async function orErrorPage<T>(
	event: Pick<RequestEvent, 'url'>,
	work: Promise<T> | (() => Promise<T>)
): Promise<T> {
	try {
		return await (typeof work === 'function' ? work() : work);
	} catch (err) {
		if (err instanceof DomainError) showAsPage(err, event, [...ALL_CODES]);
		throw err;
	}
}

const ALL_CODES: ErrorCode[] = [
	'NOT_FOUND',
	'FORBIDDEN',
	'CONFLICT',
	'INVALID',
	'INVALID_TRANSITION',
	'RATE_LIMITED',
	// A capability link that expired, was revoked or used: 410 with the reason.
	'GONE'
];

/**
 * For a load that only shows public data in a form which a use case will check again on save
 * (the site settings, a page's text): may this actor open the form at all?
 */
export function permitted(
	event: Pick<RequestEvent, 'url'> & { locals: { actor: Actor } },
	permission: Permission
): Actor {
	try {
		assertCan(event.locals.actor, permission);
	} catch (err) {
		if (err instanceof DomainError) showAsPage(err, event, ALL_CODES);
		throw err;
	}
	return event.locals.actor;
}
