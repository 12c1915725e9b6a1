import { expect } from '@open-wc/testing';
import { effect } from '@preact/signals-core';
import { createKefu } from './client.js';
import { createMemoryBackend } from './adapters/memory/memory-backend.js';
import type { KefuBackend } from './ports/backend.js';
import { KefuError } from './errors.js';

describe('createKefu', () => {
  it('loads the store configuration through loading → ready', async () => {
    const client = createKefu({ backend: createMemoryBackend({ latencyMs: 5 }) });
    const statuses: string[] = [];
    const stop = effect(() => {
      statuses.push(client.config.state.value.status);
    });
    await client.config.load();
    stop();
    client.dispose();
    expect(statuses).to.deep.equal(['idle', 'loading', 'ready']);
    expect(client.config.state.value.data?.brand.name).to.equal('Maple & Moss');
  });

  it('runs on the built-in demo store when no apiBase is given', async () => {
    const client = createKefu();
    await client.config.load();
    expect(client.config.state.value.status).to.equal('ready');
    client.dispose();
  });

  it('shares one request between elements that ask at the same time', async () => {
    let calls = 0;
    const memory = createMemoryBackend({ latencyMs: 5 });
    const backend: KefuBackend = {
      ...memory,
      getConfig: (options) => {
        calls += 1;
        return memory.getConfig(options);
      },
    };
    const client = createKefu({ backend });
    await Promise.all([client.config.load(), client.config.load(), client.config.load()]);
    expect(calls).to.equal(1);
    client.dispose();
  });

  it('turns a failure into error state, keeping what was loaded before, and never throws', async () => {
    let fail = false;
    const memory = createMemoryBackend();
    const backend: KefuBackend = {
      ...memory,
      getConfig: (options) => (fail ? Promise.reject(new KefuError('network', 'offline')) : memory.getConfig(options)),
    };
    const client = createKefu({ backend });
    await client.config.load();
    fail = true;
    await client.config.load();
    const state = client.config.state.value;
    expect(state.status).to.equal('error');
    expect(state.error?.code).to.equal('network');
    expect(state.data?.brand.name).to.equal('Maple & Moss');
    client.dispose();
  });
});
