import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { screenshotPath } from './storefront.js';

/**
 * The six things a shopper comes to the widget for (the FAQ, tracking an order, a return, a chat
 * an agent answers, a call back, a survey), done as a shopper on a phone does them, in one of
 * Kefu's languages: every label the steps touch and every word they wait for is that language's,
 * so a string left in English fails the step that needs it.
 */

export type Scheme = 'light' | 'dark';

export interface Language {
  /** Kefu's locale tag, and the name of the screenshots. */
  readonly tag: 'en' | 'zh-CN' | 'ar';
  /** What the phone is set to: the browser context's `locale` and time zone. */
  readonly browser: { readonly locale: string; readonly timezoneId: string };
  /** The scheme the journeys run in; each final view is photographed in both. */
  readonly scheme: Scheme;
  readonly dir: 'ltr' | 'rtl';
  /** How this shopper gets the panel in their language (see `openInLanguage`). */
  readonly choice:
    | { readonly by: 'page' }
    | { readonly by: 'offer'; readonly question: string; readonly accept: string }
    | { readonly by: 'store-page' };
  readonly words: Words;
  /**
   * What the shopper asks the help centre. `note`: the line saying the help centre is written in
   * another language, when the store has no articles in this one (the demo store writes in English
   * and Chinese; an Arabic shopper reads its English articles, told so in Arabic).
   */
  readonly faq: { readonly query: string; readonly article: RegExp; readonly note?: string };
  readonly tracking: {
    readonly typed: string;
    readonly number: string;
    readonly contact: string;
    readonly status: string;
  };
  readonly return: {
    readonly number: string;
    readonly contact: string;
    readonly itemId: string;
    readonly reason: string;
    readonly resolution: string;
  };
  readonly chat: { readonly name: string; readonly email: string; readonly message: string; readonly reply: string };
  readonly callback: {
    readonly name: string;
    readonly country: string;
    readonly phone: string;
    readonly topic: string;
  };
}

/** The words a shopper reads and taps, as the product writes them in that language. */
export interface Words {
  readonly greeting: string;
  readonly back: string;
  // Tracking
  readonly trackOrder: string;
  readonly orderNumber: string;
  readonly contact: string;
  readonly track: string;
  readonly anotherOrder: string;
  readonly orderHeading: (number: string) => string;
  // Returns
  readonly startReturn: string;
  readonly findOrder: string;
  readonly returnHeading: (number: string) => string;
  readonly reason: string;
  readonly review: string;
  readonly reviewTitle: string;
  readonly submitReturn: string;
  readonly returnRequested: string;
  readonly rma: RegExp;
  // Chat
  readonly chatWithUs: string;
  readonly agentsOnline: string;
  readonly name: string;
  readonly email: string;
  readonly firstMessage: string;
  readonly startChat: string;
  readonly messageLabel: string;
  readonly chattingWith: (agent: string) => string;
  // Callback
  readonly callMeBack: string;
  readonly callbackTitle: string;
  readonly yourName: string;
  readonly country: string;
  readonly phone: string;
  readonly willCall: RegExp;
  readonly consent: string;
  readonly topic: string;
  readonly requestCall: string;
  readonly callBooked: string;
  // Survey
  readonly surveyPrompt: string;
  readonly cesReturnQuestion: string;
  readonly send: string;
  readonly thanks: string;
}

