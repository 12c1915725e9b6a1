import type { Money, Order, OrderItem, Shipment, ShipmentEvent, ShipmentStatus } from '../model/orders.js';
import { demoStoreConfig } from './demo-store.js';
import type { SeedOrder } from './types.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const RETURN_WINDOW_DAYS = demoStoreConfig.returnPolicy.windowDays;
// The demo storefront serves these drawings (demo/public/img); a real store gives its own CDN's
// addresses. Relative to the page the widget is on, as the store's own <img> tags would be.
const image = (slug: string): string => `/img/${slug}.svg`;

interface Product {
  readonly productId: string;
  readonly name: string;
  /** The image file, and the stem of variant ids. */
  readonly slug: string;
  /** Which return reasons apply (the demo store's `returnPolicy.reasonsByCategory`). */
  readonly category: string;
}

const products = {
  linenShirt: {
    productId: 'prod_linen_shirt',
    name: 'Washed linen shirt',
    slug: 'washed-linen-shirt',
    category: 'apparel',
  },
  merinoSweater: {
    productId: 'prod_merino_sweater',
    name: 'Merino crew-neck sweater',
    slug: 'merino-sweater',
    category: 'apparel',
  },
  duvetCover: {
    productId: 'prod_linen_duvet_cover',
    name: 'Washed linen duvet cover',
    slug: 'linen-duvet-cover',
    category: 'home_linen',
  },
  pillowcases: {
    productId: 'prod_linen_pillowcases',
    name: 'Linen pillowcases, pair',
    slug: 'linen-pillowcases',
    category: 'home_linen',
  },
  fittedSheet: {
    productId: 'prod_linen_fitted_sheet',
    name: 'Linen fitted sheet',
    slug: 'linen-fitted-sheet',
    category: 'home_linen',
  },
  sheetSet: {
    productId: 'prod_linen_sheet_set',
    name: 'Linen sheet set',
    slug: 'linen-sheet-set',
    category: 'home_linen',
  },
  napkins: {
    productId: 'prod_linen_napkins',
    name: 'Linen napkins, set of 4',
    slug: 'linen-napkins',
    category: 'home_linen',
  },
  teaTowels: {
    productId: 'prod_linen_tea_towels',
    name: 'Linen tea towels, set of 2',
    slug: 'linen-tea-towels',
    category: 'home_linen',
  },
  merinoThrow: {
    productId: 'prod_merino_throw',
    name: 'Merino wool throw',
    slug: 'merino-throw',
    category: 'home_linen',
  },
  mug: { productId: 'prod_stoneware_mug', name: 'Stoneware mug', slug: 'stoneware-mug', category: 'tableware' },
  dinnerPlate: {
    productId: 'prod_stoneware_plate',
    name: 'Stoneware dinner plate',
    slug: 'stoneware-dinner-plate',
    category: 'tableware',
  },
  servingBowl: {
    productId: 'prod_stoneware_bowl',
    name: 'Stoneware serving bowl',
    slug: 'stoneware-serving-bowl',
    category: 'tableware',
  },
  dinnerSet: {
    productId: 'prod_stoneware_set',
    name: 'Stoneware dinner set, 12 pieces',
    slug: 'stoneware-set',
    category: 'tableware',
  },
  carafe: {
    productId: 'prod_stoneware_carafe',
    name: 'Stoneware carafe',
    slug: 'stoneware-carafe',
    category: 'tableware',
  },
  bowlSeconds: {
    productId: 'prod_stoneware_bowl_seconds',
    name: 'Archive Sale: stoneware bowl (seconds)',
    slug: 'stoneware-bowl-seconds',
    category: 'tableware',
  },
  candle: {
    productId: 'prod_candle_fig_cedar',
    name: 'Fig & cedar candle',
    slug: 'candle-fig-cedar',
    category: 'candles',
  },
} satisfies Record<string, Product>;

/** Whether a line can still be returned, and why not when it can't. */
type Returnability =
  | { readonly returnableQuantity: number; readonly returnDeadline: string }
  | { readonly returnableQuantity: 0; readonly notReturnableReason: NonNullable<OrderItem['notReturnableReason']> }
  | {
      readonly returnableQuantity: 0;
      readonly notReturnableReason: NonNullable<OrderItem['notReturnableReason']>;
      readonly returnDeadline: string;
    };

