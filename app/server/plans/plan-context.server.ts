import { createContext, type RouterContextProvider } from "react-router";
import type { PlanContextData } from "../platform/plan-data.server";

export const planContext = createContext<PlanContextData | null>(null);

export function getPlan(context: Readonly<RouterContextProvider>): PlanContextData {
  const plan = context.get(planContext);
  if (!plan) throw new Error("getPlan() outside a plan route");
  return plan;
}
