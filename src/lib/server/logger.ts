import pino from 'pino';

/** One JSON line per event; never log passwords, tokens or mail bodies. */
export const logger = pino({
	level: process.env.LOG_LEVEL ?? 'info',
	base: undefined,
	redact: ['password', 'token', '*.password', '*.token', 'headers.cookie']
});
