/**
 * Per-call overhead under one Node version: requests per second and median/p99 latency of create_customer and
 * list_customers, for this package (with each Node transport), stripe-node and raw fetch (and, to explain them,
 * bare node:http, ky alone over it, and this package with no I/O), against a loopback
 * server started in this process (or at the URL given). Run as a child process (`node --import tsx bench/throughput.ts '<json options>'`) so
 * the orchestrator can use any Node binary; prints one JSON line.
 *
 * Contenders alternate: each round runs every contender once per call, in an order rotated every round, so
 * drift on a shared machine (other jobs, CPU frequency, GC) spreads over all of them. Each phase warms up, then
 * stops at whichever comes first, a request count or a time limit.
 */
import { fileURLToPath } from 'node:url';
import type { FetchLike } from '../src/client.js';
import { type Calls, fetchCalls, kyAloneCalls, LIST_LIMIT, nodeHttpCalls, stripeCalls } from './contenders.js';
import { oursContenders } from './ours.js';
import { startServer, syntheticCustomer } from './server.js';
import { median, percentile } from './stats.js';
import { loadTransports } from './transports.js';

export interface ThroughputOptions {
  /** The server to call; without it, one is started in this process (see `measureThroughput`). */
  url?: string;
  rounds: number;
  /** Calls per contender and call, unmeasured, before the first round. */
  warmup: number;
  /** Per phase: at most this many calls, and at most this many milliseconds. */
  maxRequests: number;
  maxMs: number;
  /** Calls in flight at once; 1 measures one call's whole cost with nothing to overlap it. */
  concurrency: number;
}

export interface PhaseResult {
  contender: string;
  call: CallName;
  requests: number;
  rps: number;
  medianMs: number;
  p99Ms: number;
  /** This process's CPU time (all its threads, GC included) per call: the client's, plus the server's when in-process. */
  cpuUsPerCall: number;
}

export interface ThroughputReport {
  node: string;
  undici: string | undefined;
  notes: string[];
  results: PhaseResult[];
}

// Calls made, unmeasured, at the start of every phase: each contender's sockets and caches are its own again.
const PHASE_WARMUP = 20;

/** Reference: bare `http.request`, the least any Node client can pay, to set Node's fetch against. */
export const RAW_NODE_HTTP = 'raw node:http';

/**
 * Diagnostic: ky alone, called as this package calls it, over that same bare `http.request`: the least a client
 * built on ky can pay per call, to set this package against.
 */
export const KY_ALONE = 'ky alone over node:http (nothing of ours)';

/** Diagnostic: this package over a fetch that answers from memory, i.e. the client's own cost without I/O. */
export const STUB_CONTENDER = 'ours + stub fetch (no I/O)';

/** This package with default settings on Node (node:http), and its core entry on Node's global fetch. */
export const OURS = 'ours';
export const OURS_ON_FETCH = 'ours + global fetch (core entry)';

const STUB_BODIES = {
  POST: JSON.stringify(syntheticCustomer(0)),
  GET: JSON.stringify({ object: 'list', data: Array.from({ length: LIST_LIMIT }, (_, index) => syntheticCustomer(index)), has_more: true, url: '/v1/customers' }),
};

// Takes what any fetch may be given: a Request, or a URL and an init (what this package hands its transport).
const stubFetch: FetchLike = async (input, init) => {
  const request = input instanceof Request ? input : undefined;
  if (request?.body) await request.arrayBuffer();
  const method = init?.method ?? request?.method ?? 'GET';
  return new Response(method === 'POST' ? STUB_BODIES.POST : STUB_BODIES.GET, { status: 200, headers: { 'Content-Type': 'application/json', 'Request-Id': 'req_stub' } });
};

type CallName = 'createCustomer' | 'listCustomers';
const CALL_NAMES: readonly CallName[] = ['createCustomer', 'listCustomers'];

interface Sample { latencies: number[]; elapsedMs: number; cpuUs: number }

async function phase(call: () => Promise<unknown>, options: ThroughputOptions, warmup: number): Promise<Sample> {
  for (let index = 0; index < warmup; index += 1) await call();
  const latencies: number[] = [];
  const cpu = process.cpuUsage();
  const start = performance.now();
  const deadline = start + options.maxMs;
  const worker = async (): Promise<void> => {
    while (latencies.length < options.maxRequests && performance.now() < deadline) {
      const sent = performance.now();
      await call();
      latencies.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const elapsedMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { latencies, elapsedMs, cpuUs: used.user + used.system };
}

/**
 * One contender's figures for one call over its phases (one phase a round). req/s and CPU per call are the medians of
 * the phases' own figures, not totals over all of them: on a shared machine a burst of other work slows whichever
 * phase it lands in, and a total would carry that burst into the figure of one contender only.
 */
function summarise(contender: string, call: CallName, samples: Sample[]): PhaseResult {
  const latencies = samples.flatMap((sample) => sample.latencies);
  const perPhase = (figure: (sample: Sample) => number): number => median(samples.filter((sample) => sample.latencies.length > 0).map(figure));
  return {
    contender,
    call,
    requests: latencies.length,
    rps: perPhase((sample) => (sample.latencies.length / sample.elapsedMs) * 1000),
    medianMs: median(latencies),
    p99Ms: percentile(latencies, 0.99),
    cpuUsPerCall: perPhase((sample) => sample.cpuUs / sample.latencies.length),
  };
}

export async function measureThroughput(options: ThroughputOptions): Promise<ThroughputReport> {
  const server = options.url === undefined ? await startServer() : undefined;
  const url = options.url ?? server!.url;
  const { transports, undiciVersion, notes } = await loadTransports();
  const { oursCalls, oursOnFetchCalls } = await oursContenders();
  const contenders: Array<[string, Calls]> = [
    [OURS, oursCalls(url)],
    [OURS_ON_FETCH, oursOnFetchCalls(url)],
    ['stripe-node', stripeCalls(url)],
    ['raw fetch', fetchCalls(url)],
    [RAW_NODE_HTTP, nodeHttpCalls(url)],
    [KY_ALONE, kyAloneCalls(url)],
    ...transports.filter((transport) => transport.fetch !== undefined).map((transport): [string, Calls] => [`ours + ${transport.name}`, oursCalls(url, transport.fetch)]),
    [STUB_CONTENDER, oursCalls(url, stubFetch)],
  ];
  // A first pass that only warms up, so the JIT has compiled every contender before any is measured.
  for (const [, calls] of contenders) for (const call of CALL_NAMES) await phase(calls[call], { ...options, maxRequests: 0 }, options.warmup);
  const samples = new Map<string, Sample[]>();
  for (let round = 0; round < options.rounds; round += 1) {
    for (const call of CALL_NAMES) {
      for (let turn = 0; turn < contenders.length; turn += 1) {
        const [name, calls] = contenders[(turn + round) % contenders.length]!;
        const key = `${name}\u0000${call}`;
        samples.set(key, [...(samples.get(key) ?? []), await phase(calls[call], options, PHASE_WARMUP)]);
      }
    }
  }
  const results = contenders.flatMap(([name]) => CALL_NAMES.map((call) => summarise(name, call, samples.get(`${name}\u0000${call}`) ?? [])));
  await server?.close();
  return { node: process.version, undici: undiciVersion, notes, results };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const options = JSON.parse(process.argv[2] ?? '{}') as ThroughputOptions;
  const report = await measureThroughput(options);
  process.stdout.write(`${JSON.stringify(report)}\n`);
  // stripe-node's and the adapters' keep-alive sockets would hold the process open.
  process.exit(0);
}
