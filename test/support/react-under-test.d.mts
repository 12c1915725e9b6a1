import type * as ReactModule from 'react';
import type * as KefuReact from '@kefu/react';
import type * as KefuElements from '@kefu/elements';
import type * as StorefrontModule from './react-storefront.js';

export type ReactVersion = 18 | 19;
export declare const reactVersions: ReactVersion[];

/** React's server side, @kefu/react and the test storefront, all on one React version. */
export interface ServerReact extends Pick<typeof StorefrontModule, 'Storefront'> {
  readonly React: typeof ReactModule;
  renderToString(element: ReactModule.ReactNode): string;
  readonly Kefu: typeof KefuReact;
  readonly sharedClient: typeof KefuElements.sharedClient;
}

export declare function browserBundle(version: ReactVersion): Promise<string>;
export declare function loadServerReact(version: ReactVersion): Promise<ServerReact>;
export declare function renderStorefront(version: ReactVersion): Promise<string>;
export declare function reactUnderTestPlugin(): { name: string; serve(context: { path: string }): Promise<unknown> };
