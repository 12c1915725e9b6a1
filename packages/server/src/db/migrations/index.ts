import type { Migration } from '../database.js';

/** Every migration, in order. Each feature area adds its own file here. */
export const migrations: readonly Migration[] = [];
