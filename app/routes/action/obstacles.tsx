import { Form, Link } from "react-router";
import { ACTION_INTENT } from "~/domain/intents";
import type { ActionProps as Props, ActionResult } from "./types";

/** The obstacle categories the action addresses: a list for most, checkboxes for the plan's stewards. */
export function Obstacles({ obstacles, obstacleIds, permissions, slug, planId, result }: Props & { result: ActionResult | undefined }) {
  const addressed = obstacles.filter((obstacle) => obstacleIds.includes(obstacle.id));
  const error = result && !result.ok ? result.errors?.obstacleCategoryIds : undefined;
  if (obstacles.length === 0) {
    return (
      <div className="obstacles">
        <h3 className="field__label">Obstacles it addresses</h3>
        <p>
          This plan has no obstacle categories yet.
          {permissions.setObstacles ? (
            <>
              {" "}
              <Link to={`/p/${slug}/plans/${planId}/settings`}>Add them in the plan&apos;s settings</Link>.
            </>
          ) : null}
        </p>
      </div>
    );
  }
  if (!permissions.setObstacles) {
    return (
      <div className="obstacles">
        <h3 className="field__label">Obstacles it addresses</h3>
        {addressed.length === 0 ? (
          <p>None chosen yet.</p>
        ) : (
          <ul className="obstacles__list">
            {addressed.map((obstacle) => (
              <li key={obstacle.id}>{obstacle.name}</li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  return (
    // Fresh boxes whenever the saved choice changes, by this person or another.
    <Form method="post" className="obstacles" key={obstacleIds.join(",")}>
      <input type="hidden" name="intent" value={ACTION_INTENT.setObstacles} />
      <fieldset
        className={error ? "fieldset field--error" : "fieldset"}
        id="obstacleCategoryIds"
        aria-describedby={error ? "obstacleCategoryIds-hint obstacleCategoryIds-error" : "obstacleCategoryIds-hint"}
      >
        <legend>Obstacles it addresses</legend>
        <p className="field__hint" id="obstacleCategoryIds-hint">
          Tick each obstacle this action helps to overcome. The board can be filtered by them.
        </p>
        {error ? (
          <p className="field__error" id="obstacleCategoryIds-error">
            <span className="visually-hidden">Error: </span>
            {error}
          </p>
        ) : null}
        {obstacles.map((obstacle) => (
          <div className="checkbox" key={obstacle.id}>
            <input
              type="checkbox"
              id={`action-obstacle-${obstacle.id}`}
              name="obstacleCategoryIds"
              value={obstacle.id}
              defaultChecked={obstacleIds.includes(obstacle.id)}
            />
            <label htmlFor={`action-obstacle-${obstacle.id}`}>{obstacle.name}</label>
          </div>
        ))}
      </fieldset>
      <button type="submit" className="button button--secondary">
        Save obstacles
      </button>
    </Form>
  );
}
