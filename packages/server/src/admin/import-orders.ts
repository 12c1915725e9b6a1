import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { StoreConfig } from '@kefu/core';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { ImportOrdersCommand } from '../command-line.js';
import { openMigratedEngine } from '../db/database.js';
import type { KefuDatabase } from '../db/schema.js';
import { ApiError } from '../errors.js';
import { parseBody } from '../http/request.js';
import { readSettingsFile } from '../settings/file.js';
import { checkSettings } from '../settings/schema.js';
import { starterSettings } from '../settings/starter.js';
import { OrderFactsSchema, type OrderFacts } from './order-facts.js';
import { createAdminOrders, type AdminOrders, type PushResult } from './orders.js';

/**
 * `kefu-server import orders FILE.ndjson` (issue 22, decision 0020): one order per line, in the
 * body shape of `PUT /admin/v1/orders/{number}` plus its `number`, applied by the same service as
 * that route. Read as a stream, line by line; applied in batches of orders, one transaction per
 * batch, each order inside its own savepoint: an order is applied whole or not at all, a bad one
 * is rejected without taking the good ones of its batch with it, and SQLite's one writer commits
 * once per batch rather than once per order.
 */

/** Orders per transaction: measured on SQLite (decision 0020), beyond it the gain is small and a batch holds the writer longer. */
export const IMPORT_BATCH_SIZE = 500;
/** A line longer than the admin API's body limit is refused as the route would refuse it. */
const MAX_LINE_BYTES = 1024 * 1024;
/** How many rejected lines the summary names; all of them are counted. */
export const LISTED_REJECTIONS = 100;

export interface RejectedLine {
  /** 1-based, as an editor shows it. */
  readonly line: number;
  /** The order number, when the line had one. */
  readonly number?: string;
  /** The admin API's error code: `invalid_json`, `validation_failed`, `stale_order`, `payload_too_large`, `database_error`. */
  readonly code: string;
  readonly reason: string;
}

export interface ImportSummary {
  /** Lines read, blank ones included. */
  readonly lines: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  /** The first LISTED_REJECTIONS rejected lines, in file order. */
  readonly rejections: readonly RejectedLine[];
}

export interface ImportOptions {
  /** Orders per transaction; 1 is a transaction per order (the bench compares them). */
  readonly batchSize?: number;
  /** Called every `progressEvery` lines with the counts so far. */
  readonly onProgress?: (summary: ImportSummary) => void;
  readonly progressEvery?: number;
}

type ParsedLine =
  | { readonly line: number; readonly number: string; readonly facts: OrderFacts }
  | { readonly line: number; readonly rejection: RejectedLine };

/** What an ApiError says, on one line: its message, and each field with its problem. */
function reasonOf(error: ApiError): string {
  const fields = Object.entries(error.fields ?? {}).map(([field, problem]) => `${field}: ${problem}`);
  const current = error.details?.['currentUpdatedAt'];
  const details = typeof current === 'string' ? [`the server has updatedAt ${current}`] : [];
  return [error.message, ...fields, ...details].join('; ');
}

