export { createApp, type AppOptions } from './app.js';
export { startServer, type ServerOptions, type RunningServer } from './server.js';
export { ApiError } from './errors.js';
