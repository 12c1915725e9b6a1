// Uploads in shared storage (issue 21, decision 0016 §8): the FileStore port's two adapters on both
// engines, the server serving return photos and chat attachments from the database, and two
// instances on one PostgreSQL database serving each other's uploads by their signed links — from
// the database (the default there) or from a directory both mount.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChatMessage, Conversation, OrderAccess, UploadedAttachment } from '@kefu/core';
import {
  describeOnBothEngines,
  engineNames,
  freshPostgresDatabase,
  type EngineName,
} from '../db/both-engines.test-support.js';
import type { Engine } from '../db/engine.js';
import { inTransaction } from '../db/tx.js';
import { agentCookie, call, startTestServer, tinyPdf, tinyPng, uploadFile } from '../routes/test-helpers.js';
import type { RunningServer, ServerOptions } from '../server.js';
import { createDatabaseFileStore } from './database-file-store.js';
import { createDirectoryFileStore } from './directory-file-store.js';
import type { FileStore } from './file-store.js';

/** A folder of this test's own, removed after the file's tests. */
const folders: string[] = [];
function folder(prefix: string): string {
  const made = mkdtempSync(join(tmpdir(), `kefu-files-${prefix}-`));
  folders.push(made);
  return made;
}
after(() => {
  for (const made of folders) rmSync(made, { recursive: true, force: true });
});

/** Inserts an upload's row and keeps its staged bytes in one transaction, as the uploads service does. */
async function recordUpload(engine: Engine, files: FileStore, id: string, bytes: Uint8Array<ArrayBuffer>) {
  const staged = await files.stage(id, bytes);
  await inTransaction(engine.db, async (trx) => {
    await trx
      .insertInto('uploads')
      .values({
        id,
        owner_kind: 'conversation',
        owner_id: 'con_test',
        content_type: 'application/pdf',
        size: bytes.byteLength,
        sha256: 'test',
        name: 'test.pdf',
        created_at: new Date().toISOString(),
      })
      .execute();
    await staged.keep(trx);
  });
}

const uploadId = () => `upl_${randomBytes(12).toString('base64url')}`;

describeOnBothEngines('the file store', (engineOf) => {
  const adapters: Array<[string, (engine: Engine) => FileStore]> = [
    ['directory', () => createDirectoryFileStore(join(folder('port'), 'uploads'))],
    ['database', (engine) => createDatabaseFileStore(engine.db)],
  ];
  for (const [kind, open] of adapters) {
    describe(`(${kind})`, () => {
      it('gives back every byte it kept, a large file too', async () => {
        const engine = engineOf();
        const files = open(engine);
        const everyByte = new Uint8Array(Array.from({ length: 256 }, (_, index) => index));
        const large = new Uint8Array(randomBytes(3 * 1024 * 1024));
        const [small, big] = [uploadId(), uploadId()];
        await recordUpload(engine, files, small, everyByte);
        await recordUpload(engine, files, big, large);
        assert.deepEqual(Buffer.from((await files.read(small))!), Buffer.from(everyByte));
        assert.ok(Buffer.from((await files.read(big))!).equals(Buffer.from(large)));
        assert.equal(await files.read(uploadId()), undefined, 'an id never kept');
      });

      it('keeps nothing of bytes whose transaction rolled back', async () => {
        const engine = engineOf();
        const files = open(engine);
        const id = uploadId();
        const staged = await files.stage(id, tinyPng);
        await assert.rejects(
          inTransaction(engine.db, async (trx) => {
            await trx
              .insertInto('uploads')
              .values({
                id,
                owner_kind: 'order',
                owner_id: 'ord_1',
                content_type: 'image/png',
                size: tinyPng.byteLength,
                sha256: 'test',
                name: 'a.png',
                created_at: new Date().toISOString(),
              })
              .execute();
            await staged.keep(trx);
            throw new Error('the transaction fails after the bytes were kept');
          }),
          /the transaction fails/,
        );
        await staged.discard();
        assert.equal(await files.read(id), undefined);
        if (files.kind === 'directory') assert.deepEqual(readdirSync(files.location), [], 'no file, no temporary');
        const blobs = await engine.db.selectFrom('upload_blobs').select('id').where('id', '=', id).execute();
        assert.deepEqual(blobs, []);
      });
    });
  }

  it('(database) refuses bytes for an upload that has no row', async () => {
    const engine = engineOf();
    const staged = await createDatabaseFileStore(engine.db).stage(uploadId(), tinyPng);
    await assert.rejects(inTransaction(engine.db, (trx) => staged.keep(trx)));
  });

  it('(database) still reads the directory the uploads were kept in before', async () => {
    const engine = engineOf();
    const before = createDirectoryFileStore(join(folder('earlier'), 'uploads'));
    const id = uploadId();
    await recordUpload(engine, before, id, tinyPdf);
    const files = createDatabaseFileStore(engine.db, { earlier: before });
    assert.deepEqual(Buffer.from((await files.read(id))!), Buffer.from(tinyPdf));
    const fresh = uploadId();
    await recordUpload(engine, files, fresh, tinyPng);
    assert.equal(await before.read(fresh), undefined, 'new uploads go to the database only');
  });
});

