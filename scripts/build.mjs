// `npm run build`: every package in dependency order (the workspaces list is that order), the
// demo storefront, then the size budgets.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`build failed: ${command} ${args.join(' ')}`);
    process.exit(result.status ?? 1);
  }
}

run('npm', ['run', 'build', '--workspaces', '--if-present', '--silent']);
run('npx', ['vite', 'build', '--config', 'demo/vite.config.ts', '--logLevel', 'warn']);
run('node', ['scripts/size.mjs']);
