import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../db/client';
import { logger } from '../logger';
import { findDueMails, markMailAttemptFailed, markMailSent } from './outbox';

export interface MailSender {
	/** Sends what is due now; returns how many were sent. */
	flush(): Promise<number>;
	stop(): void;
}

/**
 * Delivers the outbox over SMTP_URL. Without SMTP nothing is sent: mails stay pending and
 * admins read them in the back office (Verwaltung → Postausgang).
 */
export function startMailSender(
	db: Db,
	options: { smtpUrl?: string; from: string; pollSeconds: number }
): MailSender {
	const transport: Transporter | null = options.smtpUrl
		? nodemailer.createTransport(options.smtpUrl)
		: null;
	let running: Promise<number> | null = null;

	async function deliverDue(): Promise<number> {
		if (!transport) return 0;
		let sent = 0;
		for (const mail of await findDueMails(db)) {
			try {
				await transport.sendMail({
					from: options.from,
					to: mail.recipient,
					replyTo: mail.replyTo ?? undefined,
					subject: mail.subject,
					text: mail.textBody
				});
				await markMailSent(db, mail.id);
				sent += 1;
			} catch (err) {
				const message = err instanceof Error ? err.message : String(err);
				logger.warn(
					{ mailId: mail.id, attempt: mail.attempts + 1, err: message },
					'mail delivery failed'
				);
				await markMailAttemptFailed(db, mail.id, mail.attempts, message);
			}
		}
		return sent;
	}

	function flush(): Promise<number> {
		// One delivery run at a time, so a mail is never sent twice by overlapping runs.
		running ??= deliverDue().finally(() => (running = null));
		return running;
	}

	const timer = setInterval(() => {
		flush().catch((err) => logger.error({ err }, 'mail sender run failed'));
	}, options.pollSeconds * 1000);
	timer.unref();

	return {
		flush,
		stop: () => {
			clearInterval(timer);
			transport?.close();
		}
	};
}