interface LineInput {
  readonly id: string;
  readonly product: Product;
  /** The product name as the shopper saw it, when the order was placed in another language. */
  readonly name?: string;
  readonly variant: string;
  readonly price: Money;
  readonly quantity?: number;
  readonly finalSale?: boolean;
  readonly exchangeVariants?: OrderItem['exchangeVariants'];
}

function line(input: LineInput, returnability: Returnability): OrderItem {
  const { product, exchangeVariants } = input;
  return {
    id: input.id,
    productId: product.productId,
    name: input.name ?? product.name,
    variant: input.variant,
    imageUrl: image(product.slug),
    category: product.category,
    quantity: input.quantity ?? 1,
    price: input.price,
    finalSale: input.finalSale ?? false,
    ...returnability,
    ...(exchangeVariants ? { exchangeVariants } : {}),
  };
}

interface SizeOptions {
  readonly colour: { readonly id: string; readonly label: string };
  /** The size on the order line, left out of the choices. */
  readonly current: string;
  readonly outOfStock: readonly string[];
  readonly sizes?: readonly string[];
  readonly label?: (size: string, colour: string) => string;
}

/** The other sizes of an apparel product in one colour, for an exchange. */
function otherSizes(product: Product, options: SizeOptions): OrderItem['exchangeVariants'] {
  const { colour, current, outOfStock, sizes = ['XS', 'S', 'M', 'L', 'XL'] } = options;
  const label = options.label ?? ((size, colourLabel) => `Size ${size} / ${colourLabel}`);
  return sizes
    .filter((size) => size !== current)
    .map((size) => ({
      id: `var_${product.slug.replaceAll('-', '_')}_${colour.id}_${size.toLowerCase()}`,
      name: label(size, colour.label),
      inStock: !outOfStock.includes(size),
    }));
}

const eur = (amount: number): Money => ({ amount, currency: 'EUR' });
const cny = (amount: number): Money => ({ amount, currency: 'CNY' });

/** What the order costs: the sum of its lines (shipping was free on every demo order). */
function total(items: readonly OrderItem[]): Money {
  const currency = items[0]?.price.currency ?? 'EUR';
  if (items.some((item) => item.price.currency !== currency)) throw new Error('An order has one currency.');
  return { amount: items.reduce((sum, item) => sum + item.price.amount * item.quantity, 0), currency };
}

/** "ana.garcia@example.com" → "a***@example.com", as the server masks it. */
function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

/** "75011", "Paris", "FR" → "75*** Paris, FR", as the server masks it. */
function maskAddress(postalCode: string, city: string, country: string): string {
  return `${postalCode.slice(0, 2)}*** ${city}, ${country}`;
}

interface Customer {
  readonly email: string;
  readonly postalCode: string;
  readonly city: string;
  readonly country: string;
  readonly customerId?: string;
}

const customers = {
  ana: { email: 'ana.garcia@example.com', postalCode: '75011', city: 'Paris', country: 'FR', customerId: 'cus_ana' },
  oliver: {
    email: 'oliver.bennett@example.com',
    postalCode: 'SW1A 1AA',
    city: 'London',
    country: 'GB',
    customerId: 'cus_oliver',
  },
  lena: { email: 'lena.schmidt@example.com', postalCode: '10115', city: 'Berlin', country: 'DE' },
  james: {
    email: 'james.walker@example.com',
    postalCode: '94110',
    city: 'San Francisco',
    country: 'US',
    customerId: 'cus_james',
  },
  priya: { email: 'priya.patel@example.com', postalCode: 'M4 1HN', city: 'Manchester', country: 'GB' },
  sophie: { email: 'sophie.martin@example.com', postalCode: '69002', city: 'Lyon', country: 'FR' },
  javier: { email: 'javier.lopez@example.com', postalCode: '28004', city: 'Madrid', country: 'ES' },
  camille: {
    email: 'camille.dubois@example.com',
    postalCode: '33000',
    city: 'Bordeaux',
    country: 'FR',
    customerId: 'cus_camille',
  },
  wang: {
    email: 'wang.fang@example.cn',
    postalCode: '200040',
    city: 'Shanghai',
    country: 'CN',
    customerId: 'cus_wang',
  },
} satisfies Record<string, Customer>;

