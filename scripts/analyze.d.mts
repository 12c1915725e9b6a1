export function analyzeElements(): string;
export function generatedFiles(): Promise<Record<string, string>>;