export const english: Language = {
  tag: 'en',
  browser: { locale: 'en-GB', timezoneId: 'Europe/London' },
  scheme: 'light',
  dir: 'ltr',
  choice: { by: 'page' },
  words: {
    greeting: 'Hi! How can we help?',
    back: 'Back',
    trackOrder: 'Track an order',
    orderNumber: 'Order number',
    contact: 'Email address or postal code',
    track: 'Track order',
    anotherOrder: 'Track another order',
    orderHeading: (number) => `Order ${number}`,
    startReturn: 'Start a return',
    findOrder: 'Find order',
    returnHeading: (number) => `Return items from order ${number}`,
    reason: 'Reason',
    review: 'Review return',
    reviewTitle: 'Check your return',
    submitReturn: 'Submit return',
    returnRequested: 'Return requested',
    rma: /^Your return number is RMA-\d+\.$/,
    chatWithUs: 'Chat with us',
    agentsOnline: '1 agent online',
    name: 'Name',
    email: 'Email',
    firstMessage: 'How can we help?',
    startChat: 'Start chat',
    messageLabel: 'Message',
    chattingWith: (agent) => `Chatting with ${agent}`,
    callMeBack: 'Call me back',
    callbackTitle: 'Request a call back',
    yourName: 'Your name',
    country: 'Country',
    phone: 'Phone number',
    willCall: /^We will call \+44 20 7946 0018\.$/,
    consent: 'I agree to be called at this number about this request.',
    topic: 'What would you like to talk about?',
    requestCall: 'Request the call',
    callBooked: 'Your call is booked',
    surveyPrompt: 'Tell us how we did',
    cesReturnQuestion: 'How easy was it to request your return?',
    send: 'Send',
    thanks: 'Thank you for your feedback!',
  },
  faq: { query: 'how long to return', article: /^How long do I have to return something\?$/ },
  tracking: {
    typed: 'MM-1003',
    number: 'MM-1003',
    contact: 'lena.schmidt@example.com',
    status: 'Part of your order is on its way; the rest will follow.',
  },
  return: {
    number: 'MM-1004',
    contact: 'ana.garcia@example.com',
    itemId: 'item_1004_2',
    reason: 'Changed my mind',
    resolution: 'Refund',
  },
  chat: {
    name: 'Oliver Bennett',
    email: 'oliver.bennett@example.com',
    message: 'Hello, can I change the colour of my throw?',
    reply: 'Hello Oliver, yes: tell me which colour you would like.',
  },
  callback: { name: 'Oliver Bennett', country: 'GB', phone: '020 7946 0018', topic: 'Changing my order' },
};

export const chinese: Language = {
  tag: 'zh-CN',
  browser: { locale: 'zh-CN', timezoneId: 'Asia/Shanghai' },
  scheme: 'dark',
  dir: 'ltr',
  // The page is English; the panel offers the phone's language in it.
  choice: { by: 'offer', question: '查看中文版？', accept: '切换' },
  words: {
    greeting: '您好！有什么可以帮您？',
    back: '返回',
    trackOrder: '查询订单',
    orderNumber: '订单号',
    contact: '电子邮箱或邮政编码',
    track: '查询订单',
    anotherOrder: '查询其他订单',
    orderHeading: (number) => `订单 ${number}`,
    startReturn: '申请退货',
    findOrder: '查找订单',
    returnHeading: (number) => `订单 ${number} 退货`,
    reason: '退货原因',
    review: '检查退货信息',
    reviewTitle: '请确认您的退货信息',
    submitReturn: '提交退货申请',
    returnRequested: '退货申请已提交',
    rma: /^您的退货编号是 RMA-\d+。$/,
    chatWithUs: '在线咨询',
    agentsOnline: '1 位客服在线',
    name: '姓名',
    email: '邮箱',
    firstMessage: '有什么可以帮您？',
    startChat: '开始对话',
    messageLabel: '消息',
    chattingWith: (agent) => `正在与 ${agent} 对话`,
    callMeBack: '预约回电',
    callbackTitle: '预约回电',
    yourName: '您的姓名',
    country: '国家/地区',
    phone: '电话号码',
    willCall: /^我们将拨打 \+86 138 0013 8000。$/,
    consent: '我同意就此请求通过该号码接听来电。',
    topic: '您想谈些什么？',
    requestCall: '预约回电',
    callBooked: '已为您预约回电',
    surveyPrompt: '请评价我们的服务',
    cesReturnQuestion: '申请退货的过程有多轻松？',
    send: '提交',
    thanks: '感谢您的反馈！',
  },
  faq: { query: '退货期限', article: /^退货期限是多久？/ },
  // A Chinese keyboard types the number full width; the store reads it as MM-1002.
  tracking: {
    typed: 'ＭＭ－１００２',
    number: 'MM-1002',
    contact: 'oliver.bennett@example.com',
    status: '您的订单正在运输途中。',
  },
  return: {
    number: 'MM-1010',
    contact: 'wang.fang@example.cn',
    itemId: 'item_1010_2',
    reason: '尺码偏小',
    resolution: '退款',
  },
  chat: {
    name: '王芳',
    email: 'wang.fang@example.cn',
    message: '你好，我的衬衫可以换大一号吗？',
    reply: '王女士您好，可以的，我们为您换成 L 码。',
  },
  callback: { name: '王芳', country: 'CN', phone: '138 0013 8000', topic: '换货' },
};

