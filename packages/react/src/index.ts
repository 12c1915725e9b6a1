export * from './generated/components.js';
