import path from 'node:path';
import { config } from './config';
import { openDatabase, type Database } from './db/client';
import { logger } from './logger';
import { startMailSender, type MailSender } from './mail/sender';
import { JOBS } from './jobs/registry';
import { startScheduler, type Scheduler } from './jobs/scheduler';
import { isPrepareOnlyChild, needsPreparingInChild, prepareInChild } from './db/prepare-in-child';
import { seedSite } from './site/seed-site';
import { announceSetupLink } from './setup/announce-setup-link';

/**
 * The process-wide state of a running server: the database and the mail sender.
 * Started once from hooks.server.ts init(); the admin CLI opens its own.
 */
interface Runtime {
	database: Database;
	mail: MailSender;
	scheduler: Scheduler;
}

let runtime: Runtime | undefined;
let starting: Promise<Runtime> | undefined;

export async function openConfiguredDatabase(): Promise<Database> {
	const cfg = config();
	const database = await openDatabase({
		url: cfg.DATABASE_URL,
		dataDir: cfg.DATABASE_URL ? undefined : path.resolve(cfg.DATA_DIR),
		timeouts: {
			connectMs: cfg.DB_CONNECT_TIMEOUT_SECONDS * 1000,
			statementMs: cfg.DB_STATEMENT_TIMEOUT_SECONDS * 1000,
			idleInTransactionMs: cfg.DB_IDLE_TRANSACTION_TIMEOUT_SECONDS * 1000
		},
		sharedBuffersMiB: cfg.PGLITE_SHARED_BUFFERS_MB
	});
	await database.migrate(path.resolve(cfg.MIGRATIONS_DIR));
	if (cfg.SEED === 'kaster' && (await seedSite(database.db))) {
		logger.info('seeded the site data for Kaster');
	}
	return database;
}

export function startRuntime(): Promise<Runtime> {
	starting ??= (async () => {
		const cfg = config();
		if (isPrepareOnlyChild()) {
			await (await openConfiguredDatabase()).close();
			process.exit(0);
		}
		if (needsPreparingInChild(cfg.DATABASE_URL ? undefined : path.resolve(cfg.DATA_DIR))) {
			await prepareInChild();
		}
		const database = await openConfiguredDatabase();
		const mail = startMailSender(database.db, {
			smtpUrl: cfg.SMTP_URL,
			from: cfg.MAIL_FROM,
			pollSeconds: cfg.MAIL_POLL_SECONDS
		});
		const scheduler = startScheduler(database.db, JOBS, { pollSeconds: 60, firstTickSeconds: 5 });
		runtime = { database, mail, scheduler };
		logger.info({ driver: database.driver }, 'database ready');
		await announceSetupLink(database.db);
		const shutdown = async () => {
			mail.stop();
			await scheduler.stop();
			await database.close().catch(() => {});
			process.exit(0);
		};
		process.once('SIGTERM', shutdown);
		process.once('SIGINT', shutdown);
		return runtime;
	})();
	return starting;
}

export function getRuntime(): Runtime {
	if (!runtime) throw new Error('Runtime not started');
	return runtime;
}

/** After a transaction that queued mail has committed: try to deliver now instead of at the next poll. */
export function kickMailSender() {
	runtime?.mail.flush().catch((err) => logger.error({ err }, 'mail flush failed'));
}
