// Leads named in an imported table, matched to the partnership's people and
// groups by name. Plans write names loosely: "Third Sector 'leadership group'",
// "Community First & Providers Network", "PCC comms team and Mandy Lindley".
// Whatever matches nobody stays an outside body, with its wording kept.

export interface LeadDirectory {
  people: Array<{ id: string; name: string }>;
  groups: Array<{ id: string; name: string }>;
}

export type MatchedLead =
  | { kind: "person"; id: string; name: string; wording: string }
  | { kind: "group"; id: string; name: string; wording: string }
  | { kind: "outside"; name: string; wording: string };

/** "Third Sector 'Leadership' Group" and "third sector leadership group" are one name; so are "&" and "and". */
export function nameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/['‘’"“”.,()]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

export function leadMatcher(directory: LeadDirectory): (names: string[]) => MatchedLead[] {
  // Groups first: a group and a person of one name is rare, and a group is the broader promise.
  const byKey = new Map<string, MatchedLead>();
  for (const person of directory.people) byKey.set(nameKey(person.name), { kind: "person", id: person.id, name: person.name, wording: person.name });
  for (const group of directory.groups) byKey.set(nameKey(group.name), { kind: "group", id: group.id, name: group.name, wording: group.name });
  const find = (wording: string): MatchedLead | undefined => {
    const found = byKey.get(nameKey(wording));
    return found ? { ...found, wording } : undefined;
  };

  return (names) => {
    const leads: MatchedLead[] = [];
    const seen = new Set<string>();
    const add = (lead: MatchedLead) => {
      const key = lead.kind === "outside" ? `outside:${nameKey(lead.name)}` : `${lead.kind}:${lead.id}`;
      if (seen.has(key)) return;
      seen.add(key);
      leads.push(lead);
    };
    for (const wording of names) {
      const whole = find(wording);
      if (whole) {
        add(whole);
        continue;
      }
      // "A and B", "A & B", "A, B": split only when a part is someone we know,
      // so "Voluntary and Community Sector Forum" stays one outside body.
      const parts = wording
        .split(/\s+(?:and|&)\s+|\s*&\s*|\s*,\s*/i)
        .map((part) => part.trim())
        .filter(Boolean);
      const matched = parts.map(find);
      if (parts.length > 1 && matched.some(Boolean)) {
        parts.forEach((part, index) => add(matched[index] ?? { kind: "outside", name: part, wording: part }));
      } else {
        add({ kind: "outside", name: wording, wording });
      }
    }
    return leads;
  };
}
