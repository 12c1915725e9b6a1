import { LitElement } from 'lit';
import { SignalWatcher } from './signal-watcher.js';

/** The base of every Kefu element: re-renders on the signals it reads. */
export class KefuElement extends SignalWatcher(LitElement) {}
