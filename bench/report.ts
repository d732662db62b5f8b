/**
 * BENCHMARKS.md from one run's results: the machine and versions, a table per measurement with this package,
 * stripe-node and raw fetch side by side and the ratios, the Node transport comparison, and the targets.
 */
import type { BundleReport, Size } from './bundle.js';
import type { CodegenReport } from './codegen.js';
import { type LuaOverhead, luaTargetLines } from './lua-overhead.js';
import type { ColdStartReport } from './cold-start.js';
import type { PaginateReport } from './paginate.js';
import type { RuntimeTransportReport } from './runtime-transports.js';
import type { Runtime } from './runtimes.js';
import { ratio } from './stats.js';
import { KY_ALONE, OURS, OURS_ON_FETCH, type PhaseResult, RAW_NODE_HTTP, STUB_CONTENDER, type ThroughputOptions, type ThroughputReport } from './throughput.js';
import type { TypecheckReport } from './typecheck.js';

export interface BenchResults {
  date: string;
  durationS: number;
  machine: { cpu: string; cores: number; memoryGb: number; os: string; loadBefore: number[]; loadAfter: number[] };
  versions: Record<string, string>;
  bundle: BundleReport;
  coldStart: ColdStartReport;
  typecheck: TypecheckReport;
  paginate: PaginateReport;
  codegen: CodegenReport;
  throughputOptions: Omit<ThroughputOptions, 'url'>;
  throughput: Array<{ runtime: Runtime; report: ThroughputReport }>;
  runtimeTransports: RuntimeTransportReport;
  /** The Lua host's bridge overhead and start (\`bench/lua-overhead.ts\`). */
  lua?: LuaOverhead;
  /** The entry each runtime's condition in package.json's "." export resolves to: `fetch` or `node:http`. */
  intendedTransports: Record<string, 'fetch' | 'node:http'>;
  notes: string[];
}

/** Issue 14's targets, in one place: the report prints each beside its figure. */
export const TARGETS = {
  /** Per call with default settings on Node: at least this multiple of stripe-node's and of raw fetch's req/s. */
  perCallVsStripe: 1.0,
  perCallVsFetch: 0.9,
  /** Cold import, process wall time over `node -e 0`, on the benchmark's Node. */
  coldImportOverBareMs: 10,
  /** Browser bundles, gzip bytes (KiB). */
  oneCallGzip: 6.5 * 1024,
  allCallsGzip: 8 * 1024,
} as const;

const STRIPE = 'stripe-node';
const FETCH = 'raw fetch';
const CALLS = [['createCustomer', 'create_customer'], ['listCustomers', 'list_customers']] as const;

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(2)} KiB`;
const ms = (value: number, digits = 1): string => `${value.toFixed(digits)} ms`;
const mb = (value: number): string => `${value.toFixed(1)} MB`;
const count = (value: number): string => Math.round(value).toLocaleString('en-US');
const table = (head: readonly string[], rows: ReadonlyArray<readonly string[]>): string =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');

function find(report: ThroughputReport, contender: string, call: PhaseResult['call']): PhaseResult | undefined {
  return report.results.find((result) => result.contender === contender && result.call === call);
}

function header(results: BenchResults): string {
  const { machine, versions } = results;
  return `# Benchmarks