/** The database option for a (demo) test server on `engine`: a new PostgreSQL database, or SQLite in `dataDir`. */
async function databaseFor(engine: EngineName): Promise<Pick<ServerOptions, 'database'>> {
  return engine === 'PostgreSQL' ? { database: await freshPostgresDatabase() } : {};
}

const signInAgent = (server: RunningServer) => agentCookie(server);

/** A conversation started through `base`, a PDF uploaded with its token and sent in a message: the message. */
async function sendPdf(base: string, bytes: Uint8Array<ArrayBuffer> = tinyPdf): Promise<ChatMessage> {
  const started = await call<Conversation>(base, 'POST', '/conversations', {
    key: crypto.randomUUID(),
    body: { name: 'Ana', email: 'ana@example.com', topic: 'My invoice' },
  });
  assert.equal(started.status, 201, started.text);
  const conversation = started.body;
  const uploaded = await uploadFile(base, bytes, {
    token: conversation.token,
    key: crypto.randomUUID(),
    name: 'invoice.pdf',
  });
  assert.equal(uploaded.status, 201, uploaded.text);
  const sent = await call<ChatMessage>(base, 'POST', `/conversations/${conversation.id}/messages`, {
    token: conversation.token,
    body: {
      clientId: crypto.randomUUID(),
      text: 'Here it is',
      attachmentIds: [(uploaded.body as UploadedAttachment).id],
    },
  });
  assert.equal(sent.status, 201, sent.text);
  return sent.body;
}

/** The message's attachment fetched by its signed link through `origin`. */
async function fetchAttachment(origin: string, message: ChatMessage) {
  const url = message.attachments?.[0]?.url;
  assert.ok(url, 'the message links its attachment');
  const response = await fetch(`${origin}/v1${url}`);
  return { status: response.status, type: response.headers.get('content-type'), bytes: await response.arrayBuffer() };
}

/** The same link with the first character of its signature changed. */
function withWrongSignature(message: ChatMessage): ChatMessage {
  const [attachment] = message.attachments ?? [];
  assert.ok(attachment);
  const url = attachment.url.replace(/sig=(.)/, (_, first: string) => `sig=${first === 'A' ? 'B' : 'A'}`);
  return { ...message, attachments: [{ ...attachment, url }] };
}

for (const engine of engineNames) {
  describe(`a server keeping its uploads in the database, on ${engine}`, () => {
    let server: RunningServer;
    let dataDir: string;
    before(async () => {
      dataDir = folder('server');
      server = await startTestServer({
        port: 0,
        dataDir,
        ...(await databaseFor(engine)),
        uploadStore: 'database',
      });
    });
    after(() => server?.close());

    it('serves a return photo to the console and a chat attachment by its link, byte for byte, with their types', async () => {
      const base = `${server.origin}/v1`;
      const access = await call<OrderAccess>(base, 'POST', '/orders/lookup', {
        body: { orderNumber: 'MM-1010', email: 'wang.fang@example.cn' },
      });
      assert.equal(access.status, 200, access.text);
      const photo = await uploadFile(base, tinyPng, { token: access.body.accessToken, key: crypto.randomUUID() });
      assert.equal(photo.status, 201, photo.text);
      const photoId = (photo.body as UploadedAttachment).id;
      const cookie = await signInAgent(server);
      const inConsole = await fetch(`${server.origin}/agent/api/uploads/${photoId}`, { headers: { cookie } });
      assert.equal(inConsole.status, 200);
      assert.equal(inConsole.headers.get('content-type'), 'image/png');
      assert.deepEqual(new Uint8Array(await inConsole.arrayBuffer()), tinyPng);

      const message = await sendPdf(base);
      const attachment = await fetchAttachment(server.origin, message);
      assert.equal(attachment.status, 200);
      assert.equal(attachment.type, 'application/pdf');
      assert.deepEqual(new Uint8Array(attachment.bytes), tinyPdf);

      // Both are rows of the database, and nothing was written to the data folder's uploads.
      const blobs = await server.deps.engine.db.selectFrom('upload_blobs').select('id').execute();
      assert.deepEqual(blobs.map((row) => row.id).sort(), [photoId, message.attachments![0]!.id].sort());
      assert.equal(existsSync(join(dataDir, 'uploads')), false);
    });

    it('answers a replayed upload with the first one, and keeps one copy of its bytes', async () => {
      const base = `${server.origin}/v1`;
      const started = await call<Conversation>(base, 'POST', '/conversations', {
        key: crypto.randomUUID(),
        body: { name: 'Ana', email: 'ana@example.com', topic: 'Photo' },
      });
      const key = crypto.randomUUID();
      const first = await uploadFile(base, tinyPng, { token: started.body.token, key });
      const again = await uploadFile(base, tinyPng, { token: started.body.token, key });
      assert.equal(again.text, first.text);
      const count = await server.deps.engine.db
        .selectFrom('upload_blobs')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .executeTakeFirstOrThrow();
      const uploads = await server.deps.engine.db
        .selectFrom('uploads')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(count.count), Number(uploads.count), 'one blob per upload row, none for the replay');
    });
  });
}

