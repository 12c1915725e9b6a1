import type { OrderLookupMessages } from './order-lookup.messages.js';

/** The order lookup form in Arabic. */
export const ar: OrderLookupMessages = {
  orderNumber: 'رقم الطلب',
  orderNumberHint: (example) => `تجده في رسالة تأكيد الطلب، مثل ${example}.`,
  contact: 'البريد الإلكتروني أو الرمز البريدي',
  contactHint: 'البريد الإلكتروني الذي استخدمته عند الطلب، أو الرمز البريدي لعنوان التوصيل.',
  orderNumberMissing: 'أدخل رقم الطلب.',
  orderNumberInvalid: (example) =>
    example
      ? `تحقّق من رقم الطلب: يكون بالشكل \u2068${example}\u2069.`
      : 'تحقّق من رقم الطلب: يحتوي على أحرف وأرقام وشرطات فقط.',
  contactMissing: 'أدخل البريد الإلكتروني أو الرمز البريدي للطلب.',
  contactInvalid: 'أدخل بريدًا إلكترونيًا مثل name@example.com، أو الرمز البريدي لعنوان التوصيل.',
  searching: 'جارٍ البحث عن طلبك…',
  notFound: 'لم نجد طلبًا بهذه البيانات. تحقّق من رقم الطلب ومن البريد الإلكتروني أو الرمز البريدي، ثم حاول مرة أخرى.',
  oneTryLeft: 'تبقّت لديك محاولة واحدة قبل انتظار قصير.',
  rateLimited: (wait) => `محاولات كثيرة. حفاظًا على أمانك، يُرجى الانتظار ${wait} قبل المحاولة مجددًا.`,
  offline: 'أنت غير متصل بالإنترنت، لذا لم نتمكّن من البحث عن طلبك. احتفظنا بما كتبته، وسيعمل البحث عند عودة الاتصال.',
  backOnline: 'عاد الاتصال بالإنترنت.',
  retryNow: 'ابحث الآن',
  serverError: 'حدث خطأ من جهتنا. يُرجى المحاولة بعد قليل.',
  tryAgain: 'حاول مرة أخرى',
};