Written by \`npm run bench\` (\`bench/run.ts\`) on ${results.date}; the whole run took ${results.durationS.toFixed(0)} s. Every table compares
this package (**ours**) with [stripe-node](https://github.com/stripe/stripe-node) and with a bare \`fetch\`, measured in
the same run on the same machine against the same loopback server (\`bench/server.ts\`, node:http on 127.0.0.1, which
answers at once with fixed Stripe-shaped JSON). Ratios are ours ÷ theirs: above 1× means more (requests, bytes,
milliseconds) than the other. On Node, *ours* is the package with default settings, as Node resolves it: the
\`node\` export condition, whose clients send through \`createNodeFetch\` (node:http with keep-alive) unless given a
\`fetch\`; *ours + global fetch* is the core entry (what browsers, workerd, Bun and Deno get) on Node's fetch. Ours is
always the package as built for publishing (\`scripts/build.mjs\` into \`.cache/bench/package\`), never src/ through tsx.

- **Machine:** ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb.toFixed(0)} GB, ${machine.os}. A shared machine: the load average
  (1, 5, 15 min) was ${machine.loadBefore.map((load) => load.toFixed(2)).join(', ')} before the run and ${machine.loadAfter.map((load) => load.toFixed(2)).join(', ')} after it; a load above 1 means
  other jobs shared the two cores, which lowers every figure and widens p99.
- **Run it:** \`bash bench/install-runtimes.sh\` once (Node 22 and 24, Bun, Deno and undici into the git-ignored \`.cache/\`), then
  \`npm run bench\`; raw figures land in \`.cache/bench/results.json\`.
- **Versions:** ${Object.entries(versions).map(([name, version]) => `${name} ${version}`).join(' · ')}`;
}

function bundleSection({ bundle }: BenchResults): string {
  const row = (label: string, ours: Size, stripe: Size, fetch: Size | undefined): string[] => [
    label,
    `${kib(ours.minified)} / ${kib(ours.gzip)}`,
    `${kib(stripe.minified)} / ${kib(stripe.gzip)}`,
    fetch ? `${kib(fetch.minified)} / ${kib(fetch.gzip)}` : '—',
    `${ratio(ours.minified, stripe.minified)} / ${ratio(ours.gzip, stripe.gzip)}`,
    fetch ? `${ratio(ours.minified, fetch.minified)} / ${ratio(ours.gzip, fetch.gzip)}` : '—',
  ];
  return `## Bundle size

esbuild, browser platform, ESM, minified, tree-shaken (the settings of \`scripts/bundle.ts\`). Ours includes
\`createClient\` and ky; stripe-node is bundled through its \`browser\` export condition (its worker build, fetch-based),
constructing \`new Stripe(key)\` and calling the methods; raw fetch is a hand-written create_customer of eight lines.
Figures are minified / gzip. ky alone is ${kib(bundle.ky.minified)} / ${kib(bundle.ky.gzip)} of ours.

${table(['bundle', 'ours', 'stripe-node', 'raw fetch', 'ours ÷ stripe-node', 'ours ÷ raw fetch'], [
  row('one call (create_customer)', bundle.ours.one, bundle.stripe.one, bundle.fetch.one),
  row(`all ${bundle.ours.functionCount} calls`, bundle.ours.all, bundle.stripe.all, undefined),
])}`;
}

