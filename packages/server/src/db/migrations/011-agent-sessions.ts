import type { Migration } from '../migrate.js';

/**
 * What the agent console kept in one process's memory, in the database, so a restart or another
 * instance keeps an agent signed in and counts them once (issue 21, decision 0016 §6):
 * - `agent_sessions`: one row per signed-in console, by the SHA-256 of the cookie's secret (the
 *   secret itself is never stored); `last_seen` in ms for the idle expiry.
 * - `agent_presence`: which instance holds a live console socket of which session, refreshed by a
 *   heartbeat; a row older than the expiry is an instance that died. Agents online = distinct
 *   sessions with a fresh row.
 * Failed console sign-ins go to `rate_limit_hits` (bucket `console_sign_in`), as failed lookups do.
 */
export const agentSessionsMigration: Migration = {
  id: 11,
  name: 'agent-sessions',
  sqlite: `
      CREATE TABLE agent_sessions (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        last_seen INTEGER NOT NULL
      );
      CREATE INDEX agent_sessions_by_last_seen ON agent_sessions (last_seen);
      CREATE TABLE agent_presence (
        instance_id TEXT NOT NULL,
        session_id TEXT NOT NULL,
        seen_at INTEGER NOT NULL,
        PRIMARY KEY (instance_id, session_id)
      );
      CREATE INDEX agent_presence_by_seen_at ON agent_presence (seen_at);
    `,
  postgres: `
      create table agent_sessions (
        id text collate "C" primary key,
        name text not null,
        created_at bigint not null,
        last_seen bigint not null
      );
      create index agent_sessions_by_last_seen on agent_sessions (last_seen);
      create table agent_presence (
        instance_id text collate "C" not null,
        session_id text collate "C" not null,
        seen_at bigint not null,
        primary key (instance_id, session_id)
      );
      create index agent_presence_by_seen_at on agent_presence (seen_at);
    `,
};
