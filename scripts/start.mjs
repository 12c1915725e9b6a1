// `npm start`: installs what is missing, builds the packages, then runs the reference server and
// the demo storefront (vite) against it, and prints where to go. Ctrl+C stops both.
//   API_PORT (8787) and DEMO_PORT (5173) choose the ports.
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ensureDependencies } from './ensure.mjs';

const root = resolve(import.meta.dirname, '..');
const apiPort = Number(process.env.API_PORT ?? 8787);
const demoPort = Number(process.env.DEMO_PORT ?? 5173);
const apiOrigin = `http://127.0.0.1:${apiPort}`;
const demoOrigin = `http://127.0.0.1:${demoPort}`;

ensureDependencies();
console.log('Building the Kefu packages…');
const build = spawnSync('npm', ['run', 'build', '--workspaces', '--if-present', '--silent'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

const children = [];
function start(name, command, args, env) {
  const child = spawn(command, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  child.stdout.on('data', (chunk) => process.stdout.write(`[${name}] ${chunk}`));
  child.on('exit', (code) => {
    if (code !== 0 && code !== null) console.error(`[${name}] stopped with exit code ${code}`);
    stopAll(code ?? 0);
  });
  children.push(child);
  return child;
}

function stopAll(code) {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

start('server', process.execPath, ['--conditions=source', '--import', 'tsx', 'packages/server/src/cli.ts'], {
  PORT: String(apiPort),
  KEFU_ALLOWED_ORIGINS: demoOrigin,
  // The demo takes chats at any hour; they wait in the queue until an agent signs in.
  KEFU_CHAT_ALWAYS_OPEN: process.env.KEFU_CHAT_ALWAYS_OPEN ?? '1',
});
start('demo', 'npx', ['vite', '--config', 'demo/vite.config.ts', '--strictPort', '--clearScreen', 'false'], {
  DEMO_PORT: String(demoPort),
  KEFU_API_ORIGIN: apiOrigin,
});

setTimeout(() => {
  console.log(`
  Kefu is running.
    Demo storefront (reference server):  ${demoOrigin}/
    Demo storefront (built-in store):    ${demoOrigin}/?backend=memory
    Reference server API:                ${apiOrigin}/v1
    Agent console:                       ${apiOrigin}/agent  (password: see the [server] line above,
                                         or set KEFU_AGENT_PASSWORD)
  Data is kept in .kefu-data/ (delete it to start afresh). Press Ctrl+C to stop.
`);
}, 1500);
