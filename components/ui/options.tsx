// The <option> list of a <select>: one shape for every form's choices.
export type Choice = { value: string; label: string };

export function Options({ choices }: { choices: readonly Choice[] }) {
  return choices.map((choice) => (
    <option key={choice.value} value={choice.value}>
      {choice.label}
    </option>
  ));
}
