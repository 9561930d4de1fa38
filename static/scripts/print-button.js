// Progressive enhancement for printable pages (the site ships no client-side app: csr = false).
// Without this script the page shows a hint to use the browser's print command instead.
for (const button of document.querySelectorAll('[data-print-button]')) {
	button.hidden = false;
	button.addEventListener('click', () => window.print());
}
for (const hint of document.querySelectorAll('[data-print-hint]')) {
	hint.hidden = true;
}
