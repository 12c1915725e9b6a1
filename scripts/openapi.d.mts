export const openApiPath: string;
export function renderOpenApiYaml(): Promise<string>;
