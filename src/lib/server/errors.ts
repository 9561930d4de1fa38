import { m } from '$lib/paraglide/messages.js';

export const ERROR_CODES = [
	'NOT_FOUND',
	'FORBIDDEN',
	'UNAUTHENTICATED',
	'CONFLICT',
	'INVALID',
	'INVALID_TRANSITION',
	'RATE_LIMITED',
	/** A capability link that exists but expired, was revoked or used; the reason is the message. */
	'GONE'
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The one error type use cases throw; routes map it with httpStatusOf()/messageOf(). */
export class DomainError extends Error {
	constructor(
		readonly code: ErrorCode,
		message?: string,
		/** Field errors for INVALID, keyed by form field name, already translated. */
		readonly fieldErrors?: Record<string, string>
	) {
		super(message ?? code);
		this.name = 'DomainError';
	}
}

const STATUS: Record<ErrorCode, number> = {
	NOT_FOUND: 404,
	FORBIDDEN: 403,
	UNAUTHENTICATED: 401,
	CONFLICT: 409,
	INVALID: 400,
	INVALID_TRANSITION: 409,
	RATE_LIMITED: 429,
	GONE: 410
};

export function httpStatusOf(error: DomainError): number {
	return STATUS[error.code];
}

/** A translated, user-facing message for an error code (in the request's locale). */
export function messageOf(error: DomainError): string {
	switch (error.code) {
		case 'NOT_FOUND':
			return m.error_not_found_text();
		case 'FORBIDDEN':
		case 'UNAUTHENTICATED':
			return m.error_forbidden_text();
		case 'CONFLICT':
		case 'INVALID_TRANSITION':
			return m.error_conflict();
		case 'RATE_LIMITED':
			return m.error_rate_limited({ minutes: 1 });
		case 'INVALID':
			return error.message;
		case 'GONE':
			return linkGoneMessage(error.message);
	}
}

function linkGoneMessage(reason: string): string {
	switch (reason) {
		case 'expired':
			return m.capability_link_expired();
		case 'revoked':
			return m.capability_link_revoked();
		case 'used':
			return m.capability_link_used();
		default:
			return m.capability_link_gone();
	}
}

/** SQLSTATE of a database error; Drizzle wraps driver errors, so look at the cause too. */
export function sqlStateOf(error: unknown): string | undefined {
	const e = error as { code?: unknown; cause?: { code?: unknown } } | undefined;
	const code = e?.cause?.code ?? e?.code;
	return typeof code === 'string' ? code : undefined;
}