function parseLine(text: string, line: number): ParsedLine {
  const rejected = (code: string, reason: string, number?: string): ParsedLine => ({
    line,
    rejection: { line, code, reason, ...(number === undefined ? {} : { number }) },
  });
  if (Buffer.byteLength(text) > MAX_LINE_BYTES) return rejected('payload_too_large', 'The line is over 1 MB.');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return rejected('invalid_json', `Not JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return rejected('invalid_json', 'The line must be a JSON object (an order).');
  const { number, ...body } = value as Record<string, unknown>;
  if (typeof number !== 'string' || number.trim() === '')
    return rejected('validation_failed', 'number: the order number, a string, is required.');
  try {
    return { line, number, facts: parseBody(OrderFactsSchema, body) };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return rejected(error.code, reasonOf(error), number);
  }
}

/**
 * Applies the orders of `lines` (NDJSON) with `orders`, on `db`. A line is rejected, and the import
 * goes on, when it is not JSON, not an order, refused by the service (validation, `stale_order`),
 * or fails in the database (its savepoint is rolled back: nothing of it stays). A failure the
 * transaction cannot recover from ends the import with that error; earlier batches stay imported.
 */
export async function importOrders(
  lines: AsyncIterable<string>,
  orders: AdminOrders,
  db: Kysely<KefuDatabase>,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const batchSize = options.batchSize ?? IMPORT_BATCH_SIZE;
  const progressEvery = options.progressEvery ?? 1000;
  const counts: Record<PushResult, number> = { created: 0, updated: 0, unchanged: 0 };
  const rejections: RejectedLine[] = [];
  let rejected = 0;
  let read = 0;
  const summary = (): ImportSummary => ({ lines: read, ...counts, rejected, rejections: [...rejections] });
  const reject = (rejection: RejectedLine) => {
    rejected += 1;
    if (rejections.length < LISTED_REJECTIONS) rejections.push(rejection);
  };

  async function applyOne(trx: Transaction<KefuDatabase>, number: string, facts: OrderFacts): Promise<PushResult> {
    await sql`savepoint kefu_import_order`.execute(trx);
    try {
      const { result } = await orders.upsert(number, facts, trx);
      await sql`release savepoint kefu_import_order`.execute(trx);
      return result;
    } catch (error) {
      // Whatever the order wrote before it failed goes; the batch's other orders stay.
      await sql`rollback to savepoint kefu_import_order`.execute(trx);
      await sql`release savepoint kefu_import_order`.execute(trx);
      throw error;
    }
  }

  let batch: ParsedLine[] = [];
  async function flush(): Promise<void> {
    const pending = batch;
    batch = [];
    const outcomes: (PushResult | RejectedLine)[] = [];
    await db.transaction().execute(async (trx) => {
      outcomes.length = 0;
      for (const entry of pending) {
        if ('rejection' in entry) {
          outcomes.push(entry.rejection);
          continue;
        }
        try {
          outcomes.push(await applyOne(trx, entry.number, entry.facts));
        } catch (error) {
          outcomes.push(
            error instanceof ApiError
              ? { line: entry.line, number: entry.number, code: error.code, reason: reasonOf(error) }
              : {
                  line: entry.line,
                  number: entry.number,
                  code: 'database_error',
                  reason: `The database refused the order: ${(error as Error).message}`,
                },
          );
        }
      }
    });
    // Counted once the batch has committed: a summary never counts what was rolled back.
    for (const outcome of outcomes) {
      if (typeof outcome === 'string') counts[outcome] += 1;
      else reject(outcome);
    }
  }

  for await (const text of lines) {
    read += 1;
    if (text.trim() !== '') batch.push(parseLine(text, read));
    if (batch.length >= batchSize) await flush();
    if (read % progressEvery === 0) options.onProgress?.(summary());
  }
  if (batch.length > 0) await flush();
  return summary();
}

/** The store's settings for deriving orders: the database's (as the server saved them), else the file's, else the starter's. */
async function storeConfigFor(db: Kysely<KefuDatabase>, settingsFile: string | undefined): Promise<StoreConfig> {
  const row = await db.selectFrom('store_settings').select('json').where('id', '=', 1).executeTakeFirst();
  if (row) return checkSettings(JSON.parse(row.json) as unknown, 'the settings saved in the database').store;
  return (settingsFile === undefined ? starterSettings() : readSettingsFile(settingsFile)).store;
}

/** One line for the summary's list of rejected lines. */
export function describeRejection(rejection: RejectedLine): string {
  const number = rejection.number === undefined ? '' : ` (${rejection.number})`;
  return `  line ${rejection.line}${number}: ${rejection.code}: ${rejection.reason}`;
}

export interface ImportIo {
  readonly stdin: Readable;
  readonly print: (line: string) => void;
  readonly printError: (line: string) => void;
  /** Progress output (stderr); rewritten in place with \r when it is a terminal. */
  readonly progress: { write(text: string): unknown; readonly isTTY?: boolean };
}

/**
 * `kefu-server import orders FILE|-` on the store's database (`target`, as `keys` finds it): prints
 * progress on stderr and the summary on stdout. Exit code: 0 every line was imported (or was
 * already), 1 some lines were rejected, 2 the file cannot be read, 3 the import stopped on a
 * database failure (the batches before it stay imported).
 */
export async function runImportOrdersCommand(
  command: ImportOrdersCommand,
  target: string,
  io: ImportIo,
  settingsFile?: string,
): Promise<number> {
  const input = command.file === '-' ? io.stdin : createReadStream(command.file);
  // A file that cannot be opened is found before the database is touched.
  const opened = await new Promise<Error | undefined>((resolve) => {
    if (command.file === '-') return resolve(undefined);
    input.once('open', () => resolve(undefined));
    input.once('error', (error: Error) => resolve(error));
  });
  if (opened) {
    io.printError(`kefu-server: import orders: cannot read ${command.file}: ${opened.message}`);
    return 2;
  }
  const engine = await openMigratedEngine(target);
  const name = command.file === '-' ? 'standard input' : command.file;
  let shownProgress = false;
  const progress = (s: ImportSummary) => {
    const text = `${s.lines} lines: ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.rejected} rejected`;
    io.progress.write(io.progress.isTTY ? `\r${text}` : `${text}\n`);
    shownProgress = true;
  };
  try {
    const config = await storeConfigFor(engine.db, settingsFile);
    const orders = createAdminOrders(engine.db, () => config);
    const lines = createInterface({ input, crlfDelay: Infinity });
    let summary: ImportSummary;
    try {
      summary = await importOrders(lines, orders, engine.db, { onProgress: progress });
    } catch (error) {
      if (shownProgress && io.progress.isTTY) io.progress.write('\n');
      io.printError(
        `kefu-server: import orders stopped: ${(error as Error).message}. The batches before it are imported; ` +
          'importing the file again finishes it (imported orders answer unchanged).',
      );
      return 3;
    }
    if (shownProgress && io.progress.isTTY) io.progress.write('\n');
    const accepted = summary.created + summary.updated + summary.unchanged;
    io.print(
      `Imported ${name}: ${accepted} orders (${summary.created} created, ${summary.updated} updated, ` +
        `${summary.unchanged} unchanged), ${summary.rejected} lines rejected, ${summary.lines} lines read.`,
    );
    if (summary.rejected > 0) {
      io.print('Rejected lines (nothing of them was imported):');
      for (const rejection of summary.rejections) io.print(describeRejection(rejection));
      if (summary.rejected > summary.rejections.length)
        io.print(`  … and ${summary.rejected - summary.rejections.length} more.`);
    }
    return summary.rejected > 0 ? 1 : 0;
  } finally {
    await engine.close();
  }
}
