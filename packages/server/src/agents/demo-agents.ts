import { ApiError } from '../errors.js';
import type { AgentRole, Agents } from './agents.js';

/**
 * The demo store's agents (`kefu-server --demo`, `npm start`, the tests): two accounts with one
 * known password, printed in the start banner as demo accounts. A store's own server never has
 * them: without `--demo` the first start prints the first admin's invite instead (decision 0023).
 */
export const DEMO_AGENT_PASSWORD = 'maple-moss-demo';

export const DEMO_AGENTS: readonly { readonly email: string; readonly name: string; readonly role: AgentRole }[] = [
  { email: 'mei@maple-and-moss.example', name: 'Mei', role: 'admin' },
  { email: 'lin@maple-and-moss.example', name: 'Lin', role: 'agent' },
];

/** Creates the demo agents when there is no account yet (instances starting together: once). */
export async function seedDemoAgents(agents: Agents): Promise<void> {
  if (await agents.any()) return;
  for (const agent of DEMO_AGENTS) {
    try {
      await agents.create({ ...agent, password: DEMO_AGENT_PASSWORD });
    } catch (error) {
      // Another instance starting on the same database made it first.
      if (!(error instanceof ApiError && error.code === 'agent_exists')) throw error;
    }
  }
}
