import type { OrderStatus, ReturnStatus, ShipmentStatus } from '@kefu/core';
import { withLookupMessages } from '../../forms/order-lookup.messages.js';

/**
 * Strings of `<kefu-order-tracker>`. English is the reference; the others have its type, so none can
 * be missing. The lookup form's strings are shared with returns (forms/order-lookup.messages.ts).
 */
export const en = {
  title: 'Track your order',
  intro: 'Enter your order number and the email address or postal code you ordered with.',
  submit: 'Track order',
  orderHeading: (number: string) => `Order ${number}`,
  placedOn: (date: string) => `Placed on ${date}`,
  deliveringTo: (address: string) => `Delivering to ${address}`,
  updatesTo: (email: string) => `Updates go to ${email}`,
  total: (amount: string) => `Total ${amount}`,
  updatedAgo: (ago: string) => `Updated ${ago}`,
  refreshing: 'Checking for news…',
  refreshFailed: 'We could not check for news, so this may be out of date.',
  orderStatus: {
    processing: 'We are preparing your order. It has not left our warehouse yet.',
    partially_shipped: 'Part of your order is on its way; the rest will follow.',
    shipped: 'Your order is on its way.',
    out_for_delivery: 'Your order is out for delivery today.',
    delivered: 'Your order has been delivered.',
    cancelled: 'This order was cancelled.',
    delivery_failed: 'The carrier could not deliver your order. See below what to do next.',
  } satisfies Record<OrderStatus, string>,
  progress: 'Progress',
  steps: ['Ordered', 'Shipped', 'Out for delivery', 'Delivered'],
  stepDone: '(done)',
  items: 'Items',
  notShippedYet: 'Not shipped yet',
  quantity: (count: number) => `Quantity: ${count}`,
  parcel: (index: number, count: number) => `Parcel ${index} of ${count}`,
  shipmentStatus: {
    info_received: 'Label created, waiting for the carrier',
    in_transit: 'On its way',
    out_for_delivery: 'Out for delivery',
    available_for_pickup: 'Ready to pick up',
    delivered: 'Delivered',
    attempt_failed: 'Delivery attempt failed',
    exception: 'Held up',
  } satisfies Record<ShipmentStatus, string>,
  carrier: 'Carrier',
  trackingNumber: 'Tracking number',
  copy: 'Copy',
  copyLabel: (trackingNumber: string) => `Copy tracking number ${trackingNumber}`,
  copied: 'Tracking number copied.',
  copyFailed: 'Could not copy. Select the number and copy it yourself.',
  carrierLink: (carrier: string) => `Track on the ${carrier} website`,
  newTab: '(opens in a new tab)',
  estimatedDelivery: 'Estimated delivery',
  history: 'Tracking history',
  attemptFailedHelp:
    'The carrier tried to deliver but could not. They usually try again on the next working day. Read the carrier’s note below: you may be able to pick the parcel up or choose another day on the carrier’s website. If it still does not arrive, chat with us.',
  exceptionHelp:
    'Something is holding this parcel up (customs, a damaged label, the weather). The carrier is working on it. If it has not moved in two working days, chat with us and we will chase it.',
  pickupHelp:
    'Your parcel is waiting at a pickup point. Bring an ID and the tracking number; the carrier’s note below says where.',
  returns: 'Returns',
  returnStatus: {
    requested: 'requested',
    approved: 'approved',
    rejected: 'declined',
    received: 'received',
    refunded: 'refunded',
  } satisfies Record<ReturnStatus, string>,
  helpHeading: 'Need help with this order?',
  startReturn: 'Start a return',
  chatAbout: 'Chat about this order',
  callAbout: 'Ask for a call back',
  returnsClosed: (date: string) => `The return window closed on ${date}.`,
  returnsAfterDelivery: 'You can start a return once your order is delivered.',
  notAvailableHere: 'This page cannot open that. Use the store’s help button or contact the store.',
  anotherOrder: 'Track another order',
  yourOrders: 'Your recent orders',
  loadingOrders: 'Loading your orders…',
  noOrders: 'You have no recent orders.',
  ordersFailed: 'We could not load your orders.',
};

export type OrderTrackerMessages = typeof en;

/** The other languages load on demand, each a small chunk of its own (see `lazyCatalogues`). */
export const orderTrackerMessages = withLookupMessages(en, {
  'zh-CN': () => import('./order-tracker.messages.zh-CN.js').then((module) => module.zhCN),
  ar: () => import('./order-tracker.messages.ar.js').then((module) => module.ar),
});
