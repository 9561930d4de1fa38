#!/usr/bin/env node
// Compiles messages/*.json to src/lib/paraglide (the Vite plugin does this during builds;
// tests and the admin CLI run without it).
import { compile } from '@inlang/paraglide-js';
import { paraglideOptions } from '../paraglide.config.js';

await compile(paraglideOptions);
// The inlang SDK leaves timers behind; nothing else is running, so leave now.
process.exit(0);
