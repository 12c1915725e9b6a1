// The deployment samples (docs/deploy/) say what the server really does (issue 21, "Proxies"):
// nginx.conf forwards the WebSocket upgrade on every WebSocket path the server serves
// (packages/server/src/chat/socket.ts), on no other, and appends the client's address to
// X-Forwarded-For wherever it proxies; kefu.service runs the package's bin; and every variable the
// CLI reads is in docs/server.md's environment table. nginx is not installed here: the file's
// blocks are parsed, and the location nginx picks for a path is worked out by nginx's own rules.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(resolve(root, path), 'utf8');

interface Directive {
  readonly name: string;
  readonly args: readonly string[];
  readonly block?: readonly Directive[];
}

/** nginx's configuration syntax: directives end with `;` or hold a `{ … }` block; `#` comments. */
function parseNginx(text: string): Directive[] {
  const tokens = [...text.replace(/#[^\n]*/g, '').matchAll(/"[^"]*"|'[^']*'|[{};]|[^\s{};]+/g)].map((match) =>
    match[0].replace(/^(["'])(.*)\1$/, '$2'),
  );
  let at = 0;
  function directives(): Directive[] {
    const list: Directive[] = [];
    while (at < tokens.length && tokens[at] !== '}') {
      const words: string[] = [];
      while (at < tokens.length && tokens[at] !== ';' && tokens[at] !== '{' && tokens[at] !== '}')
        words.push(tokens[at++]!);
      const [name, ...args] = words;
      assert.ok(name !== undefined, `a directive at token ${at}`);
      if (tokens[at] === '{') {
        at += 1;
        list.push({ name, args, block: directives() });
        assert.equal(tokens[at++], '}', `the block of ${name} ${args.join(' ')} ends`);
      } else {
        assert.equal(tokens[at++], ';', `${name} ends with ;`);
        list.push({ name, args });
      }
    }
    return list;
  }
  const parsed = directives();
  assert.equal(at, tokens.length, 'no stray }');
  return parsed;
}

interface Location {
  readonly modifier: '' | '=' | '^~' | '~' | '~*';
  readonly pattern: string;
  readonly block: readonly Directive[];
}

function locationsOf(server: readonly Directive[]): Location[] {
  return server
    .filter((directive) => directive.name === 'location')
    .map(({ args, block }) => {
      const [modifier, pattern] = args.length === 2 ? [args[0]!, args[1]!] : ['', args[0]!];
      assert.ok(['', '=', '^~', '~', '~*'].includes(modifier), `location modifier ${modifier}`);
      return { modifier: modifier as Location['modifier'], pattern, block: block ?? [] };
    });
}

/** The location nginx uses for `path` (ngx_http_core_module's "location" rules). */
function locationFor(locations: readonly Location[], path: string): Location | undefined {
  const exact = locations.find((location) => location.modifier === '=' && location.pattern === path);
  if (exact) return exact;
  const prefixes = locations
    .filter((location) => (location.modifier === '' || location.modifier === '^~') && path.startsWith(location.pattern))
    .sort((a, b) => b.pattern.length - a.pattern.length);
  if (prefixes[0]?.modifier === '^~') return prefixes[0];
  const regex = locations.find(
    (location) =>
      (location.modifier === '~' || location.modifier === '~*') &&
      new RegExp(location.pattern, location.modifier === '~*' ? 'i' : '').test(path),
  );
  return regex ?? prefixes[0];
}

/**
 * The request headers nginx sets for a location: its own proxy_set_header lines, or, when it has
 * none, the server's (nginx inherits them only when a level sets none — the trap this checks).
 */
function proxyHeaders(location: Location, server: readonly Directive[]): Map<string, string> {
  const own = location.block.filter((directive) => directive.name === 'proxy_set_header');
  const lines = own.length > 0 ? own : server.filter((directive) => directive.name === 'proxy_set_header');
  return new Map(lines.map(({ args }) => [args[0]!.toLowerCase(), args.slice(1).join(' ')]));
}

const value = (block: readonly Directive[], name: string) => block.find((directive) => directive.name === name)?.args;

/** The WebSocket paths socket.ts accepts an upgrade on: its path regexes and exact pathnames. */
function serverSocketPaths(): { readonly matches: (path: string) => boolean; readonly example: string }[] {
  const source = read('packages/server/src/chat/socket.ts');
  const regexes = [...source.matchAll(/^const \w+Path = \/(.+)\/;$/gm)].map((match) => {
    const regex = new RegExp(match[1]!);
    const example = match[1]!
      .replace(/^\^|\$$/g, '')
      .replace(/\(\[\^\/\]\+\)/g, 'c-4f1e2d')
      .replace(/\\\//g, '/');
    assert.match(example, regex, `an example path for ${regex}`);
    return { matches: (path: string) => regex.test(path), example };
  });
  const exact = [...source.matchAll(/url\.pathname === '([^']+)'/g)].map(([, path]) => ({
    matches: (candidate: string) => candidate === path,
    example: path!,
  }));
  return [...regexes, ...exact];
}

describe('docs/deploy/nginx.conf', () => {
  const config = parseNginx(read('docs/deploy/nginx.conf'));
  const server = config.find((directive) => directive.name === 'server')?.block ?? [];
  const locations = locationsOf(server);
  const socketPaths = serverSocketPaths();

  it('finds the server’s WebSocket paths in socket.ts (the shopper’s stream and the console’s feed)', () => {
    assert.deepEqual(
      socketPaths.map((path) => path.example),
      ['/v1/conversations/c-4f1e2d/stream', '/agent/socket'],
    );
  });

  for (const { example } of serverSocketPaths()) {
    it(`forwards the WebSocket upgrade on ${example}`, () => {
      const location = locationFor(locations, example);
      assert.ok(location, `a location for ${example}`);
      const headers = proxyHeaders(location, server);
      assert.equal(headers.get('upgrade'), '$http_upgrade', 'Upgrade is passed on');
      const connection = headers.get('connection') ?? '';
      const upgradeMap = config.find((directive) => directive.name === 'map' && directive.args[1] === connection);
      const mapsToUpgrade = upgradeMap?.block?.some((entry) => entry.name === 'default' && entry.args[0] === 'upgrade');
      assert.ok(/^upgrade$/i.test(connection) || mapsToUpgrade, `Connection is upgrade, not "${connection}"`);
      assert.deepEqual(value(location.block, 'proxy_http_version'), ['1.1'], 'HTTP/1.1: 1.0 has no upgrade');
      assert.deepEqual(value(location.block, 'proxy_pass'), ['http://kefu']);
      assert.equal(headers.get('host'), '$host', 'the Host the browser used: the console compares it with Origin');
    });
  }

  it('upgrades on no path the server does not serve a WebSocket on', () => {
    const upgrading = locations.filter((location) => proxyHeaders(location, server).has('upgrade'));
    for (const location of upgrading) {
      const served = socketPaths.filter((path) => locationFor(locations, path.example) === location);
      assert.ok(served.length > 0, `location ${location.modifier} ${location.pattern} serves no WebSocket path`);
    }
    for (const path of ['/v1/conversations/c-4f1e2d/messages', '/v1/conversations', '/agent/api/session', '/agent/']) {
      assert.equal(locationFor(locations, path)?.pattern, '/', `${path} is ordinary HTTP`);
    }
  });

  it('appends the client’s address to X-Forwarded-For wherever it proxies, as KEFU_TRUST_PROXY expects', () => {
    const proxying = locations.filter((location) => value(location.block, 'proxy_pass'));
    assert.ok(proxying.length >= 3);
    for (const location of proxying) {
      assert.equal(
        proxyHeaders(location, server).get('x-forwarded-for'),
        '$proxy_add_x_forwarded_for',
        `location ${location.pattern}`,
      );
    }
  });

  it('sends a refused or timed-out request to the next instance of the upstream', () => {
    const upstream = config.find((directive) => directive.name === 'upstream' && directive.args[0] === 'kefu');
    assert.ok((upstream?.block ?? []).filter((directive) => directive.name === 'server').length >= 2);
    assert.deepEqual(value(server, 'proxy_next_upstream'), ['error', 'timeout']);
  });
});

describe('docs/deploy/kefu.service', () => {
  const unit = read('docs/deploy/kefu.service');
  const setting = (name: string) => [...unit.matchAll(new RegExp(`^${name}=(.*)$`, 'gm'))].map((match) => match[1]!);

  it('runs the package’s bin, restarts it on failure and stops it with SIGTERM', () => {
    const bin = (JSON.parse(read('packages/server/package.json')) as { bin: Record<string, string> }).bin[
      'kefu-server'
    ];
    const [execStart] = setting('ExecStart');
    assert.ok(execStart?.endsWith(`/node_modules/@kefu/server/${bin!.replace(/^\.\//, '')}`), execStart);
    assert.deepEqual(setting('Restart'), ['on-failure']);
    assert.deepEqual(setting('KillSignal'), ['SIGTERM']);
  });

  it('sets only variables the server reads', () => {
    const cli = read('packages/server/src/cli.ts');
    for (const assignment of setting('Environment')) {
      const name = assignment.split('=')[0]!;
      if (name === 'NODE_ENV') continue;
      assert.match(cli, new RegExp(`env\\.${name}\\b`), `${name} is read by cli.ts`);
    }
  });
});

describe('docs/server.md’s environment table', () => {
  it('lists every variable the CLI reads', () => {
    const table = read('docs/server.md');
    const read_ = new Set(
      [...read('packages/server/src/cli.ts').matchAll(/env\.([A-Z_]+)/g)].map((match) => match[1]!),
    );
    read_.delete('PATH');
    assert.ok(read_.has('KEFU_DATABASE_URL') && read_.has('KEFU_DATABASE_MAX_CONNECTIONS'));
    for (const name of read_) assert.match(table, new RegExp(`^\\|[^\\n]*\`${name}\``, 'm'), `${name} in the table`);
  });
});
