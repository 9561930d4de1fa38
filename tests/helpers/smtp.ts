import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
	from: string;
	to: string[];
	raw: string;
	subject: string;
	/** The decoded text body (quoted-printable undone). */
	text: string;
}

/** A real SMTP server on loopback that keeps what it receives, for tests to assert on. */
export async function startTestSmtpServer(
	options: {
		/** Called for each mail before the server answers; the answer waits for a returned promise. */
		onMail?: (mail: ReceivedMail) => void | Promise<void>;
		port?: number;
	} = {}
) {
	const received: ReceivedMail[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', () => {
				const raw = Buffer.concat(chunks).toString('utf8');
				const mail: ReceivedMail = {
					from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
					to: session.envelope.rcptTo.map((r) => r.address),
					raw,
					subject: decodeSubject(/^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(raw)?.[1] ?? ''),
					text: decodeBody(raw)
				};
				received.push(mail);
				Promise.resolve(options.onMail?.(mail)).then(
					() => callback(),
					(err: Error) => callback(err)
				);
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	const port = (server.server.address() as AddressInfo).port;
	return {
		port,
		url: `smtp://127.0.0.1:${port}`,
		received,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

function decodeSubject(value: string): string {
	return value
		.replace(/\r\n[ \t]/g, ' ')
		.replace(/=\?utf-8\?([QB])\?(.*?)\?=\s*/gi, (_, enc: string, text: string) =>
			enc.toUpperCase() === 'B'
				? Buffer.from(text, 'base64').toString('utf8')
				: decodeQuotedPrintable(text.replace(/_/g, ' '))
		)
		.trim();
}

function decodeBody(raw: string): string {
	const split = raw.indexOf('\r\n\r\n');
	const headers = raw.slice(0, split);
	const body = raw.slice(split + 4);
	if (/Content-Transfer-Encoding: quoted-printable/i.test(headers))
		return decodeQuotedPrintable(body);
	if (/Content-Transfer-Encoding: base64/i.test(headers))
		return Buffer.from(body, 'base64').toString('utf8');
	return body;
}

function decodeQuotedPrintable(text: string): string {
	const bytes = text
		.replace(/=\r?\n/g, '')
		.replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
	return Buffer.from(bytes, 'latin1').toString('utf8');
}