type OrderInput = Omit<Order, 'total' | 'maskedEmail' | 'maskedAddress' | 'returns'> & Partial<Pick<Order, 'returns'>>;

function seed(customer: Customer, order: OrderInput): SeedOrder {
  return {
    email: customer.email,
    postalCode: customer.postalCode,
    ...(customer.customerId ? { customerId: customer.customerId } : {}),
    order: {
      ...order,
      returns: order.returns ?? [],
      total: total(order.items),
      maskedEmail: maskEmail(customer.email),
      maskedAddress: maskAddress(customer.postalCode, customer.city, customer.country),
      shippingCountry: customer.country,
    },
  };
}

const carriers = {
  colissimo: (code: string) => ({
    carrier: 'Colissimo',
    trackingNumber: code,
    trackingUrl: `https://www.laposte.fr/outils/suivre-vos-envois?code=${code}`,
  }),
  dhlExpress: (code: string) => ({
    carrier: 'DHL Express',
    trackingNumber: code,
    trackingUrl: `https://www.dhl.com/fr-en/home/tracking/tracking-express.html?submit=1&tracking-id=${code}`,
  }),
  ups: (code: string) => ({
    carrier: 'UPS',
    trackingNumber: code,
    trackingUrl: `https://www.ups.com/track?loc=en_US&tracknum=${code}`,
  }),
  royalMail: (code: string) => ({
    carrier: 'Royal Mail',
    trackingNumber: code,
    trackingUrl: `https://www.royalmail.com/track-your-item#/tracking-results/${code}`,
  }),
  sfExpress: (code: string) => ({
    carrier: 'SF Express',
    trackingNumber: code,
    trackingUrl: `https://www.sf-express.com/chn/sc/waybill/waybill-detail/${code}`,
  }),
};

/** A shipment whose status is its newest event's. */
function shipment(
  fields: Omit<Shipment, 'status' | 'events'> & { readonly events: readonly ShipmentEvent[] },
): Shipment {
  const status: ShipmentStatus = fields.events[0]?.status ?? 'info_received';
  return { ...fields, status };
}

/**
 * The demo store's orders, one per state an order can be in, dated relative to `now` so that
 * "delivered 5 days ago, returnable for 25 more days" stays true whenever the demo runs.
 */
