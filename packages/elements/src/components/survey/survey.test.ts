import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createKefu, createMemoryStorage, manualNetworkStatus, type KefuClient } from '@kefu/core';
import { createMemoryBackendWithControls } from '@kefu/core/memory';
import '../../define/kefu-survey.js';
import type { KefuSurvey } from './survey.js';

function setup() {
  const { backend, controls } = createMemoryBackendWithControls({ latencyMs: 5 });
  const client = createKefu({ backend, storage: () => createMemoryStorage(), locale: 'en' });
  return { client, controls };
}

async function renderSurvey(
  client: KefuClient,
  options: { kind?: 'csat' | 'nps' | 'ces'; locale?: string; theme?: string; type?: string; id?: string } = {},
) {
  const element = await fixture<KefuSurvey>(
    html`<kefu-survey
      .client=${client}
      kind=${options.kind ?? 'csat'}
      locale=${options.locale ?? 'en'}
      theme=${options.theme ?? 'light'}
      subject-type=${options.type ?? 'conversation'}
      subject-id=${options.id ?? 'conv-1'}
    ></kefu-survey>`,
  );
  await client.config.load();
  await element.updateComplete;
  return element;
}

const root = (element: KefuSurvey) => element.shadowRoot!;
const radios = (element: KefuSurvey, name = 'score') => [
  ...root(element).querySelectorAll<HTMLInputElement>(`input[name="${name}"]`),
];
const button = (element: KefuSurvey, text: string) =>
  [...root(element).querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === text)!;

