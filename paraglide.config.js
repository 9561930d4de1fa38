/** Paraglide options shared by the Vite plugin and scripts/compile-messages.mjs. */
export const paraglideOptions = {
	project: './project.inlang',
	outdir: './src/lib/paraglide',
	// German unless the visitor picks another language: the office's own content is German.
	strategy: /** @type {('cookie' | 'baseLocale')[]} */ (['cookie', 'baseLocale']),
	cookieName: 'lang'
};
