/**
 * The smoke entry for Chromium: a module script on a page that the host serves from 127.0.0.1. The page's own
 * origin forwards /v1/* to the emulator, so the client calls Stripe's paths same-origin, as a page would call
 * its own backend. The report is left on `globalThis.__smokeReport` for the host to collect.
 */
import { MARKER, type SmokeReport, type Transport } from './protocol.js';
import { runSmoke } from './suite.js';

const query = new URLSearchParams(location.search);
const tag = query.get('tag') ?? 'page';
const transport = (query.get('transport') ?? 'fetch') as Transport;
const report: SmokeReport = { version: navigator.userAgent, checks: await runSmoke({ baseUrl: location.origin, tag, browser: true, transport }) };
(globalThis as { __smokeReport?: SmokeReport }).__smokeReport = report;
console.log(MARKER + JSON.stringify(report));