function coldStartSection({ coldStart: cold }: BenchResults): string {
  const over = (figures: { processMs: number }): string => `+${ms(figures.processMs - cold.bare.processMs)}`;
  const { ours, stripe } = cold.firstRequest;
  const total = (figures: { importMs: number; firstCallMs: number }): number => figures.importMs + figures.firstCallMs;
  return `## Cold start

Fresh child processes under the benchmark's own Node, run from a consumer folder where the package is installed
(built from the working tree by \`scripts/build.mjs\` into \`.cache/bench/package\`, the published layout: esbuild's
bundled entries and shared chunks, ky from node_modules), so \`import('@kosmokrator/stripe')\` resolves through its export conditions to the Node entry;
${cold.runs} runs each, alternating (the order rotated every round); medians. *Process* is the wall time of \`node -e "import('…')"\` from spawn to exit;
*import* is the \`await import()\` alone, timed inside the child.

${table(['', 'process', 'over bare node', 'import alone', 'ours ÷ this'], [
  ['bare node (`node -e 0`)', ms(cold.bare.processMs), '—', '—', ratio(cold.ours.processMs, cold.bare.processMs)],
  ['an empty ES module (the floor of this measure)', ms(cold.emptyModule.processMs), over(cold.emptyModule), '—', ratio(cold.ours.processMs, cold.emptyModule.processMs)],
  ['ours', ms(cold.ours.processMs), over(cold.ours), ms(cold.ours.importMs), '1×'],
  ...(cold.emptyPackage ? [['an empty package, imported by name (the floor for a package)', ms(cold.emptyPackage.processMs), over(cold.emptyPackage), cold.emptyPackage.importMs > 0 ? ms(cold.emptyPackage.importMs) : '—', ratio(cold.ours.processMs, cold.emptyPackage.processMs)]] : []),
  ['stripe-node', ms(cold.stripe.processMs), over(cold.stripe), ms(cold.stripe.importMs), ratio(cold.ours.processMs, cold.stripe.processMs)],
])}

The empty module is what \`import()\` itself costs this way (Node's ES module loader starting); what ours adds above it
is loading and running its modules: as published, the Node entry and the Node core it re-exports (two files). The
empty package is the same empty module in a package of its own, imported by its name as ours is: Node then also
finds the package in node_modules and reads its package.json.

Import and then the first request (one create_customer against the loopback server, in another process), timed
inside the child, so that work moved from the import to the first call still shows: ours loads ky, and with it
Node's fetch implementation (ky builds a \`Request\` per call), and node:http at its first request;
stripe-node loads node:http as it imports.

${table(['', 'import', 'first call', 'import + first call', 'Node\'s fetch loaded by the import', 'ours ÷ this'], [
  ['ours', ms(ours.importMs), ms(ours.firstCallMs), ms(total(ours)), ours.fetchLoadedAtImport ? 'yes' : 'no', '1×'],
  ['stripe-node', ms(stripe.importMs), ms(stripe.firstCallMs), ms(total(stripe)), stripe.fetchLoadedAtImport ? 'yes' : 'no', ratio(total(ours), total(stripe))],
])}`;
}

function throughputTable(report: ThroughputReport): string {
  const contenders = [...new Set(report.results.map((result) => result.contender))];
  const rows = contenders.map((contender) => [
    contender === OURS ? 'ours (default: node:http)' : contender,
    ...CALLS.flatMap(([call]) => {
      const result = find(report, contender, call);
      const stripe = find(report, STRIPE, call);
      const fetch = find(report, FETCH, call);
      if (!result) return ['—', '—', '—', '—', '—', '—'];
      return [count(result.rps), ms(result.medianMs, 3), ms(result.p99Ms, 2), count(result.cpuUsPerCall), ratio(result.rps, stripe?.rps), ratio(result.rps, fetch?.rps)];
    }),
  ]);
  const head = ['contender', ...CALLS.flatMap(([, name]) => [`${name} req/s`, 'median', 'p99', 'CPU µs/call', 'req/s ÷ stripe-node', 'req/s ÷ raw fetch'])];
  return table(head, rows);
}

// Results from before the row existed lack it: the text explains only the rows the tables show.
const kyAloneRow = (results: BenchResults): string =>
  results.throughput.some(({ report }) => report.results.some((result) => result.contender === KY_ALONE))
    ? ` *${KY_ALONE}* is ky by itself, made and called the way this package's request path makes and calls it (one \`ky.create({ timeout: false, retry })\`, then per call the URL, the method and a \`fetch\` of its own), that \`fetch\` sending the same request as *${RAW_NODE_HTTP}* over the same \`http.request\` (a POST carries a fresh \`Idempotency-Key\` in both, as ours and stripe-node send one) and the answer parsed with \`JSON.parse\`: none of this package's code runs. Against *${RAW_NODE_HTTP}* it adds ky and nothing else; *ours* adds to it this package's own code and its transport (\`createNodeFetch\` in place of the bare \`http.request\`), so it is, in the same run, what a client that calls ky this way can reach at best.`
    : '';

