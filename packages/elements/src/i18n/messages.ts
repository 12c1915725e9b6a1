/**
 * Message catalogues. Every string a shopper reads comes from here; English is the reference and
 * complete, Simplified Chinese complete, Arabic there to prove right-to-left layout. A catalogue's
 * type is English's, so a missing key fails type-checking.
 */
export const en = {
  launcherLabel: 'Help',
  back: 'Back',
  searchLabel: 'Search the help centre',
  searchPlaceholder: 'Search for answers',
  browseHelp: 'Browse help articles',
  trackOrder: 'Track an order',
  startReturn: 'Start a return',
  chatWithUs: 'Chat with us',
  callMeBack: 'Call me back',
  openHelp: 'Open help',
  closeHelp: 'Close help',
  panelTitle: 'Help',
  greeting: 'Hi! How can we help?',
  loading: 'Loading…',
  loadFailed: 'We could not reach the help centre. Please try again.',
  retry: 'Try again',
  offline: 'You are offline. What you send is saved and goes out when you are back online.',
  storageUnavailable:
    'This browser cannot save Kefu data for offline use; keep this page open until your request is sent.',
} as const;

export type MessageKey = keyof typeof en;
export type Catalogue = Readonly<Record<MessageKey, string>>;

const zhCN: Catalogue = {
  launcherLabel: '帮助',
  back: '返回',
  searchLabel: '搜索帮助中心',
  searchPlaceholder: '搜索问题答案',
  browseHelp: '浏览帮助文章',
  trackOrder: '查询订单',
  startReturn: '申请退货',
  chatWithUs: '在线咨询',
  callMeBack: '预约回电',
  openHelp: '打开帮助',
  closeHelp: '关闭帮助',
  panelTitle: '帮助',
  greeting: '您好！有什么可以帮您？',
  loading: '加载中…',
  loadFailed: '暂时无法连接帮助中心，请重试。',
  retry: '重试',
  offline: '您目前处于离线状态。您提交的内容已保存，恢复联网后会自动发送。',
  storageUnavailable: '此浏览器无法离线保存数据；请在请求发送完成前保持此页面打开。',
};

const ar: Catalogue = {
  launcherLabel: 'المساعدة',
  back: 'رجوع',
  searchLabel: 'ابحث في مركز المساعدة',
  searchPlaceholder: 'ابحث عن إجابات',
  browseHelp: 'تصفّح مقالات المساعدة',
  trackOrder: 'تتبّع طلبًا',
  startReturn: 'ابدأ الإرجاع',
  chatWithUs: 'تحدّث معنا',
  callMeBack: 'اتصلوا بي',
  openHelp: 'فتح المساعدة',
  closeHelp: 'إغلاق المساعدة',
  panelTitle: 'المساعدة',
  greeting: 'مرحبًا! كيف يمكننا مساعدتك؟',
  loading: 'جارٍ التحميل…',
  loadFailed: 'تعذّر الوصول إلى مركز المساعدة. يُرجى المحاولة مرة أخرى.',
  retry: 'إعادة المحاولة',
  offline: 'أنت غير متصل بالإنترنت. ما ترسله محفوظ وسيُرسل عند عودة الاتصال.',
  storageUnavailable: 'لا يستطيع هذا المتصفح حفظ البيانات للاستخدام دون اتصال؛ أبقِ هذه الصفحة مفتوحة حتى يُرسل طلبك.',
};

export const catalogues: Readonly<Record<string, Catalogue>> = { en, 'zh-CN': zhCN, ar };
