/**
 * Importing a store's orders (issue 22): 10,000 orders from NDJSON into a fresh SQLite database,
 * three ways, in one run:
 * - `kefu-server import orders FILE` as the store runs it: a process of its own, its wall-clock time
 *   from spawn to exit (so its start — tsx, opening and migrating the database — is counted too);
 * - the same orders pushed one by one with `PUT /admin/v1/orders/{number}` to a running server on
 *   SQLite, 8 requests in flight (what a sync job without the import would do);
 * - the import's own code with one transaction per order (batch size 1), in this process: what the
 *   batches buy on SQLite's single writer (decision 0020).
 * Each on its own fresh data folder. Medians over 3 runs (1 with KEFU_BENCH_QUICK=1). No figure here
 * is asserted.
 */
import { spawn } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { repo } from './lib/demo.js';
import { quick } from './lib/conditions.js';
import { importOrders } from '../packages/server/src/admin/import-orders.js';
import { createAdminOrders } from '../packages/server/src/admin/orders.js';
import { openMigratedEngine } from '../packages/server/src/db/database.js';
import { starterSettings } from '../packages/server/src/settings/starter.js';
import { startServer } from '../packages/server/src/server.js';

export const goals = {
  /** "Seconds, not minutes" (issue 22), for 10,000 orders. */
  importSeconds: 10,
} as const;

export interface ImportBenchResult {
  readonly orders: number;
  readonly runs: number;
  /** `kefu-server import orders`, spawn to exit. */
  readonly commandSeconds: number;
  /** The same orders by PUT, one by one, 8 in flight. */
  readonly httpSeconds: number;
  readonly httpInFlight: number;
  /** The import's code with a transaction per order. */
  readonly transactionPerOrderSeconds: number;
  /** The import's code with its batches, in this process (the command's time less its start). */
  readonly batchedSeconds: number;
  readonly ratios: { readonly httpToCommand: number; readonly transactionPerOrderToBatched: number };
}

const ADMIN_KEY = 'bench-admin-key-0123456789abcdef0123456789';

/** An order as a store would push it: two lines, one or two parcels with their tracking events. */
export function benchOrder(index: number): Record<string, unknown> {
  const day = (offset: number) => new Date(Date.UTC(2026, 9, 1) + (index % 60) * 86_400_000 + offset * 3_600_000);
  const at = (offset: number) => day(offset).toISOString();
  const twoParcels = index % 3 === 0;
  const shipment = (id: string, itemId: string, offset: number) => ({
    id,
    carrier: 'Colissimo',
    trackingNumber: `6A${String(index).padStart(9, '0')}${id}`,
    trackingUrl: `https://carrier.example/track/${index}/${id}`,
    items: [{ itemId, quantity: 1 }],
    events: [
      { at: at(offset + 2), status: 'info_received', description: 'Label created' },
      { at: at(offset + 20), status: 'in_transit', description: 'In transit', location: 'Lyon' },
      { at: at(offset + 44), status: 'delivered', description: 'Delivered', location: 'Paris' },
    ],
  });
  return {
    number: `BN-${100_000 + index}`,
    updatedAt: at(48),
    placedAt: at(0),
    customer: { email: `shopper${index}@example.com`, postalCode: '75011', customerId: `c${index}`, name: 'Ana' },
    shippingAddress: { city: 'Paris', country: 'FR' },
    items: [
      {
        id: 'l1',
        productId: `p${index % 500}`,
        name: 'Linen shirt',
        variant: 'M',
        quantity: 1,
        price: { amount: 5900, currency: 'EUR' },
      },
      {
        id: 'l2',
        productId: `p${(index + 7) % 500}`,
        name: 'Mug',
        quantity: 1,
        price: { amount: 1800, currency: 'EUR' },
      },
    ],
    shipments: twoParcels ? [shipment('s1', 'l1', 0), shipment('s2', 'l2', 4)] : [shipment('s1', 'l1', 0)],
  };
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

async function runCommand(file: string, dataDir: string): Promise<number> {
  const start = performance.now();
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', 'packages/server/src/cli.ts', 'import', 'orders', file],
    { cwd: repo, stdio: ['ignore', 'ignore', 'ignore'], env: { ...process.env, KEFU_DATA_DIR: dataDir } },
  );
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`kefu-server import orders exited with ${code}`);
  return (performance.now() - start) / 1000;
}

async function runInProcess(file: string, dataDir: string, batchSize: number | undefined): Promise<number> {
  const engine = await openMigratedEngine(join(dataDir, 'kefu.sqlite'));
  try {
    const config = starterSettings().store;
    const orders = createAdminOrders(engine.db, () => config);
    const start = performance.now();
    const summary = await importOrders(
      createInterface({ input: createReadStream(file), crlfDelay: Infinity }),
      orders,
      engine.db,
      batchSize === undefined ? {} : { batchSize },
    );
    if (summary.rejected > 0) throw new Error(`${summary.rejected} orders rejected`);
    return (performance.now() - start) / 1000;
  } finally {
    await engine.close();
  }
}

async function runHttp(lines: readonly Record<string, unknown>[], dataDir: string, inFlight: number): Promise<number> {
  const server = await startServer({ port: 0, dataDir, adminKey: ADMIN_KEY });
  try {
    let next = 0;
    const start = performance.now();
    const worker = async () => {
      while (next < lines.length) {
        const { number, ...body } = lines[next++] ?? {};
        const response = await fetch(`${server.origin}/admin/v1/orders/${String(number)}`, {
          method: 'PUT',
          headers: { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        if (response.status !== 201) throw new Error(`PUT answered ${response.status}: ${await response.text()}`);
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    return (performance.now() - start) / 1000;
  } finally {
    await server.close();
  }
}

export async function runImportBench(options: { readonly orders?: number } = {}): Promise<ImportBenchResult> {
  const count = options.orders ?? 10_000;
  const runs = quick ? 1 : 3;
  const httpInFlight = 8;
  const folder = mkdtempSync(join(tmpdir(), 'kefu-bench-import-'));
  try {
    const orders = Array.from({ length: count }, (_, index) => benchOrder(index));
    const file = join(folder, 'orders.ndjson');
    writeFileSync(file, `${orders.map((order) => JSON.stringify(order)).join('\n')}\n`);
    const times = { command: [] as number[], http: [] as number[], perOrder: [] as number[], batched: [] as number[] };
    let fresh = 0;
    const dataDir = () => mkdtempSync(join(folder, `data-${(fresh += 1)}-`));
    for (let run = 0; run < runs; run += 1) {
      process.stderr.write(`bench: import, run ${run + 1} of ${runs}…\n`);
      times.command.push(await runCommand(file, dataDir()));
      times.batched.push(await runInProcess(file, dataDir(), undefined));
      times.perOrder.push(await runInProcess(file, dataDir(), 1));
      times.http.push(await runHttp(orders, dataDir(), httpInFlight));
    }
    const commandSeconds = round(median(times.command));
    const httpSeconds = round(median(times.http));
    const transactionPerOrderSeconds = round(median(times.perOrder));
    const batchedSeconds = round(median(times.batched));
    return {
      orders: count,
      runs,
      commandSeconds,
      httpSeconds,
      httpInFlight,
      transactionPerOrderSeconds,
      batchedSeconds,
      ratios: {
        httpToCommand: round(httpSeconds / commandSeconds, 1),
        transactionPerOrderToBatched: round(transactionPerOrderSeconds / batchedSeconds, 1),
      },
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
