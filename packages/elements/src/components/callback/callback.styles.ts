import { css } from 'lit';

export const callbackStyles = css`
  :host {
    display: block;
  }
`;
