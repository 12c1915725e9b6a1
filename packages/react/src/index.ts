export * from './generated/components.js';
export { KefuProvider, type KefuProviderProps } from './kefu-provider.js';
export { useKefu } from './use-kefu.js';