function throughputSection(results: BenchResults): string {
  const options = results.throughputOptions;
  const versions = results.throughput.map(({ runtime, report }) => `### ${runtime.label} (${report.node})\n\n${throughputTable(report)}${report.notes.length ? `\n\n${report.notes.join(' ')}` : ''}`);
  return `## Per-call overhead

One call at a time (concurrency ${options.concurrency}), against a server in the measuring process: a call's time is then
the client's CPU plus the server's, not the wake-up latency of a second process on another core, which in trial
runs on this machine added 0.1–0.3 ms a call and most of the noise. Each contender makes every call ${options.warmup} times
unmeasured, then ${options.rounds} rounds run every contender in turn (the order rotated each round), each phase stopping at
${count(options.maxRequests)} calls or ${options.maxMs} ms, whichever comes first. *req/s* is the median over the rounds of each phase's
calls ÷ time (a burst of other work on the machine then moves one phase, not the figure); *median* and *p99* are
per-call latencies over all rounds; *CPU µs/call* is the median over the rounds of the process's CPU time (every
thread, GC included) per call in the phase, the client's cost plus the server's share. create_customer sends \`name\` and \`email\`; list_customers asks for 10.
More rows are there to explain the others: *${RAW_NODE_HTTP}* is a bare \`http.request\` on a keep-alive agent plus
\`JSON.parse\`, the least any Node client pays; *${STUB_CONTENDER}* is this package over a fetch that answers from
memory, i.e. its own cost per call with no HTTP at all.${kyAloneRow(results)}

The rows *ours + undici …* are other Node transports passed as \`createClient({ fetch })\` (see below).

${versions.join('\n\n')}`;
}

function transportSection(results: BenchResults): string {
  const transports = [...new Set(results.throughput.flatMap(({ report }) => report.results.map((result) => result.contender)))].filter(
    (contender) => contender === OURS || (contender.startsWith('ours + ') && contender !== STUB_CONTENDER),
  );
  const rows = results.throughput.flatMap(({ runtime, report }) =>
    transports.map((transport) => [
      runtime.label,
      transport === OURS ? 'node:http (createNodeFetch, the default)' : transport.replace('ours + ', ''),
      ...CALLS.map(([call]) => ratio(find(report, transport, call)?.rps, find(report, OURS_ON_FETCH, call)?.rps)),
      ...CALLS.map(([call]) => ratio(find(report, transport, call)?.rps, find(report, FETCH, call)?.rps)),
      ...CALLS.map(([call]) => ratio(find(report, transport, call)?.rps, find(report, STRIPE, call)?.rps)),
    ]),
  );
  return `## Node transports

What a Node transport is worth to this package: its requests per second with each transport, as a multiple of the
same package on Node's global fetch, of raw fetch and of stripe-node (from the tables above). The default on Node
is \`createNodeFetch()\` (\`src/node\`): a keep-alive \`http.Agent\`, the response body buffered into a web \`Response\`,
no dependency. undici's transports share one \`Agent({ keepAliveTimeout: 30000, connections: null, pipelining: 1 })\`
(undici from \`.cache/undici\`, not a dependency). Each line below names the fastest transport per call, and how far
Node's fetch is from Node's own \`http.request\` on that version (raw node:http ÷ raw fetch), the gap a fetch-based
client inherits.

${bestTransports(results)}

${table(['Node', 'transport', 'create ÷ global fetch', 'list ÷ global fetch', 'create ÷ raw fetch', 'list ÷ raw fetch', 'create ÷ stripe-node', 'list ÷ stripe-node'], rows)}`;
}

