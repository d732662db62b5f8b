/**
 * Auto-pagination of the server's 10,000 customers, 100 a page: this package's `paginate(listCustomers, …)`
 * (with default settings on Node, i.e. node:http, and its core entry on global fetch), stripe-node's `for await` over `customers.list`, and a raw
 * fetch loop on `starting_after`. Each run is a fresh child process (started with --expose-gc) so that peak
 * memory is that run's alone; contenders alternate, `runs` times each, and medians are reported.
 *
 * Memory is measured from just before the loop: the highest V8 heap in use (sampled at every page) and the
 * process's peak RSS, each above where it stood after a full GC.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ROOT } from './package.js';
import { CUSTOMER_COUNT } from './server.js';
import { median } from './stats.js';

// Not from contenders.ts, which loads every client: a child loads only the one it runs.
const API_KEY = 'sk_test_bench0000000000000000';
const rawHeaders = { Authorization: `Basic ${btoa(`${API_KEY}:`)}`, Accept: 'application/json' };

export const PAGINATE_CONTENDERS = ['ours', 'ours + global fetch', 'stripe-node', 'raw fetch'] as const;
type Contender = (typeof PAGINATE_CONTENDERS)[number];

export interface PaginateFigures {
  ms: number;
  /** Highest V8 heap in use during the loop, above the heap after a full GC just before it. */
  peakHeapMb: number;
  /** The process's peak RSS above its RSS just before the loop. */
  peakRssMb: number;
}
export interface PaginateReport { runs: number; pageSize: number; items: number; results: Record<Contender, PaginateFigures> }

const PAGE_SIZE = 100;

interface Lister {
  /** One small call, so that loading the HTTP stack is not counted as pagination. */
  warm(): Promise<unknown>;
  items(): AsyncIterable<{ id: string }>;
}

async function* rawFetchPages(url: string, limit: number): AsyncGenerator<{ id: string }> {
  let after: string | undefined;
  for (;;) {
    const query = new URLSearchParams({ limit: String(limit), ...(after && { starting_after: after }) });
    const page = (await (await fetch(`${url}/v1/customers?${query}`, { headers: rawHeaders })).json()) as { data: Array<{ id: string }>; has_more: boolean };
    yield* page.data;
    after = page.data.at(-1)?.id;
    if (!page.has_more || after === undefined) return;
  }
}

// Each contender loads only its own modules, so the child's memory is that contender's.
const LISTERS: Record<Contender, (url: string) => Promise<Lister>> = {
  // Default settings on Node: the entry Node resolves the package to (node:http).
  ours: async (url) => {
    const { createClient, listCustomers, paginate } = await (await import('./ours.js')).loadNodeEntry();
    const client = createClient({ apiKey: API_KEY, baseUrl: url });
    return { warm: () => listCustomers(client, { limit: 1 }), items: () => paginate(listCustomers, client, { limit: PAGE_SIZE }) };
  },
  'ours + global fetch': async (url) => {
    const { createClient, listCustomers, paginate } = await (await import('./ours.js')).loadCoreEntry();
    const client = createClient({ apiKey: API_KEY, baseUrl: url });
    return { warm: () => listCustomers(client, { limit: 1 }), items: () => paginate(listCustomers, client, { limit: PAGE_SIZE }) };
  },
  'stripe-node': async (url) => {
    const { default: Stripe } = await import('stripe');
    const { hostname, port } = new URL(url);
    const stripe = new Stripe(API_KEY, { host: hostname, port: Number(port), protocol: 'http' });
    return { warm: () => stripe.customers.list({ limit: 1 }), items: () => stripe.customers.list({ limit: PAGE_SIZE }) };
  },
  'raw fetch': async (url) => ({ warm: () => rawFetchPages(url, 1).next(), items: () => rawFetchPages(url, PAGE_SIZE) }),
};

/** One run, in this process: every customer, with the heap sampled at each page boundary. */
async function runOnce(contender: Contender, url: string): Promise<PaginateFigures & { items: number }> {
  const lister = await LISTERS[contender](url);
  await lister.warm();
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage();
  let peakHeap = before.heapUsed;
  let items = 0;
  const start = performance.now();
  for await (const customer of lister.items()) {
    if (typeof customer.id !== 'string') throw new Error('a customer without an id');
    items += 1;
    if (items % PAGE_SIZE === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  const ms = performance.now() - start;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  return { ms, items, peakHeapMb: (peakHeap - before.heapUsed) / 2 ** 20, peakRssMb: (peakRss - before.rss) / 2 ** 20 };
}

function runChild(contender: Contender, url: string): Promise<PaginateFigures & { items: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), contender, url], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(output)) : reject(new Error(`bench/paginate.ts ${contender} exited with ${code}`))));
  });
}

export async function measurePaginate(url: string, runs: number): Promise<PaginateReport> {
  const samples = new Map<Contender, PaginateFigures[]>(PAGINATE_CONTENDERS.map((contender) => [contender, []]));
  for (let run = 0; run < runs; run += 1) {
    for (const contender of PAGINATE_CONTENDERS) {
      const result = await runChild(contender, url);
      if (result.items !== CUSTOMER_COUNT) throw new Error(`${contender} paginated ${result.items} customers, not ${CUSTOMER_COUNT}.`);
      samples.get(contender)!.push(result);
    }
  }
  const summary = (figures: PaginateFigures[]): PaginateFigures => ({
    ms: median(figures.map((f) => f.ms)),
    peakHeapMb: median(figures.map((f) => f.peakHeapMb)),
    peakRssMb: median(figures.map((f) => f.peakRssMb)),
  });
  const results = Object.fromEntries(PAGINATE_CONTENDERS.map((contender) => [contender, summary(samples.get(contender)!)])) as Record<Contender, PaginateFigures>;
  return { runs, pageSize: PAGE_SIZE, items: CUSTOMER_COUNT, results };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [contender, url] = process.argv.slice(2) as [Contender, string];
  process.stdout.write(JSON.stringify(await runOnce(contender, url)));
  process.exit(0);
}
