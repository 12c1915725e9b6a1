import { css } from 'lit';

export const surveyStyles = css`
  :host {
    display: block;
  }
`;
