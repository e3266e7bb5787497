import { type RouteConfig, index, route } from "@react-router/dev/routes";

export default [
  index("routes/home/route.tsx"),
  route("healthz", "routes/healthz.ts"),
  route("*", "routes/not-found/route.tsx"),
] satisfies RouteConfig;
