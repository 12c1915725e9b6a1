import type { Kysely } from 'kysely';
import type { KefuDatabase } from '../db/schema.js';
import { inTransaction, isUniqueViolation, lock, type Executor } from '../db/tx.js';
import { ApiError } from '../errors.js';
import { newId, newToken, sha256 } from '../services/crypto.js';
import { hashPassword, passwordProblem, verifyPassword } from './password.js';
import type { AuditActor, AuditLog } from './audit.js';

export const agentRoles = ['admin', 'agent'] as const;
export type AgentRole = (typeof agentRoles)[number];

/** An invite link works this long (72 hours), and once. */
export const INVITE_TTL_MS = 72 * 60 * 60 * 1000;

/** An account as the console and `agents list` show it: never its password hash. */
export interface AgentInfo {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: AgentRole;
  /** `invited` until the invite is accepted (no password yet); `disabled` once an admin says so. */
  readonly status: 'active' | 'invited' | 'disabled';
  readonly createdAt: number;
}

/** What an invite link opens: the account it is for, or none (the first admin gives their own). */
export interface InviteInfo {
  readonly role: AgentRole;
  readonly expiresAt: number;
  readonly account?: { readonly email: string; readonly name: string };
}

/** The account a password was checked against, for a session. */
export interface Account {
  readonly id: string;
  readonly name: string;
  readonly role: AgentRole;
}

export interface Agents {
  /** An account with a password, at once: the demo's agents and tests' (`npm start --demo`). */
  create(input: { email: string; name: string; role: AgentRole; password: string }): Promise<AgentInfo>;
  /**
   * Invites someone: a new account without a password, and a one-time token for the link
   * `/agent/invite#<token>`. Inviting an address whose invite is pending makes a new link (the old
   * one stops working); an address with an account is refused (409 `agent_exists`).
   */
  invite(
    input: { email: string; name: string; role: AgentRole },
    actor: AuditActor,
  ): Promise<{ agent: AgentInfo; token: string }>;
  /**
   * A new invite link for an existing account that is not disabled: for an agent who forgot their
   * password (accepting it sets a new one; the caller ends their sessions). Earlier links stop working.
   */
  reinvite(id: string, actor: AuditActor): Promise<{ agent: AgentInfo; token: string }>;
  /**
   * With no account at all: a new invite for the first admin (earlier such links stop working), so
   * each start prints a link that works. Undefined once anyone has an account.
   */
  firstAdminInvite(): Promise<string | undefined>;
  /** What a live invite is for; undefined for a used, expired or unknown token. */
  inviteInfo(token: string): Promise<InviteInfo | undefined>;
  /** Sets the password (and, for the first admin, e-mail and name) and uses the invite up. */
  acceptInvite(token: string, input: { password: string; email?: string; name?: string }): Promise<Account>;
  /** The account whose e-mail and password these are, or undefined — in the same time either way. */
  check(email: string, password: string): Promise<Account | undefined>;
  /** The account of a session, if it still may sign in. */
  active(id: string): Promise<Account | undefined>;
  list(): Promise<AgentInfo[]>;
  find(emailOrId: string): Promise<AgentInfo | undefined>;
  /** An admin changes someone's role or name. The last active admin stays an admin. */
  update(id: string, change: { role?: AgentRole; name?: string }, actor: AuditActor): Promise<AgentInfo>;
  /** Disables an account for good (its sessions are the caller's to end). The last admin cannot go. */
  disable(id: string, actor: AuditActor): Promise<AgentInfo>;
  /** Checks `current`, then stores `next`. */
  changePassword(id: string, current: string, next: string): Promise<void>;
  /** Whether there is any account: a start with none prints the first admin's invite. */
  any(): Promise<boolean>;
}

type AgentRow = KefuDatabase['agents'];

const emailKey = (email: string) => email.trim().toLowerCase();
const inviteDigest = (token: string) => sha256(`kefu-agent-invite\n${token}`);

