// Pages are server-rendered HTML with plain forms: no client framework payload, everything
// works with JavaScript off.
export const csr = false;
