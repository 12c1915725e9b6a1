export { createApp, API_INFO } from './app.js';
export { startServer, type ServerOptions, type RunningServer } from './server.js';
export { openDatabase, type Db } from './db/database.js';
export type { ServerDeps } from './deps.js';
export { ApiError } from './errors.js';
