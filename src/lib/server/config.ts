import { z } from 'zod';
import { DEFAULT_TIME_ZONE, isTimeZoneName } from '$lib/time-zone';
import { DEFAULT_DISTRICT_BBOX, parseDistrictBounds } from '$lib/concerns/district';

/** All configuration comes from the environment; every key is documented in .env.example. */
const envSchema = z.object({
	DATA_DIR: z.string().min(1).default('./data'),
	// A typo like "localhost:5432/db" must stop the start, not fall back to another database.
	DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'expected postgres://…' }).optional(),
	MIGRATIONS_DIR: z.string().min(1).default('./drizzle'),
	DB_CONNECT_TIMEOUT_SECONDS: z.coerce.number().positive().default(3),
	DB_STATEMENT_TIMEOUT_SECONDS: z.coerce.number().positive().default(5),
	DB_IDLE_TRANSACTION_TIMEOUT_SECONDS: z.coerce.number().positive().default(30),
	PGLITE_SHARED_BUFFERS_MB: z.coerce.number().int().min(1).default(16),
	ORIGIN: z.url({ protocol: /^https?$/, error: 'expected http://… or https://…' }).optional(),
	SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'expected smtp://… or smtps://…' }).optional(),
	MAIL_FROM: z.string().min(3).default('Quartier <quartier@localhost>'),
	SESSION_DAYS: z.coerce.number().int().positive().default(14),
	SESSION_MAX_DAYS: z.coerce.number().int().positive().default(30),
	LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(10),
	LOGIN_LOCK_SECONDS: z.coerce.number().int().positive().default(900),
	RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(10),
	MAIL_POLL_SECONDS: z.coerce.number().positive().default(15),
	SEED: z.enum(['kaster', 'none']).default('kaster'),
	LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
	SECRET: z.string().min(16, 'use at least 16 random characters').optional(),
	// The zone of every wall-clock time staff type and readers see; the process's TZ does not matter.
	TIME_ZONE: z
		.string()
		.refine(isTimeZoneName, 'expected an IANA time zone such as Europe/Berlin')
		.default(DEFAULT_TIME_ZONE),
	// The German state whose public holidays close the rooms (feiertagejs region codes).
	HOLIDAY_REGION: z
		.enum([
			'BW',
			'BY',
			'BE',
			'BB',
			'HB',
			'HE',
			'HH',
			'MV',
			'NI',
			'NW',
			'RP',
			'SL',
			'SN',
			'ST',
			'SH',
			'TH'
		])
		.default('NW'),
	// Requesters' personal data of a room booking is blanked this many days after its last date.
	// Largest image file staff may upload (a room photo); its form may send this much more than
	// BODY_SIZE_LIMIT (scripts/serve.mjs, src/lib/server/ops/body-limit.ts).
	IMAGE_MAX_BYTES: z.coerce
		.number()
		.int()
		.min(64 * 1024)
		.max(100 * 1024 * 1024)
		.default(10 * 1024 * 1024),
	ROOM_BOOKING_RETENTION_DAYS: z.coerce.number().int().positive().default(183),
	// Anliegen: submitters' personal data is erased this many months after the concern was closed.
	CONCERN_RETENTION_MONTHS: z.coerce.number().int().min(1).max(120).default(6),
	// Anliegen: days after a concern was resolved until its submitter is asked once whether it is.
	CONCERN_FOLLOWUP_DAYS: z.coerce.number().int().min(1).max(365).default(28),
	// Forwarded concerns: the answer is due this many days after sending (the form's default),
	// a body that has not answered is reminded every N days, at most M times.
	CONCERN_FORWARD_DUE_DAYS: z.coerce.number().int().min(1).max(365).default(14),
	CONCERN_FORWARD_REMINDER_DAYS: z.coerce.number().int().min(1).max(365).default(7),
	CONCERN_FORWARD_MAX_REMINDERS: z.coerce.number().int().min(0).max(20).default(3),
	// Where concerns may be located: "south,west,north,east" ($lib/concerns/district.ts).
	CONCERN_DISTRICT_BBOX: z
		.string()
		.default(DEFAULT_DISTRICT_BBOX)
		.transform((value, ctx) => {
			const bounds = parseDistrictBounds(value);
			if (!bounds) {
				ctx.addIssue({ code: 'custom', message: 'expected south,west,north,east in degrees' });
				return z.NEVER;
			}
			return bounds;
		}),
	// Open311 GeoReport v2: keys accepted besides those issued in the back office (comma-separated),
	// whether posting without a key is allowed, and the jurisdiction_id clients may send.
	OPEN311_API_KEYS: z
		.string()
		.default('')
		.transform((s) =>
			s
				.split(',')
				.map((k) => k.trim())
				.filter((k) => k !== '')
		),
	OPEN311_ALLOW_KEYLESS: z
		.enum(['0', '1', 'true', 'false'])
		.transform((v) => v === '1' || v === 'true')
		.default(false),
	OPEN311_JURISDICTION_ID: z
		.string()
		.regex(/^[\w.-]{1,100}$/, 'expected a short id such as kaster.example')
		.optional(),
	// Map tiles for the concerns map (area: media), e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png.
	// Unset: no map, nothing loads from outside, the place is the address field alone.
	MAP_TILE_URL: z
		.string()
		.regex(/^https?:\/\/[^/\s]+\/\S*\{z\}\S*\{x\}\S*\{y\}/, 'expected https://…/{z}/{x}/{y}.png')
		.optional(),
	MAP_ATTRIBUTION: z.string().max(300).default('© OpenStreetMap-Mitwirkende'),
	COMPONENT_EXAMPLES: z
		.enum(['0', '1', 'true', 'false'])
		.transform((v) => v === '1' || v === 'true')
		.default(false)
});

export type Config = z.infer<typeof envSchema>;

/** The names of all settings (a test checks that .env.example documents each). */
export const CONFIG_KEYS = Object.keys(envSchema.shape) as (keyof Config)[];

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
