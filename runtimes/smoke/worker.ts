/**
 * The smoke entry for workerd: a Worker module. The host (hosts/workerd.ts) dispatches one request with the
 * emulator's origin, the run's tag and the intended transport in the query, and the Worker answers with the
 * checks as JSON.
 */
import type { SmokeReport, Transport } from './protocol.js';
import { runSmoke } from './suite.js';

export default {
  async fetch(request: Request): Promise<Response> {
    const query = new URL(request.url).searchParams;
    const baseUrl = query.get('base');
    const tag = query.get('tag');
    const transport = query.get('transport');
    if (baseUrl === null || tag === null || (transport !== 'fetch' && transport !== 'node:http')) return new Response('expected ?base=<emulator origin>&tag=<tag>&transport=<fetch|node:http>', { status: 400 });
    // Inside a Worker navigator.userAgent is only "Cloudflare-Workers"; the host adds workerd's version.
    const report: SmokeReport = { version: navigator.userAgent, checks: await runSmoke({ baseUrl, tag, browser: false, transport: transport satisfies Transport }) };
    return Response.json(report);
  },
};