describe('two instances on one PostgreSQL database', () => {
  const running: RunningServer[] = [];
  after(() => Promise.all(running.map((server) => server.close())));
  const start = async (options: ServerOptions) => {
    // Each instance has a data folder of its own, as on two machines.
    const server = await startTestServer({ port: 0, dataDir: folder('instance'), ...options });
    running.push(server);
    return server;
  };

  it('keep uploads in the database unless told otherwise, and serve each other’s by their signed links', async () => {
    const database = await freshPostgresDatabase();
    const [a, b] = [await start({ database }), await start({ database })];
    assert.equal(a.deps.files.kind, 'database');
    const bytes = new Uint8Array([...tinyPdf, ...randomBytes(64 * 1024)]);
    const message = await sendPdf(`${a.origin}/v1`, bytes);
    const throughB = await fetchAttachment(b.origin, message);
    assert.equal(throughB.status, 200);
    assert.equal(throughB.type, 'application/pdf');
    assert.deepEqual(new Uint8Array(throughB.bytes), bytes);
    assert.equal((await fetchAttachment(b.origin, withWrongSignature(message))).status, 404);
  });

  it('serve each other’s uploads from a directory both mount', async () => {
    const database = await freshPostgresDatabase();
    const shared = join(folder('shared'), 'uploads');
    const [a, b] = [await start({ database, uploadsDir: shared }), await start({ database, uploadsDir: shared })];
    assert.equal(a.deps.files.kind, 'directory', 'a directory given means the directory store');
    const message = await sendPdf(`${a.origin}/v1`);
    const throughB = await fetchAttachment(b.origin, message);
    assert.equal(throughB.status, 200);
    assert.equal(throughB.type, 'application/pdf');
    assert.deepEqual(new Uint8Array(throughB.bytes), tinyPdf);
    assert.equal((await fetchAttachment(b.origin, withWrongSignature(message))).status, 404);
    assert.deepEqual(readdirSync(shared), [message.attachments![0]!.id], 'the file, no temporary beside it');
    assert.deepEqual(await a.deps.engine.db.selectFrom('upload_blobs').select('id').execute(), []);

    // An instance whose directory is not the shared one has the row but not the file: an error
    // the operator sees, never someone else's bytes.
    const alone = await start({ database, uploadStore: 'directory' });
    assert.equal((await fetchAttachment(alone.origin, message)).status, 500);
  });

  it('still serve what an instance kept in its directory before uploads moved to the database', async () => {
    const database = await freshPostgresDatabase();
    const dataDir = folder('upgrade');
    const before = await startTestServer({ port: 0, dataDir, database, uploadStore: 'directory' });
    const message = await sendPdf(`${before.origin}/v1`);
    await before.close();
    // The same data folder, now with the default: the database.
    const after = await start({ database, dataDir });
    assert.equal(after.deps.files.kind, 'database');
    const served = await fetchAttachment(after.origin, message);
    assert.equal(served.status, 200);
    assert.deepEqual(new Uint8Array(served.bytes), tinyPdf);
  });
});

describe('kefu-server refuses an upload setting it cannot use', { concurrency: true }, () => {
  const cli = fileURLToPath(new URL('../cli.ts', import.meta.url));
  function runToExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', cli], {
      env: { PATH: process.env.PATH, PORT: '0', KEFU_DATA_DIR: folder('cli'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    return new Promise((resolve) =>
      child.once('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stderr, stdout });
      }),
    );
  }
  const refusals: Array<[string, Record<string, string>, RegExp]> = [
    [
      'a store that does not exist',
      { KEFU_UPLOAD_STORE: 's3' },
      /KEFU_UPLOAD_STORE must be directory or database, not "s3"/,
    ],
    [
      'a directory for the database store',
      { KEFU_UPLOAD_STORE: 'database', KEFU_UPLOADS_DIR: '/mnt/kefu' },
      /KEFU_UPLOADS_DIR names a directory, but KEFU_UPLOAD_STORE=database/,
    ],
  ];
  for (const [what, env, message] of refusals) {
    it(`stops at ${what}, naming the setting, before opening anything`, async () => {
      const { code, stderr, stdout } = await runToExit(env);
      assert.equal(code, 2, stderr);
      assert.match(stderr, message);
      assert.equal(stdout, '', 'no server was started');
    });
  }
});
