import { config } from '../config';
import type { Db } from '../db/client';
import { issueSetupLink } from './first-admin';

/**
 * At start: with no administrator yet, prints the one-time setup link where the person who
 * started the server (and reads its output) creates the first administrator. Printed as plain
 * text on stderr, not as a JSON log line, so it stands out in a terminal.
 */
export async function announceSetupLink(db: Db, print = (text: string) => console.error(text)) {
	const origin = config().ORIGIN ?? `http://localhost:${process.env.PORT ?? 3000}`;
	const link = await issueSetupLink(db, origin);
	if (!link) return;
	print(
		[
			'',
			'  Noch kein Administrator-Konto. Legen Sie es hier an (Einmal-Link, 24 Stunden gültig):',
			'  No administrator account yet. Create it here (one-time link, valid for 24 hours):',
			'',
			`    ${link}`,
			''
		].join('\n')
	);
}
