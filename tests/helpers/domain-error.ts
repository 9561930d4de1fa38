import { expect } from 'vitest';
import { DomainError } from '../../src/lib/server/errors';

/** The DomainError a use case refused with; fails the test if it succeeded or threw anything else. */
export async function failure(promise: Promise<unknown>): Promise<DomainError> {
	const err = await promise.then(
		() => undefined,
		(e: unknown) => e
	);
	expect(err).toBeInstanceOf(DomainError);
	return err as DomainError;
}
