import { expect } from '@open-wc/testing';
import { createFormatters } from './order-tracker.format.js';

/**
 * Issue 20: estimated delivery windows were shown to the minute ("Tue 24 Nov, 10:37 – Wed 25 Nov,
 * 18:12"), a precision no estimate has. A window of days reads as days; a carrier's slot of a few
 * hours as whole hours.
 */
describe('an estimated delivery window, as the tracker writes it', () => {
  const paris = createFormatters('en-GB', 'Europe/Paris');

  it('is days for a window of a day or more', () => {
    const text = paris.window({ from: '2026-11-24T09:37:00Z', to: '2026-11-25T17:12:00Z' });
    expect(text).to.equal('Tue 24 Nov – Wed 25 Nov');
    expect(text).not.to.match(/\d:\d\d/);
  });

  it('is whole hours for a slot of a few hours, the end rounded up', () => {
    expect(paris.window({ from: '2026-11-24T09:37:00Z', to: '2026-11-24T13:12:00Z' })).to.equal(
      'Tue 24 Nov, 10:00–15:00',
    );
  });

  it('in the shopper’s language', () => {
    const text = createFormatters('zh-CN', 'Asia/Shanghai').window({
      from: '2026-11-24T01:37:00Z',
      to: '2026-11-25T09:12:00Z',
    });
    expect(text).not.to.match(/\d:\d\d/);
    expect(text).to.equal('11/24周二至11/25周三');
  });
});
