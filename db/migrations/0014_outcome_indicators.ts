import { sql, type Kysely } from "kysely";

// Outcomes beside outputs. A plan's indicators say what the partnership means
// to move (baseline, target, which way is better); readings are append-only
// like progress notes: a correction is a new reading naming the one it
// corrects. A partner survey, agreed by both sectors like publishing, is sent
// as one link per invited organisation (no account); each link answers once.
// Answers are anonymous by construction: an answer row holds neither the link
// nor a time, so the database cannot join an answer to the organisation that
// gave it. Survey emails go to an address rather than a person with an account.

const EMAIL_KINDS_BEFORE = "'digest', 'completion_proposed', 'completion_returned', 'review_published', 'review_assigned', 'due_reminder'";
const EMAIL_KINDS = `${EMAIL_KINDS_BEFORE}, 'survey_invitation'`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table indicators (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plans (id),
      name text not null check (length(name) between 1 and 200),
      measures text not null default '' check (length(measures) <= 2000),
      unit text not null check (unit in ('percent', 'number', 'money')),
      better text not null check (better in ('higher', 'lower')),
      baseline_value double precision not null,
      baseline_on date not null,
      target_value double precision not null,
      target_on date not null,
      source text not null default '' check (length(source) <= 200),
      comparison_value double precision,
      comparison_label text not null default '' check (length(comparison_label) <= 200),
      created_at timestamptz not null default now(),
      constraint indicators_target_after_baseline check (target_on > baseline_on),
      constraint indicators_target_is_better check (
        (better = 'higher' and target_value > baseline_value) or (better = 'lower' and target_value < baseline_value)
      ),
      constraint indicators_comparison_labelled check (comparison_value is not null or comparison_label = '')
    );
    create unique index indicators_name_per_plan on indicators (plan_id, lower(name));

    create table indicator_objectives (
      indicator_id uuid not null references indicators (id),
      objective_id uuid not null references objectives (id),
      primary key (indicator_id, objective_id)
    );

    create table surveys (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references plans (id),
      title text not null check (length(title) between 1 and 200),
      introduction text not null default '' check (length(introduction) <= 2000),
      -- [{ "id": "q1", "text": "…", "kind": "scale" | "yes_no" }], one to ten (app/domain/surveys.ts)
      questions jsonb not null,
      -- The indicator its result becomes a reading of, and the question that measures it.
      indicator_id uuid references indicators (id),
      result_question_id text,
      proposed_by uuid references users (id),
      proposed_sector text check (proposed_sector in ('public', 'voluntary_community', 'independent')),
      agreed_by uuid references users (id),
      agreed_sector text check (agreed_sector in ('public', 'voluntary_community', 'independent')),
      opened_at timestamptz,
      closed_at timestamptz,
      created_by uuid not null references users (id),
      created_at timestamptz not null default now(),
      constraint surveys_question_count check (jsonb_typeof(questions) = 'array' and jsonb_array_length(questions) between 1 and 10),
      constraint surveys_result_whole check ((indicator_id is null) = (result_question_id is null)),
      constraint surveys_proposal_whole check ((proposed_by is null) = (proposed_sector is null)),
      constraint surveys_opened_by_two check (
        (opened_at is null and agreed_by is null and agreed_sector is null)
        or (opened_at is not null and proposed_by is not null and agreed_by is not null and agreed_sector is not null and agreed_by <> proposed_by)
      ),
      constraint surveys_closed_after_open check (closed_at is null or opened_at is not null)
    );
    create index surveys_plan on surveys (plan_id, created_at);

    create table survey_links (
      id uuid primary key default gen_random_uuid(),
      survey_id uuid not null references surveys (id),
      organisation_name text not null check (length(organisation_name) between 1 and 200),
      email text not null check (length(email) between 3 and 320),
      token_hash bytea not null unique,
      answered boolean not null default false,
      created_at timestamptz not null default now()
    );
    create unique index survey_links_organisation on survey_links (survey_id, lower(organisation_name));

    -- No link, no person, no time: nothing here says who answered.
    create table survey_answers (
      id uuid primary key default gen_random_uuid(),
      survey_id uuid not null references surveys (id),
      -- { "<question id>": 1…5 | true | false }
      answers jsonb not null check (jsonb_typeof(answers) = 'object')
    );
    create index survey_answers_survey on survey_answers (survey_id);

    create table indicator_readings (
      id uuid primary key default gen_random_uuid(),
      indicator_id uuid not null references indicators (id),
      value double precision not null,
      measured_on date not null,
      source_note text not null default '' check (length(source_note) <= 500),
      corrects_reading_id uuid references indicator_readings (id),
      survey_id uuid unique references surveys (id),
      recorded_by uuid references users (id),
      created_at timestamptz not null default now()
    );
    create index indicator_readings_indicator on indicator_readings (indicator_id, measured_on, created_at);
    create trigger indicator_readings_append_only
      before update or delete on indicator_readings
      for each row execute function reject_history_change();
    create trigger indicator_readings_no_truncate
      before truncate on indicator_readings
      for each statement execute function reject_history_change();

    alter table email_outbox
      alter column user_id drop not null,
      add column to_address text,
      add constraint email_outbox_has_recipient check (user_id is not null or to_address is not null),
      drop constraint email_outbox_kind_check,
      add constraint email_outbox_kind_check check (kind in (${sql.raw(EMAIL_KINDS)}));
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    delete from email_outbox where user_id is null;
    alter table email_outbox
      drop constraint if exists email_outbox_kind_check,
      add constraint email_outbox_kind_check check (kind in (${sql.raw(EMAIL_KINDS_BEFORE)})),
      drop constraint if exists email_outbox_has_recipient,
      drop column if exists to_address,
      alter column user_id set not null;
    drop table if exists indicator_readings;
    drop table if exists survey_answers;
    drop table if exists survey_links;
    drop table if exists surveys;
    drop table if exists indicator_objectives;
    drop table if exists indicators;
  `.execute(db);
}
