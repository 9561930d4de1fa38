import { randomBytes } from 'node:crypto';
import { logger } from '../logger';

let value: string | undefined;

/** The signing secret from SECRET; without it, a random one per process (forms opened before a restart expire). */
export function secret(): string {
	if (value) return value;
	value = process.env.SECRET;
	if (!value) {
		value = randomBytes(32).toString('hex');
		if (process.env.NODE_ENV === 'production') {
			logger.warn('SECRET is not set: using a random secret for this process');
		}
	}
	return value;
}
