/**
 * What one simulated product offers the others in the same `startSimulator()`. A provider registers
 * its service when it is created; a user looks it up when a request needs it (products are created
 * one after the other, so a service may come later than its user), and finds none when the
 * providing product was not started.
 */
import type { AnalyticsService } from './analytics.js';

export interface SimServiceMap {
  /** FortiAnalyzer's JSON-RPC for callers a FortiManager authenticated (its FortiAnalyzer features). */
  analytics: AnalyticsService;
}

export class SimServices {
  readonly #provided: Partial<SimServiceMap> = {};

  provide<K extends keyof SimServiceMap>(name: K, service: SimServiceMap[K]): void {
    if (this.#provided[name]) throw new Error(`The simulator service '${name}' is already provided`);
    this.#provided[name] = service;
  }

  get<K extends keyof SimServiceMap>(name: K): SimServiceMap[K] | undefined {
    return this.#provided[name];
  }
}
