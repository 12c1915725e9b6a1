// One PostgreSQL cluster for a whole suite run (`npm test`'s node-postgres suite): started here,
// its URL printed as the first line, stopped when standard input closes (scripts/test.mjs closes it
// after the suite) or on SIGTERM. The test files make a database each in it instead of running
// initdb each (see freshPostgresDatabase in packages/server/src/db/both-engines.test-support.ts).
import { startPostgres } from './postgres.js';

const cluster = await startPostgres({ settings: { max_connections: '300' } });
console.log(cluster.url);
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void cluster.stop().then(() => process.exit(0));
};
process.stdin.on('end', stop).on('close', stop).resume();
process.once('SIGTERM', stop);
