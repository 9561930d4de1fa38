import { error, fail } from '@sveltejs/kit';
import { DomainError, httpStatusOf, messageOf } from '../errors';
import type { FormValues } from '../form';

/**
 * For form actions: a DomainError becomes the form's error summary (with the input kept), or the
 * error page for a missing or forbidden record. Anything else is a bug and is rethrown.
 */
export function domainFail(err: unknown, values: FormValues) {
	if (!(err instanceof DomainError)) throw err;
	const status = httpStatusOf(err);
	if (err.code === 'NOT_FOUND' || err.code === 'FORBIDDEN') error(status, messageOf(err));
	return fail(status, { errors: err.fieldErrors ?? { _form: messageOf(err) }, values });
}
