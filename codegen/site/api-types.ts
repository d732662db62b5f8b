/**
 * How the API reference spells types: by the names the package exports, as the sources write them.
 *
 * The Stripe object types are aliases into openapi-typescript's `components['schemas']` (`type Customer =
 * components['schemas']['customer']`). TypeScript gives such an alias no name of its own: the type it names is an
 * anonymous object literal, so wherever TypeDoc has to work from a type instead of the written declaration (an
 * interface property, a generic instantiated, a type predicate) it spells the whole object out. Under the webhook
 * event types that is every Stripe object once per event type, which made pages of several MB; and the alias's own
 * page said only `components["schemas"]["customer"]`, a name nobody can look up. So:
 * - an exported alias that names an anonymous object type gets the object's fields on its page;
 * - everywhere else that object is shown as a link to the alias;
 * - a type predicate (`event is …`) is shown as its declaration writes it, not as TypeScript expands it.
 * No name is hard-coded: whatever the entry points export is found in the converted project.
 */
import {
  type Application,
  type Context,
  Converter,
  DeclarationReflection,
  PredicateType,
  ReferenceType,
  type Reflection,
  ReflectionKind,
  ReflectionType,
  type SignatureReflection,
  type SomeType,
  Type,
} from 'typedoc';
import ts from 'typescript';

/** Installs both rules on a TypeDoc application before it converts. */
export function spellTypesByName(app: Application): void {
  app.converter.on(Converter.EVENT_CREATE_SIGNATURE, predicateAsWritten);
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, namedObjectsByReference);
}

function predicateAsWritten(context: Context, signature: SignatureReflection, declaration?: ts.SignatureDeclaration | ts.IndexSignatureDeclaration | ts.JSDocSignature): void {
  const written = declaration !== undefined && 'type' in declaration ? declaration.type : undefined;
  if (written === undefined || !ts.isTypePredicateNode(written) || written.type === undefined || !(signature.type instanceof PredicateType)) return;
  const { name, asserts } = signature.type;
  signature.type = new PredicateType(name, asserts, context.converter.convertType(context.withScope(signature), written.type));
}

/** A context whose scope is the reflection, reached from the project down (TypeDoc checks each step). */
function scopedTo(context: Context, reflection: Reflection): Context {
  const chain: Reflection[] = [];
  for (let at: Reflection | undefined = reflection; at !== undefined && at !== context.scope; at = at.parent) chain.unshift(at);
  return chain.reduce((scoped, step) => scoped.withScope(step), context);
}

function namedObjectsByReference(context: Context): void {
  const { project } = context;
  // The symbol of each anonymous object type that an exported alias names, to that alias.
  const names = new Map<ts.Symbol, DeclarationReflection>();
  // Resolving runs after conversion, with no program active: each alias is read in the program that declares it.
  for (const program of context.programs) {
    context.setActiveProgram(program);
    const checker = program.getTypeChecker();
    for (const alias of project.getReflectionsByKind(ReflectionKind.TypeAlias)) {
      const symbol = alias instanceof DeclarationReflection ? context.getSymbolFromReflection(alias) : undefined;
      const file = symbol?.declarations?.[0]?.getSourceFile();
      if (symbol === undefined || file === undefined || program.getSourceFile(file.fileName) !== file) continue;
      const named = checker.getDeclaredTypeOfSymbol(symbol);
      const object = named.getSymbol();
      if (named.aliasSymbol !== undefined || object === undefined || !(named.flags & ts.TypeFlags.Object) || names.has(object)) continue;
      const reflection = alias as DeclarationReflection;
      names.set(object, reflection);
      if (!(reflection.type instanceof ReflectionType)) reflection.type = context.converter.convertType(scopedTo(context, reflection), named);
    }
  }
  context.setActiveProgram(undefined);
  if (names.size === 0) return;

  const nameOf = (type: ReflectionType): DeclarationReflection | undefined => names.get(context.getSymbolFromReflection(type.declaration) as ts.Symbol);
  const byName = (type: SomeType): SomeType => {
    if (type instanceof ReflectionType) {
      const alias = nameOf(type);
      if (alias === undefined) return type;
      project.removeReflection(type.declaration);
      return ReferenceType.createResolvedReference(alias.name, alias, project);
    }
    // Every other kind of type holds its parts in plain fields (union `types`, array `elementType`, …).
    const parts = type as unknown as Record<string, unknown>;
    for (const key of Object.keys(parts)) parts[key] = within(parts[key]);
    return type;
  };
  const within = (value: unknown): unknown => (value instanceof Type ? byName(value as SomeType) : Array.isArray(value) ? value.map(within) : value);

  for (const reflection of Object.values(project.reflections)) {
    // Replacing a type removes the reflections under it; they need no visit.
    if (project.getReflectionById(reflection.id) !== reflection) continue;
    const fields = reflection as unknown as Record<string, unknown>;
    for (const key of ['type', 'default', 'extendedTypes', 'implementedTypes']) {
      // The alias's own page keeps the fields (its members are reflections of their own, visited in turn).
      const own = key === 'type' && fields.type instanceof ReflectionType && nameOf(fields.type) === reflection;
      if (fields[key] !== undefined && !own) fields[key] = within(fields[key]);
    }
  }
}
