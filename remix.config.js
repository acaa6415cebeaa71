/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  serverModuleFormat: "esm",
  serverBuildPath: "build/index.js",
  // Browser assets go under build/ too, so the project's top level stays as the customer fixed it
  // (no public/ folder); scripts/server.ts serves build/public.
  assetsBuildDirectory: "build/public/build",
  publicPath: "/build/",
  // pdfkit and better-sqlite3 must stay external (default): bundling either breaks at run time.
  serverDependenciesToBundle: [],
  watchPaths: ["./db/**/*"],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: true,
  },
};
