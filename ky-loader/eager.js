// "#ky" under the `default` condition (browsers, workers, workerd): ky imported up front. A bundler then inlines
// it as it is; the lazy variant would make it wrap every one of ky's modules (some 400 B gzip). Bun and Deno match
// `node` and take the lazy variant, as they did before this split.
import ky, { HTTPError } from 'ky';

export const loadKy = async () => ({ ky, HTTPError });
