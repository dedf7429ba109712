// The module boundaries, checked in CI (`npm run check:boundaries`):
// - the platform and the Korean rules never import a module (src/platform names no module, its tables or URLs);
// - a module uses another only through that module's manifest.ts or index.ts files (never its store, tables,
//   routes or views);
// - no import cycles.
// .dependency-cruiser-known-violations.json lists the pledges/evaluations violations that their restructuring
// (issue 11, m11pledges) removes; anything new fails. Regenerate it only to shrink it:
//   npx depcruise src test bench --config .dependency-cruiser.cjs --output-type baseline > .dependency-cruiser-known-violations.json
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'platform-imports-no-module',
      comment: 'src/platform and src/rules serve every module and name none: a module registers through its manifest.',
      severity: 'error',
      from: { path: '^src/(platform|rules)/' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'module-uses-another-only-through-its-index',
      comment: "A module may import another module's manifest.ts or an index.ts (its public face), nothing else.",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/([^/]+)/', pathNot: ['^src/modules/$1/', '/(manifest|index)\\.ts$'] },
    },
    {
      name: 'no-circular',
      comment: 'Import cycles make load order matter and hide which file owns what.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|\\.tmp)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