export function createDemoOrders(now: Date): readonly SeedOrder[] {
  const at = (hoursAgo: number): string => new Date(now.getTime() - hoursAgo * HOUR_MS).toISOString();
  const daysAgo = (days: number, hours = 0): string => at(days * 24 + hours);
  const inHours = (hours: number): string => at(-hours);
  const deadline = (deliveredAt: string): string =>
    new Date(Date.parse(deliveredAt) + RETURN_WINDOW_DAYS * DAY_MS).toISOString();

  const returnable = (deliveredAt: string, quantity = 1): Returnability => ({
    returnableQuantity: quantity,
    returnDeadline: deadline(deliveredAt),
  });
  const notYet: Returnability = { returnableQuantity: 0, notReturnableReason: 'not_delivered' };
  const oat = { id: 'oat', label: 'Oat' };
  const chalk = { id: 'chalk', label: 'Chalk' };
  const navy = { id: 'navy', label: 'Navy' };
  const knitSizes = ['S', 'M', 'L', 'XL'];

  // 1. Processing: paid yesterday, not packed yet.
  const processing = seed(customers.ana, {
    id: 'ord_1001',
    number: 'MM-1001',
    status: 'processing',
    placedAt: daysAgo(1, 2),
    items: [
      line(
        { id: 'item_1001_1', product: products.duvetCover, variant: 'Double 200 × 200 cm / Sage', price: eur(18900) },
        notYet,
      ),
      line(
        { id: 'item_1001_2', product: products.mug, variant: 'Speckled oat', price: eur(2800), quantity: 2 },
        notYet,
      ),
    ],
    shipments: [],
  });

  // 2. Shipped: one DHL Express parcel on its way to London.
  const shipped = seed(customers.oliver, {
    id: 'ord_1002',
    number: 'MM-1002',
    status: 'shipped',
    placedAt: daysAgo(2, 6),
    items: [
      line(
        { id: 'item_1002_1', product: products.merinoThrow, variant: '130 × 180 cm / Charcoal', price: eur(16500) },
        notYet,
      ),
      line({ id: 'item_1002_2', product: products.candle, variant: 'Classic 220 g', price: eur(3800) }, notYet),
    ],
    shipments: [
      shipment({
        id: 'shp_1002_1',
        ...carriers.dhlExpress('4829174630'),
        items: [
          { itemId: 'item_1002_1', quantity: 1 },
          { itemId: 'item_1002_2', quantity: 1 },
        ],
        estimatedDelivery: { from: inHours(20), to: inHours(44) },
        events: [
          {
            at: at(2),
            status: 'in_transit',
            description: 'Processed at London Heathrow, arriving at the delivery facility next',
            location: 'London Heathrow, United Kingdom',
          },
          {
            at: at(7),
            status: 'in_transit',
            description: 'Customs clearance completed',
            location: 'East Midlands, United Kingdom',
          },
          {
            at: at(11),
            status: 'in_transit',
            description: 'Arrived at DHL hub',
            location: 'East Midlands, United Kingdom',
          },
          {
            at: at(17),
            status: 'in_transit',
            description: 'Departed DHL hub',
            location: 'Paris-Charles de Gaulle, France',
          },
          {
            at: at(23),
            status: 'in_transit',
            description: 'Shipment picked up from the sender',
            location: 'Paris, France',
          },
          {
            at: at(30),
            status: 'info_received',
            description: 'Shipment information received; waiting for the parcel',
            location: 'Paris, France',
          },
        ],
      }),
    ],
  });

  // 3. Partially shipped: one parcel delivered, one on its way, one bowl still on back order.
  const firstParcelDeliveredAt = daysAgo(2, 3);
  const partiallyShipped = seed(customers.lena, {
    id: 'ord_1003',
    number: 'MM-1003',
    status: 'partially_shipped',
    placedAt: daysAgo(6, 4),
    items: [
      line(
        { id: 'item_1003_1', product: products.pillowcases, variant: '50 × 75 cm / White', price: eur(5900) },
        returnable(firstParcelDeliveredAt),
      ),
      line(
        {
          id: 'item_1003_2',
          product: products.dinnerPlate,
          variant: '27 cm / Moss glaze',
          price: eur(3200),
          quantity: 4,
        },
        returnable(firstParcelDeliveredAt, 4),
      ),
      line(
        { id: 'item_1003_3', product: products.fittedSheet, variant: '160 × 200 cm / White', price: eur(11900) },
        notYet,
      ),
      line(
        { id: 'item_1003_4', product: products.servingBowl, variant: 'Large / Moss glaze', price: eur(6400) },
        notYet,
      ),
    ],
    shipments: [
      shipment({
        id: 'shp_1003_1',
        ...carriers.colissimo('6A24819375402'),
        items: [
          { itemId: 'item_1003_1', quantity: 1 },
          { itemId: 'item_1003_2', quantity: 4 },
        ],
        events: [
          {
            at: firstParcelDeliveredAt,
            status: 'delivered',
            description: 'Delivered to the recipient',
            location: 'Berlin, Germany',
          },
          {
            at: daysAgo(2, 8),
            status: 'out_for_delivery',
            description: 'Out for delivery with DHL Paket',
            location: 'Berlin, Germany',
          },
          {
            at: daysAgo(3, 6),
            status: 'in_transit',
            description: 'Arrived in the destination country and handed to DHL Paket',
            location: 'Leipzig, Germany',
          },
          {
            at: daysAgo(4, 9),
            status: 'in_transit',
            description: 'Left the international sorting centre',
            location: 'Roissy-en-France, France',
          },
          {
            at: daysAgo(5, 2),
            status: 'info_received',
            description: 'Parcel prepared by the sender and handed to La Poste',
            location: 'Paris, France',
          },
        ],
      }),
      shipment({
        id: 'shp_1003_2',
        ...carriers.dhlExpress('7391046285'),
        items: [{ itemId: 'item_1003_3', quantity: 1 }],
        estimatedDelivery: { from: inHours(16), to: inHours(40) },
        events: [
          { at: at(5), status: 'in_transit', description: 'Arrived at DHL hub', location: 'Leipzig, Germany' },
          {
            at: at(14),
            status: 'in_transit',
            description: 'Departed DHL hub',
            location: 'Paris-Charles de Gaulle, France',
          },
          {
            at: at(19),
            status: 'in_transit',
            description: 'Shipment picked up from the sender',
            location: 'Paris, France',
          },
          {
            at: at(22),
            status: 'info_received',
            description: 'Shipment information received',
            location: 'Paris, France',
          },
        ],
      }),
    ],
  });

  // 4. Delivered 5 days ago: everything returnable for 25 more days, the shirt exchangeable.
  const deliveredRecentlyAt = daysAgo(5);
  const deliveredRecently = seed(customers.ana, {
    id: 'ord_1004',
    number: 'MM-1004',
    status: 'delivered',
    placedAt: daysAgo(8, 5),
    deliveredAt: deliveredRecentlyAt,
    items: [
      line(
        {
          id: 'item_1004_1',
          product: products.linenShirt,
          variant: 'Size M / Oat',
          price: eur(12000),
          exchangeVariants: otherSizes(products.linenShirt, { colour: oat, current: 'M', outOfStock: ['XL'] }),
        },
        returnable(deliveredRecentlyAt),
      ),
      line(
        { id: 'item_1004_2', product: products.teaTowels, variant: 'Oat stripe', price: eur(3600) },
        returnable(deliveredRecentlyAt),
      ),
    ],
    shipments: [
      shipment({
        id: 'shp_1004_1',
        ...carriers.colissimo('6A24710583916'),
        items: [
          { itemId: 'item_1004_1', quantity: 1 },
          { itemId: 'item_1004_2', quantity: 1 },
        ],
        events: [
          {
            at: deliveredRecentlyAt,
            status: 'delivered',
            description: 'Your parcel has been delivered to your letterbox',
            location: 'Paris, France',
          },
          {
            at: daysAgo(5, 5),
            status: 'out_for_delivery',
            description: 'Your parcel is out for delivery',
            location: 'Paris 11, France',
          },
          {
            at: daysAgo(6, 3),
            status: 'in_transit',
            description: 'Your parcel is being processed at our sorting centre',
            location: 'Wissous, France',
          },
          {
            at: daysAgo(7, 1),
            status: 'info_received',
            description: 'Your parcel has been prepared by the sender',
            location: 'Paris, France',
          },
        ],
      }),
    ],
  });

  // 5. Delivered 45 days ago: the return window closed 15 days ago.
  const deliveredLongAgoAt = daysAgo(45);
  const windowClosed: Returnability = {
    returnableQuantity: 0,
    notReturnableReason: 'window_closed',
    returnDeadline: deadline(deliveredLongAgoAt),
  };
  const deliveredLongAgo = seed(customers.james, {
    id: 'ord_1005',
    number: 'MM-1005',
    status: 'delivered',
    placedAt: daysAgo(52, 3),
    deliveredAt: deliveredLongAgoAt,
    items: [
      line(
        { id: 'item_1005_1', product: products.dinnerSet, variant: 'Speckled oat', price: eur(29000) },
        windowClosed,
      ),
      line(
        {
          id: 'item_1005_2',
          product: products.merinoSweater,
          variant: 'Size L / Navy',
          price: eur(17500),
          exchangeVariants: otherSizes(products.merinoSweater, {
            colour: navy,
            current: 'L',
            outOfStock: ['S'],
            sizes: knitSizes,
          }),
        },
        windowClosed,
      ),
    ],
    shipments: [
      shipment({
        id: 'shp_1005_1',
        ...carriers.ups('1Z9W8E370312345678'),
        items: [
          { itemId: 'item_1005_1', quantity: 1 },
          { itemId: 'item_1005_2', quantity: 1 },
        ],
        events: [
          {
            at: deliveredLongAgoAt,
            status: 'delivered',
            description: 'Delivered; left at the front door',
            location: 'San Francisco, CA, United States',
          },
          {
            at: daysAgo(45, 6),
            status: 'out_for_delivery',
            description: 'Out for delivery today',
            location: 'San Francisco, CA, United States',
          },
          {
            at: daysAgo(46, 2),
            status: 'in_transit',
            description: 'Arrived at UPS facility',
            location: 'Richmond, CA, United States',
          },
          {
            at: daysAgo(47, 4),
            status: 'in_transit',
            description: 'Import scan; cleared by customs',
            location: 'Louisville, KY, United States',
          },
          {
            at: daysAgo(48, 8),
            status: 'in_transit',
            description: 'Departed from facility',
            location: 'Cologne, Germany',
          },
          { at: daysAgo(49, 6), status: 'in_transit', description: 'Origin scan', location: 'Paris, France' },
          {
            at: daysAgo(50, 1),
            status: 'info_received',
            description: 'Shipper created a label; UPS has not received the package yet',
            location: 'Paris, France',
          },
        ],
      }),
    ],
  });

  // 6. Delivered 12 days ago with a final-sale bowl, and one return already approved (RMA-3001):
  //    one of the two napkin sets and the sweater went back.
  const withReturnDeliveredAt = daysAgo(12);
  const withReturn = seed(customers.priya, {
    id: 'ord_1006',
    number: 'MM-1006',
    status: 'delivered',
    placedAt: daysAgo(17, 2),
    deliveredAt: withReturnDeliveredAt,
    items: [
      line(
        { id: 'item_1006_1', product: products.duvetCover, variant: 'King 240 × 220 cm / White', price: eur(22900) },
        returnable(withReturnDeliveredAt),
      ),
      line(
        { id: 'item_1006_2', product: products.napkins, variant: 'Sage', price: eur(4200), quantity: 2 },
        returnable(withReturnDeliveredAt, 1),
      ),
      line(
        {
          id: 'item_1006_3',
          product: products.bowlSeconds,
          variant: 'Medium / Speckled oat',
          price: eur(1800),
          finalSale: true,
        },
        { returnableQuantity: 0, notReturnableReason: 'final_sale' },
      ),
      line(
        {
          id: 'item_1006_4',
          product: products.merinoSweater,
          variant: 'Size S / Oat',
          price: eur(17500),
          exchangeVariants: otherSizes(products.merinoSweater, {
            colour: oat,
            current: 'S',
            outOfStock: ['M'],
            sizes: knitSizes,
          }),
        },
        {
          returnableQuantity: 0,
          notReturnableReason: 'already_returned',
          returnDeadline: deadline(withReturnDeliveredAt),
        },
      ),
    ],
    shipments: [
      shipment({
        id: 'shp_1006_1',
        ...carriers.royalMail('CB482913057FR'),
        items: [
          { itemId: 'item_1006_1', quantity: 1 },
          { itemId: 'item_1006_2', quantity: 2 },
          { itemId: 'item_1006_3', quantity: 1 },
          { itemId: 'item_1006_4', quantity: 1 },
        ],
        events: [
          {
            at: withReturnDeliveredAt,
            status: 'delivered',
            description: 'Delivered and signed for by PATEL',
            location: 'Manchester, United Kingdom',
          },
          {
            at: daysAgo(12, 5),
            status: 'out_for_delivery',
            description: 'Out for delivery',
            location: 'Manchester Delivery Office, United Kingdom',
          },
          {
            at: daysAgo(13, 9),
            status: 'in_transit',
            description: 'Item received at the Manchester Mail Centre',
            location: 'Manchester, United Kingdom',
          },
          {
            at: daysAgo(14, 7),
            status: 'in_transit',
            description: 'Arrived in the UK and cleared customs',
            location: 'Heathrow Worldwide Distribution Centre, United Kingdom',
          },
          {
            at: daysAgo(15, 4),
            status: 'in_transit',
            description: 'Left France',
            location: 'Roissy-en-France, France',
          },
          {
            at: daysAgo(16, 1),
            status: 'info_received',
            description: 'Sender preparing your item',
            location: 'Paris, France',
          },
        ],
      }),
    ],
    returns: [{ id: 'ret_3001', rma: 'RMA-3001', status: 'approved', createdAt: daysAgo(4, 3) }],
  });

  // 7. Cancelled before it was packed.
  const cancelledOrder: Returnability = { returnableQuantity: 0, notReturnableReason: 'cancelled' };
  const cancelled = seed(customers.sophie, {
    id: 'ord_1007',
    number: 'MM-1007',
    status: 'cancelled',
    placedAt: daysAgo(10, 7),
    items: [
      line(
        { id: 'item_1007_1', product: products.candle, variant: 'Large 420 g', price: eur(5800), quantity: 3 },
        cancelledOrder,
      ),
      line({ id: 'item_1007_2', product: products.carafe, variant: 'Speckled oat', price: eur(5400) }, cancelledOrder),
    ],
    shipments: [],
  });

  // 8. Delivery failed: UPS couldn't get into the building and will try again tomorrow.
  const deliveryFailed = seed(customers.javier, {
    id: 'ord_1008',
    number: 'MM-1008',
    status: 'delivery_failed',
    placedAt: daysAgo(4, 6),
    items: [
      line(
        { id: 'item_1008_1', product: products.sheetSet, variant: 'Double / Terracotta', price: eur(24900) },
        notYet,
      ),
      line({ id: 'item_1008_2', product: products.carafe, variant: 'Moss glaze', price: eur(5400) }, notYet),
    ],
    shipments: [
      shipment({
        id: 'shp_1008_1',
        ...carriers.ups('1Z4A7V826803921547'),
        items: [
          { itemId: 'item_1008_1', quantity: 1 },
          { itemId: 'item_1008_2', quantity: 1 },
        ],
        estimatedDelivery: { from: inHours(18), to: inHours(27) },
        events: [
          {
            at: at(3),
            status: 'attempt_failed',
            description:
              'The courier could not access the building (no door code or concierge). A second attempt will be ' +
              'made tomorrow, or pick the parcel up from the UPS Access Point at Calle de Fuencarral 45, 28004 ' +
              'Madrid, after 18:00.',
            location: 'Madrid, Spain',
          },
          {
            at: at(9),
            status: 'out_for_delivery',
            description: 'Out for delivery today',
            location: 'Madrid, Spain',
          },
          {
            at: at(20),
            status: 'in_transit',
            description: 'Arrived at UPS facility',
            location: 'Coslada, Spain',
          },
          {
            at: daysAgo(2, 2),
            status: 'in_transit',
            description: 'Departed from facility',
            location: 'Cologne, Germany',
          },
          { at: daysAgo(3, 1), status: 'in_transit', description: 'Origin scan', location: 'Paris, France' },
          {
            at: daysAgo(3, 8),
            status: 'info_received',
            description: 'Shipper created a label; UPS has not received the package yet',
            location: 'Paris, France',
          },
        ],
      }),
    ],
  });

  // 9. Out for delivery in Bordeaux today.
  const outForDelivery = seed(customers.camille, {
    id: 'ord_1009',
    number: 'MM-1009',
    status: 'out_for_delivery',
    placedAt: daysAgo(3, 4),
    items: [
      line(
        {
          id: 'item_1009_1',
          product: products.linenShirt,
          variant: 'Size L / Chalk',
          price: eur(12000),
          exchangeVariants: otherSizes(products.linenShirt, { colour: chalk, current: 'L', outOfStock: ['S'] }),
        },
        notYet,
      ),
      line({ id: 'item_1009_2', product: products.candle, variant: 'Classic 220 g', price: eur(3800) }, notYet),
    ],
    shipments: [
      shipment({
        id: 'shp_1009_1',
        ...carriers.colissimo('6A25037719248'),
        items: [
          { itemId: 'item_1009_1', quantity: 1 },
          { itemId: 'item_1009_2', quantity: 1 },
        ],
        estimatedDelivery: { from: inHours(1), to: inHours(6) },
        events: [
          {
            at: at(2),
            status: 'out_for_delivery',
            description: 'Your parcel is out for delivery today',
            location: 'Bordeaux, France',
          },
          {
            at: at(8),
            status: 'in_transit',
            description: 'Your parcel has arrived at its delivery site',
            location: 'Bordeaux, France',
          },
          {
            at: at(20),
            status: 'in_transit',
            description: 'Your parcel is being processed at our sorting centre',
            location: 'Wissous, France',
          },
          {
            at: at(30),
            status: 'info_received',
            description: 'Your parcel has been prepared by the sender',
            location: 'Paris, France',
          },
        ],
      }),
    ],
  });

  // 10. Shanghai, in yuan, delivered by SF Express three days ago.
  const shanghaiDeliveredAt = daysAgo(3);
  const shanghai = seed(customers.wang, {
    id: 'ord_1010',
    number: 'MM-1010',
    status: 'delivered',
    placedAt: daysAgo(9, 3),
    deliveredAt: shanghaiDeliveredAt,
    items: [
      line(
        {
          id: 'item_1010_1',
          product: products.duvetCover,
          name: '水洗亚麻被套',
          variant: '220 × 240 cm / 燕麦色',
          price: cny(168000),
        },
        returnable(shanghaiDeliveredAt),
      ),
      line(
        {
          id: 'item_1010_2',
          product: products.linenShirt,
          name: '水洗亚麻衬衫',
          variant: 'M 码 / 燕麦色',
          price: cny(99000),
          exchangeVariants: otherSizes(products.linenShirt, {
            colour: { id: 'oat', label: '燕麦色' },
            current: 'M',
            outOfStock: ['XL'],
            label: (size, colour) => `${size} 码 / ${colour}`,
          }),
        },
        returnable(shanghaiDeliveredAt),
      ),
      line(
        {
          id: 'item_1010_3',
          product: products.mug,
          name: '粗陶马克杯',
          variant: '斑点燕麦色',
          price: cny(22000),
          quantity: 2,
        },
        returnable(shanghaiDeliveredAt, 2),
      ),
    ],
    shipments: [
      shipment({
        id: 'shp_1010_1',
        ...carriers.sfExpress('SF1428763095126'),
        items: [
          { itemId: 'item_1010_1', quantity: 1 },
          { itemId: 'item_1010_2', quantity: 1 },
          { itemId: 'item_1010_3', quantity: 2 },
        ],
        events: [
          {
            at: shanghaiDeliveredAt,
            status: 'delivered',
            description: '快件已签收，签收人：本人。感谢使用顺丰，期待再次为您服务',
            location: '上海市静安区',
          },
          {
            at: daysAgo(3, 3),
            status: 'out_for_delivery',
            description: '快件交给派送员，正在派送途中',
            location: '上海市静安区',
          },
          {
            at: daysAgo(3, 9),
            status: 'in_transit',
            description: '快件到达【上海静安南京西路营业点】',
            location: '上海市静安区',
          },
          {
            at: daysAgo(3, 20),
            status: 'in_transit',
            description: '快件已从【上海浦东国际转运中心】发出',
            location: '上海市浦东新区',
          },
          {
            at: daysAgo(4, 6),
            status: 'in_transit',
            description: '海关已放行，清关完成',
            location: '上海浦东国际机场',
          },
          {
            at: daysAgo(4, 18),
            status: 'in_transit',
            description: '收件人实名认证已完成，快件清关中',
            location: '上海浦东国际机场',
          },
          {
            at: daysAgo(5, 10),
            status: 'in_transit',
            description: '快件已从法国巴黎发出，航班运输中',
            location: '法国巴黎',
          },
          {
            at: daysAgo(6, 2),
            status: 'info_received',
            description: '顺丰已收到寄件信息，等待揽收',
            location: '法国巴黎',
          },
        ],
      }),
    ],
  });

  return [
    processing,
    shipped,
    partiallyShipped,
    deliveredRecently,
    deliveredLongAgo,
    withReturn,
    cancelled,
    deliveryFailed,
    outForDelivery,
    shanghai,
  ];
}
