import type { Article } from '../model/faq.js';

/** Chinese characters and full-width punctuation: Chinese text has no spaces between them. */
const cjk = /[\u2e80-\u9fff\uff00-\uffef]/;

/**
 * Joins a body written a few blocks to a line into the single-line HTML a help centre exports: a
 * line break disappears between two tags or next to Chinese text, and is a space anywhere else.
 * (Deliberately not named `html`: Prettier would reformat the bodies as HTML documents.)
 */
function markup(strings: TemplateStringsArray, ...values: readonly string[]): string {
  const source = strings.reduce((text, part, index) => text + part + (values[index] ?? ''), '');
  return source.trim().replace(/\s*\n\s*/g, (gap: string, offset: number, whole: string) => {
    const before = whole[offset - 1] ?? '';
    const after = whole[offset + gap.length] ?? '';
    if (before === '>' && after === '<') return '';
    return cjk.test(before) || cjk.test(after) ? '' : ' ';
  });
}

const site = 'https://maple-and-moss.example';

/** The English help centre of Maple & Moss. */
const english: readonly Article[] = [
  // ── Shipping ───────────────────────────────────────────────────────────────────────────────
  {
    id: 'en-shipping-delivery-times',
    locale: 'en',
    category: 'shipping',
    title: 'How long does delivery take?',
    tags: ['delivery', 'delivery time', 'dispatch', 'international'],
    suggestOn: ['/products/*', '/cart'],
    updatedAt: '2026-03-02T09:30:00Z',
    body: markup`
      <p>Every order is packed by hand at our Paris studio and leaves within <strong>1–2 business days</strong>.
      Once it is on its way, delivery usually takes:</p>
      <ul>
      <li><strong>France:</strong> 2–3 business days with Colissimo</li>
      <li><strong>European Union:</strong> 3–5 business days with Colissimo or DHL Express</li>
      <li><strong>United Kingdom:</strong> 3–5 business days with DHL Express or Royal Mail</li>
      <li><strong>United States:</strong> 4–7 business days with UPS</li>
      <li><strong>China:</strong> 5–8 business days with SF Express, customs clearance included</li>
      </ul>
      <p>Made-to-order pieces, such as monogrammed linen, take an extra 5 business days before dispatch; the
      product page says so. Around the holidays and during our winter sale, please allow a couple of extra days.
      Your estimated delivery window is in your shipping confirmation email and on
      your <a href="${site}/account/orders">order page</a>.</p>
    `,
  },
  {
    id: 'en-shipping-costs',
    locale: 'en',
    category: 'shipping',
    title: 'How much does shipping cost?',
    tags: ['shipping cost', 'free shipping', 'rates', 'express'],
    suggestOn: ['/cart'],
    updatedAt: '2026-03-02T09:45:00Z',
    body: markup`
      <p>Shipping is calculated at checkout from your delivery address. Our standard rates are:</p>
      <ul>
      <li><strong>France:</strong> €5.90, free on orders over €120</li>
      <li><strong>European Union:</strong> €9.90, free over €150</li>
      <li><strong>United Kingdom:</strong> €12.00, free over €200</li>
      <li><strong>United States:</strong> €18.00, free over €250</li>
      <li><strong>China:</strong> ¥128, free over ¥1,500</li>
      </ul>
      <p>Express delivery with DHL Express is available within Europe for €19.00 and arrives 1–2 business days
      after dispatch. Bulky items such as king-size duvet sets ship at the same rate: we never add surcharges
      for large parcels, and an order split into several parcels is only charged once.</p>
      <p>The free-shipping threshold is counted after discount codes and before gift cards.</p>
    `,
  },
  {
    id: 'en-shipping-track-order',
    locale: 'en',
    category: 'shipping',
    title: 'How do I track my order?',
    tags: ['tracking', 'order status', 'parcel', 'carrier'],
    suggestOn: ['/orders/*', '/order-status*'],
    updatedAt: '2026-02-16T14:00:00Z',
    body: markup`
      <p>As soon as your parcel leaves our studio, we email you a shipping confirmation with the carrier's name
      and a tracking link. You can also follow it here:</p>
      <ol>
      <li>Open <a href="${site}/order-status">Order status</a>.</li>
      <li>Enter your order number (it starts with <strong>MM-</strong>) and the email address or postal code you
      used at checkout.</li>
      <li>Choose a parcel to see every tracking event, newest first.</li>
      </ol>
      <p>If your order was split into several parcels, each one has its own tracking number. The first scan can
      take up to 24 hours to appear after our email, so don't worry if tracking looks empty at first. Signed-in
      customers see all their orders under <a href="${site}/account/orders">My orders</a>.</p>
    `,
  },
  {
    id: 'en-shipping-customs-duties',
    locale: 'en',
    category: 'shipping',
    title: 'Will I have to pay customs duties or import taxes?',
    tags: ['customs', 'duties', 'import tax', 'vat', 'international'],
    suggestOn: ['/cart'],
    updatedAt: '2026-01-20T11:10:00Z',
    body: markup`
      <p>It depends on where we deliver:</p>
      <ul>
      <li><strong>France and the EU:</strong> no customs at all. Prices include VAT at your country's rate.</li>
      <li><strong>United Kingdom:</strong> we collect UK VAT at checkout and ship duty-paid, so nothing is due
      on delivery.</li>
      <li><strong>United States:</strong> import duties are estimated and shown at checkout as a separate line.
      Because you pay them up front, UPS won't ask you for anything at the door.</li>
      <li><strong>China:</strong> import taxes are included in the price. SF Express may text you to verify the
      recipient's identity for customs clearance.</li>
      </ul>
      <p>If a carrier ever asks you to pay duties we have already collected, please don't
      pay: <a href="${site}/contact">contact us</a> and we'll settle it with them, or refund you if you already
      paid.</p>
    `,
  },
  {
    id: 'en-shipping-international',
    locale: 'en',
    category: 'shipping',
    title: 'Which countries do you ship to?',
    tags: ['international', 'countries', 'shipping destinations'],
    updatedAt: '2026-01-08T10:00:00Z',
    body: markup`
      <p>We ship from Paris to:</p>
      <ul>
      <li>mainland France, including Corsica (not yet the overseas departments)</li>
      <li>all 27 countries of the European Union</li>
      <li>the United Kingdom, including Northern Ireland</li>
      <li>the United States, all 50 states (no APO/FPO addresses)</li>
      <li>mainland China, with prices and payment in yuan</li>
      </ul>
      <p>We can't ship to Switzerland, Norway, Canada or Australia yet. You're welcome to send an order to a
      friend in one of the countries above, but returns must come back from the original delivery country, and
      we can't deliver to parcel forwarders.</p>
      <p>Would you like us to ship to your country? Tell us on our <a href="${site}/contact">contact page</a>:
      we count every request.</p>
    `,
  },
  {
    id: 'en-shipping-lost-parcel',
    locale: 'en',
    category: 'shipping',
    title: 'My parcel is late or lost',
    tags: ['lost parcel', 'late delivery', 'missing', 'investigation'],
    updatedAt: '2026-02-24T16:20:00Z',
    body: markup`
      <p>Parcels occasionally take longer than expected, especially across borders. Here is what to do:</p>
      <ol>
      <li>Check the tracking page. If the last scan says <strong>delivered</strong>, look around your door and
      ask your neighbours, concierge or mailroom.</li>
      <li>If tracking hasn't moved for <strong>5 business days</strong> (7 for the US and China), or the parcel
      shows as delivered but is still missing after 48 hours, <a href="${site}/contact">contact us</a> with your
      order number.</li>
      <li>We open an investigation with the carrier the same day.</li>
      </ol>
      <p>If the carrier confirms the parcel is lost, or hasn't found it within 10 business days, we send a
      replacement free of charge or refund you in full, whichever you prefer. You never have to wait for the
      carrier's claim to be settled.</p>
    `,
  },
  {
    id: 'en-shipping-missed-delivery',
    locale: 'en',
    category: 'shipping',
    title: 'I missed my delivery. What happens now?',
    tags: ['missed delivery', 'failed delivery', 'pickup point', 'redelivery'],
    updatedAt: '2026-02-24T16:40:00Z',
    body: markup`
      <p>If the courier couldn't deliver your parcel (nobody home, no door code, no safe place), they leave a
      notice and tracking shows <strong>delivery attempt failed</strong>.</p>
      <ul>
      <li><strong>Colissimo</strong> and <strong>Royal Mail</strong> take the parcel to your nearest post office
      or pick-up point, where it waits for 10–15 days.</li>
      <li><strong>DHL Express</strong> and <strong>UPS</strong> try again the next business day. Use the link in
      their email or text to choose another day, a neighbour or a pick-up point.</li>
      <li><strong>SF Express</strong> couriers usually call you before a second attempt.</li>
      </ul>
      <p>Add your door code and phone number to your address so couriers can reach you. Parcels that are never
      collected come back to us; we then refund the items, minus the original shipping cost, or send them again
      if you ask.</p>
    `,
  },
  {
    id: 'en-shipping-change-address',
    locale: 'en',
    category: 'shipping',
    title: 'Can I change my delivery address?',
    tags: ['address', 'change address', 'redirect'],
    updatedAt: '2026-01-27T08:50:00Z',
    body: markup`
      <p>Yes, while your order is still <strong>processing</strong>. <a href="${site}/contact">Contact us</a> as
      soon as possible with your order number and the new address: on business days we often pack orders within
      a few hours.</p>
      <p>Once the parcel has shipped, we can no longer change the label, but you often still can:</p>
      <ul>
      <li>with <strong>DHL Express</strong> and <strong>UPS</strong>, use the link in the carrier's notification
      to redirect the parcel or send it to a pick-up point;</li>
      <li>with <strong>Colissimo</strong>, choose another delivery day or a pick-up point from the tracking
      page.</li>
      </ul>
      <p>For security reasons we can't send an order to a different country after checkout. Cancel it while it
      is processing and order again instead.</p>
    `,
  },

  // ── Returns and refunds ────────────────────────────────────────────────────────────────────
  {
    id: 'en-returns-how-to-start',
    locale: 'en',
    category: 'returns',
    title: 'How do I return an item?',
    tags: ['return', 'refund', 'exchange', 'how to return'],
    suggestOn: ['/orders/*', '/order-status*'],
    updatedAt: '2026-03-10T09:00:00Z',
    body: markup`
      <p>You can return most items within <strong>30 days of delivery</strong>. Starting a return takes two
      minutes:</p>
      <ol>
      <li>Go to <a href="${site}/returns">Start a return</a>, or open the order
      from <a href="${site}/account/orders">My orders</a>.</li>
      <li>Enter your order number and the email or postal code you used at checkout.</li>
      <li>Choose the items, tell us why, and pick a refund, an exchange or store credit.</li>
      <li>Print the prepaid label we email you (or show the QR code at the drop-off point) and send the
      parcel.</li>
      </ol>
      <p>Please send items back unused, unwashed and, where possible, in their original packaging. Returns are
      free from France and the EU; from the UK and the US, a €7.50 label fee is deducted from your refund. We
      email you when your return arrives and again when your refund is issued.</p>
    `,
  },
  {
    id: 'en-returns-return-window',
    locale: 'en',
    category: 'returns',
    title: 'How long do I have to return something?',
    tags: ['return policy', 'return window', 'deadline', '30 days'],
    suggestOn: ['/orders/*'],
    updatedAt: '2026-03-10T09:15:00Z',
    body: markup`
      <p>You have <strong>30 days from the day your order is delivered</strong> to start a return. The exact
      deadline for each item is shown on your order page.</p>
      <ul>
      <li>Your return is on time as long as you start it within the 30 days; you then have 14 days to drop the
      parcel off.</li>
      <li>If your order arrived in several parcels, each parcel has its own 30 days.</li>
      <li>Gifts bought between 15 November and 24 December can be returned until 31 January.</li>
      </ul>
      <p>Items must be unused, unwashed and still labelled; bedding should be in its original cotton bag. Once
      the window has closed we can't accept a return or give a refund, but faulty items are still covered by
      our <a href="${site}/help/warranty">warranty</a>.</p>
    `,
  },
  {
    id: 'en-returns-refund-timing',
    locale: 'en',
    category: 'returns',
    title: 'When will I get my refund?',
    tags: ['refund', 'refund time', 'money back', 'return'],
    suggestOn: ['/orders/*'],
    updatedAt: '2026-03-12T13:30:00Z',
    body: markup`
      <p>We issue your refund within <strong>3 business days</strong> of your return reaching our Paris studio,
      after a quick check, and email you as soon as it's done. How long it then takes to reach you depends on
      how you paid:</p>
      <ul>
      <li><strong>Card, Apple Pay or Google Pay:</strong> 5–10 business days, depending on your bank</li>
      <li><strong>PayPal:</strong> 1–3 business days</li>
      <li><strong>Alipay and WeChat Pay:</strong> 1–3 business days</li>
      <li><strong>Gift card or store credit:</strong> instantly, back onto the same code</li>
      </ul>
      <p>Refunds always go back to the original payment method. We also refund the original shipping cost when
      you return a whole order or the item was faulty. If more than 10 business days have passed since our
      email, <a href="${site}/contact">contact us</a> and we'll send you the bank reference.</p>
    `,
  },
  {
    id: 'en-returns-exchanges',
    locale: 'en',
    category: 'returns',
    title: 'Can I exchange an item for another size or colour?',
    tags: ['exchange', 'size exchange', 'colour', 'return'],
    suggestOn: ['/orders/*'],
    updatedAt: '2026-03-12T13:45:00Z',
    body: markup`
      <p>Yes. Exchanging for another size or colour of the same product is <strong>free</strong>, from every
      country we ship to.</p>
      <ol>
      <li><a href="${site}/returns">Start a return</a> and choose <strong>Exchange</strong>.</li>
      <li>Pick the new size or colour. Only variants in stock can be chosen, and we reserve yours straight
      away.</li>
      <li>Send the original item back with the prepaid label.</li>
      </ol>
      <p>We dispatch the replacement as soon as the carrier scans your return: no need to wait until it reaches
      us. If you'd like a different product altogether, return the item for a refund or store credit and place a
      new order.</p>
    `,
  },
  {
    id: 'en-returns-store-credit',
    locale: 'en',
    category: 'returns',
    title: 'Can I get store credit instead of a refund?',
    tags: ['store credit', 'gift card', 'refund', 'return'],
    updatedAt: '2026-02-05T10:00:00Z',
    body: markup`
      <p>Yes. When you start a return, choose <strong>store credit</strong> instead of a refund to your payment
      method. Store credit is:</p>
      <ul>
      <li>issued as soon as the carrier scans your return, without waiting for it to reach us;</li>
      <li>worth the full value of the returned items, with no label fee deducted;</li>
      <li>sent by email as a gift card code, and added to your account if you are signed in;</li>
      <li>valid for 24 months, and usable over several orders.</li>
      </ul>
      <p>Store credit can't be turned back into a refund later. If you'd rather have your money back,
      choose <strong>Refund</strong> when you start the return. Check your balance at any time on
      the <a href="${site}/gift-cards/balance">gift card balance</a> page.</p>
    `,
  },
  {
    id: 'en-returns-damaged-items',
    locale: 'en',
    category: 'returns',
    title: 'My item arrived damaged, or I received the wrong item',
    tags: ['damaged', 'broken', 'wrong item', 'replacement', 'refund'],
    updatedAt: '2026-02-18T15:05:00Z',
    body: markup`
      <p>We're sorry! Our stoneware travels in recycled paper pulp, but sometimes a parcel has a rough journey.
      Please tell us within <strong>14 days of delivery</strong>:</p>
      <ol>
      <li><a href="${site}/returns">Start a return</a> and choose <strong>Arrived
      damaged</strong> or <strong>Wrong item sent</strong>.</li>
      <li>Add a photo of the item and one of the box with its shipping label.</li>
      <li>Tell us whether you'd like a replacement or a refund.</li>
      </ol>
      <p>You don't need to send broken stoneware back; please recycle it safely. For a wrong item we email you a
      free return label. Replacements ship within 1–2 business days, and we refund the original shipping cost
      too.</p>
      <p><img src="${site}/help/damaged-item-photos.png" alt="Three example photos: the chipped mug, the open box and the shipping label"></p>
    `,
  },
  {
    id: 'en-returns-final-sale',
    locale: 'en',
    category: 'returns',
    title: "Which items can't be returned?",
    tags: ['final sale', 'non-returnable', 'sale', 'return'],
    updatedAt: '2026-01-15T12:00:00Z',
    body: markup`
      <p>A few items are <strong>final sale</strong>: they can't be returned or exchanged unless they are
      faulty. They are marked "Final sale" on the product page and in your order:</p>
      <ul>
      <li>pieces from our Archive Sale, and stoneware seconds with small glaze marks</li>
      <li>monogrammed or made-to-measure linen</li>
      <li>candles that have been lit</li>
      <li>gift cards</li>
      </ul>
      <p>Everything else can be returned within 30 days of delivery for a refund, an exchange or store credit.
      If a final-sale item arrives damaged or faulty, you are still fully
      covered: <a href="${site}/returns">start a return</a> with a photo and we'll replace or refund it.</p>
    `,
  },

  // ── Payment ────────────────────────────────────────────────────────────────────────────────
  {
    id: 'en-payment-methods',
    locale: 'en',
    category: 'payment',
    title: 'Which payment methods do you accept?',
    tags: ['payment methods', 'credit card', 'paypal', 'apple pay', 'alipay'],
    suggestOn: ['/cart'],
    updatedAt: '2026-02-02T10:30:00Z',
    body: markup`
      <p>We accept:</p>
      <ul>
      <li>Visa, Mastercard, American Express and Cartes Bancaires</li>
      <li>Apple Pay and Google Pay</li>
      <li>PayPal</li>
      <li>Alipay and WeChat Pay, for orders delivered in China</li>
      <li>Maple &amp; Moss gift cards and store credit</li>
      </ul>
      <p>You're charged when you place your order. Card payments are protected by <strong>3-D Secure</strong>,
      so your bank may ask you to confirm in its app. We never see or store your full card number.</p>
      <p>We don't take cash on delivery, cheques or bank transfers for online orders. If a payment doesn't go
      through, see <a href="${site}/help/payment-failed">Why was my payment declined?</a></p>
    `,
  },
  {
    id: 'en-payment-failed',
    locale: 'en',
    category: 'payment',
    title: 'Why was my payment declined?',
    tags: ['payment failed', 'declined', '3-d secure', 'card'],
    suggestOn: ['/cart'],
    updatedAt: '2026-02-02T10:45:00Z',
    body: markup`
      <p>Payments usually fail for one of these reasons:</p>
      <ul>
      <li>the <strong>3-D Secure</strong> confirmation in your banking app wasn't completed in time;</li>
      <li>the expiry date, security code or billing postcode doesn't match what your bank has;</li>
      <li>your card has a limit on online or international payments;</li>
      <li>your bank flagged the payment as unusual.</li>
      </ul>
      <p>Check the details and try again, or use another method such as PayPal or Apple Pay. If your bank shows
      a pending amount for a failed attempt, it's only an authorisation: it is released automatically within 3–7
      business days and never collected. Still stuck? <a href="${site}/contact">Contact us</a>. We can't see
      your card details, but we can see why the payment stopped.</p>
    `,
  },
  {
    id: 'en-payment-invoices-vat',
    locale: 'en',
    category: 'payment',
    title: 'How do I get an invoice with VAT?',
    tags: ['invoice', 'vat', 'receipt', 'business'],
    updatedAt: '2026-01-29T09:20:00Z',
    body: markup`
      <p>We email your invoice when your order ships, and you can download it at any time
      from <a href="${site}/account/orders">My orders</a>. Guest shoppers can download it from the order status
      page.</p>
      <ul>
      <li>Prices include VAT at the rate of the EU country we deliver to, and the invoice shows the VAT
      amount.</li>
      <li><strong>Businesses in the EU:</strong> enter your company name and VAT number at checkout. Once the
      number is validated, the order is invoiced without VAT under the reverse-charge rule.</li>
      <li>Invoices for the UK show UK VAT; for the US and China, duties and taxes are listed separately.</li>
      </ul>
      <p>Need another company name or address on the invoice? Reply to your shipping email within 30 days and
      we'll issue a corrected one.</p>
    `,
  },
  {
    id: 'en-payment-gift-cards',
    locale: 'en',
    category: 'payment',
    title: 'How do gift cards work?',
    tags: ['gift card', 'voucher', 'balance', 'present'],
    updatedAt: '2026-01-12T17:00:00Z',
    body: markup`
      <p>Our digital gift cards come in any amount from <strong>€25 to €500</strong> and are delivered by email,
      on the date you choose, with your personal message.</p>
      <ul>
      <li>Valid for <strong>24 months</strong> from purchase</li>
      <li>Usable over several orders until the balance runs out</li>
      <li>Can be combined with another payment method if the order costs more</li>
      <li>Can't be exchanged for cash, and are final sale</li>
      </ul>
      <p>To redeem one, enter its 16-character code in the <strong>Gift card or discount code</strong> field at
      checkout. Check what is left on the <a href="${site}/gift-cards/balance">balance page</a>. Lost the email?
      Ask the sender to forward it, or contact us with the sender's order number.</p>
    `,
  },
  {
    id: 'en-payment-currency',
    locale: 'en',
    category: 'payment',
    title: 'Which currency will I pay in?',
    tags: ['currency', 'euro', 'exchange rate', 'price'],
    updatedAt: '2026-01-12T17:20:00Z',
    body: markup`
      <p>Prices are in <strong>euros (EUR)</strong> for every destination except China, where prices and payment
      are in <strong>yuan (CNY)</strong>.</p>
      <p>If your card is in another currency, such as pounds or dollars, your bank converts the amount and may
      add a foreign transaction fee. The amount on your statement can therefore differ slightly from the
      estimate shown at checkout.</p>
      <p>Refunds are made in the currency you paid in, for the same amount. Because exchange rates move, what
      your bank credits back in your own currency can differ a little from what it originally debited. We can't
      control this, but your bank can tell you which rate it used. Questions? <a href="${site}/contact">Contact
      us</a>.</p>
    `,
  },
  {
    id: 'en-payment-discount-codes',
    locale: 'en',
    category: 'payment',
    title: 'How do I use a discount code?',
    tags: ['discount code', 'promo code', 'coupon'],
    updatedAt: '2026-02-20T08:15:00Z',
    body: markup`
      <p>Enter your code in the <strong>Gift card or discount code</strong> field in
      your <a href="${site}/cart">cart</a> or at the payment step, then select <strong>Apply</strong>. The
      discount appears in your order summary before you pay.</p>
      <ul>
      <li>One discount code per order; gift cards can be used on top of it.</li>
      <li>Codes don't apply to gift cards or Archive Sale items.</li>
      <li>Codes aren't case-sensitive, but they do expire: check the date in the email.</li>
      <li>The welcome code from our newsletter works once per email address.</li>
      </ul>
      <p>Forgot to add your code? If the order hasn't shipped, <a href="${site}/contact">contact us</a> within
      24 hours and we'll refund the difference.</p>
    `,
  },
  {
    id: 'en-payment-charged-twice',
    locale: 'en',
    category: 'payment',
    title: 'I was charged twice',
    tags: ['double charge', 'charged twice', 'pending', 'payment'],
    updatedAt: '2026-02-20T08:40:00Z',
    body: markup`
      <p>If you see two charges, it's almost always one of these:</p>
      <ul>
      <li><strong>An authorisation from a failed attempt.</strong> When a payment fails and you try again, your
      bank may still show the first attempt as pending. It is never collected, and disappears within 3–7
      business days.</li>
      <li><strong>Two separate orders.</strong> Look for two confirmation emails with different MM- numbers. If
      you didn't mean to order twice, contact us and we'll cancel the duplicate before it ships.</li>
      <li><strong>A split shipment.</strong> With PayPal, an order sent in several parcels is collected parcel
      by parcel, as each one leaves.</li>
      </ul>
      <p>If a charge is still there after 7 business days and doesn't match an
      order, <a href="${site}/contact">send us</a> a screenshot of your statement (hide your card number) and
      we'll trace it.</p>
    `,
  },

  // ── Sizing and care ────────────────────────────────────────────────────────────────────────
  {
    id: 'en-sizing-shirts',
    locale: 'en',
    category: 'sizing',
    title: 'Linen shirt size guide',
    tags: ['size guide', 'shirt', 'linen', 'fit', 'measurements'],
    suggestOn: ['/products/*'],
    updatedAt: '2026-04-01T10:00:00Z',
    body: markup`
      <p>Our linen shirts have a relaxed fit with room to layer. Measure around the fullest part of your chest,
      then choose your size:</p>
      <ul>
      <li><strong>XS:</strong> chest 84–89 cm</li>
      <li><strong>S:</strong> 89–96 cm</li>
      <li><strong>M:</strong> 96–104 cm</li>
      <li><strong>L:</strong> 104–112 cm</li>
      <li><strong>XL:</strong> 112–120 cm</li>
      </ul>
      <p>Between two sizes? Take the smaller one for a neater look, the larger one for an easy, oversized drape.
      Our linen is stonewashed before it is sewn, so it shrinks less than 2% when washed as the label says.
      The <strong>Size &amp; fit</strong> tab on each product page lists the garment's own measurements: chest
      width, length and sleeve.</p>
      <p><img src="${site}/help/how-to-measure-chest.png" alt="A tape measure held around the fullest part of the chest, just under the arms"></p>
    `,
  },
  {
    id: 'en-sizing-sweaters',
    locale: 'en',
    category: 'sizing',
    title: 'Wool sweater size guide',
    tags: ['size guide', 'sweater', 'knitwear', 'wool', 'fit'],
    suggestOn: ['/products/*'],
    updatedAt: '2026-04-01T10:20:00Z',
    body: markup`
      <p>Our merino and lambswool sweaters are knitted to a <strong>regular fit</strong>: close enough to wear
      under a coat, loose enough to go over a shirt.</p>
      <ul>
      <li><strong>S:</strong> chest 88–94 cm, body length 66 cm</li>
      <li><strong>M:</strong> chest 94–100 cm, body length 68 cm</li>
      <li><strong>L:</strong> chest 100–108 cm, body length 70 cm</li>
      <li><strong>XL:</strong> chest 108–116 cm, body length 72 cm</li>
      </ul>
      <p>Knitwear relaxes a little as you wear it, so if you're between sizes we recommend the smaller one. For
      an oversized look, go one size up. Sleeves are cut long, to be folded once at the cuff.</p>
      <p>Still unsure? Tell us your height and usual size in <a href="${site}/contact">chat</a> and we'll
      suggest one. If it doesn't fit, exchanges are free.</p>
    `,
  },
  {
    id: 'en-sizing-bedding',
    locale: 'en',
    category: 'sizing',
    title: 'Bedding sizes: which duvet cover and sheet fit my bed?',
    tags: ['bedding', 'duvet cover', 'fitted sheet', 'bed size', 'size guide'],
    suggestOn: ['/products/*'],
    updatedAt: '2026-04-03T09:00:00Z',
    body: markup`
      <p>Our linen bedding comes in European sizes. Choose duvet covers by the size of your duvet, and fitted
      sheets by the size of your mattress.</p>
      <h3>Duvet covers</h3>
      <ul>
      <li>Single: 140 × 200 cm</li>
      <li>Double: 200 × 200 cm</li>
      <li>King: 240 × 220 cm</li>
      <li>Super King: 260 × 220 cm</li>
      </ul>
      <h3>Fitted sheets</h3>
      <ul>
      <li>90 × 200, 140 × 190, 150 × 200, 160 × 200 and 180 × 200 cm</li>
      <li>30 cm deep, for mattresses up to 28 cm thick</li>
      </ul>
      <p><strong>UK:</strong> a UK double duvet takes our Double cover, and a UK king mattress (150 × 200 cm)
      takes our 150 × 200 sheet. <strong>US:</strong> a US queen duvet fits our King cover, and a US queen
      mattress fits our 160 × 200 sheet.</p>
    `,
  },
  {
    id: 'en-sizing-linen-care',
    locale: 'en',
    category: 'sizing',
    title: 'How do I wash and care for linen?',
    tags: ['care', 'linen', 'washing', 'laundry'],
    updatedAt: '2026-01-22T14:30:00Z',
    body: markup`
      <p>Linen gets softer with every wash. To keep yours at its best:</p>
      <ul>
      <li>Machine wash at <strong>40 °C</strong> on a gentle cycle with a mild detergent. Wash dark colours
      separately the first time.</li>
      <li>Skip bleach and fabric softener: softener coats the fibres and makes linen less absorbent.</li>
      <li>Tumble dry on <strong>low</strong> and take it out while slightly damp, or line dry in the shade.</li>
      <li>Iron on medium heat while damp for a crisp look, or smooth it by hand and enjoy the creases.</li>
      </ul>
      <p>Washing hotter than 40 °C or drying on high heat can shrink linen by up to 5%, which our warranty
      doesn't cover. Each product's care label and our <a href="${site}/help/care">care guide</a> have the
      details.</p>
    `,
  },
  {
    id: 'en-sizing-wool-care',
    locale: 'en',
    category: 'sizing',
    title: 'How do I care for merino throws and wool sweaters?',
    tags: ['care', 'wool', 'merino', 'sweater', 'throw'],
    updatedAt: '2026-01-22T14:50:00Z',
    body: markup`
      <p>Wool needs less washing than you'd think: air it after wearing and spot-clean small marks.</p>
      <ul>
      <li>Hand wash in cool water, 30 °C at most, with a wool detergent, or use your machine's wool cycle.</li>
      <li>Never wring: roll it in a towel to press the water out, then <strong>dry it flat</strong>, away from
      radiators and direct sun.</li>
      <li>Don't tumble dry; heat felts and shrinks wool.</li>
      <li>Remove any pilling with a fabric comb. It's natural and settles after the first few weeks.</li>
      </ul>
      <p>Store knitwear folded rather than hung, with cedar blocks to keep moths away. Merino throws can also be
      dry-cleaned. Read more in our <a href="${site}/help/care">care guide</a>.</p>
    `,
  },
  {
    id: 'en-sizing-stoneware-care',
    locale: 'en',
    category: 'sizing',
    title: 'Is your stoneware dishwasher and microwave safe?',
    tags: ['stoneware', 'care', 'dishwasher', 'microwave', 'ceramics'],
    updatedAt: '2026-01-23T09:10:00Z',
    body: markup`
      <p>Yes. Our stoneware is fired at 1,280 °C, which makes it tough enough for everyday use:</p>
      <ul>
      <li><strong>Dishwasher safe</strong>, although hand washing keeps reactive glazes glossy for longer.</li>
      <li><strong>Microwave safe</strong>, except pieces with a gold or platinum rim, which the product page
      points out.</li>
      <li><strong>Oven safe</strong> up to 220 °C. Avoid sudden changes of temperature, such as a hot dish on a
      cold worktop or in cold water.</li>
      <li>Not suitable for the hob, the grill or the freezer.</li>
      </ul>
      <p>Each piece is glazed by hand, so small variations in colour, speckles and drips are part of its
      character rather than a fault. More tips are in our <a href="${site}/help/care">care guide</a>.</p>
    `,
  },
  {
    id: 'en-sizing-candle-care',
    locale: 'en',
    category: 'sizing',
    title: 'How do I burn my candle evenly?',
    tags: ['candle', 'care', 'wick', 'burn time'],
    updatedAt: '2026-01-23T09:30:00Z',
    body: markup`
      <p>Our soy and rapeseed wax candles burn for about 45 hours (classic) or 70 hours (large). For a clean,
      even burn:</p>
      <ol>
      <li>The first time, let the candle burn for <strong>2–3 hours</strong>, until the melted wax reaches the
      edge of the vessel. This prevents tunnelling.</li>
      <li>Trim the wick to <strong>5 mm</strong> before each use, to avoid soot and a tall flame.</li>
      <li>Burn for no more than 4 hours at a time, away from draughts.</li>
      <li>Stop when 1 cm of wax is left.</li>
      </ol>
      <p>Once it's empty, clean the vessel with warm soapy water and give it a second life as a plant pot or
      pencil cup. Never leave a burning candle unattended. More in our <a href="${site}/help/care">care
      guide</a>.</p>
    `,
  },

  // ── Account and privacy ────────────────────────────────────────────────────────────────────
  {
    id: 'en-account-create',
    locale: 'en',
    category: 'account',
    title: 'Do I need an account to order?',
    tags: ['account', 'sign up', 'register', 'guest checkout'],
    updatedAt: '2026-02-09T11:00:00Z',
    body: markup`
      <p>No: you can check out as a guest and follow your order with its number and your email. An account makes
      a few things easier, though:</p>
      <ul>
      <li>all your orders, invoices and returns in one place;</li>
      <li>saved addresses for a faster checkout;</li>
      <li>returns without typing your order number;</li>
      <li>your store credit and gift card balance at a glance.</li>
      </ul>
      <p>Select <strong>Sign in</strong> at the top of any page, then <strong>Create an account</strong>, and
      enter your email and a password of at least 10 characters. Click the link in our confirmation email within
      24 hours to activate the account; guest orders placed with the same email then appear
      automatically. <a href="${site}/account/register">Create your account</a>.</p>
    `,
  },
  {
    id: 'en-account-password-reset',
    locale: 'en',
    category: 'account',
    title: 'I forgot my password',
    tags: ['password', 'reset', 'sign in', 'login'],
    updatedAt: '2026-02-09T11:20:00Z',
    body: markup`
      <p>To choose a new password:</p>
      <ol>
      <li>Go to <a href="${site}/account/login">Sign in</a> and select <strong>Forgot your
      password?</strong></li>
      <li>Enter the email address of your account.</li>
      <li>Open our email and click the reset link. It works once and expires after <strong>60
      minutes</strong>.</li>
      <li>Choose a new password of at least 10 characters.</li>
      </ol>
      <p>No email after 10 minutes? Check your spam or promotions folder, and make sure you typed the address
      you signed up with. For your privacy, we answer the same way whether or not an account exists. After 5
      failed sign-in attempts, your account is locked for 15 minutes; resetting your password unlocks it
      straight away.</p>
    `,
  },
  {
    id: 'en-account-delete-data',
    locale: 'en',
    category: 'account',
    title: 'How do I delete my account and personal data?',
    tags: ['gdpr', 'delete account', 'privacy', 'personal data'],
    updatedAt: '2026-01-30T15:00:00Z',
    body: markup`
      <p>You can ask us to delete your account and personal data at any time, as the EU General Data Protection
      Regulation (GDPR) allows.</p>
      <ol>
      <li>Sign in and go to <a href="${site}/account/privacy">Privacy settings</a>.</li>
      <li>Select <strong>Delete my account</strong> and confirm from the email we send you.</li>
      </ol>
      <p>No account, or can't sign in? Write to privacy@maple-and-moss.example from the email address you
      ordered with. We complete deletions within <strong>30 days</strong> and confirm by email.</p>
      <p>What we keep: French law requires us to keep invoices and accounting records for 10 years, so those
      stay in our accounting system and are never used for marketing. Open returns and warranty claims are
      completed first. Unused store credit is lost when the account is deleted, so spend it before you ask.</p>
    `,
  },
  {
    id: 'en-account-newsletter',
    locale: 'en',
    category: 'account',
    title: 'Subscribe to or unsubscribe from our newsletter',
    tags: ['newsletter', 'unsubscribe', 'email', 'marketing'],
    updatedAt: '2026-02-11T10:00:00Z',
    body: markup`
      <p>Our newsletter arrives about twice a month, with new collections, stories from the studio and early
      access to the Archive Sale. New subscribers get <strong>10% off</strong> their first order.</p>
      <ul>
      <li><strong>Subscribe</strong> in the footer of any page, or tick the box at checkout.</li>
      <li><strong>Unsubscribe</strong> with the link at the bottom of any newsletter; it works immediately.</li>
      <li><strong>Choose what you get</strong>, such as restock alerts only,
      in <a href="${site}/account/preferences">Email preferences</a>.</li>
      </ul>
      <p>Unsubscribing from marketing doesn't stop service emails such as order confirmations, shipping updates
      and refund notices, which we have to send. We never share your email address with other brands.</p>
    `,
  },
  {
    id: 'en-account-guest-orders',
    locale: 'en',
    category: 'account',
    title: 'I ordered as a guest. How do I see my order?',
    tags: ['guest', 'order lookup', 'order number', 'account'],
    updatedAt: '2026-02-11T10:30:00Z',
    body: markup`
      <p>Go to <a href="${site}/order-status">Order status</a> and enter your order number (it starts
      with <strong>MM-</strong>) with the email address or the delivery postal code you gave at checkout. From
      there you can track your parcels, download the invoice and start a return.</p>
      <p>Can't find your order number? It's in the subject line of your confirmation email: search your inbox
      for "Maple &amp; Moss".</p>
      <p>If you later create an account with the same email address, your guest orders are added to it
      automatically once you confirm that address. Orders placed with another email can't be merged, but you can
      still look them up as a guest.</p>
    `,
  },
  {
    id: 'en-account-update-details',
    locale: 'en',
    category: 'account',
    title: 'How do I change my email, address or phone number?',
    tags: ['account', 'email', 'address', 'profile'],
    updatedAt: '2026-02-12T09:00:00Z',
    body: markup`
      <p>Sign in and open <a href="${site}/account/details">Account details</a> to update your name, phone
      number and saved addresses. Changes apply to future orders only.</p>
      <p>To change your <strong>email address</strong>, enter the new one and confirm it from the link we send
      there. Until you do, we keep writing to the old address. Your order history stays with your account either
      way.</p>
      <p>Need to change the address on an order you've already placed? That depends on whether it has shipped:
      see <a href="${site}/help/change-address">Can I change my delivery address?</a></p>
    `,
  },
  {
    id: 'en-account-download-data',
    locale: 'en',
    category: 'account',
    title: 'How do I get a copy of my personal data?',
    tags: ['gdpr', 'privacy', 'data export', 'personal data'],
    updatedAt: '2026-01-30T15:30:00Z',
    body: markup`
      <p>You have the right to know what personal data we hold about you. Sign in, go
      to <a href="${site}/account/privacy">Privacy settings</a> and select <strong>Download my data</strong>.
      Within 48 hours we email you a link to a ZIP file with:</p>
      <ul>
      <li>your profile and saved addresses;</li>
      <li>your orders, returns and warranty claims;</li>
      <li>your email preferences and consent history;</li>
      <li>your chat conversations with our team.</li>
      </ul>
      <p>The link expires after 7 days. There are no card numbers in the file, because we never store them. No
      account? Write to privacy@maple-and-moss.example from the email you ordered with, and we'll answer within
      30 days, as the GDPR requires.</p>
    `,
  },

  // ── Warranty and repairs ───────────────────────────────────────────────────────────────────
  {
    id: 'en-warranty-what-is-covered',
    locale: 'en',
    category: 'warranty',
    title: 'What does the warranty cover?',
    tags: ['warranty', 'guarantee', 'defect', 'coverage'],
    updatedAt: '2026-03-05T10:00:00Z',
    body: markup`
      <p>Every Maple &amp; Moss product comes with the <strong>2-year legal guarantee of conformity</strong>,
      from the day it is delivered. It covers manufacturing defects such as:</p>
      <ul>
      <li>seams, hems or bindings coming undone;</li>
      <li>buttons falling off because of loose stitching;</li>
      <li>glaze cracking or flaking on stoneware in normal use;</li>
      <li>a candle wick that won't stay lit.</li>
      </ul>
      <p>On top of that, our linen bedding and merino throws carry a <strong>5-year Workmanship
      Promise</strong> on seams and bindings. A valid claim is repaired, replaced or refunded at no cost to you,
      shipping included. See <a href="${site}/help/warranty-not-covered">what isn't covered</a>,
      or <a href="${site}/warranty">make a claim</a>.</p>
    `,
  },
  {
    id: 'en-warranty-how-to-claim',
    locale: 'en',
    category: 'warranty',
    title: 'How do I make a warranty claim?',
    tags: ['warranty', 'claim', 'defect', 'photos'],
    updatedAt: '2026-03-05T10:20:00Z',
    body: markup`
      <p>Noticed a defect? A claim takes about five minutes:</p>
      <ol>
      <li>Go to <a href="${site}/warranty">Warranty claims</a>.</li>
      <li>Enter your order number and email, or sign in and pick the item.</li>
      <li>Describe the problem and add up to 5 photos: the whole item, a close-up of the defect and the care
      label.</li>
      <li>Send it. You'll get a claim number starting with <strong>WC-</strong>.</li>
      </ol>
      <p>Our care team replies within <strong>2 business days</strong>. Most claims are settled from the photos
      alone; sometimes we ask you to send the item in with a prepaid label so our workshop can look at it. No
      receipt? Signed-in customers don't need one, and for a gift, the giver's order number or the gift note is
      enough.</p>
    `,
  },
  {
    id: 'en-warranty-repairs',
    locale: 'en',
    category: 'warranty',
    title: 'Do you repair items?',
    tags: ['repair', 'mending', 'workshop', 'warranty'],
    updatedAt: '2026-03-06T11:00:00Z',
    body: markup`
      <p>Yes: we'd rather mend than replace. Our Paris workshop repairs:</p>
      <ul>
      <li>linen shirts: buttons, seams, collars and cuffs;</li>
      <li>bedding: hems, seams and envelope closures;</li>
      <li>merino throws: bindings and small moth holes;</li>
      <li>wool sweaters: small holes and unravelling cuffs, with matching yarn.</li>
      </ul>
      <p>Repairs under warranty are free, shipping both ways included. Outside the warranty, repairs start
      at <strong>€15</strong> plus return shipping, and we send you a quote before we begin. Expect 2–3 weeks.
      We can't repair stoneware. To ask for a repair, fill in the <a href="${site}/repairs">repair form</a>.</p>
    `,
  },
  {
    id: 'en-warranty-not-covered',
    locale: 'en',
    category: 'warranty',
    title: "What isn't covered by the warranty?",
    tags: ['warranty', 'exclusions', 'wear and tear', 'not covered'],
    updatedAt: '2026-03-06T11:20:00Z',
    body: markup`
      <p>The warranty covers manufacturing defects, not the natural ageing of natural materials. It doesn't
      cover:</p>
      <ul>
      <li><strong>normal wear</strong>, such as linen thinning after years of use, or dyed linen softly
      fading;</li>
      <li><strong>pilling</strong> on merino and lambswool, which is natural and comes off with a comb;</li>
      <li><strong>shrinking or felting</strong> after washing hotter than the care label says, or tumble drying
      wool;</li>
      <li><strong>chips and cracks</strong> from knocks, falls or sudden changes of temperature;</li>
      <li><strong>soot or tunnelling</strong> on candles when the wick wasn't trimmed or the first burn was too
      short;</li>
      <li>items altered or repaired by someone else.</li>
      </ul>
      <p>Not sure? <a href="${site}/warranty">Send us a claim</a> anyway. We look at every case, and can often
      offer a paid repair.</p>
    `,
  },
  {
    id: 'en-warranty-period',
    locale: 'en',
    category: 'warranty',
    title: 'How long is the warranty on each product?',
    tags: ['warranty', 'warranty period', 'guarantee', 'how long'],
    updatedAt: '2026-03-06T11:40:00Z',
    body: markup`
      <p>Warranty periods depend on the product:</p>
      <ul>
      <li><strong>Linen bedding:</strong> 2-year legal guarantee, plus our 5-year Workmanship Promise on
      seams</li>
      <li><strong>Merino throws:</strong> 2 years, plus our 5-year Workmanship Promise on bindings</li>
      <li><strong>Apparel (shirts and sweaters):</strong> 2 years</li>
      <li><strong>Stoneware:</strong> 2 years</li>
      <li><strong>Candles:</strong> 2 years, or until the candle is used up</li>
      </ul>
      <p>Every period starts on the delivery date shown in your order. An item replaced under warranty gets a
      new 2-year guarantee from the day the replacement is delivered; a repaired item keeps its original period,
      extended by 6 months. Questions? <a href="${site}/contact">Contact us</a>.</p>
    `,
  },
  {
    id: 'en-warranty-claim-outcome',
    locale: 'en',
    category: 'warranty',
    title: 'What happens after I make a warranty claim?',
    tags: ['warranty', 'claim status', 'replacement', 'refund'],
    updatedAt: '2026-03-06T12:00:00Z',
    body: markup`
      <p>Once we have your photos, we email you one of these outcomes within 2 business days:</p>
      <ul>
      <li><strong>Repair:</strong> we send a prepaid label, and your item comes back mended within 2–3
      weeks.</li>
      <li><strong>Replacement:</strong> we ship the same item, or a similar one if it has sold out, usually
      within 2 business days.</li>
      <li><strong>Refund:</strong> if neither is possible, we refund what you paid to your original payment
      method.</li>
      <li><strong>Not covered:</strong> we explain why, and offer a paid repair where we can.</li>
      </ul>
      <p>Follow your claim from the link in our email or under <a href="${site}/account/claims">My claims</a>.
      Disagree with the outcome? Reply to the email and a second member of the team will review it.</p>
    `,
  },
];

