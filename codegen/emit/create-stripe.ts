import type { Model } from '../model.js';
import { importFrom, jsDoc, type Output, printModule, StructureKind } from '../lib/ts.js';

/** `generated/stripe.ts`: `createStripe`, which binds all functions to each configured account. */
export function emitCreateStripe(model: Model): Output {
  const functions = [...model.functions].sort((a, b) => a.name.localeCompare(b.name));
  return printModule('generated/stripe.ts', [
    importFrom('../src/runtime.js', ['bindAccounts', 'type Stripe', 'type StripeOptions']),
    ...functions.map((fn) => importFrom(`./${fn.fileName}.js`, [fn.camelName])),
    {
      kind: StructureKind.Function,
      isExported: true,
      name: 'createStripe',
      typeParameters: [{ name: 'Alias', constraint: 'string', default: 'never' }],
      docs: [
        jsDoc(
          'Every function of the integration as a method, for one or more accounts: plain calls use the `default` account, `stripe.<alias>.<method>` a named one. Importing this brings in all functions; import single functions instead to keep a bundle small.',
          [['example', "\nconst stripe = createStripe({ accounts: { default: { apiKey: k1 }, work: { apiKey: k2 } } });\nawait stripe.work.listInvoices({ status: 'open' });"]],
        ),
      ],
      parameters: [{ name: 'options', type: 'StripeOptions<Alias>' }],
      returnType: 'StripeClient<Alias>',
      statements: ['return bindAccounts(functions, options);'],
    },
    { kind: StructureKind.TypeAlias, isExported: true, name: 'StripeFunctions', type: 'typeof functions', docs: [jsDoc('The functions `createStripe` binds, by method name.')] },
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: 'StripeClient',
      typeParameters: [{ name: 'Alias', constraint: 'string', default: 'never' }],
      type: 'Stripe<StripeFunctions, Alias>',
      docs: [jsDoc('What `createStripe` returns.')],
    },
    `\nconst functions = {\n${functions.map((fn) => `  ${fn.camelName},`).join('\n')}\n};`,
  ]);
}
