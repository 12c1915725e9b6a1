import { html } from 'lit';

/**
 * Whom an order belongs to, as a mail client writes it: "Ana Garcia <ana.garcia@example.com>",
 * the email a mailto: link. The name is isolated (<bdi>) so a right-to-left one keeps its place;
 * an order the store has no name for shows its email alone.
 */
export function customerLine(customer: { readonly email: string; readonly name?: string | undefined }) {
  const email = html`<a href="mailto:${customer.email}">${customer.email}</a>`;
  return customer.name
    ? html`<span class="customer"><bdi>${customer.name}</bdi> &lt;${email}&gt;</span>`
    : html`<span class="customer">${email}</span>`;
}
