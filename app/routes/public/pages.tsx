import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { Paragraphs } from "~/components/paragraphs";
import { Progress } from "~/components/progress";
import { RagBadge, RagCounts } from "~/components/rag";
import { OutcomesSection } from "~/components/outcomes";
import appStyles from "~/styles/app.css?url";
import statusStyles from "~/styles/status.css?url";
import type { PublicPartnership, PublicPlanSummary } from "~/server/public/public-plan.server";
import { publicPlanPath } from "~/domain/public-pages";
import { periodWords, type PublicPlanView } from "./view";

// The public pages as whole HTML documents, made once per plan change and
// kept (app/server/public/public-cache.server.ts): no scripts, nothing that
// differs per visitor, the app's own styles and the status page's print
// layout. Semantic HTML a screen reader, a search engine and a phone read alike.

interface DocumentProps {
  title: string;
  description: string;
  canonical: string | null;
  homePath: string;
  feed?: { path: string; title: string };
  children: ReactNode;
}

function PublicDocument({ title, description, canonical, homePath, feed, children }: DocumentProps) {
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <meta name="description" content={description} />
        <meta name="robots" content="index, follow" />
        {canonical ? <link rel="canonical" href={canonical} /> : null}
        <meta property="og:type" content="website" />
        <meta property="og:site_name" content="Partnership Board" />
        <meta property="og:title" content={title} />
        <meta property="og:description" content={description} />
        {canonical?.startsWith("http") ? <meta property="og:url" content={canonical} /> : null}
        {feed ? <link rel="alternate" type="application/atom+xml" title={feed.title} href={feed.path} /> : null}
        <link rel="stylesheet" href={appStyles} />
        <link rel="stylesheet" href={statusStyles} />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to main content
        </a>
        <header className="site-header">
          <a className="site-header__name" href={homePath}>
            Partnership Board
          </a>
          <span className="site-header__public">Public page</span>
        </header>
        <main id="main" className="page status public-page" tabIndex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}

function html(element: ReactNode): string {
  return `<!DOCTYPE html>${renderToStaticMarkup(element)}`;
}

