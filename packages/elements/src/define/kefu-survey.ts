import { KefuSurvey } from '../components/survey/survey.js';
import { defineElement } from '../base/define.js';

defineElement('kefu-survey', KefuSurvey);

declare global {
  interface HTMLElementTagNameMap {
    'kefu-survey': KefuSurvey;
  }
}

export { KefuSurvey };