function info(row: AgentRow): AgentInfo {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    status: row.disabled_at !== null ? 'disabled' : row.password_hash === null ? 'invited' : 'active',
    createdAt: row.created_at,
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The invitee's or the CLI's input, checked: 422 `validation_failed` naming the field. */
export function checkedAccount(input: { email: string; name: string }): { email: string; name: string } {
  const email = input.email.trim();
  const name = input.name.trim().replace(/\s+/g, ' ');
  const fields: Record<string, string> = {};
  if (!EMAIL.test(email) || email.length > 254) fields.email = 'Enter an e-mail address such as mei@example.com.';
  if (name.length === 0) fields.name = 'Enter the name shoppers will see.';
  else if (name.length > 60) fields.name = 'Keep the name under 60 characters.';
  if (Object.keys(fields).length > 0)
    throw new ApiError(422, 'validation_failed', 'Please check the highlighted fields.', fields);
  return { email, name };
}

function checkedPassword(password: string, account: { email: string; name: string }): void {
  const problem = passwordProblem(password, account);
  if (problem)
    throw new ApiError(422, 'validation_failed', 'Please check the highlighted fields.', { password: problem });
}

const notFound = () => new ApiError(404, 'agent_not_found', 'No such agent.');
const inviteGone = () =>
  new ApiError(410, 'invite_invalid', 'This invite link has been used or has expired. Ask an admin for a new one.');

export function createAgents(db: Kysely<KefuDatabase>, now: () => number, audit: AuditLog): Agents {
  const row = (executor: Executor, id: string) =>
    executor.selectFrom('agents').selectAll().where('id', '=', id).executeTakeFirst();

  async function insertAccount(
    executor: Executor,
    input: { email: string; name: string; role: AgentRole; passwordHash: string | null },
  ): Promise<AgentRow> {
    const values: AgentRow = {
      id: newId('agt'),
      email: input.email,
      email_key: emailKey(input.email),
      name: input.name,
      role: input.role,
      password_hash: input.passwordHash,
      created_at: now(),
      password_changed_at: input.passwordHash === null ? null : now(),
      disabled_at: null,
    };
    try {
      await executor.insertInto('agents').values(values).execute();
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ApiError(409, 'agent_exists', 'An agent with this e-mail already exists.');
      throw error;
    }
    return values;
  }

  async function newInvite(executor: Executor, agentId: string | null, role: AgentRole): Promise<string> {
    const token = newToken();
    const at = now();
    await executor
      .insertInto('agent_invites')
      .values({
        token_hash: inviteDigest(token),
        agent_id: agentId,
        role,
        created_at: at,
        expires_at: at + INVITE_TTL_MS,
      })
      .execute();
    return token;
  }

  /** Active admins other than `except`: the last one may not be demoted or disabled. */
  async function otherAdmins(executor: Executor, except: string): Promise<number> {
    const found = await executor
      .selectFrom('agents')
      .select('id')
      .where('role', '=', 'admin')
      .where('disabled_at', 'is', null)
      .where('password_hash', 'is not', null)
      .where('id', '!=', except)
      .limit(1)
      .execute();
    return found.length;
  }

  return {
    async create(input) {
      const account = checkedAccount(input);
      return info(
        await insertAccount(db, { ...account, role: input.role, passwordHash: await hashPassword(input.password) }),
      );
    },

    async invite(input, actor) {
      const account = checkedAccount(input);
      return inTransaction(db, async (trx) => {
        await lock(trx, 'agent_email', emailKey(account.email));
        let existing = await trx
          .selectFrom('agents')
          .selectAll()
          .where('email_key', '=', emailKey(account.email))
          .executeTakeFirst();
        if (existing && (existing.password_hash !== null || existing.disabled_at !== null)) {
          throw new ApiError(409, 'agent_exists', 'An agent with this e-mail already exists.');
        }
        if (existing) {
          await trx.deleteFrom('agent_invites').where('agent_id', '=', existing.id).execute();
          await trx
            .updateTable('agents')
            .set({ name: account.name, role: input.role })
            .where('id', '=', existing.id)
            .execute();
          existing = { ...existing, name: account.name, role: input.role };
        }
        const agent = existing ?? (await insertAccount(trx, { ...account, role: input.role, passwordHash: null }));
        const token = await newInvite(trx, agent.id, input.role);
        await audit.record(trx, {
          actor,
          action: 'agent.invited',
          subject: { type: 'agent', id: agent.id },
          summary: `Invited ${agent.name} <${agent.email}> as ${input.role}`,
        });
        return { agent: info(agent), token };
      });
    },

    async reinvite(id, actor) {
      return inTransaction(db, async (trx) => {
        const found = await row(trx, id);
        if (!found || found.disabled_at !== null) throw notFound();
        await trx.deleteFrom('agent_invites').where('agent_id', '=', id).execute();
        const token = await newInvite(trx, id, found.role);
        await audit.record(trx, {
          actor,
          action: 'agent.reinvited',
          subject: { type: 'agent', id },
          summary: `New invite link for ${found.name} <${found.email}>`,
        });
        return { agent: info(found), token };
      });
    },

    async firstAdminInvite() {
      return inTransaction(db, async (trx) => {
        await lock(trx, 'agents', 'first');
        if (await trx.selectFrom('agents').select('id').limit(1).executeTakeFirst()) return undefined;
        await trx.deleteFrom('agent_invites').where('agent_id', 'is', null).execute();
        return newInvite(trx, null, 'admin');
      });
    },

    async inviteInfo(token) {
      const invite = await db
        .selectFrom('agent_invites')
        .selectAll()
        .where('token_hash', '=', inviteDigest(token))
        .executeTakeFirst();
      if (!invite || invite.expires_at <= now()) return undefined;
      if (invite.agent_id === null) return { role: invite.role, expiresAt: invite.expires_at };
      const agent = await row(db, invite.agent_id);
      if (!agent || agent.disabled_at !== null) return undefined;
      return { role: invite.role, expiresAt: invite.expires_at, account: { email: agent.email, name: agent.name } };
    },

    async acceptInvite(token, input) {
      // The hash is slow: made before the transaction, which only checks and writes.
      const hashed = hashPassword(input.password);
      hashed.catch(() => undefined);
      return inTransaction(db, async (trx) => {
        const digest = inviteDigest(token);
        await lock(trx, 'agent_invite', digest);
        const invite = await trx
          .selectFrom('agent_invites')
          .selectAll()
          .where('token_hash', '=', digest)
          .executeTakeFirst();
        if (!invite || invite.expires_at <= now()) throw inviteGone();
        let agent: AgentRow | undefined;
        if (invite.agent_id === null) {
          const account = checkedAccount({ email: input.email ?? '', name: input.name ?? '' });
          checkedPassword(input.password, account);
          agent = await insertAccount(trx, { ...account, role: invite.role, passwordHash: await hashed });
        } else {
          agent = await row(trx, invite.agent_id);
          if (!agent || agent.disabled_at !== null) throw inviteGone();
          checkedPassword(input.password, agent);
          const at = now();
          await trx
            .updateTable('agents')
            .set({ password_hash: await hashed, password_changed_at: at })
            .where('id', '=', agent.id)
            .execute();
        }
        await trx.deleteFrom('agent_invites').where('token_hash', '=', digest).execute();
        await audit.record(trx, {
          actor: { kind: 'agent', id: agent.id, name: agent.name },
          action: 'agent.joined',
          subject: { type: 'agent', id: agent.id },
          summary: `${agent.name} <${agent.email}> accepted the invite (${agent.role})`,
        });
        return { id: agent.id, name: agent.name, role: agent.role };
      });
    },

    async check(email, password) {
      const found = await db
        .selectFrom('agents')
        .selectAll()
        .where('email_key', '=', emailKey(email))
        .executeTakeFirst();
      // Always one scrypt, account or not (verifyPassword checks a dummy hash for none).
      const usable = found && found.disabled_at === null ? found.password_hash : null;
      if (!(await verifyPassword(password, usable)) || !found) return undefined;
      return { id: found.id, name: found.name, role: found.role };
    },

    async active(id) {
      const found = await row(db, id);
      if (!found || found.disabled_at !== null || found.password_hash === null) return undefined;
      return { id: found.id, name: found.name, role: found.role };
    },

    async list() {
      const rows = await db.selectFrom('agents').selectAll().orderBy('created_at').orderBy('id').execute();
      return rows.map(info);
    },

    async find(emailOrId) {
      const found = await db
        .selectFrom('agents')
        .selectAll()
        .where((eb) => eb.or([eb('id', '=', emailOrId), eb('email_key', '=', emailKey(emailOrId))]))
        .executeTakeFirst();
      return found ? info(found) : undefined;
    },

    async update(id, change, actor) {
      return inTransaction(db, async (trx) => {
        await lock(trx, 'agents', 'admins');
        const found = await row(trx, id);
        if (!found) throw notFound();
        const name =
          change.name === undefined ? found.name : checkedAccount({ email: found.email, name: change.name }).name;
        const role = change.role ?? found.role;
        if (found.role === 'admin' && role !== 'admin' && (await otherAdmins(trx, id)) === 0) {
          throw new ApiError(409, 'last_admin', 'There must be at least one admin: make someone else an admin first.');
        }
        if (name === found.name && role === found.role) return info(found);
        await trx.updateTable('agents').set({ name, role }).where('id', '=', id).execute();
        const changes = [
          ...(role === found.role ? [] : [`role ${found.role} → ${role}`]),
          ...(name === found.name ? [] : [`name ${found.name} → ${name}`]),
        ];
        await audit.record(trx, {
          actor,
          action: 'agent.changed',
          subject: { type: 'agent', id },
          summary: `${found.email}: ${changes.join(', ')}`,
        });
        return info({ ...found, name, role });
      });
    },

    async disable(id, actor) {
      return inTransaction(db, async (trx) => {
        await lock(trx, 'agents', 'admins');
        const found = await row(trx, id);
        if (!found) throw notFound();
        if (found.disabled_at !== null) return info(found);
        if (found.role === 'admin' && (await otherAdmins(trx, id)) === 0) {
          throw new ApiError(409, 'last_admin', 'There must be at least one admin: make someone else an admin first.');
        }
        const at = now();
        await trx.updateTable('agents').set({ disabled_at: at }).where('id', '=', id).execute();
        await trx.deleteFrom('agent_invites').where('agent_id', '=', id).execute();
        await audit.record(trx, {
          actor,
          action: 'agent.disabled',
          subject: { type: 'agent', id },
          summary: `Disabled ${found.name} <${found.email}>`,
        });
        return info({ ...found, disabled_at: at });
      });
    },

    async changePassword(id, current, next) {
      const found = await row(db, id);
      if (!found || !(await verifyPassword(current, found.password_hash))) {
        throw new ApiError(422, 'validation_failed', 'Please check the highlighted fields.', {
          currentPassword: 'That is not your current password.',
        });
      }
      checkedPassword(next, found);
      await db
        .updateTable('agents')
        .set({ password_hash: await hashPassword(next), password_changed_at: now() })
        .where('id', '=', id)
        .execute();
    },

    async any() {
      return (await db.selectFrom('agents').select('id').limit(1).executeTakeFirst()) !== undefined;
    },
  };
}
