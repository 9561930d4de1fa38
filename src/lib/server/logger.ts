import pino from 'pino';
import { requestLogFields } from './request-context';

/**
 * Drizzle puts every query parameter into its error message ("params: …"), and those are
 * password hashes, tokens, e-mail addresses and message texts. Such errors are logged with
 * their type, query, cause and stack, but the parameters replaced.
 */
export function serializeError(err: unknown): unknown {
	if (!(err instanceof Error) || !('params' in err)) return pino.stdSerializers.err(err as Error);
	const safeMessage = `${err.message.split('\nparams: ')[0]}\nparams: [hidden]`;
	const copy = new Error(safeMessage, { cause: err.cause });
	copy.stack = err.stack?.replace(err.message, safeMessage);
	for (const [key, value] of Object.entries(err)) {
		if (key !== 'params') (copy as unknown as Record<string, unknown>)[key] = value;
	}
	return { ...pino.stdSerializers.err(copy), type: err.constructor.name };
}

/** One JSON line per event; never log passwords, tokens or mail bodies. */
export const logger = pino({
	level: process.env.LOG_LEVEL ?? 'info',
	base: undefined,
	// Every line written while a request is handled names it, so one request's lines can be found.
	mixin: requestLogFields,
	serializers: { err: serializeError },
	redact: ['password', 'token', '*.password', '*.token', 'headers.cookie']
});
