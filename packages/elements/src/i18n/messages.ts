/**
 * Message catalogues. Every string a shopper reads comes from here; English is complete and the
 * reference, the others are checked against it in tests.
 */
export const en = {
  launcherLabel: 'Help',
  openHelp: 'Open help',
  closeHelp: 'Close help',
  greeting: 'Hi! How can we help?',
  loading: 'Loading…',
  loadFailed: 'We could not reach the help centre. Please try again.',
  retry: 'Try again',
} as const;

export type MessageKey = keyof typeof en;
export type Catalogue = Readonly<Record<MessageKey, string>>;

const zhCN: Catalogue = {
  launcherLabel: '帮助',
  openHelp: '打开帮助',
  closeHelp: '关闭帮助',
  greeting: '您好！有什么可以帮您？',
  loading: '加载中…',
  loadFailed: '暂时无法连接帮助中心，请重试。',
  retry: '重试',
};

export const catalogues: Readonly<Record<string, Catalogue>> = { en, 'zh-CN': zhCN };
