import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startTestSmtpServer } from '../helpers/smtp';
import { startServer } from './server';

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
		mailFile: string;
		smtpUrl: string;
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
	const server = await startServer({
		SMTP_URL: smtp.url,
		LOGIN_LOCK_SECONDS: '3',
		...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : {})
	});
	project.provide('baseUrl', server.url);
	project.provide('mailFile', mailFile);
	project.provide('smtpUrl', smtp.url);
	return async () => {
		await server.stop();
		await smtp.close();
		fs.rmSync(mailDir, { recursive: true, force: true });
	};
}