export const arabic: Language = {
  tag: 'ar',
  browser: { locale: 'ar-AE', timezoneId: 'Asia/Dubai' },
  scheme: 'dark',
  dir: 'rtl',
  choice: { by: 'store-page' },
  words: {
    greeting: 'مرحبًا! كيف يمكننا مساعدتك؟',
    back: 'رجوع',
    trackOrder: 'تتبّع طلبًا',
    orderNumber: 'رقم الطلب',
    contact: 'البريد الإلكتروني أو الرمز البريدي',
    track: 'تتبّع الطلب',
    anotherOrder: 'تتبّع طلبًا آخر',
    orderHeading: (number) => `الطلب ${number}`,
    startReturn: 'ابدأ الإرجاع',
    findOrder: 'ابحث عن الطلب',
    returnHeading: (number) => `إرجاع منتجات من الطلب ${number}`,
    reason: 'السبب',
    review: 'راجع الإرجاع',
    reviewTitle: 'تحقّق من طلب الإرجاع',
    submitReturn: 'أرسل طلب الإرجاع',
    returnRequested: 'تم طلب الإرجاع',
    rma: /^رقم الإرجاع الخاص بك هو RMA-\d+\.$/,
    chatWithUs: 'تحدّث معنا',
    agentsOnline: 'موظف واحد متصل',
    name: 'الاسم',
    email: 'البريد الإلكتروني',
    firstMessage: 'كيف يمكننا مساعدتك؟',
    startChat: 'ابدأ الدردشة',
    messageLabel: 'الرسالة',
    chattingWith: (agent) => `تتحدث مع ${agent}`,
    callMeBack: 'اتصلوا بي',
    callbackTitle: 'اطلب معاودة الاتصال',
    yourName: 'اسمك',
    country: 'البلد',
    phone: 'رقم الهاتف',
    willCall: /^سنتصل بالرقم \+971 50 123 4567\.$/,
    consent: 'أوافق على تلقي مكالمة على هذا الرقم بخصوص هذا الطلب.',
    topic: 'عمّ تريد أن تتحدث؟',
    requestCall: 'اطلب المكالمة',
    callBooked: 'تم حجز مكالمتك',
    surveyPrompt: 'أخبرنا عن تجربتك',
    cesReturnQuestion: 'ما مدى سهولة طلب الإرجاع؟',
    send: 'إرسال',
    thanks: 'شكرًا لك على ملاحظاتك!',
  },
  // The demo store has no Arabic articles: its English help centre, with one line saying so.
  faq: {
    query: 'how long to return',
    article: /^How long do I have to return something\?$/,
    note: 'مركز المساعدة متوفر باللغة الإنجليزية.',
  },
  // Typed with the digits an Arabic keyboard gives; the store reads MM-1009.
  tracking: { typed: 'MM-١٠٠٩', number: 'MM-1009', contact: '33000', status: 'طلبك خرج للتوصيل اليوم.' },
  return: {
    number: 'MM-1006',
    contact: 'M4 1HN',
    itemId: 'item_1006_1',
    reason: 'لا يناسب مقاس سريري أو طاولتي',
    resolution: 'استرداد المبلغ',
  },
  chat: {
    name: 'ليلى حسن',
    email: 'layla.hassan@example.com',
    message: 'مرحبًا، غطاء اللحاف أصغر من سريري. ماذا أفعل؟',
    reply: 'مرحبًا ليلى، أرسلنا لك تعليمات الإرجاع.',
  },
  callback: { name: 'ليلى حسن', country: 'AE', phone: '050 123 4567', topic: 'إرجاع غطاء اللحاف' },
};

