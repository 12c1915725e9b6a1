// `npm run build`: every package in dependency order (the workspaces list is that order), the
// demo storefront and its React and Vue apps, then the size budgets.
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
// The React and Vue apps, into demo/dist/react/ and demo/dist/vue/ (after the storefront, which empties demo/dist/).
run('npx', ['vite', 'build', '--config', 'demo/react/vite.config.ts', '--logLevel', 'warn']);
run('npx', ['vite', 'build', '--config', 'demo/vue/vite.config.ts', '--logLevel', 'warn']);
run('node', ['scripts/size.mjs']);
