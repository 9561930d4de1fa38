import { fail, redirect, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import type { Actor } from '../auth/actor';
import { assertCan, type Permission } from '../auth/permissions';
import { config } from '../config';
import type { Db } from '../db/client';
import type { ErrorCode } from '../errors';
import { parseForm, type FieldErrors, type FormValues, type ParsedForm } from '../form';
import { logger } from '../logger';
import { kickMailSender } from '../runtime';
import { clientKey, hitRateLimit } from '../security/rate-limit';
import { failFromDomainError } from './domain-errors';
import { withFlash, type Flash } from './flash';

/**
 * The one form pipeline: [rate limit →] parse → [honeypot →] run the use case as `locals.actor`
 * → kick the mail sender → redirect (with a flash) or answer with data. Permissions are the use
 * case's first line, so a refused actor comes back here as a DomainError and is mapped in one
 * place (forms/domain-errors.ts). Routes declare their steps; they never catch or fail() by hand.
 */

/** What the event must offer; the generated per-route event types all fit. */
type Event = RequestEvent & { locals: App.Locals };

export interface ActionContext<E extends Event = Event> {
	event: E;
	actor: Actor;
	db: Db;
	/** The raw values sent (never passwords), e.g. to show them again. */
	values: FormValues;
}

export type FormFailure = {
	errors?: FieldErrors;
	deleteErrors?: FieldErrors;
	values: FormValues;
};

type Output<S> = S extends z.ZodType ? z.output<S> : Record<string, never>;

export interface FormActionOptions<S extends z.ZodType | undefined, R, D, F> {
	/**
	 * Checked before anything else, so a refused actor learns nothing about the form. The use case
	 * checks again as its first line: this is the early answer, that is the rule.
	 */
	permission?: Permission;
	/** The form's schema; leave out for a button without fields. */
	schema?: S;
	run: (data: Output<S>, ctx: ActionContext) => Promise<R>;
	/** After success: go here (303), with a flash notice if wanted. */
	redirect?: string | { to: string; flash?: Flash } | ((result: R, ctx: ActionContext) => string);
	/** After success, instead of a redirect: data for the page (its `form` prop). */
	respond?: (result: R, ctx: ActionContext) => D;
	/** Where the errors go in the failure: `deleteErrors` for the delete form of an edit page. */
	errorsKey?: 'errors' | 'deleteErrors';
	/** Extra fields in every failure, e.g. which of several forms on a page failed. */
	failData?: F;
	/** Error codes shown as the error page instead of in the form (an unusable link). */
	pageErrors?: ErrorCode[];
	/** Requests per minute and key (the client address by default), checked before anything else. */
	rateLimit?: {
		name: string;
		key?: (event: Event) => string;
		perMinute?: () => number;
	};
	/** A field only bots fill in: answer like a success, store and send nothing. */
	honeypot?: { field: string; form: string; redirect: string };
}

export function formAction<
	S extends z.ZodType | undefined = undefined,
	R = unknown,
	D = never,
	F extends Record<string, unknown> = Record<never, never>
>(options: FormActionOptions<S, R, D, F>) {
	return async (event: Event): Promise<D | ActionFailure<FormFailure & F>> => {
		const failData = (options.failData ?? {}) as F;
		const errorsKey = options.errorsKey ?? 'errors';
		if (options.permission) {
			try {
				assertCan(event.locals.actor, options.permission);
			} catch (err) {
				// The login or the 403 page; never the form, which this actor may not use.
				const refused = failFromDomainError(err, event, {});
				return fail(refused.status, { ...failData, ...refused.data } as FormFailure & F);
			}
		}
		const limit = options.rateLimit
			? hitRateLimit(
					`${options.rateLimit.name}:${options.rateLimit.key?.(event) ?? clientKey(event.getClientAddress())}`,
					(options.rateLimit.perMinute ?? (() => config().RATE_LIMIT_PER_MINUTE))()
				)
			: null;
		const parsed: ParsedForm<unknown> = options.schema
			? await parseForm(event.request, options.schema)
			: { ok: true, data: {}, values: {} };
		if (limit && !limit.ok) {
			const minutes = Math.ceil(limit.retryAfterSeconds / 60);
			return fail(429, {
				...failData,
				[errorsKey]: { _form: m.error_rate_limited({ minutes }) },
				values: parsed.values
			} as FormFailure & F);
		}
		if (options.honeypot && parsed.values[options.honeypot.field]) {
			logger.info({ form: options.honeypot.form }, 'honeypot field filled, submission dropped');
			redirect(303, options.honeypot.redirect);
		}
		if (!parsed.ok) {
			return fail(400, {
				...failData,
				[errorsKey]: parsed.errors,
				values: parsed.values
			} as FormFailure & F);
		}
		const ctx: ActionContext = {
			event,
			actor: event.locals.actor,
			db: event.locals.db,
			values: parsed.values
		};
		let result: R;
		try {
			result = await options.run(parsed.data as Output<S>, ctx);
		} catch (err) {
			const failure = failFromDomainError(err, event, parsed.values, {
				errorsKey,
				pageErrors: options.pageErrors
			});
			return fail(failure.status, { ...failData, ...failure.data } as FormFailure & F);
		}
		// The use case has committed: whatever mail it queued can go now.
		kickMailSender();
		const target = options.redirect;
		if (target !== undefined) {
			if (typeof target === 'string') redirect(303, target);
			if (typeof target === 'function') redirect(303, target(result, ctx));
			redirect(303, target.flash ? withFlash(target.to, target.flash) : target.to);
		}
		return options.respond ? options.respond(result, ctx) : (undefined as D);
	};
}

/** A back-office form: the hook has let only staff in; the permission decides which staff. */
export function backOfficeAction<
	S extends z.ZodType | undefined = undefined,
	R = unknown,
	D = never,
	F extends Record<string, unknown> = Record<never, never>
>(options: FormActionOptions<S, R, D, F> & { permission: Permission }) {
	return formAction(options);
}

/** A form anyone may send (contact, feedback, registration): rate limit and honeypot first. */
export function publicSubmission<
	S extends z.ZodType | undefined = undefined,
	R = unknown,
	D = never,
	F extends Record<string, unknown> = Record<never, never>
>(
	options: FormActionOptions<S, R, D, F> & {
		rateLimit: NonNullable<FormActionOptions<S, R, D, F>['rateLimit']>;
	}
) {
	return formAction(options);
}
