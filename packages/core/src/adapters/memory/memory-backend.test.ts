import { runBackendSuite } from '../../../test-suites/backend.suite.js';
import { createMemoryBackend } from './memory-backend.js';

runBackendSuite('memory', async () => ({ backend: createMemoryBackend() }));
