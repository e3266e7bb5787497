import { INDICATOR_STATE_ICONS, type IndicatorState } from "~/domain/indicators";
import { INDICATOR_STATE_LABELS } from "~/domain/words";

// An indicator's state as an icon and a word, in the RAG ratings' colours (styles/status.css): never colour alone.

const COLOUR: Record<IndicatorState, "green" | "amber" | "red" | "grey"> = { ahead: "green", on_track: "green", behind: "red", no_recent_reading: "grey" };

export function IndicatorStateBadge({ state }: { state: IndicatorState }) {
  return (
    <span className={`rag rag--${COLOUR[state]}`}>
      <span className="rag__icon" aria-hidden="true">
        {INDICATOR_STATE_ICONS[state]}
      </span>{" "}
      {INDICATOR_STATE_LABELS[state]}
    </span>
  );
}
