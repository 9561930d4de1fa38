import type { ParamMatcher } from '@sveltejs/kit';

/**
 * A database id: a positive integer that fits PostgreSQL's `integer`. Anything else never reaches
 * a load function, so `/abc` or an overlong number is a plain 404 instead of a database error.
 */
export const match: ParamMatcher = (param) =>
	/^[1-9][0-9]{0,9}$/.test(param) && Number(param) <= 2_147_483_647;