function bestTransports(results: BenchResults): string {
  const lines = results.throughput.map(({ runtime, report }) => {
    const perCall = CALLS.map(([call, name]) => {
      const candidates = report.results.filter((result) => result.call === call && result.contender.startsWith('ours') && result.contender !== STUB_CONTENDER);
      const best = candidates.reduce((top, result) => (result.rps > top.rps ? result : top));
      const bestName = best.contender === OURS ? 'node:http (the default)' : best.contender === OURS_ON_FETCH ? 'global fetch' : best.contender.replace('ours + ', '');
      const floor = ratio(find(report, RAW_NODE_HTTP, call)?.rps, find(report, FETCH, call)?.rps);
      return `${name} fastest with ${bestName}, ${ratio(best.rps, find(report, OURS_ON_FETCH, call)?.rps)} of global fetch (raw node:http did ${floor} raw fetch's req/s)`;
    });
    return `- ${runtime.label}: ${perCall.join('; ')}.`;
  });
  return lines.join('\n');
}

function runtimeTransportSection({ runtimeTransports: report, intendedTransports }: BenchResults): string {
  if (report.results.length === 0) return '';
  const rows = report.results.map(({ runtime, version, rps }) => [
    version,
    ...CALLS.flatMap(([call]) => [count(rps.fetch[call]), count(rps['node:http'][call]), ratio(rps['node:http'][call], rps.fetch[call])]),
    intendedTransports[runtime] ?? '—',
  ]);
  const { rounds, callsPerPhase, warmup } = report.options;
  return `## Transports in Node, Bun and Deno

Bun and Deno match the \`node\` export condition too, so package.json lists \`bun\` and \`deno\` before \`node\` when their
own \`fetch\` is the faster transport for this package. Measured by \`bench/runtime-transports.ts\`: this package,
bundled once by esbuild, run by each runtime against the loopback server (a Node process of its own), with the
runtime's \`fetch\` and with \`createNodeFetch\` (the runtime's node:http), ${warmup} calls of warm-up, then ${rounds} rounds of
${callsPerPhase} calls per transport and call, alternating. The last column is what the package's "." export gives that
runtime (checked by the runtime matrix, \`npm run test:runtimes\`).

${table(['runtime', 'create: fetch req/s', 'create: node:http req/s', 'create node:http ÷ fetch', 'list: fetch req/s', 'list: node:http req/s', 'list node:http ÷ fetch', 'package.json gives it'], rows)}`;
}

function typecheckSection({ typecheck }: BenchResults): string {
  const rows = (['ours', 'stripe', 'fetch'] as const).map((contender) => {
    const figures = typecheck[contender];
    return [
      { ours: 'ours', stripe: 'stripe-node', fetch: 'raw fetch (no package)' }[contender],
      ms(figures.wallMs, 0),
      mb(figures.peakRssMb),
      `${ratio(typecheck.ours.wallMs, figures.wallMs)} / ${ratio(typecheck.ours.peakRssMb, figures.peakRssMb)}`,
    ];
  });
  return `## Type-check cost

\`tsc --noEmit\` of a one-line consumer (create a customer) in its own folder, the package linked into its
node_modules (ours as built declarations), ${typecheck.runs} runs each, alternating; medians of wall time and of tsc's peak
RSS (\`process.resourceUsage().maxRSS\` read as tsc exits). Consumer options: \`${JSON.stringify(typecheck.tsconfig)}\`.

${table(['consumer of', 'wall', 'peak RSS', 'ours ÷ this (time / memory)'], rows)}`;
}

function paginateSection({ paginate }: BenchResults): string {
  const ours = paginate.results.ours;
  const rows = Object.entries(paginate.results).map(([contender, figures]) => [
    contender,
    ms(figures.ms, 0),
    count((paginate.items / figures.ms) * 1000),
    mb(figures.peakHeapMb),
    mb(figures.peakRssMb),
    `${ratio(ours.ms, figures.ms)} / ${ratio(ours.peakHeapMb, figures.peakHeapMb)}`,
  ]);
  return `## Auto-pagination

All ${count(paginate.items)} customers, ${paginate.pageSize} a page (${paginate.items / paginate.pageSize} requests), each run in a fresh child process against the
shared loopback server (a separate process), ${paginate.runs} runs each, alternating; medians. Ours is \`paginate(listCustomers, …)\`,
stripe-node its \`for await\` over \`customers.list\`, raw fetch a loop on \`starting_after\`. Memory is measured from
just before the loop, after a full GC: the highest V8 heap in use (sampled at every page) and the growth of the
process's peak RSS. All of them hold one page at a time; the peak heap is mostly garbage not yet collected.

${table(['contender', 'time', 'items/s', 'peak heap', 'peak RSS growth', 'ours ÷ this (time / heap)'], rows)}`;
}

