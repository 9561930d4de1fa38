import encodeQR from 'qr';

/**
 * A QR code of a URL as an SVG string, made on the server (no script, prints sharply). Shared by
 * the printed programme and the concern receipt. Only ever fed our own URLs: the caller inserts it
 * with {@html}.
 */
export function qrSvg(url: string): string {
	return encodeQR(url, 'svg', { ecc: 'medium', border: 2 });
}
