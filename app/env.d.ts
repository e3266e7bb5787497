// Provided by the React Router Vite plugin; app/server/app.server.ts types it as a ServerBuild.
declare module "virtual:react-router/server-build";