function codegenSection({ codegen }: BenchResults): string {
  return `## Codegen

\`npm run generate\` (spec/ → generated/: ${codegen.outputs.replace(/^generated\/: /, '').replace(/\.$/, '')}), median of ${codegen.runs} runs: **${ms(codegen.wallMs, 0)}**, npm and tsx start-up
included. It runs in a copy of package.json, spec/ and codegen/ under \`.cache/bench/codegen\`, so the real generated/
is never replaced while others may be reading it.`;
}

function throughputWhy(ours: PhaseResult, stub: PhaseResult, floor: PhaseResult | undefined): string {
  const http = floor ? `, where a bare \`http.request\` costs ${count(floor.cpuUsPerCall)} µs` : '';
  return ` Ours spends ${count(stub.cpuUsPerCall)} µs of CPU per call with no I/O at all (validation, encoding, and ky: options merged, an \`AbortController\`, a \`Request\` bound to its signal and that Request's clone, per call), and ${count(ours.cpuUsPerCall)} µs per call on node:http, the in-process server's share included${http}.`;
}

/** One reference a per-call target is set against: its name, its row and the multiple of its req/s to reach. */
interface Reference {
  name: string;
  result: PhaseResult;
  target: number;
}

const above = (result: PhaseResult, floor: PhaseResult): string => {
  const over = result.cpuUsPerCall - floor.cpuUsPerCall;
  return over >= 0 ? `${count(over)} µs above` : `${count(-over)} µs below`;
};

/**
 * Beside a missed target: how far ky by itself, with nothing of ours, got against the same reference in the same
 * run, and what that leaves for this package's own code. Worded from the figures: ky is said to keep a target out
 * of reach only where ky alone measured below it.
 */
function kyFloor(ours: PhaseResult, kyAlone: PhaseResult | undefined, raw: PhaseResult | undefined, stripe: PhaseResult, missed: Reference[]): string {
  if (!kyAlone) return ' ky alone was not measured in this run.';
  const reached = missed.map(({ name, result }) => `${ratio(kyAlone.rps, result.rps)} of ${name}'s req/s (ours ${ratio(ours.rps, result.rps)})`).join(' and ');
  const short = missed.filter(({ result, target }) => kyAlone.rps / result.rps < target);
  const verdict = short.length === 0
    ? `so ky by itself left room for the target${missed.length > 1 ? 's' : ''} here, and the gap is what ours adds to ky`
    : `below the ${short.map(({ name, target }) => `${target}× ${name}`).join(' and ')} target${short.length > 1 ? 's' : ''}: in this run ky by itself, called as ours calls it, did not reach ${short.length > 1 ? 'them' : 'it'} even with nothing of ours around it`;
  const cpu = raw
    ? ` Per call ky alone used ${count(kyAlone.cpuUsPerCall)} µs of CPU, ${above(kyAlone, raw)} bare node:http; stripe-node's whole client ${count(stripe.cpuUsPerCall)} µs, ${above(stripe, raw)} it.`
    : '';
  return ` ky alone over bare node:http (${count(kyAlone.rps)} req/s) reached ${reached}, ${verdict}.${cpu} Ours, which adds its own code and its node:http transport (\`createNodeFetch\`) to ky, did ${ratio(ours.rps, kyAlone.rps)} of ky alone's req/s at ${count(ours.cpuUsPerCall)} µs of CPU per call, ${above(ours, kyAlone)} ky alone.`;
}

