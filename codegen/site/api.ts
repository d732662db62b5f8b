/**
 * The TypeScript API reference: TypeDoc over the package's public entry points, into site/api/. Returns, per
 * entry, the module page and its exports, so the entry pages can link straight into the reference.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Application, type DeclarationReflection, LogLevel, ReflectionKind, RendererEvent } from 'typedoc';
import { spellTypesByName } from './api-types.js';

export interface ApiExport {
  readonly name: string;
  readonly kind: string;
  /** Relative to site/api/. */
  readonly url: string;
  readonly summary: string;
}

export interface ApiModule {
  /** The entry's source file, `src/docs/index.ts`. */
  readonly source: string;
  /** Relative to site/api/. */
  readonly url: string;
  readonly exports: readonly ApiExport[];
}

export async function buildApiReference(root: string, outDir: string, sources: readonly string[]): Promise<Map<string, ApiModule>> {
  const entryPoints = sources.filter((source) => existsSync(join(root, source))).map((source) => join(root, source));
  const app = await Application.bootstrapWithPlugins({
    name: '@kosmokrator/stripe',
    entryPoints,
    entryPointStrategy: 'resolve',
    tsconfig: join(root, 'tsconfig.build.json'),
    readme: 'none',
    // The type check is `npm run typecheck`'s job; TypeDoc only reads the declarations.
    skipErrorChecking: true,
    excludePrivate: true,
    excludeInternal: true,
    // openapi-typescript writes @description into generated/schema.ts.
    blockTags: ['@description', '@example', '@param', '@returns', '@remarks', '@see', '@throws', '@deprecated', '@default', '@defaultValue', '@typeParam', '@since'],
    // Helper types referenced from public signatures but not exported are shown by name, without a page.
    validation: { notExported: false, invalidLink: true, rewrittenLink: true, notDocumented: false, unusedMergeModuleWith: true },
    githubPages: false,
    hideGenerator: true,
    cleanOutputDir: true,
    logLevel: 'Warn',
    disableSources: true,
  });
  app.logger.level = LogLevel.Error;
  spellTypesByName(app);
  const project = await app.convert();
  if (project === undefined) throw new Error('TypeDoc could not convert the entry points (see the messages above).');
  const children = project.children ?? [];
  const modules = new Map<string, ApiModule>();
  // The router knows each page's URL only while rendering; TypeDoc drops it afterwards.
  app.renderer.on(RendererEvent.END, () => {
    const router = app.renderer.router!;
    for (const source of sources) {
      // With several entry points every one is a module, named after its folder (`docs`; `index` for src/index.ts).
      const module = children.find((child) => child.kindOf(ReflectionKind.Module) && child.name === moduleName(source));
      if (module === undefined) continue;
      const exports = (module.children ?? []).map((child: DeclarationReflection): ApiExport => ({
        name: child.name,
        kind: ReflectionKind.singularString(child.kind),
        url: router.getFullUrl(child),
        summary: (child.comment ?? child.signatures?.[0]?.comment)?.summary.map((part) => part.text).join('').split(/\n\n/)[0]?.replace(/\s+/g, ' ').trim() ?? '',
      }));
      modules.set(source, { source, url: router.getFullUrl(module), exports });
    }
  });
  await app.generateDocs(project, outDir);
  return modules;
}

const moduleName = (source: string): string => source.replace(/^src\//, '').replace(/\/index\.ts$/, '').replace(/\.ts$/, '');
