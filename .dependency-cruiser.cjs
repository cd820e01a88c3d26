/** Layering rules: edge -> app -> store/cluster interfaces; only the composition root wires implementations. */
module.exports = {
  forbidden: [
    { name: 'app-not-up', severity: 'error', from: { path: '^server/src/app' }, to: { path: '^server/src/(api|ws|jobs|cli)/' } },
    { name: 'app-no-sql', severity: 'error', from: { path: '^server/src/app' }, to: { path: '^server/src/store/sql/' } },
    { name: 'app-no-mail-transport', severity: 'error', from: { path: '^server/src/app' }, to: { path: '^server/src/email/smtp/' } },
    { name: 'app-no-file-backend', severity: 'error', from: { path: '^server/src/app' }, to: { path: '^server/src/files/', pathNot: '^server/src/files/file_backend\\.ts$' } },
    { name: 'app-no-outbound-transport', severity: 'error', from: { path: '^server/src/app' }, to: { path: '^server/src/outbound/node/' } },
    { name: 'store-not-up', severity: 'error', from: { path: '^server/src/store' }, to: { path: '^server/src/(api|ws|app|jobs|cluster)/' } },
    { name: 'edge-no-store-impl', severity: 'error', from: { path: '^server/src/(api|ws)/' }, to: { path: '^server/src/store/' } },
    { name: 'model-is-leaf', severity: 'error', from: { path: '^server/src/model/' }, to: { path: '^server/src/(api|ws|app|store|cluster)/' } },
    { name: 'no-circular', severity: 'error', from: { path: '^server/src' }, to: { circular: true, dependencyTypesNot: ['type-only'] } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
  },
};