function throughputTarget(results: BenchResults): string[] {
  const verdict = (value: number, target: number): string => (value >= target ? 'met' : `**missed** by ${((target - value) * 100).toFixed(0)} points`);
  return results.throughput.flatMap(({ runtime, report }) =>
    CALLS.map(([call, name]) => {
      const ours = find(report, OURS, call);
      const fetch = find(report, FETCH, call);
      const stripe = find(report, STRIPE, call);
      const stub = find(report, STUB_CONTENDER, call);
      if (!ours || !fetch || !stripe) return `- ${runtime.label} ${name}: not measured.`;
      const [vsStripe, vsFetch] = [ours.rps / stripe.rps, ours.rps / fetch.rps];
      const references: Reference[] = [
        { name: STRIPE, result: stripe, target: TARGETS.perCallVsStripe },
        { name: FETCH, result: fetch, target: TARGETS.perCallVsFetch },
      ];
      const missed = references.filter(({ result, target }) => ours.rps / result.rps < target);
      const raw = find(report, RAW_NODE_HTTP, call);
      const why = missed.length ? `${stub ? throughputWhy(ours, stub, raw) : ''}${kyFloor(ours, find(report, KY_ALONE, call), raw, stripe, missed)}` : '';
      return `- ${runtime.label} ${name}: ${ratio(ours.rps, stripe.rps)} of stripe-node (${count(ours.rps)} vs ${count(stripe.rps)} req/s; target ≥ ${TARGETS.perCallVsStripe}×): ${verdict(vsStripe, TARGETS.perCallVsStripe)}; ${ratio(ours.rps, fetch.rps)} of raw fetch (${count(fetch.rps)} req/s; target ≥ ${TARGETS.perCallVsFetch}×): ${verdict(vsFetch, TARGETS.perCallVsFetch)}.${why}`;
    }),
  );
}

function bundleVerdict(bundle: BundleReport): string {
  const share = (ours: number, theirs: number): string => `${((ours / theirs) * 100).toFixed(1)}%`;
  const over = (ours: number, theirs: number): string => (ours <= theirs / 5 ? 'met' : `**missed** by ${kib(ours - theirs / 5)}`);
  const { one } = bundle.ours;
  const gzipMissed = one.gzip > bundle.stripe.one.gzip / 5;
  const why = gzipMissed
    ? ` stripe-node's bundle is large but repetitive (its resource definitions compress ${(bundle.stripe.one.minified / bundle.stripe.one.gzip).toFixed(1)}× under gzip), ours is code that compresses ${(one.minified / one.gzip).toFixed(1)}×, and ky alone is ${kib(bundle.ky.gzip)} of our ${kib(one.gzip)}.`
    : '';
  return `minified ${over(one.minified, bundle.stripe.one.minified)} (${share(one.minified, bundle.stripe.one.minified)}: ${kib(one.minified)} vs ${kib(bundle.stripe.one.minified)}); gzip ${over(one.gzip, bundle.stripe.one.gzip)} (${share(one.gzip, bundle.stripe.one.gzip)}: ${kib(one.gzip)} vs ${kib(bundle.stripe.one.gzip)}).${why}`;
}

function bundleTargets(bundle: BundleReport): string {
  const line = (label: string, size: Size, target: number): string =>
    `${label} ${kib(size.gzip)} gzip (target ≤ ${kib(target)}): ${size.gzip <= target ? 'met' : `**missed** by ${kib(size.gzip - target)}`}`;
  return `${line('one call', bundle.ours.one, TARGETS.oneCallGzip)}; ${line(`all ${bundle.ours.functionCount}`, bundle.ours.all, TARGETS.allCallsGzip)}; ky alone is ${kib(bundle.ky.gzip)} of it.`;
}

// Within this margin the two transports are even on a shared machine: the one intended must not be slower by more.
const TRANSPORT_MARGIN = 0.9;

