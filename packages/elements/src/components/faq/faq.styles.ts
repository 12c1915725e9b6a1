import { css } from 'lit';

export const faqStyles = css`
  :host {
    display: block;
  }
`;
