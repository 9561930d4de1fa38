import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startTestSmtpServer } from '../helpers/smtp';
import { runAdminCommand, setPasswordTokenFrom } from '../helpers/users';
import { startServer } from './server';

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
		mailFile: string;
		smtpUrl: string;
		/** One-time link to set the password of admin@example.org (used by loginAs in support.ts). */
		adminSetupLink: string;
	}
}

/** One server and one SMTP catcher for the whole end-to-end run. */
export default async function setup(project: TestProject) {
	const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quartier-mail-'));
	const mailFile = path.join(mailDir, 'mails.jsonl');
	fs.writeFileSync(mailFile, '');
	const smtp = await startTestSmtpServer({
		onMail: (mail) => fs.appendFileSync(mailFile, JSON.stringify(mail) + '\n')
	});
	// The first admin comes from the admin CLI, as in production; the server then opens the same data.
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quartier-e2e-'));
	const database: Record<string, string> = process.env.E2E_DATABASE_URL
		? { DATABASE_URL: process.env.E2E_DATABASE_URL }
		: {};
	const cli = await runAdminCommand(['create', 'admin@example.org', '--name', 'Test-Admin'], {
		DATA_DIR: dataDir,
		...database
	});
	if (cli.code !== 0) throw new Error(`admin CLI failed:\n${cli.stdout}\n${cli.stderr}`);
	const adminToken = setPasswordTokenFrom(cli.stdout);
	const server = await startServer(
		// COMPONENT_EXAMPLES: the form kit's example page (form-kit.test.ts) exists only with it.
		{ SMTP_URL: smtp.url, LOGIN_LOCK_SECONDS: '3', COMPONENT_EXAMPLES: '1', ...database },
		{ dataDir }
	);
	project.provide('baseUrl', server.url);
	project.provide('mailFile', mailFile);
	project.provide('smtpUrl', smtp.url);
	project.provide('adminSetupLink', `${server.url}/passwort-setzen?token=${adminToken}`);
	return async () => {
		await server.stop();
		await smtp.close();
		fs.rmSync(dataDir, { recursive: true, force: true });
		fs.rmSync(mailDir, { recursive: true, force: true });
	};
}