function transportTargets(results: BenchResults): string {
  const lines = results.runtimeTransports.results.map(({ runtime, version, rps }) => {
    const intended = results.intendedTransports[runtime] ?? 'fetch';
    const other = intended === 'fetch' ? 'node:http' : 'fetch';
    const ratios = CALLS.map(([call]) => rps[intended][call] / rps[other][call]);
    const verdict = ratios.every((value) => value >= TRANSPORT_MARGIN) ? 'met' : '**missed**';
    const figures = CALLS.map(([call, name], index) => `${name} ${ratio(ratios[index], 1)}`).join(', ');
    return `  - ${version}: package.json gives it ${intended}, whose req/s ÷ ${other}'s are ${figures} (target: ≥ ${TRANSPORT_MARGIN}× on both, i.e. never clearly slower): ${verdict}.`;
  });
  return lines.length ? lines.join('\n') : '  - not measured (see the notes).';
}

function targetsSection(results: BenchResults): string {
  const { bundle, coldStart: cold } = results;
  const overBare = cold.ours.processMs - cold.bare.processMs;
  const first = cold.firstRequest;
  const total = (figures: { importMs: number; firstCallMs: number }): number => figures.importMs + figures.firstCallMs;
  const packageFloor = cold.emptyPackage && `, an empty package imported by name +${ms(cold.emptyPackage.processMs - cold.bare.processMs)}${cold.emptyPackage.importMs > 0 ? `; the \`import()\` alone, timed in the child, ours ${ms(cold.ours.importMs)} and the empty package's ${ms(cold.emptyPackage.importMs)}` : ''}`;
  const floors = `an empty ES module measures +${ms(cold.emptyModule.processMs - cold.bare.processMs)} this way${packageFloor ?? ''}`;
  const coldVerdict = overBare <= TARGETS.coldImportOverBareMs ? `met (${floors})` : `**missed** by ${ms(overBare - TARGETS.coldImportOverBareMs)} (${floors})`;
  return `## Targets

Issue 14's targets, each beside the figure measured in this run.

- **Per call with default settings on Node, ≥ ${TARGETS.perCallVsStripe}× stripe-node and ≥ ${TARGETS.perCallVsFetch}× raw fetch (req/s):**
${throughputTarget(results).map((line) => `  ${line}`).join('\n')}
- **Cold import ≤ ${TARGETS.coldImportOverBareMs} ms over bare node** (${results.throughput[0]?.runtime.label ?? 'this Node'}, process wall time): +${ms(overBare)}: ${coldVerdict}. Node's fetch loaded by the import: ${first.ours.fetchLoadedAtImport ? '**yes**' : 'no'}. Import + first request: ours ${ms(total(first.ours))}, stripe-node ${ms(total(first.stripe))} (${ratio(total(first.ours), total(first.stripe))}).
- **Bundle (esbuild, browser, minified, ky included):** ${bundleTargets(bundle)}
- **Each runtime matching \`node\` gets its faster transport** (this package's calls, \`bench/runtime-transports.ts\`):
${transportTargets(results)}
- **One-call bundle ≤ 1/5 of stripe-node's** (an earlier target): ${bundleVerdict(bundle)}
${results.lua ? luaTargetLines(results.lua).join('\n') : '- Lua bridge overhead and host start: not in these results (`bench/lua-overhead.ts` measures them).'}`;
}

export function renderReport(results: BenchResults): string {
  const notes = results.notes.length ? `\n\n## Notes\n\n${results.notes.map((note) => `- ${note}`).join('\n')}` : '';
  return `${[
    header(results),
    targetsSection(results),
    bundleSection(results),
    coldStartSection(results),
    throughputSection(results),
    transportSection(results),
    runtimeTransportSection(results),
    typecheckSection(results),
    paginateSection(results),
    codegenSection(results),
  ].join('\n\n')}${notes}\n`;
}