export const languages: readonly Language[] = [english, chinese, arabic];

/** The widget's shadow root and the panel in it. */
export const widget = (page: Page) => page.locator('kefu-widget');
const panel = (page: Page) => page.locator('kefu-widget [part="panel"]');

/**
 * Opens the storefront's home page and the panel in the shopper's language, as that shopper gets
 * it: English from the page; Chinese from a phone set to Chinese, by accepting the panel's offer
 * ("查看中文版？"); Arabic from the store's Arabic page (`?locale=ar`, the demo's stand-in for a
 * store that sets its language), since the demo store does not list Arabic among its languages.
 */
export async function openInLanguage(page: Page, storefront: string, language: Language): Promise<void> {
  const url = new URL(storefront);
  const { choice } = language;
  if (choice.by === 'store-page') url.searchParams.set('locale', language.tag);
  await page.goto(url.href);
  await page.locator('kefu-launcher button').click();
  await panel(page).waitFor();
  if (choice.by === 'offer') {
    const offer = widget(page).locator('.language-offer');
    await offer.getByText(choice.question, { exact: true }).waitFor();
    await offer.getByRole('button', { name: choice.accept, exact: true }).click();
  }
  await widget(page).getByText(language.words.greeting, { exact: true }).waitFor();
  assert.equal(await widget(page).getAttribute('dir'), language.dir, 'the widget writes in the language’s direction');
}

/** Back to home, with the panel's own back button, as often as it takes. */
export async function goHome(page: Page, language: Language): Promise<void> {
  const back = widget(page).locator('[part="header"]').getByRole('button', { name: language.words.back, exact: true });
  for (let taps = 0; taps < 6 && (await back.count()) > 0; taps += 1) await back.click();
  await widget(page).getByText(language.words.greeting, { exact: true }).waitFor();
}

