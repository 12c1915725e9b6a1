/** A port nobody listens on right now. */
export function freePort(): Promise<number>;
export function startReferenceServer(options: {
  allowedOrigins: string[];
  env?: Record<string, string>;
}): Promise<{ apiBase: string; origin: string; stop(): void }>;
