import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/lib/server/db/client';
import { users } from '../../src/lib/server/db/schema';
import { migratedPgliteTemplate } from '../helpers/db';
import { startTestSmtpServer } from '../helpers/smtp';
import { passwordHashFor } from '../factories/users';
import {
	EXTRA_ACCOUNTS,
	ROLE_ACCOUNTS,
	TEST_PASSWORD,
	TEST_ROLES,
	type TestRole
} from './accounts';
import { HttpClient } from './http';
import { startServer } from './server';

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
		mailFile: string;
		smtpUrl: string;
		/** Cookies (session, csrf) of each role's test account, logged in once for the run. */
		sessions: Record<TestRole, Record<string, string>>;
	}
}

/**
 * One server and one SMTP catcher for the whole end-to-end run. The test accounts are written
 * into the database before the server starts and each role logs in once over HTTP: tests add
 * those cookies instead of going through the login form (only the login tests use the form).
 */
export default async function setup(project: TestProject) {
	const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quartier-mail-'));
	const mailFile = path.join(mailDir, 'mails.jsonl');
	fs.writeFileSync(mailFile, '');
	const smtp = await startTestSmtpServer({
		onMail: (mail) => fs.appendFileSync(mailFile, JSON.stringify(mail) + '\n')
	});
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quartier-e2e-'));
	const databaseUrl = process.env.E2E_DATABASE_URL;
	const database = await openDatabase(
		databaseUrl ? { url: databaseUrl } : { dataDir, loadDataDir: await migratedPgliteTemplate() }
	);
	try {
		await database.migrate(path.resolve('drizzle'));
		const passwordHash = await passwordHashFor(TEST_PASSWORD);
		await database.db.insert(users).values(
			[...ROLE_ACCOUNTS, ...EXTRA_ACCOUNTS].map((account) => ({
				...account,
				passwordHash,
				emailVerifiedAt: new Date()
			}))
		);
	} finally {
		await database.close();
	}
	const server = await startServer(
		{
			SMTP_URL: smtp.url,
			LOGIN_LOCK_SECONDS: '3',
			// The form kit's example page (form-kit.test.ts) exists only with it.
			COMPONENT_EXAMPLES: '1',
			...(databaseUrl ? { DATABASE_URL: databaseUrl } : {})
		},
		{ dataDir }
	);
	try {
		const sessions = Object.fromEntries(
			await Promise.all(
				TEST_ROLES.map(async (role, i) => {
					const client = await HttpClient.login(ROLE_ACCOUNTS[i].email, TEST_PASSWORD, server.url);
					return [role, Object.fromEntries(client.jar)] as const;
				})
			)
		) as Record<TestRole, Record<string, string>>;
		project.provide('sessions', sessions);
	} catch (err) {
		await server.stop();
		throw err;
	}
	project.provide('baseUrl', server.url);
	project.provide('mailFile', mailFile);
	project.provide('smtpUrl', smtp.url);
	return async () => {
		await server.stop();
		await smtp.close();
		fs.rmSync(dataDir, { recursive: true, force: true });
		fs.rmSync(mailDir, { recursive: true, force: true });
	};
}