/** Taps one of home's quick actions (their names may end with a hint: "Chat with us · About 1 min wait"). */
async function tapAction(page: Page, name: string): Promise<void> {
  await widget(page)
    .locator('[part="actions"]')
    .getByRole('button', { name: new RegExp(`^${escape(name)}`) })
    .click();
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** 1. Types a question into home's search box, opens the first article it finds, and reads it. */
export async function readAnArticle(page: Page, language: Language): Promise<Locator> {
  await widget(page).locator('.home-search input').click();
  await page.keyboard.type(language.faq.query, { delay: 20 });
  const faq = page.locator('kefu-widget kefu-faq');
  const first = faq.locator('[role="option"] .result-title').first();
  // A miss fails in seconds, with what the help centre said instead.
  await first.waitFor({ timeout: 10_000 }).catch(async () => {
    const said = (await faq.evaluate((element) => element.shadowRoot?.textContent ?? '')).replace(/\s+/g, ' ').trim();
    assert.fail(`no article found for “${language.faq.query}”; the help centre said: ${said}`);
  });
  // The list follows the typing (debounced): the results of "退货" may show before those of
  // "退货期限". Wait, bounded, for the first result of the whole question to be the article.
  const deadline = Date.now() + 10_000;
  while (!language.faq.article.test((await first.textContent()) ?? '')) {
    if (Date.now() > deadline) {
      const titles = await faq.locator('[role="option"] .result-title').allTextContents();
      assert.fail(
        `“${language.faq.query}” did not find ${language.faq.article} first; it found: ${titles.join(' | ')}`,
      );
    }
    await page.waitForTimeout(100);
  }
  if (language.faq.note) await faq.locator('.language-note').getByText(language.faq.note, { exact: true }).waitFor();
  await first.click();
  const article = faq.locator('.article');
  await article.locator('.body p').first().waitFor();
  assert.match((await article.locator('h3').textContent()) ?? '', language.faq.article);
  assert.ok(((await article.locator('.body').textContent()) ?? '').trim().length > 40, 'the article’s text is there');
  return article.locator('.body p').first();
}

/**
 * 2. Looks an order up by number and e-mail (or postcode) and reads where it stands. The tracker
 * opens on the order looked up last, when there is one (`shownFirst`): the shopper taps "Track
 * another order" first.
 */
export async function trackAnOrder(page: Page, language: Language, shownFirst?: string): Promise<Locator> {
  const { words, tracking } = language;
  await tapAction(page, words.trackOrder);
  const tracker = page.locator('kefu-widget kefu-order-tracker');
  if (shownFirst) {
    await tracker.getByRole('heading', { name: words.orderHeading(shownFirst) }).waitFor();
    await tracker.getByRole('button', { name: words.anotherOrder, exact: true }).click();
  }
  await tracker.getByLabel(words.orderNumber, { exact: true }).fill(tracking.typed);
  await tracker.getByLabel(words.contact, { exact: true }).fill(tracking.contact);
  await tracker.getByRole('button', { name: words.track, exact: true }).click();
  await tracker.getByRole('heading', { name: words.orderHeading(tracking.number) }).waitFor();
  const status = tracker.getByText(tracking.status, { exact: true });
  await status.waitFor();
  return status;
}

/** 3. Finds an order, picks an item with a reason and a refund, reviews and submits the return. */
export async function requestAReturn(page: Page, language: Language): Promise<Locator> {
  const { words } = language;
  const order = language.return;
  await tapAction(page, words.startReturn);
  const returns = page.locator('kefu-widget kefu-returns');
  await returns.getByLabel(words.orderNumber, { exact: true }).fill(order.number);
  await returns.getByLabel(words.contact, { exact: true }).fill(order.contact);
  await returns.getByRole('button', { name: words.findOrder, exact: true }).click();
  await returns.getByRole('heading', { name: words.returnHeading(order.number) }).waitFor();
  await returns.locator(`#field-items-${order.itemId}-itemId`).check();
  await returns.locator(`#field-items-${order.itemId}-reason`).selectOption({ label: order.reason });
  await returns.getByRole('radio', { name: new RegExp(`^${escape(order.resolution)}`) }).check();
  await returns.getByRole('button', { name: words.review, exact: true }).click();
  await returns.getByRole('heading', { name: words.reviewTitle }).waitFor();
  await returns.getByRole('button', { name: words.submitReturn, exact: true }).click();
  const status = returns.locator('[part~="status"]');
  await status.getByRole('heading', { name: words.returnRequested }).waitFor();
  const rma = status.getByText(words.rma);
  await rma.waitFor();
  return status.getByRole('heading', { name: words.returnRequested });
}

/**
 * 4. Starts a chat; the agent signed in to the console (`agent`) accepts it and replies, and the
 * reply arrives in the shopper's chat without a reload.
 */
export async function chatWithAnAgent(
  page: Page,
  agent: Page,
  language: Language,
  agentName = 'Mei',
): Promise<Locator> {
  const { words, chat: said } = language;
  await tapAction(page, words.chatWithUs);
  const chat = page.locator('kefu-widget kefu-chat');
  await chat.getByText(words.agentsOnline).waitFor();
  await chat.getByLabel(words.name, { exact: true }).fill(said.name);
  await chat.getByLabel(words.email, { exact: true }).fill(said.email);
  await chat.getByLabel(words.firstMessage, { exact: true }).fill(said.message);
  await chat.getByRole('button', { name: words.startChat, exact: true }).click();
  await chat.getByLabel(words.messageLabel, { exact: true }).waitFor();

  await agent.getByText(said.name).first().waitFor();
  await agent.getByRole('button', { name: 'Accept' }).first().click();
  await chat.getByText(words.chattingWith(agentName), { exact: true }).waitFor();
  await agent.getByLabel('Reply').fill(said.reply);
  await agent.getByRole('button', { name: 'Send' }).click();
  const reply = chat.locator('li[data-key] .bubble > p').getByText(said.reply, { exact: true });
  await reply.waitFor();
  return reply;
}

/** 5. Asks for a call back: name, country, phone, a free time, consent, a topic; sees it booked. */
export async function requestACallback(page: Page, language: Language): Promise<Locator> {
  const { words, callback } = language;
  await tapAction(page, words.callMeBack);
  const form = page.locator('kefu-widget kefu-callback');
  await form.getByRole('heading', { name: words.callbackTitle }).waitFor();
  await form.getByLabel(words.yourName, { exact: true }).fill(callback.name);
  await form.getByLabel(words.country, { exact: true }).selectOption(callback.country);
  await form.getByLabel(words.phone, { exact: true }).fill(callback.phone);
  await form.getByLabel(words.phone, { exact: true }).press('Tab');
  await form.getByText(words.willCall).waitFor();
  // The first free time, as offered.
  await form.locator('input[name="slot"]').first().waitFor();
  await form.locator('input[name="slot"]').first().check();
  await form.getByLabel(words.consent, { exact: true }).check();
  await form.getByRole('textbox', { name: words.topic }).fill(callback.topic);
  await form.getByRole('button', { name: words.requestCall, exact: true }).click();
  const booked = form.getByRole('heading', { name: words.callBooked });
  await booked.waitFor();
  return booked;
}

/**
 * 6. Answers the survey home offers after the return ("Tell us how we did": how easy was the
 * return, 1 to 7) and sees the thanks.
 */
export async function answerTheSurvey(page: Page, language: Language): Promise<Locator> {
  const { words } = language;
  await widget(page)
    .getByRole('button', { name: new RegExp(`^${escape(words.surveyPrompt)}`) })
    .click();
  const survey = page.locator('kefu-widget kefu-survey');
  await survey.getByRole('group', { name: words.cesReturnQuestion }).waitFor();
  // 6 of 7: easy.
  await survey.getByRole('radio').nth(5).check();
  await survey.getByRole('button', { name: words.send, exact: true }).click();
  const thanks = survey.getByText(words.thanks, { exact: true });
  await thanks.waitFor();
  return thanks;
}

/** What the final view looked like in one scheme: the panel's background, the main text and its contrast. */
export interface SchemeLook {
  readonly panelBackground: string;
  readonly text: string;
  readonly textBackground: string;
  readonly contrast: number;
}

/**
 * Photographs the view in both schemes (`npm-start-<lang>-<journey>-<scheme>.png`), the language's
 * own scheme first, and returns how each looked; the page is left in the language's scheme.
 * `text` is the journey's main words (an article's paragraph, a confirmation), checked for contrast
 * against whatever paints behind them.
 */
export async function photographBothSchemes(
  page: Page,
  language: Language,
  journey: string,
  text: Locator,
): Promise<Record<Scheme, SchemeLook>> {
  const other: Scheme = language.scheme === 'light' ? 'dark' : 'light';
  const looks: Partial<Record<Scheme, SchemeLook>> = {};
  await text.scrollIntoViewIfNeeded();
  for (const scheme of [language.scheme, other]) {
    await page.emulateMedia({ colorScheme: scheme });
    looks[scheme] = await look(page, text);
    await page.screenshot({ path: screenshotPath(`npm-start-${language.tag}-${journey}-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: language.scheme });
  return looks as Record<Scheme, SchemeLook>;
}

/**
 * Asserts that the scheme changed what it must: a light panel in light, a dark one in dark, and the
 * main text readable on it in both (WCAG AA, 4.5:1).
 */
export function assertSchemes(looks: Record<Scheme, SchemeLook>, what: string): void {
  assert.notEqual(looks.light.panelBackground, looks.dark.panelBackground, `${what}: the panel follows the scheme`);
  assert.ok(
    luminance(looks.light.panelBackground) > 0.5,
    `${what}: a light panel in light (${looks.light.panelBackground})`,
  );
  assert.ok(
    luminance(looks.dark.panelBackground) < 0.2,
    `${what}: a dark panel in dark (${looks.dark.panelBackground})`,
  );
  for (const scheme of ['light', 'dark'] as const) {
    const { contrast, text, textBackground } = looks[scheme];
    assert.ok(contrast >= 4.5, `${what} in ${scheme}: ${text} on ${textBackground} is ${contrast.toFixed(2)}:1`);
  }
}

/** Relative luminance of an `rgb(r g b)` string as `look` writes it. */
function luminance(color: string): number {
  const [r = 0, g = 0, b = 0] = (color.match(/\d+(\.\d+)?/g) ?? []).map(Number);
  const channel = (value: number) => {
    const s = value / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/**
 * Reads the colours as the browser paints them: the panel's background, the text's colour, and the
 * backgrounds behind the text up to the first opaque one (through shadow roots), blended. Any CSS
 * colour syntax (light-dark(), color-mix()) is resolved by drawing it on a 1 × 1 canvas.
 */
async function look(page: Page, text: Locator): Promise<SchemeLook> {
  // No helper functions inside evaluate(): tsx would wrap them in a __name() the page lacks.
  const colours = await text.evaluate((element) => {
    const found = { text: getComputedStyle(element).color, behind: [] as string[] };
    let node: Element | null = element;
    while (node) {
      found.behind.push(getComputedStyle(node).backgroundColor);
      node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null);
    }
    return found;
  });
  const panelColour = await panel(page).evaluate((element) => getComputedStyle(element).backgroundColor);
  const [panelRgba, textRgba, ...behind] = await page.evaluate(
    (list) => {
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 1;
      const context = canvas.getContext('2d', { willReadFrequently: true })!;
      const painted: number[][] = [];
      for (const colour of list) {
        context.clearRect(0, 0, 1, 1);
        context.fillStyle = colour;
        context.fillRect(0, 0, 1, 1);
        const [r = 0, g = 0, b = 0, a = 0] = context.getImageData(0, 0, 1, 1).data;
        painted.push([r, g, b, a / 255]);
      }
      return painted;
    },
    [panelColour, colours.text, ...colours.behind],
  );
  const over = (top: number[], bottom: number[]) =>
    [0, 1, 2].map((index) => top[index]! * top[3]! + bottom[index]! * (1 - top[3]!)).concat(1);
  // From the first opaque background (else the panel's) up to the text's own box, then the text.
  const opaque = behind.findIndex((layer) => layer[3] === 1);
  const layers = (opaque === -1 ? behind : behind.slice(0, opaque + 1)).filter((layer) => layer[3]! > 0).reverse();
  const background = layers.reduce((below, layer) => over(layer, below), opaque === -1 ? panelRgba! : [0, 0, 0, 1]);
  const foreground = over(textRgba!, background);
  const css = (colour: number[]) => `rgb(${colour.slice(0, 3).map(Math.round).join(' ')})`;
  const [lighter, darker] = [luminance(css(foreground)), luminance(css(background))].sort((a, b) => b - a) as [
    number,
    number,
  ];
  return {
    panelBackground: css(over(panelRgba!, [255, 255, 255, 1])),
    text: css(foreground),
    textBackground: css(background),
    contrast: (lighter + 0.05) / (darker + 0.05),
  };
}
