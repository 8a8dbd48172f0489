/** The server's (or the form's) words about one field, right beside it; the field names it in `aria-describedby`. */
export function FieldProblem({ id, problems }: { id: string; problems: readonly string[] | undefined }) {
  if (!problems?.length) return null;
  return (
    <span id={id} className="field-problem error" role="alert" data-testid={id}>
      {problems.join('; ')}
    </span>
  );
}
