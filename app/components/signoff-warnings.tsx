import { Link } from "react-router";
import { whoCanConfirm, type SignoffWarning } from "~/domain/confirmers";
import { SECTOR_IN_A_SENTENCE } from "~/domain/words";

/**
 * Who will confirm this plan's completions when that is not obvious, and a
 * strong warning when nobody could. `signoffSetting` says where single-sector
 * sign-off is chosen: on this page, or in the plan's settings once created.
 */
export function SignoffWarnings({ warnings, slug, signoffSetting }: { warnings: SignoffWarning[]; slug: string; signoffSetting: "below" | "settings" }) {
  return warnings.map((warning) =>
    warning.kind === "nobody-could-confirm" ? (
      <div key={warning.kind} className="notice notice--danger" role="note">
        <p>
          <strong>
            {warning.sector
              ? `Nobody could confirm a completion ${SECTOR_IN_A_SENTENCE[warning.sector]} ` +
                `proposes: everyone who can sign in and act on actions here is of that sector.`
              : "Nobody who can sign in acts on actions here yet, so nobody could confirm a completion."}
          </strong>{" "}
          {signoffSetting === "below" ? "Allow single-sector sign-off below" : "Allow single-sector sign-off in the plan's settings"}, or{" "}
          <Link to={`/p/${slug}/people`}>invite someone</Link> of another sector as a member.
        </p>
      </div>
    ) : (
      <div key={warning.kind} className="notice notice--warning" role="note">
        <p>
          Every steward group is of {SECTOR_IN_A_SENTENCE[warning.stewardSector]} and single-sector sign-off is off. When an action is moved to Done, a lead of
          another sector confirms it or, where it has none who can sign in, anyone of another sector who acts here. {whoCanConfirm(warning.confirmerNames)}
        </p>
      </div>
    ),
  );
}
