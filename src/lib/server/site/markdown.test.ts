import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
	it('renders the documented subset: headings from h2, lists, bold, links', () => {
		const html = renderMarkdown(
			'# Titel\n\n## Abschnitt\n\n- eins\n- zwei\n\n**fett** und [Link](https://example.org/a?b=1&c=2)'
		);
		expect(html).toContain('<h2>Titel</h2>');
		expect(html).toContain('<h2>Abschnitt</h2>');
		expect(html).toMatch(/<ul>\s*<li>eins<\/li>\s*<li>zwei<\/li>\s*<\/ul>/);
		expect(html).toContain('<strong>fett</strong>');
		expect(html).toContain('<a href="https://example.org/a?b=1&amp;c=2">Link</a>');
		expect(html).not.toContain('<h1');
	});

	it('escapes a <script> block instead of keeping it', () => {
		const html = renderMarkdown('Hallo\n\n<script>alert("x")</script>\n\nEnde');
		expect(html).not.toMatch(/<script/i);
		expect(html).toContain('&lt;script&gt;');
	});

	it('neutralises <img onerror> and inline event handlers', () => {
		const html = renderMarkdown(
			'Bild: <img src="x" onerror="alert(1)"> und <b onclick="x()">b</b>'
		);
		expect(html).not.toMatch(/<img/i);
		expect(html).not.toMatch(/<b\s/i);
		// What remains is text: the attribute is inside an escaped, inert string.
		expect(html).toContain('&lt;img');
	});

	it('drops javascript:, data: and vbscript: links but keeps their text', () => {
		for (const href of [
			'javascript:alert(1)',
			'JaVaScRiPt:alert(1)',
			'data:text/html,<b>x',
			'vbscript:x'
		]) {
			const html = renderMarkdown(`[klick](${href})`);
			expect(html, href).not.toMatch(/href="(?:javascript|data|vbscript):/i);
			expect(html, href).toContain('klick');
		}
		const raw = renderMarkdown('<a href="javascript:alert(1)">roh</a>');
		expect(raw).not.toMatch(/<a[^>]*javascript/i);
	});

	it('keeps mailto: and tel: links', () => {
		expect(renderMarkdown('[Mail](mailto:a@b.de) [Tel](tel:+49221)')).toBe(
			'<p><a href="mailto:a@b.de">Mail</a> <a href="tel:+49221">Tel</a></p>\n'
		);
	});
});
