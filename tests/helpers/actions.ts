import { isActionFailure, isHttpError, isRedirect } from '@sveltejs/kit';
import { ANONYMOUS, type Actor } from '../../src/lib/server/auth/actor';
import type { SessionUser } from '../../src/lib/server/auth/roles';
import type { Db } from '../../src/lib/server/db/client';

/*
 * Calls a route's load, form action or endpoint in-process, on a real test database, as a given
 * actor: what the route answers (status, redirect, form errors) without HTTP and a browser.
 * The server hooks do not run (CSRF and the back-office guard are tested on their own).
 */

export type Fields = Record<string, string | Blob>;
// Routes type their events per route; here every handler takes the same hand-built event.
export type Handler = (event: never) => unknown;

export interface Answer {
	status: number;
	location?: string;
	/** The error page's message (error(…)). */
	message?: string;
	errors?: Record<string, string>;
	values?: Record<string, string>;
	/** What a load or a successful action returned, or the whole failure data. */
	data?: Record<string, unknown>;
}

export interface CallOptions {
	db: Db;
	actor?: Actor;
	/** The path of the page, e.g. /verwaltung/hinweise/3 (an action's ?/name is added for you). */
	path: string;
	params?: Record<string, string>;
	/** Form fields: the call is a POST with them (an action), otherwise a GET. */
	fields?: Fields;
	method?: string;
	ip?: string;
	sessionToken?: string | null;
}

/** The session user behind an actor (what the hook would have put into locals.user). */
function userOf(actor: Actor): SessionUser | null {
	if (actor.kind === 'staff') return { ...actor };
	if (actor.kind === 'resident') return { ...actor, roles: [] };
	return null;
}

export function eventFor(options: CallOptions) {
	const actor = options.actor ?? ANONYMOUS;
	const url = new URL(`http://127.0.0.1${options.path}`);
	const method = options.method ?? (options.fields ? 'POST' : 'GET');
	let body: FormData | undefined;
	if (options.fields) {
		body = new FormData();
		for (const [key, value] of Object.entries(options.fields)) body.append(key, value);
	}
	const cookies = new Map<string, string>();
	return {
		request: new Request(url, { method, body }),
		url,
		params: options.params ?? {},
		route: { id: null },
		locals: {
			db: options.db,
			actor,
			user: userOf(actor),
			sessionToken: options.sessionToken ?? null,
			csrfToken: 'x'
		},
		cookies: {
			get: (name: string) => cookies.get(name),
			getAll: () => [...cookies].map(([name, value]) => ({ name, value })),
			set: (name: string, value: string) => void cookies.set(name, value),
			delete: (name: string) => void cookies.delete(name),
			serialize: () => ''
		},
		getClientAddress: () => options.ip ?? '10.9.9.9',
		parent: async () => ({}),
		depends: () => {},
		untrack: <T>(fn: () => T) => fn(),
		setHeaders: () => {},
		fetch,
		isDataRequest: false,
		isSubRequest: false,
		platform: undefined
	};
}

/** Runs a load, an action or an endpoint handler and describes its answer. */
export async function call(handler: Handler, options: CallOptions): Promise<Answer> {
	try {
		const result = await handler(eventFor(options) as never);
		if (isActionFailure(result)) {
			const data = (result.data ?? {}) as unknown as Record<string, unknown>;
			return {
				status: result.status,
				errors: (data.errors ?? data.deleteErrors) as Answer['errors'],
				values: data.values as Answer['values'],
				data
			};
		}
		if (result instanceof Response) return { status: result.status };
		return { status: 200, data: (result ?? undefined) as unknown as Answer['data'] };
	} catch (err) {
		return answerFromThrown(err);
	}
}

/** A thrown redirect or error page as an answer; anything else is rethrown (a 500). */
export function answerFromThrown(err: unknown): Answer {
	if (isRedirect(err)) return { status: err.status, location: err.location };
	if (isHttpError(err)) return { status: err.status, message: err.body.message };
	throw err;
}

/** Whether an answer is a refusal: the login for anonymous visitors, 403 for everyone else. */
export function isRefusal(answer: Answer, actor: Actor): boolean {
	if (actor.kind === 'anonymous') {
		return answer.status === 303 && !!answer.location?.startsWith('/anmelden?weiter=');
	}
	return answer.status === 403;
}
