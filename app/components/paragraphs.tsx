// Text a person typed with blank lines between its paragraphs, as paragraphs.

export function Paragraphs({ text, className }: { text: string; className: string }) {
  return (
    <>
      {text
        .split(/\n{2,}/)
        .filter((paragraph) => paragraph.trim())
        .map((paragraph, index) => (
          <p key={index} className={className}>
            {paragraph}
          </p>
        ))}
    </>
  );
}
