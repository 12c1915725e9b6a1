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
