import { containsCjk } from './faq-search.js';

/**
 * What the demo's agent says. Canned, chosen by keywords, in the shopper's script: good enough to
 * show the conversation flow, and obviously not a real person to anyone who reads two replies.
 */
export const SIMULATED_AGENT_NAME = 'Mei';

type Topic = 'order' | 'return' | 'other';

const topicKeywords: Record<Exclude<Topic, 'other'>, RegExp> = {
  return: /return|refund|exchange|退货|退款|换货|退换/i,
  order: /order|where|track|deliver|parcel|package|订单|物流|快递|到哪|哪里|发货/i,
};

const replies: Record<Topic, { en: string; zh: string }> = {
  order: {
    en: 'I can check that for you. Could you tell me your order number? It starts with MM-, e.g. MM-1001.',
    zh: '我来帮您查一下。请告诉我您的订单号，以 MM- 开头，例如 MM-1001。',
  },
  return: {
    en: 'Returns are easy: open "Returns" in this window, look up your order, choose the items and a reason, and we will email you a prepaid label. Refunds arrive within 5 business days of the parcel reaching us.',
    zh: '退货很简单：在本窗口打开“退货”，查询您的订单，选择商品和原因，我们会通过邮件发送预付费退货标签。包裹到达后 5 个工作日内退款。',
  },
  other: {
    en: 'Thanks for your message! Let me look into that for you.',
    zh: '感谢您的留言！我来帮您看一下。',
  },
};

export function agentReply(shopperText: string): string {
  const topic: Topic = topicKeywords.return.test(shopperText)
    ? 'return'
    : topicKeywords.order.test(shopperText)
      ? 'order'
      : 'other';
  return containsCjk(shopperText) ? replies[topic].zh : replies[topic].en;
}

export function agentGreeting(shopperName: string, chinese: boolean): string {
  return chinese
    ? `${shopperName}，您好！我是 ${SIMULATED_AGENT_NAME}，有什么可以帮您？`
    : `Hi ${shopperName}, I'm ${SIMULATED_AGENT_NAME}. How can I help you today?`;
}
