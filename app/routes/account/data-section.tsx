/** Your account's "Download my data": everything held about the person, as one file. */
export function DataSection() {
  return (
    <section aria-labelledby="data-heading" className="section narrow">
      <h2 id="data-heading">Your data</h2>
      <p>
        Download everything Partnership Board holds about you (your account, partnerships and groups, the actions you lead, the progress notes you wrote, what
        you did here and what was done to your account, your sessions and email choices) as a JSON file, which never holds your password or anyone else&apos;s
        email address.
      </p>
      {/* A file, not a page: a plain link, so the browser downloads it rather than the router navigating. */}
      <p>
        <a href="/account/my-data.json" download>
          Download my data
        </a>
      </p>
    </section>
  );
}