describe('<kefu-survey>', () => {
  let client: KefuClient;
  let controls: ReturnType<typeof setup>['controls'];
  beforeEach(() => ({ client, controls } = setup()));
  afterEach(() => {
    client.dispose();
    controls.dispose();
  });

  for (const [kind, count, first, last] of [
    ['csat', 5, 'Very poor', 'Excellent'],
    ['nps', 11, 'Not at all likely', 'Extremely likely'],
    ['ces', 7, 'Very difficult', 'Very easy'],
  ] as const) {
    it(`asks the ${kind.toUpperCase()} question with ${count} labelled radio buttons in a fieldset`, async () => {
      const element = await renderSurvey(client, { kind });
      const legend = root(element).querySelector('fieldset legend')!;
      expect(legend.textContent).to.match(kind === 'nps' ? /recommend Maple & Moss/ : /How/);
      const inputs = radios(element);
      expect(inputs).to.have.length(count);
      expect(inputs[0]!.closest('label')!.textContent).to.contain(first);
      expect(inputs.at(-1)!.closest('label')!.textContent).to.contain(last);
      expect(root(element).querySelector('textarea')).to.exist;
    });

    for (const [locale, theme] of [
      ['en', 'light'],
      ['en', 'dark'],
      ['ar', 'light'],
      ['ar', 'dark'],
    ] as const) {
      it(`has no axe violations: ${kind}, ${theme}, ${locale === 'ar' ? 'RTL' : 'LTR'}`, async () => {
        const element = await renderSurvey(client, { kind, locale, theme });
        if (locale === 'ar') expect(element.dir).to.equal('rtl');
        await expect(element).to.be.accessible();
        radios(element)[1]!.click(); // a low score: CSAT asks why
        await element.updateComplete;
        await expect(element).to.be.accessible();
      });
    }
  }

  it('is answered with the keyboard alone, and the answer goes through the outbox once', async () => {
    const element = await renderSurvey(client, { kind: 'ces', type: 'return', id: 'ret-1' });
    radios(element)[0]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    expect(radios(element).find((input) => input.checked)?.value).to.equal('6');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Quick and clear' });
    await sendKeys({ press: 'Tab' });
    const answered = oneEvent(element, 'kefu-survey-answer');
    await sendKeys({ press: 'Enter' });
    expect((await answered).detail).to.deep.equal({ kind: 'ces', score: 6, subject: { type: 'return', id: 'ret-1' } });
    expect(root(element).querySelector('[part="thanks"]')!.textContent).to.contain('Thank you');
    expect(root(element).activeElement).to.equal(root(element).querySelector('[part="thanks"]'));
    await waitUntil(() => controls.responses().length === 1, 'the answer reached the server');
    expect(controls.responses()[0]).to.deep.include({ kind: 'ces', score: 6, comment: 'Quick and clear' });
    await expect(element).to.be.accessible();
  });

  it('says to choose a score first, next to the scale, and keeps the comment', async () => {
    const element = await renderSurvey(client);
    const comment = root(element).querySelector('textarea')!;
    comment.value = 'Nice agent';
    comment.dispatchEvent(new Event('input'));
    button(element, 'Send').click();
    await element.updateComplete;
    const error = root(element).querySelector('#score-error')!;
    expect(error.textContent).to.contain('Choose a score first');
    expect(radios(element)[0]!.getAttribute('aria-describedby')).to.equal('score-error');
    expect(root(element).activeElement).to.equal(radios(element)[0]);
    expect(root(element).querySelector('textarea')!.value).to.equal('Nice agent');
    await expect(element).to.be.accessible();
  });

  it('asks why after a low CSAT, and the thank-you offers a chat or a callback', async () => {
    const element = await renderSurvey(client);
    expect(root(element).querySelector('input[name="reason"]')).to.equal(null);
    radios(element)[0]!.click();
    await element.updateComplete;
    expect(root(element).querySelector('.reasons legend')!.textContent).to.contain('What went wrong?');
    radios(element, 'reason')[1]!.click();
    button(element, 'Send').click();
    await waitUntil(() => root(element).querySelector('[part="thanks"]'), 'thank-you shown');
    await waitUntil(() => controls.responses().length === 1, 'sent');
    expect(controls.responses()[0]).to.deep.include({ score: 1, reason: 'unresolved' });

    const navigation = oneEvent(element, 'kefu-navigate');
    button(element, 'Chat with us').click();
    const event = await navigation;
    expect(event.detail).to.deep.include({ view: 'chat' });
    expect(button(element, 'Request a callback')).to.exist;
    await element.updateComplete;
    expect(root(element).textContent, 'nobody handled it: say where help is').to.contain('Open Help');
    await expect(element).to.be.accessible();
  });

  it('offers no next step after a good score', async () => {
    const element = await renderSurvey(client, { kind: 'nps', type: 'store', id: 'store' });
    radios(element)[10]!.click();
    button(element, 'Send').click();
    await waitUntil(() => root(element).querySelector('[part="thanks"]'), 'thank-you shown');
    expect(root(element).textContent).not.to.contain('Chat with us');
  });

  it('“Not now” dismisses the survey and starts the cool-down', async () => {
    const element = await renderSurvey(client, { kind: 'nps', type: 'store', id: 'store' });
    const dismissed = oneEvent(element, 'kefu-survey-dismiss');
    button(element, 'Not now').click();
    await dismissed;
    await element.updateComplete;
    expect(root(element).textContent).to.contain('We will not ask you again for a while');
    expect(client.survey.coolingDownUntil.value).to.be.greaterThan(Date.now());
    expect(await client.survey.ask('csat')).to.equal('cooling-down');
    await expect(element).to.be.accessible();
  });

  it('says thank you instead of asking again a survey already answered', async () => {
    await client.survey.answer({ kind: 'csat', score: 4, subject: { type: 'conversation', id: 'conv-1' } });
    const element = await renderSurvey(client);
    await waitUntil(() => root(element).textContent?.includes('already answered'), 'already answered');
    expect(radios(element)).to.have.length(0);
  });

  it('says an answer given offline waits, and stops saying so once it is sent after reconnecting', async () => {
    const network = manualNetworkStatus(false);
    const { backend, controls: offlineControls } = createMemoryBackendWithControls({ latencyMs: 5 });
    const offline = createKefu({ backend, storage: () => createMemoryStorage(), network, locale: 'en' });
    try {
      const element = await renderSurvey(offline, { kind: 'nps', type: 'store', id: 'store' });
      radios(element)[9]!.click();
      button(element, 'Send').click();
      await waitUntil(() => root(element).querySelector('[part="thanks"]'), 'thank-you shown');
      const outcome = () => root(element).querySelector('[part="thanks"]')!.textContent ?? '';
      expect(outcome()).to.contain('will be sent when you are back online');
      network.set(true);
      await waitUntil(
        () => offline.survey.submissions.value.every((item) => item.status === 'sent'),
        'sent after reconnecting',
        { timeout: 4000 },
      );
      await waitUntil(() => !outcome().includes('back online'), 'the waiting line gone', { timeout: 2000 });
      expect(outcome()).to.contain('Thank you for your feedback!');
      expect(offlineControls.responses()).to.have.length(1);
    } finally {
      offline.dispose();
      offlineControls.dispose();
    }
  });
});
