import type { FaqMessages } from './faq.messages.js';
import { plural } from '../../i18n/plural.js';

/** `<kefu-faq>` in Arabic (loaded on demand). */
export const ar: FaqMessages = {
  title: 'مركز المساعدة',
  searchLabel: 'ابحث في مركز المساعدة',
  searchPlaceholder: 'ابحث، مثلًا «الإرجاع»',
  resultsLabel: 'المقالات التي وُجدت',
  resultCount: (count) =>
    plural('ar', count, {
      zero: 'لم يُعثر على أي مقالة.',
      one: 'وُجدت مقالة واحدة.',
      two: 'وُجدت مقالتان.',
      few: 'وُجدت {count} مقالات.',
      many: 'وُجدت {count} مقالة.',
      other: 'وُجدت {count} مقالة.',
    }),
  moreFromServer: 'المزيد من مركز المساعدة',
  noResults: (query) => `لا توجد مقالة تطابق «${query}».`,
  noResultsHelp: 'يمكن لفريقنا أن يجيبك:',
  chat: 'تحدّث معنا',
  callback: 'اطلب معاودة الاتصال',
  home: 'طرق أخرى للتواصل معنا',
  suggested: 'مقترحات لهذه الصفحة',
  browse: 'تصفّح حسب الموضوع',
  articleCount: (count) =>
    plural('ar', count, {
      zero: 'لا توجد مقالات',
      one: 'مقالة واحدة',
      two: 'مقالتان',
      few: '{count} مقالات',
      many: '{count} مقالة',
      other: '{count} مقالة',
    }),
  categories: {
    shipping: 'الشحن والتوصيل',
    returns: 'الإرجاع واسترداد المال',
    payment: 'الدفع والفواتير',
    sizing: 'المقاسات والعناية',
    account: 'حسابك',
    warranty: 'الضمان',
  },
  back: 'رجوع',
  backToResults: 'العودة إلى النتائج',
  loading: 'جارٍ تحميل مركز المساعدة…',
  otherLanguage: (language) => `مركز المساعدة متوفر باللغة ${language}.`,
  offline: 'أنت غير متصل: نبحث في المقالات المحفوظة على هذا الجهاز.',
  loadFailed: 'تعذّر تحميل مركز المساعدة.',
  retry: 'أعد المحاولة',
  notFound: 'هذه المقالة لم تعد متاحة.',
  updated: (date) => `حُدّثت في ${date}`,
  helpful: 'هل كانت هذه المقالة مفيدة؟',
  yes: 'نعم',
  no: 'لا',
  thanks: 'شكرًا على رأيك.',
  sorry: 'نأسف لأنها لم تُفِد. يمكن لفريقنا أن يجيبك، وسيرى المقالة التي قرأتها.',
  askSupport: 'اسأل فريقنا عن هذا',
};
