import { RAG_ICONS, RAG_RATINGS, type Rag } from "~/domain/rag";
import { RAG_LABELS } from "~/domain/words";

// A rating as an icon and a word, coloured by styles/status.css: never colour alone.

export function RagBadge({ rag }: { rag: Rag }) {
  return (
    <span className={`rag rag--${rag}`}>
      <span className="rag__icon" aria-hidden="true">
        {RAG_ICONS[rag]}
      </span>{" "}
      {RAG_LABELS[rag]}
    </span>
  );
}

export function RagCounts({ counts }: { counts: Record<Rag, number> }) {
  return (
    <ul className="rag-counts">
      {RAG_RATINGS.map((rag) => (
        <li key={rag}>
          <RagBadge rag={rag} /> {counts[rag]}
        </li>
      ))}
    </ul>
  );
}
