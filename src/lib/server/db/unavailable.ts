/**
 * Whether an error means "the database cannot answer now" (down, unreachable, hung, overloaded)
 * rather than a bug or bad data: then the right answer is 503 and "try again", not 500.
 * Drizzle wraps driver errors, so the chain of causes is searched.
 */
const UNAVAILABLE_SQLSTATE = [
	/^08/, // connection exception
	/^57P0[1-4]$/, // admin/crash shutdown, cannot connect now, database dropped
	/^57014$/, // query canceled: statement_timeout
	/^53300$/, // too many connections
	/^25P03$/ // idle-in-transaction session timeout
];
const UNAVAILABLE_NODE_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ETIMEDOUT',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'EPIPE',
	'ENOTFOUND',
	'EAI_AGAIN'
]);
const UNAVAILABLE_MESSAGES = [
	/timeout exceeded when trying to connect/i, // pg-pool connectionTimeoutMillis
	/Query read timeout/i, // pg query_timeout
	/Connection terminated/i,
	/Client has encountered a connection error/i,
	/is not currently accepting connections/i,
	/the database system is (starting up|shutting down|in recovery mode)/i
];

export function isDatabaseUnavailable(err: unknown): boolean {
	for (let e = err, depth = 0; e && depth < 5; depth++) {
		if (typeof e !== 'object') return false;
		const { code, message, cause } = e as { code?: unknown; message?: unknown; cause?: unknown };
		if (typeof code === 'string') {
			if (UNAVAILABLE_NODE_CODES.has(code)) return true;
			if (UNAVAILABLE_SQLSTATE.some((re) => re.test(code))) return true;
		}
		if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((re) => re.test(message)))
			return true;
		e = cause;
	}
	return false;
}
