// "#ky" under the `node` condition: ky imported at a client's first call, never at import. ky builds a Request
// while it loads, and on Node the first Request loads Node's whole fetch implementation (undici), some 30 ms,
// which a program that imports the package but calls Stripe later, or sends through node:http, should not pay.
export const loadKy = async () => {
  const { default: ky, HTTPError } = await import('ky');
  return { ky, HTTPError };
};
