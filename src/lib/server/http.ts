import { error } from '@sveltejs/kit';
import { DomainError, httpStatusOf, messageOf } from './errors';

/** For load functions: turns a DomainError into the matching HTTP error page. */
export async function loadOrError<T>(promise: Promise<T>): Promise<T> {
	try {
		return await promise;
	} catch (err) {
		if (err instanceof DomainError) error(httpStatusOf(err), messageOf(err));
		throw err;
	}
}