export function publicPlanHtml(view: PublicPlanView): string {
  const heading = `${view.title}: progress`;
  return html(
    <PublicDocument
      title={`${heading} – ${view.partnership.name}`}
      description={view.description}
      canonical={view.canonical}
      homePath={view.partnershipPath}
      feed={{ path: view.feedPath, title: `${view.title}: completions and reviews` }}
    >
      <article className="status">
        <nav aria-label="Breadcrumb" className="public-page__crumbs">
          <a href={view.partnershipPath}>{view.partnership.name}: published plans</a>
        </nav>
        <header className="status__header">
          <h1>{heading}</h1>
          <p>
            {view.partnership.name}
            {view.period ? `. Plan period: ${view.period}` : ""}. Published by the partnership, both sectors agreeing, on {view.publishedOn}.
          </p>
          <p>
            Last updated {view.updatedAt}. Ratings as of {view.today}.
          </p>
          <p className="no-print">
            <a href={view.feedPath}>Follow completions and reviews (Atom feed)</a>
          </p>
        </header>

        <section aria-labelledby="public-glance" className="section status__block">
          <h2 id="public-glance">At a glance</h2>
          <Progress done={view.overall.confirmedDone} total={view.overall.total} />
          <RagCounts counts={view.overall.byRag} />
        </section>

        <section aria-labelledby="public-objectives" className="section">
          <h2 id="public-objectives">Objectives and actions</h2>
          {view.objectives.length === 0 ? <p>This plan has no objectives yet.</p> : null}
          {view.objectives.map((objective) => (
            <section key={objective.id} aria-labelledby={`objective-${objective.id}`} className="status__objective">
              <h3 id={`objective-${objective.id}`}>
                Objective {objective.number}: {objective.title}
              </h3>
              <p className="status__statuses">
                {objective.summary.confirmedDone} of {objective.summary.total} actions confirmed done.
              </p>
              {objective.actions.length === 0 ? <p>No actions yet.</p> : null}
              <ol className="public-actions">
                {objective.actions.map((action) => (
                  <li key={action.id} id={`action-${action.id}`} className="public-action">
                    <h4 className="public-action__title">
                      <span className="status__reference">{action.reference}</span> {action.title}
                    </h4>
                    <dl className="public-action__facts">
                      <div>
                        <dt>Rating</dt>
                        <dd>
                          <RagBadge rag={action.rag} /> {action.ragReason}
                        </dd>
                      </div>
                      <div>
                        <dt>Status</dt>
                        <dd>{action.statusText}</dd>
                      </div>
                      <div>
                        <dt>Due</dt>
                        <dd>
                          {action.dueText ?? "No date set"}
                          {action.timescaleText ? ` (the plan says: “${action.timescaleText}”)` : ""}
                        </dd>
                      </div>
                      <div>
                        <dt>{action.leads.length === 1 ? "Lead" : "Leads"}</dt>
                        <dd>{action.leads.length ? action.leads.join("; ") : "None named"}</dd>
                      </div>
                    </dl>
                  </li>
                ))}
              </ol>
            </section>
          ))}
        </section>

        {view.outcomes.length ? (
          <OutcomesSection
            outcomes={view.outcomes}
            empty={null}
            hint="What the partnership means to change, measured. Each state compares the latest reading with the straight path from the baseline to the target the partners set."
          />
        ) : null}

        <section aria-labelledby="public-reviews" className="section">
          <h2 id="public-reviews">Reviews</h2>
          {view.reviews.length === 0 ? <p>No review of this plan has been published yet.</p> : null}
          {view.reviews.map((review) => (
            <section key={review.id} id={`review-${review.id}`} aria-labelledby={`review-title-${review.id}`} className="status__objective">
              <h3 id={`review-title-${review.id}`}>{review.title}</h3>
              <p className="status__statuses">
                {review.kind}, published {review.publishedOn}.
              </p>
              <h4>Summary</h4>
              {review.summary ? <Paragraphs className="public-page__text" text={review.summary} /> : <p>No summary was written.</p>}
              {review.findings.length ? (
                <>
                  <h4>Findings</h4>
                  <ul className="public-findings">
                    {review.findings.map((finding) => (
                      <li key={finding.obstacle}>
                        <strong>{finding.obstacle}</strong>: {finding.ratingText}.{finding.commentary ? ` ${finding.commentary}` : ""}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              {review.recommendations.length ? (
                <>
                  <h4>Recommendations and the partnership’s responses</h4>
                  <ol className="public-recommendations">
                    {review.recommendations.map((recommendation) => (
                      <li key={recommendation.number}>
                        <Paragraphs className="public-page__text" text={recommendation.body} />
                        {recommendation.responses.length ? (
                          recommendation.responses.map((response, index) => (
                            <p key={index} className="public-response">
                              <strong>{response.responseText}</strong> ({response.on}){response.body ? `: ${response.body}` : "."}
                            </p>
                          ))
                        ) : (
                          <p className="public-response">The partnership has not responded yet.</p>
                        )}
                      </li>
                    ))}
                  </ol>
                </>
              ) : null}
            </section>
          ))}
        </section>

        <footer className="section public-page__about">
          <h2>About this page</h2>
          <p>
            The partnership publishes this page with the agreement of both the public sector and the voluntary and community sector, and either may withdraw it.
            It shows the plan as the partners keep it, from the same figures they use. It does not show the partners’ notes, draft reviews, the plan’s history,
            or anyone’s contact details; a person who leads an action is named only if they have agreed to be.
          </p>
        </footer>
      </article>
    </PublicDocument>,
  );
}

export function publicPartnershipHtml(partnership: PublicPartnership, plans: PublicPlanSummary[], canonical: string): string {
  const title = `${partnership.name}: published plans`;
  return html(
    <PublicDocument
      title={`${title} – Partnership Board`}
      description={`The action plans ${partnership.name} publishes, with their progress.`}
      canonical={canonical}
      homePath={canonical.replace(/^https?:\/\/[^/]+/, "")}
    >
      <h1>{title}</h1>
      <p>The partnership publishes these plans with the agreement of both sectors.</p>
      <ul className="public-plans">
        {plans.map((plan) => {
          const period = periodWords(plan.periodStart, plan.periodEnd);
          return (
            <li key={plan.id}>
              <a href={publicPlanPath(partnership.slug, plan.id)}>{plan.title}</a>
              {period ? ` (${period})` : ""}
            </li>
          );
        })}
      </ul>
    </PublicDocument>,
  );
}

export function publicNotFoundHtml(): string {
  return html(
    <PublicDocument title="No public page here – Partnership Board" description="There is no public page at this address." canonical={null} homePath="/">
      <h1>There is no public page at this address</h1>
      <p>The plan may not be published, or it may have been withdrawn. Check the address, or ask the partnership for the link to its published plans.</p>
    </PublicDocument>,
  );
}
