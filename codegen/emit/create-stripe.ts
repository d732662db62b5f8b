import type { Model } from '../model.js';
import { importFrom, jsDoc, type Output, printModule, StructureKind } from '../lib/ts.js';
import { argsOptional, paramsType, typeParametersText } from './function-module.js';

/** One bound method: the function's own signature (its ID type parameters too) without the client. */
const methodSignature = (fn: Model['functions'][number]): string =>
  `  /** {@link ${fn.camelName}} with this account's client. */\n  readonly ${fn.camelName}: ${typeParametersText(fn)}(args${argsOptional(fn) ? '?' : ''}: ${paramsType(fn)}, options?: RequestOptions) => Promise<${fn.pascalName}Result>;`;

/** `generated/stripe.ts`: `createStripe`, which binds all functions to each configured account. */
export function emitCreateStripe(model: Model): Output {
  const functions = [...model.functions].sort((a, b) => a.name.localeCompare(b.name));
  return printModule('generated/stripe.ts', [
    importFrom('../src/runtime.js', ['bindAccounts', 'type RequestOptions', 'type Stripe', 'type StripeOptions']),
    ...functions.map((fn) => importFrom(`./${fn.fileName}.js`, [fn.camelName, `type ${fn.pascalName}Params`, `type ${fn.pascalName}Result`])),
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
      // bindAccounts types the methods by mapping over the functions, which widens their ID type parameters to
      // string; StripeMethods states the same methods with them kept.
      statements: ['return bindAccounts(functions, options) as StripeClient<Alias>;'],
    },
    { kind: StructureKind.TypeAlias, isExported: true, name: 'StripeFunctions', type: 'typeof functions', docs: [jsDoc('The functions `createStripe` binds, by method name.')] },
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: 'StripeClient',
      typeParameters: [{ name: 'Alias', constraint: 'string', default: 'never' }],
      type: 'Stripe<StripeFunctions, Alias, StripeMethods>',
      docs: [jsDoc('What `createStripe` returns.')],
    },
    `\n/** The methods of each account of {@link createStripe}: every function with the client applied, typed as the function is. */\nexport interface StripeMethods {\n${functions.map(methodSignature).join('\n')}\n}`,
    `\nconst functions = {\n${functions.map((fn) => `  ${fn.camelName},`).join('\n')}\n};`,
  ]);
}
