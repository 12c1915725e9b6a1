export * from './generated/components.js';
export { KefuProvider, useKefu, type KefuProviderProps } from './kefu-provider.js';
