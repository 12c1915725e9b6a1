import { css } from 'lit';

export const chatStyles = css`
  :host {
    display: block;
  }
`;