/** The Simplified Chinese help centre, written for shoppers in mainland China. */
const chinese: readonly Article[] = [
  // ── 配送 ───────────────────────────────────────────────────────────────────────────────────
  {
    id: 'zh-shipping-delivery-times',
    locale: 'zh-CN',
    category: 'shipping',
    title: '下单后多久能收到货？',
    tags: ['配送时间', '发货', '顺丰', '物流'],
    suggestOn: ['/products/*', '/cart'],
    updatedAt: '2026-03-02T10:00:00Z',
    body: markup`
      <p>所有订单都在我们巴黎的工作室手工打包，通常在下单后 <strong>1–2 个工作日</strong>内发出。
      寄往中国大陆的包裹由<strong>顺丰速运（SF Express）</strong>国际件承运，
      从巴黎发出到签收一般需要 <strong>5–8 个工作日</strong>，已包含清关时间：</p>
      <ul>
      <li>北京、上海、广州、深圳等城市：通常 5–6 个工作日</li>
      <li>其他省份：6–8 个工作日，新疆、西藏等偏远地区可能稍长</li>
      </ul>
      <p>刺绣字母定制的亚麻床品需要额外 5 个工作日制作。双十一、春节前后海关和物流都比较繁忙，可能延迟 2–3 天，
      建议提前下单。发货后您会收到带顺丰运单号的邮件和短信，
      也可以在<a href="${site}/zh/account/orders">我的订单</a>中查看预计送达时间。</p>
    `,
  },
  {
    id: 'zh-shipping-costs',
    locale: 'zh-CN',
    category: 'shipping',
    title: '运费怎么算？满多少包邮？',
    tags: ['运费', '包邮', '免运费', '结算'],
    suggestOn: ['/cart'],
    updatedAt: '2026-03-02T10:15:00Z',
    body: markup`
      <p>寄往中国大陆的订单运费为 <strong>¥128</strong>，订单金额满 <strong>¥1,500</strong> 即可包邮。
      运费在结算页根据收货地址自动计算，使用优惠码后的金额达到门槛即可免运费，礼品卡抵扣不影响包邮门槛。</p>
      <ul>
      <li>大件商品（例如大床尺寸的被套）不额外收费；</li>
      <li>一个订单拆分成多个包裹发出时，只收一次运费；</li>
      <li>暂不支持运费到付，也不能指定其他快递公司。</li>
      </ul>
      <p>结算页显示的价格已包含进口税费，签收时无需再支付任何费用，
      详见<a href="${site}/zh/help/customs">关税与清关说明</a>。</p>
    `,
  },
  {
    id: 'zh-shipping-track-order',
    locale: 'zh-CN',
    category: 'shipping',
    title: '怎么查物流？快递单号在哪里？',
    tags: ['物流查询', '快递单号', '顺丰', '订单状态'],
    suggestOn: ['/orders/*', '/order-status*'],
    updatedAt: '2026-02-16T14:30:00Z',
    body: markup`
      <p>包裹从巴黎发出后，我们会发送一封发货邮件，里面有以 SF 开头的顺丰运单号。您可以通过以下方式查询物流：
      </p>
      <ol>
      <li>打开<a href="${site}/zh/order-status">订单查询</a>页面，输入订单号（MM- 开头）和下单邮箱或收货邮编；
      </li>
      <li>在顺丰速运 App、顺丰微信小程序或顺丰官网输入运单号查询；</li>
      <li>已登录的顾客可以在「我的订单」里查看所有包裹。</li>
      </ol>
      <p>包裹离开巴黎后，国际航班运输期间的 1–2 天里物流信息可能不会更新，这是正常现象。进入国内后，
      顺丰会逐站更新，派送前还会短信通知您。</p>
    `,
  },
  {
    id: 'zh-shipping-customs',
    locale: 'zh-CN',
    category: 'shipping',
    title: '需要交关税吗？清关要准备什么？',
    tags: ['关税', '清关', '实名认证', '进口税'],
    suggestOn: ['/cart'],
    updatedAt: '2026-01-20T11:30:00Z',
    body: markup`
      <p>不需要另外缴纳。寄往中国大陆的订单，<strong>进口税费已包含在结算价格中</strong>，
      由我们通过顺丰统一申报缴纳，签收时没有任何额外费用。</p>
      <p>按照海关要求，跨境包裹清关需要<strong>收件人实名认证</strong>：</p>
      <ul>
      <li>包裹到达国内口岸后，顺丰会通过短信或微信向收件人发送实名认证链接；</li>
      <li>请在 48 小时内按提示填写与收件人姓名一致的身份证信息；</li>
      <li>收件人请填写真实中文姓名，不要用昵称，否则可能清关失败。</li>
      </ul>
      <p>身份信息仅用于海关申报，我们不会保存您的身份证号码。如果包裹因清关问题被退回，我们会全额退款。
      有疑问请<a href="${site}/zh/contact">联系客服</a>。</p>
    `,
  },
  {
    id: 'zh-shipping-international',
    locale: 'zh-CN',
    category: 'shipping',
    title: '你们配送到哪些地区？',
    tags: ['配送范围', '国际配送', '海外', '收货地址'],
    updatedAt: '2026-01-08T10:30:00Z',
    body: markup`
      <p>Maple &amp; Moss 从法国巴黎发货，目前可以配送到：</p>
      <ul>
      <li>中国大陆，以人民币结算，由顺丰承运；</li>
      <li>法国及其他欧盟国家；</li>
      <li>英国和美国，以欧元结算。</li>
      </ul>
      <p>中文站的订单暂时只支持寄往中国大陆地址，不支持寄往港澳台地区，也不支持集运仓或转运地址。如果您在海外，
      可以切换到英文站以欧元下单。</p>
      <p>收货地址请详细到门牌号，并留一个能接通的中国大陆手机号，方便顺丰派送前联系您。
      收件人姓名请与身份证一致，以便完成清关实名认证。</p>
    `,
  },
  {
    id: 'zh-shipping-lost-parcel',
    locale: 'zh-CN',
    category: 'shipping',
    title: '物流很久没更新，包裹丢了怎么办？',
    tags: ['丢件', '包裹丢失', '物流不更新', '查件'],
    updatedAt: '2026-02-24T17:00:00Z',
    body: markup`
      <p>国际包裹偶尔会比预期慢一些，请先按以下步骤排查：</p>
      <ol>
      <li>查看物流信息。如果显示<strong>已签收</strong>但您没收到，请先问问家人、门卫、快递柜和物业代收点。</li>
      <li>如果物流信息超过 <strong>7 个工作日</strong>没有更新，或者显示签收后 48 小时仍找不到包裹，
      请<a href="${site}/zh/contact">联系客服</a>并提供订单号。</li>
      <li>我们会在当天向顺丰发起查件。</li>
      </ol>
      <p>如果顺丰确认丢件，或者 10 个工作日内仍未找到，
      我们会为您免费<strong>补发</strong>或<strong>全额退款</strong>，由您选择，不需要等快递公司的理赔结果。</p>
    `,
  },
  {
    id: 'zh-shipping-missed-delivery',
    locale: 'zh-CN',
    category: 'shipping',
    title: '快递派送失败、没人签收怎么办？',
    tags: ['派送失败', '改约', '代收点', '取件码'],
    updatedAt: '2026-02-24T17:20:00Z',
    body: markup`
      <p>顺丰派送前通常会先打电话联系收件人。如果您不在家或电话没接通，快递员一般会：</p>
      <ul>
      <li>把包裹暂存在附近的<strong>顺丰站点或快递柜</strong>，并短信发送取件码；</li>
      <li>或者与您约定第二天再次派送。</li>
      </ul>
      <p>您也可以在顺丰 App 或微信小程序里改约派送时间、转寄到公司地址或放到代收点。
      易碎的陶器建议当面签收并开箱检查。</p>
      <p>包裹在站点存放超过 7 天未领取会被退回法国。退回后我们会退还商品款（不含原运费），或按您的要求重新寄出。
      </p>
    `,
  },
  {
    id: 'zh-shipping-change-address',
    locale: 'zh-CN',
    category: 'shipping',
    title: '下单后还能修改收货地址吗？',
    tags: ['修改地址', '收货地址', '转寄'],
    updatedAt: '2026-01-27T09:10:00Z',
    body: markup`
      <p>订单状态为<strong>处理中</strong>时可以修改。请尽快<a href="${site}/zh/contact">联系客服</a>，
      提供订单号和新的收货地址、收件人姓名及手机号。工作日我们通常几个小时内就会打包，越早联系越好。</p>
      <p>包裹一旦发出，我们就无法再修改面单了，不过您还可以：</p>
      <ul>
      <li>等包裹进入国内后，在顺丰 App 或小程序里申请<strong>转寄</strong>，可能产生少量转寄费用；</li>
      <li>选择把包裹放到附近的顺丰站点自取。</li>
      </ul>
      <p>注意：如果更换了收件人，清关实名认证需要使用新收件人的身份信息。</p>
    `,
  },

  // ── 退货与退款 ─────────────────────────────────────────────────────────────────────────────
  {
    id: 'zh-returns-how-to-start',
    locale: 'zh-CN',
    category: 'returns',
    title: '如何申请退货？',
    tags: ['退货', '退款', '换货', '申请退货', '售后'],
    suggestOn: ['/orders/*', '/order-status*'],
    updatedAt: '2026-03-10T09:30:00Z',
    body: markup`
      <p>商品签收后 <strong>30 天内</strong>都可以申请退货，比「7 天无理由退货」更宽松。操作步骤：</p>
      <ol>
      <li>打开<a href="${site}/zh/returns">申请退货</a>页面，或在「我的订单」中点开对应订单；</li>
      <li>输入订单号和下单邮箱或收货邮编；</li>
      <li>选择要退的商品和退货原因，并选择<strong>退款</strong>、
      <strong>换货</strong>或<strong>退回购物金</strong>；</li>
      <li>提交后我们会安排<strong>顺丰上门取件</strong>，寄到我们在上海的退货中心。</li>
      </ol>
      <p>请保持商品未使用、未洗涤、吊牌完好，床品请装回原装棉布袋。退货运费 ¥30 会从退款中扣除；
      如果是质量问题或发错货，运费由我们承担。退货中心签收后，我们会通过邮件通知您退款进度。</p>
    `,
  },
  {
    id: 'zh-returns-return-window',
    locale: 'zh-CN',
    category: 'returns',
    title: '退货期限是多久？超过 30 天还能退吗？',
    tags: ['退货期限', '30天', '无理由退货', '退货'],
    suggestOn: ['/orders/*'],
    updatedAt: '2026-03-10T09:45:00Z',
    body: markup`
      <p>自包裹<strong>签收之日起 30 天内</strong>可以申请退货，每件商品的具体截止日期会显示在订单页面。</p>
      <ul>
      <li>只要在 30 天内提交退货申请即可，提交后 14 天内把包裹交给顺丰；</li>
      <li>一个订单分多个包裹签收的，每个包裹分别计算 30 天；</li>
      <li>11 月 15 日至 12 月 24 日期间购买的礼物，可延长到次年 1 月 31 日前退货。</li>
      </ul>
      <p>超过 30 天后就无法再申请退货或退款了。但如果商品存在质量问题，
      仍然可以享受<a href="${site}/zh/help/warranty">保修服务</a>。</p>
    `,
  },
  {
    id: 'zh-returns-refund-timing',
    locale: 'zh-CN',
    category: 'returns',
    title: '退款多久到账？',
    tags: ['退款', '退款到账', '支付宝', '微信支付', '退货'],
    suggestOn: ['/orders/*'],
    updatedAt: '2026-03-12T14:00:00Z',
    body: markup`
      <p>退货寄到上海退货中心后，我们会在 <strong>3 个工作日</strong>内完成质检并发起退款，同时发邮件通知您。
      退款<strong>原路退回</strong>，到账时间取决于支付方式：</p>
      <ul>
      <li><strong>支付宝</strong>：1–3 个工作日，退回支付宝余额或原付款银行卡</li>
      <li><strong>微信支付</strong>：1–3 个工作日，退回零钱或原付款银行卡</li>
      <li><strong>银联卡及信用卡</strong>：5–10 个工作日，以银行处理时间为准</li>
      <li><strong>礼品卡或购物金</strong>：即时退回原卡</li>
      </ul>
      <p>整单退货或商品有质量问题时，原运费也会一并退还。如果收到退款邮件后超过 10 个工作日仍未到账，
      请<a href="${site}/zh/contact">联系客服</a>，我们会提供退款流水号，方便您向银行查询。</p>
    `,
  },
  {
    id: 'zh-returns-exchanges',
    locale: 'zh-CN',
    category: 'returns',
    title: '可以换尺码或换颜色吗？',
    tags: ['换货', '换尺码', '退货', '颜色'],
    suggestOn: ['/orders/*'],
    updatedAt: '2026-03-12T14:20:00Z',
    body: markup`
      <p>可以。同一款商品更换尺码或颜色<strong>完全免费</strong>，来回运费都由我们承担。</p>
      <ol>
      <li>在<a href="${site}/zh/returns">退货页面</a>选择商品，处理方式选<strong>换货</strong>；</li>
      <li>选择新的尺码或颜色。只能选择有库存的款式，提交后我们会立即为您预留；</li>
      <li>等待顺丰上门取件。</li>
      </ol>
      <p>顺丰揽收您的退货后，我们就会从巴黎寄出新商品，不用等退货寄到。如果想换成其他商品，请先申请退货退款，
      再重新下单。</p>
    `,
  },
  {
    id: 'zh-returns-store-credit',
    locale: 'zh-CN',
    category: 'returns',
    title: '退货可以换成购物金吗？',
    tags: ['购物金', '退款', '退货', '礼品卡'],
    updatedAt: '2026-02-05T10:30:00Z',
    body: markup`
      <p>可以。申请退货时，除了原路退款，您还可以选择<strong>购物金</strong>：</p>
      <ul>
      <li>顺丰揽收退货后立即到账，不用等质检；</li>
      <li>按商品金额全额返还，<strong>不扣 ¥30 退货运费</strong>；</li>
      <li>以礼品卡代码的形式发到您的邮箱，登录后会自动存入账户；</li>
      <li>有效期 24 个月，可以分多次使用。</li>
      </ul>
      <p>购物金不能提现，也不能再改成原路退款。如果您更希望拿回现金，申请退货时请选择「退款」。
      购物金余额可以在<a href="${site}/zh/gift-cards/balance">余额查询</a>页面查看。</p>
    `,
  },
  {
    id: 'zh-returns-damaged-items',
    locale: 'zh-CN',
    category: 'returns',
    title: '收到的商品破损或发错了怎么办？',
    tags: ['破损', '发错货', '补发', '退款', '退货'],
    updatedAt: '2026-02-18T15:30:00Z',
    body: markup`
      <p>非常抱歉！我们的陶器都用再生纸浆托包装，但长途运输偶尔难免磕碰。
      请在签收后 <strong>14 天内</strong>告诉我们：</p>
      <ol>
      <li>在<a href="${site}/zh/returns">退货页面</a>选择原因「到货时已损坏」或「发错商品」；</li>
      <li>上传照片：商品破损处，以及外箱和快递面单；</li>
      <li>选择<strong>补发</strong>或<strong>退款</strong>。</li>
      </ol>
      <p>破损的陶器不用寄回，请小心处理掉。发错的商品我们会安排顺丰免费上门取件。
      补发的商品会在 1–2 个工作日内寄出，原运费也会退还给您。易碎商品建议当着快递员的面开箱验货。</p>
    `,
  },
  {
    id: 'zh-returns-final-sale',
    locale: 'zh-CN',
    category: 'returns',
    title: '哪些商品不支持退货退款？',
    tags: ['不退不换', '特卖', '定制', '退货', '退款'],
    updatedAt: '2026-01-15T12:30:00Z',
    body: markup`
      <p>以下商品为<strong>不退不换</strong>商品，商品页面和订单中会标注「最终售卖」，除质量问题外不支持退货、
      退款或换货：</p>
      <ul>
      <li>典藏特卖（Archive Sale）商品，以及釉面有细微瑕疵的陶器；</li>
      <li>刺绣字母定制或定制尺寸的亚麻床品；</li>
      <li>已经点燃过的香薰蜡烛；</li>
      <li>礼品卡。</li>
      </ul>
      <p>其他商品签收后 30 天内都可以申请退货。即使是不退不换的商品，如果到货破损或有质量问题，
      我们同样会补发或退款，请<a href="${site}/zh/returns">提交申请</a>并附上照片。</p>
    `,
  },

  // ── 支付 ───────────────────────────────────────────────────────────────────────────────────
  {
    id: 'zh-payment-methods',
    locale: 'zh-CN',
    category: 'payment',
    title: '支持哪些支付方式？',
    tags: ['支付方式', '支付宝', '微信支付', '银联', '信用卡'],
    suggestOn: ['/cart'],
    updatedAt: '2026-02-02T11:00:00Z',
    body: markup`
      <p>寄往中国大陆的订单以<strong>人民币</strong>结算，支持以下支付方式：</p>
      <ul>
      <li><strong>支付宝</strong>：电脑端扫码支付，手机端自动跳转支付宝 App；</li>
      <li><strong>微信支付</strong>：扫码支付，或在微信内直接付款；</li>
      <li><strong>银联卡</strong>，以及 Visa、Mastercard、American Express 信用卡；</li>
      <li>Apple Pay；</li>
      <li>Maple &amp; Moss 礼品卡和购物金。</li>
      </ul>
      <p>暂不支持货到付款、分期付款和对公转账。信用卡支付需要通过银行的安全验证（短信验证码或 3-D Secure），
      我们不会保存您的完整卡号。付款遇到问题，请看<a href="${site}/zh/help/payment-failed">支付失败怎么办</a>。
      </p>
    `,
  },
  {
    id: 'zh-payment-failed',
    locale: 'zh-CN',
    category: 'payment',
    title: '支付失败怎么办？',
    tags: ['支付失败', '扣款', '限额', '二维码'],
    suggestOn: ['/cart'],
    updatedAt: '2026-02-02T11:20:00Z',
    body: markup`
      <p>支付失败通常有以下几种原因：</p>
      <ul>
      <li>支付宝或微信支付的二维码已过期（有效期 15 分钟），请返回结算页重新生成；</li>
      <li>金额超出了银行卡或支付宝、微信的单笔限额，可以换一张卡或使用余额支付；</li>
      <li>信用卡没有开通境外或网上支付，或者安全验证没有完成；</li>
      <li>银行风控拦截了这笔交易，可以致电发卡行确认。</li>
      </ul>
      <p>如果页面提示失败但账户已经扣款，请不要重复支付：订单会在 30 分钟内自动确认；如果没有确认，
      款项会在 1–7 个工作日内原路退回。仍有问题请<a href="${site}/zh/contact">联系客服</a>，
      并提供支付宝或微信的交易单号。</p>
    `,
  },
  {
    id: 'zh-payment-invoices',
    locale: 'zh-CN',
    category: 'payment',
    title: '可以开发票吗？',
    tags: ['发票', '报销', '购买凭证', '税费'],
    updatedAt: '2026-01-29T09:40:00Z',
    body: markup`
      <p>Maple &amp; Moss 是一家法国公司，<strong>无法开具中国的增值税普通发票或专用发票</strong>。
      我们可以提供：</p>
      <ul>
      <li><strong>电子商业发票（Commercial Invoice）</strong>：订单发货后自动发送到您的邮箱，
      也可以随时在<a href="${site}/zh/account/orders">我的订单</a>中下载 PDF；</li>
      <li>需要公司抬头的话，请在下单时填写「公司名称」；发货后 30 天内也可以联系客服修改并重新开具。</li>
      </ul>
      <p>进口税费已包含在商品价格中，发票上会单独列出税费金额，可以作为购买凭证用于保修。如需报销，
      请先与贵公司财务确认是否接受境外发票。</p>
    `,
  },
  {
    id: 'zh-payment-gift-cards',
    locale: 'zh-CN',
    category: 'payment',
    title: '礼品卡怎么购买和使用？',
    tags: ['礼品卡', '送礼', '余额', '购物卡'],
    updatedAt: '2026-01-12T17:40:00Z',
    body: markup`
      <p>电子礼品卡面值 <strong>¥200 至 ¥4,000</strong> 任选，可以指定日期通过邮件发给收礼人，并附上您的祝福语。
      </p>
      <ul>
      <li>自购买之日起 <strong>24 个月</strong>内有效；</li>
      <li>可以分多次使用，直到余额用完；</li>
      <li>订单金额超过余额时，差额可以用支付宝、微信支付或银行卡补足；</li>
      <li>不能兑换现金，购买后不支持退换。</li>
      </ul>
      <p>使用时在结算页「礼品卡或优惠码」一栏输入 16 位卡号即可。
      剩余金额可以在<a href="${site}/zh/gift-cards/balance">余额查询</a>页面查看。</p>
    `,
  },
  {
    id: 'zh-payment-currency',
    locale: 'zh-CN',
    category: 'payment',
    title: '价格含税吗？用什么货币结算？',
    tags: ['价格', '人民币', '含税', '汇率'],
    updatedAt: '2026-01-12T18:00:00Z',
    body: markup`
      <p>寄往中国大陆的订单，页面显示的都是<strong>人民币含税价</strong>，已经包含进口关税、
      增值税和消费税（如适用），结算时不会再加税费，只另算运费。</p>
      <p>用人民币支付不会产生货币转换费。如果您使用外币信用卡，扣款金额由发卡行按当天汇率换算。</p>
      <p>退款同样以人民币原路退回，金额与您实际支付的一致。</p>
      <p>欧盟、英国和美国的订单以欧元结算。由于税费和运费结构不同，
      同一件商品在中文站和英文站的价格可能略有差异。有疑问请<a href="${site}/zh/contact">联系客服</a>。</p>
    `,
  },
  {
    id: 'zh-payment-discount-codes',
    locale: 'zh-CN',
    category: 'payment',
    title: '优惠码怎么用？',
    tags: ['优惠码', '折扣', '优惠券'],
    updatedAt: '2026-02-20T08:30:00Z',
    body: markup`
      <p>在<a href="${site}/zh/cart">购物车</a>页面或支付页的「礼品卡或优惠码」一栏输入优惠码，
      点击<strong>使用</strong>，优惠金额会在付款前显示在订单摘要中。</p>
      <ul>
      <li>每个订单只能使用一个优惠码，可以和礼品卡同时使用；</li>
      <li>优惠码不适用于礼品卡和典藏特卖商品；</li>
      <li>请留意有效期，过期的优惠码无法使用；</li>
      <li>订阅邮件获得的新人优惠码，每个邮箱限用一次。</li>
      </ul>
      <p>下单时忘了用优惠码？如果订单还没发货，请在 24 小时内<a href="${site}/zh/contact">联系客服</a>，
      我们会把差价退给您。</p>
    `,
  },
  {
    id: 'zh-payment-charged-twice',
    locale: 'zh-CN',
    category: 'payment',
    title: '被重复扣款了怎么办？',
    tags: ['重复扣款', '预授权', '支付'],
    updatedAt: '2026-02-20T08:50:00Z',
    body: markup`
      <p>看到两笔扣款，通常是以下几种情况：</p>
      <ul>
      <li><strong>第一次支付没有成功，但银行冻结了款项</strong>：这是预授权，不会真正扣走，
      一般 1–7 个工作日内自动解冻；</li>
      <li><strong>下了两个订单</strong>：请查看邮箱里是否有两封订单号不同的确认邮件。如果不是有意重复下单，
      请联系客服，我们会在发货前取消并全额退回；</li>
      <li><strong>支付宝或微信支付重复付款</strong>：系统会自动识别同一订单的重复付款，
      并在 24 小时内原路退回多付的金额。</li>
      </ul>
      <p>如果 7 个工作日后仍有对应不上订单的扣款，请把账单截图（遮住卡号）
      发给<a href="${site}/zh/contact">客服</a>，我们会帮您核查。</p>
    `,
  },

  // ── 尺码与洗护 ─────────────────────────────────────────────────────────────────────────────
  {
    id: 'zh-sizing-shirts',
    locale: 'zh-CN',
    category: 'sizing',
    title: '亚麻衬衫尺码怎么选？',
    tags: ['尺码', '衬衫', '亚麻', '尺码表'],
    suggestOn: ['/products/*'],
    updatedAt: '2026-04-01T10:30:00Z',
    body: markup`
      <p>我们的亚麻衬衫是宽松版型，方便叠穿。请用软尺绕胸部最丰满处量一圈得到胸围，再对照下表选择：</p>
      <ul>
      <li><strong>XS</strong>：胸围 84–89 cm</li>
      <li><strong>S</strong>：胸围 89–96 cm</li>
      <li><strong>M</strong>：胸围 96–104 cm</li>
      <li><strong>L</strong>：胸围 104–112 cm</li>
      <li><strong>XL</strong>：胸围 112–120 cm</li>
      </ul>
      <p>我们采用欧码，整体比国内品牌略宽松，请以胸围厘米数为准。如果在两个尺码之间，想要利落一些就选小一码，
      想要宽松垂坠感就选大一码。面料在裁剪前已经水洗处理，按洗标洗涤缩水率低于 2%。每件商品的「尺码与版型」
      页签里有衣长、肩宽、袖长等成衣尺寸。</p>
    `,
  },
  {
    id: 'zh-sizing-sweaters',
    locale: 'zh-CN',
    category: 'sizing',
    title: '羊毛毛衣尺码怎么选？',
    tags: ['尺码', '毛衣', '针织', '羊毛'],
    suggestOn: ['/products/*'],
    updatedAt: '2026-04-01T10:50:00Z',
    body: markup`
      <p>我们的美利奴羊毛和小羊毛毛衣是<strong>常规版型</strong>，可以单穿，也可以套在衬衫外面。</p>
      <ul>
      <li><strong>S</strong>：胸围 88–94 cm，衣长 66 cm</li>
      <li><strong>M</strong>：胸围 94–100 cm，衣长 68 cm</li>
      <li><strong>L</strong>：胸围 100–108 cm，衣长 70 cm</li>
      <li><strong>XL</strong>：胸围 108–116 cm，衣长 72 cm</li>
      </ul>
      <p>针织衫穿一段时间会稍微变松，如果在两个尺码之间，建议选小一码；喜欢慵懒宽松的效果可以选大一码。
      袖子设计得偏长，可以把袖口翻折一次。拿不准的话，
      可以在<a href="${site}/zh/contact">在线客服</a>告诉我们身高、体重和平时穿的尺码，我们帮您推荐；
      不合适也可以免费换货。</p>
    `,
  },
  {
    id: 'zh-sizing-bedding',
    locale: 'zh-CN',
    category: 'sizing',
    title: '床品尺寸怎么选？1.5 米和 1.8 米的床用哪个？',
    tags: ['床品', '尺寸', '被套', '床笠'],
    suggestOn: ['/products/*'],
    updatedAt: '2026-04-03T09:30:00Z',
    body: markup`
      <p>被套请按<strong>被芯尺寸</strong>选择，床笠请按<strong>床垫尺寸</strong>选择。</p>
      <h3>被套</h3>
      <ul>
      <li>欧洲尺寸：140 × 200、200 × 200、240 × 220、260 × 220 cm</li>
      <li>国内常用尺寸：200 × 230、220 × 240 cm（中文站专供）</li>
      </ul>
      <h3>床笠</h3>
      <ul>
      <li>90 × 200、150 × 200、180 × 200、200 × 200 cm</li>
      <li>侧边高 30 cm，适合 28 cm 以内厚度的床垫</li>
      </ul>
      <p><strong>怎么选：</strong>1.5 米的床一般搭配 200 × 230 的被芯，选 200 × 230 被套和 150 × 200 床笠；
      1.8 米的床一般搭配 220 × 240 的被芯，选 220 × 240 被套和 180 × 200 床笠。
      下单前建议先量一下被芯和床垫的实际尺寸。</p>
    `,
  },
  {
    id: 'zh-sizing-linen-care',
    locale: 'zh-CN',
    category: 'sizing',
    title: '亚麻床品和衣服怎么洗？',
    tags: ['洗护', '亚麻', '清洗', '保养'],
    updatedAt: '2026-01-22T15:00:00Z',
    body: markup`
      <p>亚麻越洗越柔软。想让它保持最好的状态：</p>
      <ul>
      <li>机洗水温不超过 <strong>40 °C</strong>，选择轻柔模式和中性洗涤剂；深色第一次请单独洗；</li>
      <li>不要用漂白剂和柔顺剂，柔顺剂会降低亚麻的吸湿透气性；</li>
      <li>可以低温烘干，七八成干时取出；也可以自然晾干，避免暴晒；</li>
      <li>喜欢挺括的效果可以半干时中温熨烫，喜欢自然褶皱用手抚平就好。</li>
      </ul>
      <p>水温超过 40 °C 或高温烘干，可能导致缩水 5% 左右，这种情况不在保修范围内。
      更多说明请看<a href="${site}/zh/help/care">洗护指南</a>。</p>
    `,
  },
  {
    id: 'zh-sizing-wool-care',
    locale: 'zh-CN',
    category: 'sizing',
    title: '羊毛毯和羊毛衫怎么保养？',
    tags: ['洗护', '羊毛', '毛衣', '羊毛毯', '起球'],
    updatedAt: '2026-01-22T15:20:00Z',
    body: markup`
      <p>羊毛其实不用经常洗：穿完挂在通风处散散味，小污渍局部清洁就可以。</p>
      <ul>
      <li>用 30 °C 以下的冷水和羊毛专用洗涤剂手洗，或者用洗衣机的「羊毛」程序；</li>
      <li>不要拧干，用毛巾卷起来按压吸水，然后<strong>平铺晾干</strong>，远离暖气和阳光直射；</li>
      <li>不要烘干，否则会毡化缩水；</li>
      <li>起球是天然羊毛的正常现象，用毛球梳轻轻梳掉即可，穿几周后会慢慢减少。</li>
      </ul>
      <p>毛衣请折叠存放，不要用衣架挂，可以放樟木块防虫；南方梅雨季节要注意防潮。美利奴羊毛毯也可以干洗。
      详见<a href="${site}/zh/help/care">洗护指南</a>。</p>
    `,
  },
  {
    id: 'zh-sizing-stoneware-care',
    locale: 'zh-CN',
    category: 'sizing',
    title: '陶瓷餐具能放洗碗机和微波炉吗？',
    tags: ['陶器', '洗碗机', '微波炉', '餐具', '保养'],
    updatedAt: '2026-01-23T09:40:00Z',
    body: markup`
      <p>可以。我们的粗陶餐具经过 1280 °C 高温烧制，日常使用完全没问题：</p>
      <ul>
      <li><strong>可以放洗碗机</strong>，不过手洗能让釉面光泽保持得更久；</li>
      <li><strong>可以放微波炉</strong>，带金边或铂金边的款式除外（商品页会注明）；</li>
      <li>可以放进烤箱，最高 220 °C，但要避免骤冷骤热，比如把热盘子直接泡进冷水；</li>
      <li>不能明火直烧，也不能放进冷冻室。</li>
      </ul>
      <p>每件陶器都是手工上釉，颜色深浅、斑点和流釉痕迹各不相同，这是手作的特点，不属于质量问题。
      详见<a href="${site}/zh/help/care">洗护指南</a>。</p>
    `,
  },
  {
    id: 'zh-sizing-candle-care',
    locale: 'zh-CN',
    category: 'sizing',
    title: '香薰蜡烛怎么点才不会凹坑？',
    tags: ['蜡烛', '香薰', '使用方法', '烛芯'],
    updatedAt: '2026-01-23T10:00:00Z',
    body: markup`
      <p>我们的大豆蜡和菜籽蜡香薰蜡烛，经典款可以燃烧约 45 小时，大号约 70 小时。想让蜡烛烧得均匀：</p>
      <ol>
      <li>第一次点燃请烧 <strong>2–3 小时</strong>，直到表面的蜡完全融化到杯壁，这样可以避免中间凹陷成「隧道」；
      </li>
      <li>每次点燃前把烛芯剪到 <strong>5 毫米</strong>左右，减少黑烟；</li>
      <li>每次燃烧不超过 4 小时，远离风口；</li>
      <li>剩下大约 1 厘米的蜡时请停止使用。</li>
      </ol>
      <p>用完后可以用温水把容器洗干净，当作花盆或笔筒继续使用。点燃的蜡烛请勿离人。
      更多请看<a href="${site}/zh/help/care">洗护指南</a>。</p>
    `,
  },

  // ── 账户与隐私 ─────────────────────────────────────────────────────────────────────────────
  {
    id: 'zh-account-create',
    locale: 'zh-CN',
    category: 'account',
    title: '一定要注册账户才能下单吗？',
    tags: ['注册', '账户', '微信登录', '游客下单'],
    updatedAt: '2026-02-09T11:30:00Z',
    body: markup`
      <p>不需要。您可以以游客身份下单，之后用订单号和邮箱查询订单。不过注册账户会更方便：</p>
      <ul>
      <li>在一个地方查看所有订单、发票和退货记录；</li>
      <li>保存常用收货地址，结算更快；</li>
      <li>申请退货时不用再输入订单号；</li>
      <li>随时查看购物金和礼品卡余额。</li>
      </ul>
      <p>点击页面顶部的<strong>登录</strong>，再选择<strong>注册账户</strong>，可以用邮箱注册，
      也可以直接<strong>微信扫码登录</strong>。用邮箱注册时，请在 24 小时内点击确认邮件里的链接激活账户，
      同一邮箱以前的游客订单会自动关联。<a href="${site}/zh/account/register">立即注册</a></p>
    `,
  },
  {
    id: 'zh-account-password-reset',
    locale: 'zh-CN',
    category: 'account',
    title: '忘记密码怎么办？',
    tags: ['密码', '忘记密码', '登录', '重置'],
    updatedAt: '2026-02-09T11:50:00Z',
    body: markup`
      <p>按以下步骤重新设置密码：</p>
      <ol>
      <li>打开<a href="${site}/zh/account/login">登录页面</a>，点击<strong>忘记密码</strong>；</li>
      <li>输入注册时使用的邮箱；</li>
      <li>打开我们发送的邮件，点击重置链接。链接只能使用一次，<strong>60 分钟</strong>内有效；</li>
      <li>设置一个至少 10 位的新密码。</li>
      </ol>
      <p>10 分钟后还没收到邮件？请检查垃圾邮件箱，QQ 邮箱和网易邮箱的用户也请看看「订阅邮件」或「广告邮件」
      文件夹。连续 5 次登录失败后，账户会被锁定 15 分钟，重置密码可以立即解锁。用微信登录的顾客不需要密码，
      直接扫码即可。</p>
    `,
  },
  {
    id: 'zh-account-delete-data',
    locale: 'zh-CN',
    category: 'account',
    title: '如何注销账户、删除个人信息？',
    tags: ['注销账户', '个人信息', '隐私', '删除数据'],
    updatedAt: '2026-01-30T15:45:00Z',
    body: markup`
      <p>根据欧盟《通用数据保护条例》（GDPR）和中国《个人信息保护法》，
      您可以随时要求我们删除您的账户和个人信息。</p>
      <ol>
      <li>登录后打开<a href="${site}/zh/account/privacy">隐私设置</a>；</li>
      <li>点击<strong>注销账户</strong>，并在我们发送的邮件中确认。</li>
      </ol>
      <p>没有账户或无法登录？请用下单邮箱发邮件至 privacy@maple-and-moss.example。
      我们会在 <strong>30 天</strong>内完成删除并邮件通知您。</p>
      <p>请注意：根据法国法律，发票和会计记录需要保存 10 年，这部分订单信息会保留在财务系统中，但不会用于营销。
      未完成的退货或保修申请会先处理完毕。注销后未使用的购物金将作废，请先用完。</p>
    `,
  },
  {
    id: 'zh-account-newsletter',
    locale: 'zh-CN',
    category: 'account',
    title: '如何订阅或退订邮件？',
    tags: ['订阅', '退订', '邮件', '优惠'],
    updatedAt: '2026-02-11T10:15:00Z',
    body: markup`
      <p>我们的邮件每月大约两封，内容有新品上市、工作室的故事和典藏特卖的优先购买通道。
      首次订阅可以获得首单 <strong>9 折</strong>优惠码。</p>
      <ul>
      <li><strong>订阅</strong>：在任意页面底部输入邮箱，或在结算时勾选订阅；</li>
      <li><strong>退订</strong>：点击任意一封营销邮件底部的「退订」链接，立即生效；</li>
      <li><strong>选择接收内容</strong>：
      在<a href="${site}/zh/account/preferences">邮件偏好设置</a>中只保留您感兴趣的类型，比如补货提醒。</li>
      </ul>
      <p>退订营销邮件后，您仍然会收到订单确认、发货通知和退款通知等服务类邮件。
      我们不会把您的邮箱提供给其他品牌。</p>
    `,
  },
  {
    id: 'zh-account-guest-orders',
    locale: 'zh-CN',
    category: 'account',
    title: '游客下单后怎么查看订单？',
    tags: ['游客', '订单查询', '订单号'],
    updatedAt: '2026-02-11T10:45:00Z',
    body: markup`
      <p>打开<a href="${site}/zh/order-status">订单查询</a>页面，输入订单号（MM- 开头）
      以及下单时填写的邮箱或收货邮编，就可以查看物流、下载发票和申请退货。</p>
      <p>找不到订单号？它就在订单确认邮件的标题里，可以在邮箱中搜索「Maple &amp; Moss」。</p>
      <p>之后如果用同一个邮箱注册账户，确认邮箱后，以前的游客订单会自动出现在「我的订单」中。
      用其他邮箱下的订单无法合并，但仍然可以通过订单查询页面查看。</p>
    `,
  },
  {
    id: 'zh-account-update-details',
    locale: 'zh-CN',
    category: 'account',
    title: '怎么修改邮箱、收货地址或手机号？',
    tags: ['账户信息', '修改邮箱', '收货地址', '手机号'],
    updatedAt: '2026-02-12T09:20:00Z',
    body: markup`
      <p>登录后打开<a href="${site}/zh/account/details">账户信息</a>，可以修改姓名、手机号和常用收货地址。
      修改只对之后的新订单生效。</p>
      <p>修改<strong>邮箱</strong>时，请输入新邮箱，并点击我们发到新邮箱的确认链接；确认之前，
      我们仍然使用原来的邮箱。您的历史订单会一直保留在账户中。</p>
      <p>收件人姓名请与身份证一致，以便顺丰完成清关实名认证。已经下单的订单要改地址，
      请参考<a href="${site}/zh/help/change-address">下单后还能修改收货地址吗？</a></p>
    `,
  },
  {
    id: 'zh-account-download-data',
    locale: 'zh-CN',
    category: 'account',
    title: '如何获取我的个人数据副本？',
    tags: ['个人数据', '隐私', '数据下载'],
    updatedAt: '2026-01-30T16:00:00Z',
    body: markup`
      <p>您有权了解我们保存了哪些关于您的个人信息。登录后进入<a href="${site}/zh/account/privacy">隐私设置</a>，
      点击<strong>下载我的数据</strong>，48 小时内我们会通过邮件发送一个 ZIP 文件的下载链接，内容包括：</p>
      <ul>
      <li>个人资料和收货地址；</li>
      <li>订单、退货和保修记录；</li>
      <li>邮件偏好设置和授权记录；</li>
      <li>与客服的聊天记录。</li>
      </ul>
      <p>下载链接 7 天内有效。文件中没有银行卡号，因为我们从不保存卡号。没有账户的顾客，
      请用下单邮箱发邮件至 privacy@maple-and-moss.example，我们会在 30 天内回复。</p>
    `,
  },

  // ── 保修与维修 ─────────────────────────────────────────────────────────────────────────────
  {
    id: 'zh-warranty-what-is-covered',
    locale: 'zh-CN',
    category: 'warranty',
    title: '保修范围包括哪些？',
    tags: ['保修', '质量问题', '保修范围'],
    updatedAt: '2026-03-05T10:30:00Z',
    body: markup`
      <p>所有 Maple &amp; Moss 商品自签收之日起享受 <strong>2 年质量保证</strong>（依据欧盟法定的商品合规保证）
      ，保修范围包括制作缺陷，例如：</p>
      <ul>
      <li>缝线、卷边或包边开线；</li>
      <li>因缝制不牢导致纽扣脱落；</li>
      <li>正常使用下陶器釉面开裂或剥落；</li>
      <li>蜡烛烛芯无法持续燃烧。</li>
      </ul>
      <p>此外，亚麻床品和美利奴羊毛毯的缝线与包边还享有 <strong>5 年工艺承诺</strong>。符合条件的保修申请，
      我们会免费维修、更换或退款，来回运费由我们承担。
      请查看<a href="${site}/zh/help/warranty-not-covered">不在保修范围内的情况</a>，
      或直接<a href="${site}/zh/warranty">申请保修</a>。</p>
    `,
  },
  {
    id: 'zh-warranty-how-to-claim',
    locale: 'zh-CN',
    category: 'warranty',
    title: '如何申请保修？',
    tags: ['保修', '申请保修', '售后', '照片'],
    updatedAt: '2026-03-05T10:50:00Z',
    body: markup`
      <p>发现质量问题？申请保修大约只需要 5 分钟：</p>
      <ol>
      <li>打开<a href="${site}/zh/warranty">保修申请</a>页面；</li>
      <li>输入订单号和邮箱，或登录后直接选择商品；</li>
      <li>描述问题并上传最多 5 张照片：商品整体、问题细节和洗标各一张；</li>
      <li>提交后您会收到以 <strong>WC-</strong> 开头的保修单号。</li>
      </ol>
      <p>我们会在 <strong>2 个工作日</strong>内回复。大多数情况根据照片就能处理；少数需要寄回检测的，
      我们会安排顺丰免费上门取件。已登录的顾客不需要提供购买凭证；收到的礼物，提供送礼人的订单号或礼品卡片即可。
      </p>
    `,
  },
  {
    id: 'zh-warranty-repairs',
    locale: 'zh-CN',
    category: 'warranty',
    title: '商品坏了可以维修吗？',
    tags: ['维修', '修补', '保修'],
    updatedAt: '2026-03-06T11:10:00Z',
    body: markup`
      <p>可以，比起换新，我们更愿意帮您修好。巴黎工作室可以维修：</p>
      <ul>
      <li>亚麻衬衫：纽扣、缝线、领口和袖口；</li>
      <li>床品：卷边、缝线和被套开口；</li>
      <li>羊毛毯：包边和小虫洞；</li>
      <li>羊毛衫：小破洞和袖口脱线，用同色毛线修补。</li>
      </ul>
      <p>保修期内的维修免费，来回运费由我们承担。保修期外的维修 <strong>¥120 起</strong>，另加国际运费，
      动工前我们会先报价。因为需要寄回巴黎，中国顾客的维修周期大约 4–6 周。陶器暂时无法维修。
      请填写<a href="${site}/zh/repairs">维修申请表</a>。</p>
    `,
  },
  {
    id: 'zh-warranty-not-covered',
    locale: 'zh-CN',
    category: 'warranty',
    title: '哪些情况不在保修范围内？',
    tags: ['保修', '不保修', '磨损', '起球'],
    updatedAt: '2026-03-06T11:30:00Z',
    body: markup`
      <p>保修针对的是制作缺陷，不包括天然材料在正常使用中的变化：</p>
      <ul>
      <li><strong>正常磨损</strong>：例如使用多年后亚麻变薄，染色亚麻自然褪色；</li>
      <li><strong>起球</strong>：美利奴羊毛和小羊毛的正常现象，可以用毛球梳去除；</li>
      <li><strong>缩水或毡化</strong>：因洗涤温度超过洗标要求或烘干羊毛导致；</li>
      <li><strong>磕碰、跌落或骤冷骤热</strong>造成的缺口和裂纹；</li>
      <li><strong>蜡烛冒黑烟或凹坑</strong>：因为没有修剪烛芯或第一次燃烧时间太短；</li>
      <li>经他人改动或维修过的商品。</li>
      </ul>
      <p>拿不准的话，也欢迎<a href="${site}/zh/warranty">提交申请</a>，我们会逐一评估，
      很多情况可以提供付费维修。</p>
    `,
  },
  {
    id: 'zh-warranty-period',
    locale: 'zh-CN',
    category: 'warranty',
    title: '各类商品的保修期是多久？',
    tags: ['保修期', '保修', '质保'],
    updatedAt: '2026-03-06T11:50:00Z',
    body: markup`
      <p>保修期因商品而异：</p>
      <ul>
      <li><strong>亚麻床品</strong>：2 年质量保证，缝线另享 5 年工艺承诺</li>
      <li><strong>美利奴羊毛毯</strong>：2 年，包边另享 5 年工艺承诺</li>
      <li><strong>服装（衬衫、毛衣）</strong>：2 年</li>
      <li><strong>陶器</strong>：2 年</li>
      <li><strong>香薰蜡烛</strong>：2 年，或到蜡烛燃尽为止</li>
      </ul>
      <p>保修期从签收之日起计算，签收日期可以在订单中查看。保修更换的新商品，从新商品签收之日起重新计算 2 年；
      维修过的商品保留原保修期，并额外延长 6 个月。有疑问请<a href="${site}/zh/contact">联系客服</a>。</p>
    `,
  },
  {
    id: 'zh-warranty-claim-outcome',
    locale: 'zh-CN',
    category: 'warranty',
    title: '提交保修申请后会怎么处理？',
    tags: ['保修', '处理结果', '更换', '退款'],
    updatedAt: '2026-03-06T12:10:00Z',
    body: markup`
      <p>收到您的照片后，我们会在 2 个工作日内通过邮件告诉您处理结果：</p>
      <ul>
      <li><strong>维修</strong>：安排顺丰上门取件，修好后寄回给您；</li>
      <li><strong>更换</strong>：寄出同款新品，如果已售罄则提供相近款式，通常 2 个工作日内发出；</li>
      <li><strong>退款</strong>：无法维修或更换时，按实付金额原路退款；</li>
      <li><strong>不在保修范围</strong>：我们会说明原因，并尽量提供付费维修方案。</li>
      </ul>
      <p>您可以通过邮件里的链接或在<a href="${site}/zh/account/claims">我的保修</a>中查看进度。
      如果对结果有异议，直接回复邮件，会由另一位同事重新审核。</p>
    `,
  },
];

/** The demo store's help centre, in English and Simplified Chinese. */
export const demoArticles: readonly Article[] = [...english, ...chinese];
