/**
 * The Node bridge's polling window (src/lua/spin.ts): after a quick wait a thread polls for twice as long before
 * it sleeps, never more than the cap, and after a wait over the cap it sleeps at once.
 */
import { describe, expect, test } from 'vitest';
import { SPIN_CAP_US, spinWindow } from '../../src/lua/spin.js';

describe('spinWindow', () => {
  test('the first wait polls for the whole cap', () => {
    expect(spinWindow(800).budget()).toBe(800);
    expect(spinWindow().budget()).toBe(SPIN_CAP_US);
  });

  test('after a quick wait it polls for twice that wait, at most the cap', () => {
    const polling = spinWindow(1000);
    polling.waited(120);
    expect(polling.budget()).toBe(240);
    polling.waited(499);
    expect(polling.budget()).toBe(998);
    polling.waited(700);
    expect(polling.budget()).toBe(1000);
    polling.waited(1000);
    expect(polling.budget()).toBe(1000);
  });

  test('after a wait over the cap (a call over the network) it does not poll, until waits are quick again', () => {
    const polling = spinWindow(1000);
    polling.waited(20_000);
    expect(polling.budget()).toBe(0);
    polling.waited(1000.5);
    expect(polling.budget()).toBe(0);
    polling.waited(150);
    expect(polling.budget()).toBe(300);
  });

  test('after work over the cap (the host making a call over the network) it does not poll, whatever the last wait', () => {
    const polling = spinWindow(1000);
    polling.waited(100);
    expect(polling.budget(20_000)).toBe(0);
    expect(polling.budget(1000)).toBe(200);
    expect(polling.budget(0)).toBe(200);
  });
});
