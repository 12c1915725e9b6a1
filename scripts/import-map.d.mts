export interface ImportMapOptions {
  /** The project whose node_modules are read (default: the current folder). */
  readonly root?: string;
  /** Where the packages are served: a path or URL ending in / (default: /node_modules/). */
  readonly base?: string;
  /** A CDN that mirrors npm: files under `${base}${name}@${version}/`. */
  readonly cdn?: boolean;
  /** The packages the page imports (default: @kefu/core and @kefu/elements). */
  readonly packages?: readonly string[];
}
export function importMap(options?: ImportMapOptions): { imports: Record<string, string> };
