import { createInterface } from 'node:readline/promises';
import type { Approve, PendingCall } from '../tools/index.js';

/** The question asked on the terminal before a write: the function, the account, the mode and the arguments. */
export function renderApproval(call: PendingCall, mode: string): string {
  const args = JSON.stringify(call.args ?? {}, null, 2).replaceAll('\n', '\n             ');
  return [
    `kosmo-stripe: ${call.tool} is a write. Run it?`,
    `  function   ${call.function}`,
    `  account    ${call.account}`,
    `  mode       ${mode}`,
    `  arguments  ${args}`,
    'Allow this write? [y/N] ',
  ].join('\n');
}

/** How the last approval went, for the failure message: declined at the prompt, or no terminal to ask. */
export interface ApprovalState {
  declined: boolean;
  noTerminal: boolean;
}

/** Asks on the terminal before a write; without a terminal there is no one to ask, and the write is denied. */
export function terminalApprove(interactive: boolean, mode: (account: string) => string, state: ApprovalState): Approve {
  return async (call) => {
    if (!interactive) {
      state.noTerminal = true;
      return false;
    }
    const prompt = createInterface({ input: process.stdin, output: process.stderr });
    try {
      const answer = await prompt.question(renderApproval(call, mode(call.account)));
      const yes = /^y(es)?$/i.test(answer.trim());
      state.declined = !yes;
      return yes;
    } finally {
      prompt.close();
    }
  };
}
