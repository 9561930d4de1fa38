import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../db/client';
import { logger } from '../logger';
import { claimDueMails, markMailAttemptFailed, markMailSent } from './outbox';

export interface MailSender {
	/** Sends what is due now; returns how many were sent. */
	flush(): Promise<number>;
	stop(): void;
}

const BATCH_SIZE = 20;

/**
 * Delivers the outbox over SMTP_URL. Without SMTP nothing is sent: mails stay pending and
 * admins read them in the back office (Verwaltung → Postausgang).
 */
export function startMailSender(
	db: Db,
	options: { smtpUrl?: string; from: string; pollSeconds: number }
): MailSender {
	const transport: Transporter | null = options.smtpUrl
		? nodemailer.createTransport({
				url: options.smtpUrl,
				// A hanging server must not stall the queue for nodemailer's default of minutes.
				connectionTimeout: 15_000,
				greetingTimeout: 15_000,
				socketTimeout: 60_000
			})
		: null;
	let running: Promise<number> | null = null;
	let again = false;

	async function deliver(mail: Awaited<ReturnType<typeof claimDueMails>>[number]) {
		try {
			await transport!.sendMail({
				from: options.from,
				to: mail.recipient,
				replyTo: mail.replyTo ?? undefined,
				subject: mail.subject,
				text: mail.textBody,
				attachments: mail.attachments.map((a) => ({
					filename: a.filename,
					contentType: a.contentType,
					content: a.content,
					encoding: 'base64'
				}))
			});
		} catch (err) {
			const e = err as { message?: string; code?: string; responseCode?: number };
			const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500;
			// Only codes in the log: SMTP answers can quote addresses; the full text is in the outbox.
			logger.warn(
				{ mailId: mail.id, attempt: mail.attempts + 1, code: e.code, responseCode: e.responseCode },
				'mail delivery failed'
			);
			await markMailAttemptFailed(db, mail.id, mail.attempts, e.message ?? String(err), permanent);
			return false;
		}
		await markMailSent(db, mail.id);
		return true;
	}

	async function deliverDue(): Promise<number> {
		if (!transport) return 0;
		let sent = 0;
		for (;;) {
			const batch = await claimDueMails(db, BATCH_SIZE);
			for (const mail of batch) if (await deliver(mail)) sent += 1;
			if (batch.length < BATCH_SIZE) return sent;
		}
	}

	function flush(): Promise<number> {
		// One run at a time in this process. A kick during a run (a mail queued after the run
		// claimed its batch) makes the run go round once more instead of waiting for the poll.
		if (running) {
			again = true;
			return running;
		}
		running = (async () => {
			let sent = 0;
			try {
				do {
					again = false;
					sent += await deliverDue();
				} while (again);
			} finally {
				// In the same step as the last look at `again`: a `.finally()` on the promise would run
				// a few microtasks later, and a kick in between would join a run that has ended.
				running = null;
			}
			return sent;
		})();
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
