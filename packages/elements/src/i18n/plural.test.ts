import { expect } from '@open-wc/testing';
import { ar as widgetAr } from './messages.ar.js';
import { en as widgetEn } from './messages.js';
import { ar as chatAr } from '../components/chat/chat.messages.ar.js';
import { ar as faqAr } from '../components/faq/faq.messages.ar.js';
import { ar as returnsAr } from '../components/returns/returns.messages.ar.js';

/**
 * Counts read as each language counts (issue 20: an Arabic shopper read "2 دقائق" for a two-minute
 * wait, where Arabic has a form of its own, "دقيقتان"). Arabic has six plural forms: 0, 1, 2, 3–10,
 * 11–99, and 100 and up.
 */
describe('counted words in Arabic use all of its plural forms', () => {
  const counts = [1, 2, 3, 11, 100] as const;
  const table = (words: (count: number) => string) => counts.map((count) => words(count));

  it('the chat’s expected wait and agents online', () => {
    expect(table(chatAr.minutes)).to.deep.equal(['دقيقة واحدة', 'دقيقتان', '3 دقائق', '11 دقيقة', '100 دقيقة']);
    expect(table(chatAr.agentsOnline)).to.deep.equal([
      'موظف واحد متصل',
      'موظفان متصلان',
      '3 موظفين متصلين',
      '11 موظفًا متصلًا',
      '100 موظف متصل',
    ]);
  });

  it('the help centre’s article counts', () => {
    expect(table(faqAr.articleCount)).to.deep.equal(['مقالة واحدة', 'مقالتان', '3 مقالات', '11 مقالة', '100 مقالة']);
    expect(faqAr.resultCount(0)).to.equal('لم يُعثر على أي مقالة.');
    expect(faqAr.resultCount(2)).to.equal('وُجدت مقالتان.');
  });

  it('a return’s photos, and the widget’s unread messages and wait', () => {
    expect(table(returnsAr.reviewPhotos)).to.deep.equal(['صورة واحدة', 'صورتان', '3 صور', '11 صورة', '100 صورة']);
    expect(table(widgetAr.unreadMessages)).to.deep.equal([
      'رسالة جديدة واحدة',
      'رسالتان جديدتان',
      '3 رسائل جديدة',
      '11 رسالة جديدة',
      '100 رسالة جديدة',
    ]);
    expect(widgetAr.chatWait(2)).to.equal('انتظار نحو دقيقتين');
  });

  it('English keeps one and other, with its digits grouped', () => {
    expect(table(widgetEn.unreadMessages)).to.deep.equal([
      '1 new message',
      '2 new messages',
      '3 new messages',
      '11 new messages',
      '100 new messages',
    ]);
    expect(widgetEn.unreadMessages(1200)).to.equal('1,200 new messages');
  });
});
