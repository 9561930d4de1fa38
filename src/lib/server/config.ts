import { z } from 'zod';

/** All configuration comes from the environment; every key is documented in .env.example. */
const envSchema = z.object({
	DATA_DIR: z.string().min(1).default('./data'),
	DATABASE_URL: z.string().url().optional(),
	MIGRATIONS_DIR: z.string().min(1).default('./drizzle'),
	ORIGIN: z.string().url().optional(),
	SMTP_URL: z.string().optional(),
	MAIL_FROM: z.string().min(3).default('Quartier <quartier@localhost>'),
	SESSION_DAYS: z.coerce.number().int().positive().default(14),
	LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(10),
	LOGIN_LOCK_SECONDS: z.coerce.number().int().positive().default(900),
	RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(10),
	MAIL_POLL_SECONDS: z.coerce.number().positive().default(15),
	SEED: z.enum(['kaster', 'none']).default('kaster'),
	LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
	SECRET: z.string().optional()
});

export type Config = z.infer<typeof envSchema>;

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
	const cleaned = Object.fromEntries(
		Object.entries(env).filter(([, v]) => v !== undefined && v !== '')
	);
	const parsed = envSchema.safeParse(cleaned);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
		throw new Error(`Invalid configuration: ${problems}`);
	}
	return parsed.data;
}

let cached: Config | undefined;
export function config(): Config {
	cached ??= readConfig();
	return cached;
}
