// Types shared with the server, imported for their shape only (erased from the bundle).
export type { ChatEvent, ChatMessage } from '@kefu/core';
export type { ConversationSummary } from '../../chat/service.js';
export type { AgentFeedFrame } from '../../chat/agent-feed.js';
export type { ConsoleOrder } from '../orders.js';
export type { AdminCallback, SurveyStats } from '../../services/admin.js';
export type { ConsoleReturn, ConsoleReturnItem } from '../returns.js';
export type { ConsoleSurveyStats, ConsoleSurveyComment } from '../admin-routes.js';
export type { ConsoleSettings } from '../settings-routes.js';
export type { SurveyDay } from '../../services/surveys.js';
export type { AgentInfo, AgentRole, InviteInfo } from '../../agents/agents.js';
export type { AuditEntry } from '../../agents/audit.js';
export type { ApiKeyInfo } from '../../admin/keys.js';
export type { WebhookDelivery, WebhookEndpoint } from '../../webhooks/webhooks.js';

/** Who is signed in, as GET and POST /agent/api/session answer. */
export interface SignedInAgent {
  readonly id: string;
  readonly name: string;
  readonly role: 'admin' | 'agent';
}
export type { EditorArticle } from '../../admin/articles.js';
