import { css } from 'lit';

export const ordertrackerStyles = css`
  :host {
    display: block;
  }
`;
