// `kefu-server import orders FILE` as a store's operator runs it (issue 22, decision 0020): a
// progress line on stderr, a summary on stdout naming each rejected line, exit 1 when lines were
// rejected and 0 when none were, standard input with `-`, and exit 2 for what it cannot start
// with. On the tests' database (SQLite; PostgreSQL in the node-postgres suite).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openMigratedEngine } from '../db/database.js';
import { cliDatabaseEnv, runCli, testDatabase } from '../routes/test-helpers.js';

function orderLine(index: number) {
  return JSON.stringify({
    number: `CL-${1000 + index}`,
    updatedAt: '2026-11-23T10:00:00Z',
    placedAt: '2026-11-20T09:00:00Z',
    customer: { email: `buyer${index}@example.org`, postalCode: '3011' },
    shippingAddress: { city: 'Rotterdam', country: 'NL' },
    items: [{ id: 'l1', productId: 'p1', name: 'Tea towel', quantity: 2, price: { amount: 1200, currency: 'EUR' } }],
  });
}

describe('kefu-server import orders', () => {
  let dataDir: string;
  let database: string | undefined;
  let goodFile: string;
  let mixedFile: string;

  /** The command on the test's database, fed `stdin` if given; its exit code and output. */
  const importCli = (args: readonly string[], stdin?: string) =>
    runCli(['import', ...args], { env: cliDatabaseEnv(dataDir, database), stdin });

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kefu-import-cli-'));
    database = await testDatabase(dataDir);
    // 1,002 good orders, so the progress line shows once, and two broken lines among them.
    const good = Array.from({ length: 1002 }, (_, index) => orderLine(index));
    goodFile = join(dataDir, 'good.ndjson');
    writeFileSync(goodFile, `${good.join('\n')}\n`);
    mixedFile = join(dataDir, 'orders.ndjson');
    writeFileSync(
      mixedFile,
      [...good.slice(0, 500), '{"number":"CL-X"', ...good.slice(500), '{"number":"CL-Y","updatedAt":"soon"}', ''].join(
        '\n',
      ),
    );
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('imports the good lines of a file, shows its progress, names the broken lines and exits 1', async () => {
    const { code, stdout, stderr } = await importCli(['orders', mixedFile]);
    assert.equal(code, 1, stderr);
    assert.match(stderr, /^1000 lines: 999 created, 0 updated, 0 unchanged, 1 rejected$/m);
    assert.match(stdout, /1002 orders \(1002 created, 0 updated, 0 unchanged\), 2 lines rejected, 1004 lines read\./);
    assert.match(stdout, /^ {2}line 501: invalid_json: Not JSON/m);
    assert.match(stdout, /^ {2}line 1004 \(CL-Y\): validation_failed: .*updatedAt/m);

    const engine = await openMigratedEngine(database ?? join(dataDir, 'kefu.sqlite'));
    try {
      const row = await engine.db
        .selectFrom('orders')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(row.count), 1002);
    } finally {
      await engine.close();
    }
  });

  it('finds every order unchanged when the same orders come again on standard input, and exits 0', async () => {
    const { code, stdout, stderr } = await importCli(['orders', '-'], readFileSync(goodFile, 'utf8'));
    assert.equal(code, 0, stderr);
    assert.match(
      stdout,
      /^Imported standard input: 1002 orders \(0 created, 0 updated, 1002 unchanged\), 0 lines rejected/m,
    );
  });

  it('exits 2, touching nothing, for a file it cannot read or a command it does not know', async () => {
    const [missing, noFile] = await Promise.all([
      importCli(['orders', join(dataDir, 'nope.ndjson')]),
      importCli(['orders']),
    ]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read .*nope\.ndjson/);
    assert.equal(noFile.code, 2);
    assert.match(noFile.stderr, /import orders takes one file name/);
  });
});
