import { fail } from '@sveltejs/kit';
import { DomainError, httpStatusOf, messageOf } from '../errors';
import type { FormValues } from '../form';

/** Turns a DomainError from a use case into a form failure; anything else is rethrown (a 500). */
export function failFromDomainError(err: unknown, values: FormValues) {
	if (!(err instanceof DomainError)) throw err;
	return fail(httpStatusOf(err), {
		errors: err.fieldErrors ?? { _form: messageOf(err) },
		values
	});
}
