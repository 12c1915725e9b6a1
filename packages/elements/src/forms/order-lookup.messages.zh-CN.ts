import type { OrderLookupMessages } from './order-lookup.messages.js';

/** The order lookup form in Simplified Chinese. */
export const zhCN: OrderLookupMessages = {
  orderNumber: '订单号',
  orderNumberHint: (example) => `可在订单确认邮件中找到，例如 ${example}。`,
  contact: '电子邮箱或邮政编码',
  contactHint: '下单时使用的电子邮箱，或收货地址的邮政编码。',
  orderNumberMissing: '请输入订单号。',
  orderNumberInvalid: (example) =>
    example ? `请核对订单号，格式应类似 ${example}。` : '请核对订单号：订单号只包含字母、数字和短横线。',
  contactMissing: '请输入下单时使用的电子邮箱或收货地址的邮政编码。',
  contactInvalid: '请输入有效的电子邮箱（例如 name@example.com），或收货地址的邮政编码。',
  searching: '正在查询您的订单…',
  notFound: '未找到与这些信息匹配的订单。请核对订单号以及电子邮箱或邮政编码后重试。',
  oneTryLeft: '您还有 1 次尝试机会，之后需要稍等片刻。',
  rateLimited: (wait) => `尝试次数过多。为保护您的账户安全，请等待${wait}后再试。`,
  offline: '您目前处于离线状态，无法查询订单。您输入的内容已保留，恢复网络后即可查询。',
  backOnline: '网络已恢复。',
  retryNow: '立即查询',
  serverError: '我们这边出了点问题，请稍后再试。',
  tryAgain: '重试',
};
