import { percent } from "~/domain/words";

// How many of a plan's actions are confirmed done, as words and a bar: the
// Status page and a published plan's public page show it alike.

export function Progress({ done, total }: { done: number; total: number }) {
  const share = total ? done / total : 0;
  return (
    <div className="progress">
      <p className="progress__text">
        {done} of {total} actions confirmed done ({percent(share)})
      </p>
      <div className="progress__bar" aria-hidden="true">
        <div className="progress__fill" style={{ width: `${share * 100}%` }} />
      </div>
    </div>
  );
}
