export const elementsDocsDir: string;
export function elementPage(element: unknown): string;
export function elementsIndex(elements: readonly unknown[]): string;
export function elementDocs(manifest: unknown): Record<string, string>;
export function writeElementDocs(manifest: unknown): string[];
