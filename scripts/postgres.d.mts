export function findPostgresBin(): string | undefined;
