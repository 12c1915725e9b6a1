// `npm start`: installs what is missing, builds the packages, then runs the reference server and
// the demo storefront (vite, with its React and Vue apps) against it, and prints where to go once
// both answer. Ctrl+C stops both.
//   API_PORT (8787) and DEMO_PORT (5173) choose the ports; KEFU_DATA_DIR (.kefu-data) the data
//   folder. The console's sign-in: the demo's agent accounts, which the server prints (decision 0023).
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ensureDependencies } from './ensure.mjs';

const root = resolve(import.meta.dirname, '..');
const apiPort = Number(process.env.API_PORT ?? 8787);
const demoPort = Number(process.env.DEMO_PORT ?? 5173);
const apiOrigin = `http://127.0.0.1:${apiPort}`;
const demoOrigin = `http://127.0.0.1:${demoPort}`;
const dataDir = resolve(root, process.env.KEFU_DATA_DIR ?? '.kefu-data');

ensureDependencies();
console.log('Building the Kefu packages…');
const build = spawnSync('npm', ['run', 'build', '--workspaces', '--if-present', '--silent'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

const children = [];
/** Starts a child, prefixing its lines with its name; `onLine` reads each line of its output. */
function start(name, command, args, env, onLine) {
  const child = spawn(command, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  let pending = '';
  child.stdout.on('data', (chunk) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      process.stdout.write(`[${name}] ${line}\n`);
      onLine?.(line);
    }
  });
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

// The banner waits for what it prints: how agents sign in, from the server's own lines (the demo
// accounts, or the first admin's invite link in a data folder without them), and the storefront
// answering.
let agentSignIn;
const serverReady = new Promise((done) => {
  start(
    'server',
    process.execPath,
    // --demo: the storefront is Maple & Moss, so the server holds its orders and help centre.
    ['--conditions=source', '--import', 'tsx', 'packages/server/src/cli.ts', '--demo'],
    {
      PORT: String(apiPort),
      KEFU_DATA_DIR: dataDir,
      KEFU_ALLOWED_ORIGINS: demoOrigin,
      // The demo takes chats at any hour; they wait in the queue until an agent signs in.
      KEFU_CHAT_ALWAYS_OPEN: process.env.KEFU_CHAT_ALWAYS_OPEN ?? '1',
    },
    (line) => {
      const demo = line.match(/^Demo agent accounts \(for trying Kefu only\): (\S+) \(admin\).* — password: (\S+)/);
      const invite = line.match(/^No agent accounts yet\. .*: (\S+)$/);
      if (demo) agentSignIn = { email: demo[1], password: demo[2] };
      else if (invite) agentSignIn = { invite: invite[1] };
      else if (!line.startsWith('Agents sign in with their own accounts')) return;
      done();
    },
  );
});
start('demo', 'npx', ['vite', '--config', 'demo/vite.config.ts', '--strictPort', '--clearScreen', 'false'], {
  DEMO_PORT: String(demoPort),
  KEFU_API_ORIGIN: apiOrigin,
});

/** Asks the storefront for its home page until it answers (vite starts in a second or two). */
async function demoAnswers() {
  for (let attempt = 0; attempt < 120; attempt += 1) {
    const ok = await fetch(`${demoOrigin}/`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((done) => setTimeout(done, 500));
  }
  throw new Error(`the demo storefront did not answer on ${demoOrigin} within a minute`);
}

try {
  await Promise.all([serverReady, demoAnswers()]);
  console.log(`
  Kefu is running.
    Storefront (reference server):   ${demoOrigin}/
    Storefront (built-in demo store): ${demoOrigin}/?backend=memory
    React app and Vue app:            ${demoOrigin}/react/   ${demoOrigin}/vue/
    Agent console:                    ${apiOrigin}/agent
${
  agentSignIn?.email
    ? `      demo account (not for a real store): ${agentSignIn.email}\n      password:                       ${agentSignIn.password}\n`
    : agentSignIn?.invite
      ? `      first admin's invite link:      ${agentSignIn.invite}\n`
      : '      sign in with your agent account (kefu-server agents list)\n'
}    Reference server API:             ${apiOrigin}/v1
  Data is kept in ${dataDir} (delete it to start afresh). Press Ctrl+C to stop.
`);
} catch (error) {
  console.error(String(error));
  stopAll(1);
}
