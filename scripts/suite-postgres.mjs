// One PostgreSQL cluster for a whole test run (test/support/postgres-for-suite.ts in a child
// process): npm test's node-postgres suite, and web-test-runner's reference server on PostgreSQL.
// The cluster stops when stop() is called or this process exits (the child's standard input
// closes), and its server dies with the child in any case (setpriv's parent-death signal).
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/** @returns {Promise<{ url: string, stop(): Promise<unknown> }>} */
export function startSuitePostgres() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/postgres-for-suite.ts'], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise((done) => child.once('exit', done));
  return new Promise((resolveCluster, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const line = output.split('\n')[0];
      if (output.includes('\n') && line) {
        resolveCluster({
          url: line.trim(),
          stop: () => {
            child.stdin.end();
            return exited;
          },
        });
      }
    });
    child.once('exit', (code) =>
      reject(new Error(`the PostgreSQL cluster for the tests did not start (exit ${code})`)),
    );
  });
}
