import { css } from 'lit';

export const returnsStyles = css`
  :host {
    display: block;
  }
`;
