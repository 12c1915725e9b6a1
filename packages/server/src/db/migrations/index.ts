import type { Migration } from '../migrate.js';
import { storeMigration } from './001-store.js';
import { chatMigration } from './002-chat.js';
import { surveyReasonsMigration } from './003-survey-reasons.js';
import { conversationOwnerMigration } from './004-conversation-owner.js';
import { fileLinksMigration } from './005-file-links.js';
import { conversationContextMigration } from './006-conversation-context.js';
import { returnGrantsMigration } from './007-return-grants.js';
import { orderCustomerNameMigration } from './008-order-customer-name.js';
import { articlePositionMigration } from './009-article-position.js';
import { chatArrivalMigration } from './010-chat-arrival.js';
import { agentSessionsMigration } from './011-agent-sessions.js';
import { uploadBlobsMigration } from './012-upload-blobs.js';
import { storeSettingsMigration } from './013-store-settings.js';
import { adminApiMigration } from './014-admin-api.js';
import { webhooksMigration } from './015-webhooks.js';
import { agentsAuditMigration } from './016-agents-audit.js';
import { returnEventsMigration } from './017-return-events.js';
import { articleEditingMigration } from './018-article-editing.js';

/** Every migration, in order. Each feature area adds its own file here. */
export const migrations: readonly Migration[] = [
  storeMigration,
  chatMigration,
  surveyReasonsMigration,
  conversationOwnerMigration,
  fileLinksMigration,
  conversationContextMigration,
  returnGrantsMigration,
  orderCustomerNameMigration,
  articlePositionMigration,
  chatArrivalMigration,
  agentSessionsMigration,
  uploadBlobsMigration,
  storeSettingsMigration,
  adminApiMigration,
  webhooksMigration,
  agentsAuditMigration,
  returnEventsMigration,
  articleEditingMigration,
];
