import { expect, fixture, html } from '@open-wc/testing';
import { field, fieldError, fieldId } from './field.js';

const input = (key: string) =>
  field(
    { key, label: 'Order number', hint: 'In your confirmation email.', error: '' },
    (wiring) => html`<input id=${wiring.id} aria-invalid=${wiring.invalid} aria-describedby=${wiring.describedBy} />`,
  );

describe('field()', () => {
  it('ties the label, the hint and the error to the control, the error first', async () => {
    const form = await fixture<HTMLFormElement>(
      html`<form>
        ${field(
          { key: 'items.item_1.reason', label: 'Reason', hint: 'Why it goes back.', error: 'Choose a reason.' },
          (wiring) =>
            html`<select id=${wiring.id} aria-invalid=${wiring.invalid} aria-describedby=${wiring.describedBy}>
              <option>Too small</option>
            </select>`,
        )}
      </form>`,
    );
    const select = form.querySelector('select')!;
    expect(select.id).to.equal('field-items-item_1-reason');
    expect(select.labels![0]!.textContent).to.equal('Reason');
    expect(select.getAttribute('aria-invalid')).to.equal('true');
    expect(select.getAttribute('aria-describedby')).to.equal(
      'field-items-item_1-reason-error field-items-item_1-reason-hint',
    );
    expect(form.querySelector('#field-items-item_1-reason-error')!.textContent).to.equal('Choose a reason.');
    // Not a live region: errors checked as the shopper types must not be read out on every key.
    expect(form.querySelector('[role="alert"], [aria-live]')).to.equal(null);
    await expect(form).to.be.accessible();
  });

  it('keeps an empty error in place, out of the description, and nothing dangles without a hint', async () => {
    const form = await fixture<HTMLFormElement>(html`<form>${input('orderNumber')}</form>`);
    const control = form.querySelector('input')!;
    expect(control.getAttribute('aria-invalid')).to.equal('false');
    expect(control.getAttribute('aria-describedby')).to.equal('field-orderNumber-hint');
    expect(form.querySelector('#field-orderNumber-error')!.textContent).to.equal('');

    const bare = await fixture<HTMLFormElement>(
      html`<form>
        ${field(
          { key: 'comment', label: 'Comment' },
          (wiring) => html`<textarea id=${wiring.id} aria-describedby=${wiring.describedBy}></textarea>`,
        )}
      </form>`,
    );
    expect(bare.querySelector('textarea')!.hasAttribute('aria-describedby')).to.equal(false);
    expect(bare.querySelector('.hint')).to.equal(null);
  });

  it('gives a group its error under the same ids', async () => {
    const group = await fixture(
      html`<fieldset aria-describedby="${fieldId('resolution')}-error">
        <legend>Instead</legend>
        ${fieldError('resolution', 'Choose what you would like instead.')}
      </fieldset>`,
    );
    expect(group.querySelector('#field-resolution-error')!.textContent).to.equal('Choose what you would like instead.');
  });
});
