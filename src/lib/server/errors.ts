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

/**
 * A user-facing message, translated only when it is shown. Use cases pass `m.some_key` or
 * `() => m.some_key({ field: m.label() })` and never call it: the boundary (an HTML form, the
 * JSON API, Open311) renders it in the request's locale, or not at all.
 */
export type LazyMessage = () => string;

export interface DomainErrorDetails {
	/** A message about the whole request; without it the code's default message is shown. */
	message?: LazyMessage;
	/** Messages about single inputs, keyed by field name (the form field, the JSON property). */
	fields?: Record<string, LazyMessage>;
	/** For logs and developers only, never shown. */
	detail?: string;
}

/** The one error type use cases throw; the form pipeline (src/lib/server/forms) maps it. */
export class DomainError extends Error {
	constructor(
		readonly code: ErrorCode,
		readonly details: DomainErrorDetails = {}
	) {
		super(details.detail ?? code);
		this.name = 'DomainError';
	}

	/** The field messages, translated now. */
	get fieldErrors(): Record<string, string> | undefined {
		const fields = this.details.fields;
		if (!fields) return undefined;
		return Object.fromEntries(Object.entries(fields).map(([name, message]) => [name, message()]));
	}
}

/** An INVALID (or other) error about one input: the message shows at the field and in the summary. */
export function fieldError(
	field: string,
	message: LazyMessage,
	code: ErrorCode = 'INVALID'
): DomainError {
	return new DomainError(code, { message, fields: { [field]: message } });
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

/** A translated, user-facing message for the whole error (in the request's locale). */
export function messageOf(error: DomainError): string {
	if (error.details.message) return error.details.message();
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
			return m.error_generic_title();
		case 'GONE':
			return m.capability_link_gone();
	}
}

/** SQLSTATE of a database error; Drizzle wraps driver errors, so look at the cause too. */
export function sqlStateOf(error: unknown): string | undefined {
	const e = error as { code?: unknown; cause?: { code?: unknown } } | undefined;
	const code = e?.cause?.code ?? e?.code;
	return typeof code === 'string' ? code : undefined;
}
