import { type Option } from "./form";

/** One select of a GET filter form: "all" first, then the options; the URL keeps the choice. */
export function FilterSelect({ name, label, allLabel, options, value }: { name: string; label: string; allLabel: string; options: Option[]; value: string }) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <select id={name} name={name} className="input" defaultValue={value}>
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
