// The label, hint and control of a form field, wired together once (htmlFor, aria-describedby) so no
// form can forget the wiring that screen readers depend on.
import {
  Checkbox,
  FormField,
  FormFieldDescription,
  FormLabel,
  Heading2,
  Select,
  Textarea,
  Textbox,
} from '@utrecht/component-library-react';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A label and an optional hint around the control `control(id, describedBy)` renders. */
function HintedField({
  label,
  hint,
  control,
}: {
  label: string;
  hint?: string;
  control(id: string, describedBy: string | undefined): ReactNode;
}) {
  const id = useId();
  const hintId = useId();
  return (
    <FormField
      type="text"
      label={<FormLabel htmlFor={id}>{label}</FormLabel>}
      description={hint ? <FormFieldDescription id={hintId}>{hint}</FormFieldDescription> : undefined}
    >
      {control(id, hint ? hintId : undefined)}
    </FormField>
  );
}

/** A labelled text box; `hint` is read with it (aria-describedby). */
export function TextField({
  label,
  hint,
  ...input
}: { label: string; hint?: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <HintedField
      label={label}
      hint={hint}
      control={(id, describedBy) => <Textbox id={id} aria-describedby={describedBy} {...input} />}
    />
  );
}

/** A labelled text area; `hint` is read with it (aria-describedby), as with TextField. */
export function TextAreaField({
  label,
  hint,
  ...textarea
}: { label: string; hint?: string } & React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <HintedField
      label={label}
      hint={hint}
      control={(id, describedBy) => <Textarea id={id} aria-describedby={describedBy} {...textarea} />}
    />
  );
}

/** A CBS municipality code (GM and four digits), typed in either case: the hub stores it upper case. */
export function MunicipalityField({ label, name = 'municipality' }: { label: string; name?: string }) {
  const { t } = useTranslation();
  return (
    <TextField label={label} name={name} required pattern="[Gg][Mm]\d{4}" hint={t('creditors.municipalityHint')} />
  );
}

export function SelectField({
  label,
  children,
  ...select
}: { label: string; children: ReactNode } & React.SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <FormField type="select" label={<FormLabel htmlFor={id}>{label}</FormLabel>}>
      <Select id={id} {...select}>
        {children}
      </Select>
    </FormField>
  );
}

export function CheckboxField({ label, ...input }: { label: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className="sh-checkbox">
      <Checkbox id={id} {...input} />
      <FormLabel htmlFor={id} type="checkbox">
        {label}
      </FormLabel>
    </div>
  );
}

/** A titled part of a page; the title names the region for screen readers. */
export function Section({ title, children, className }: { title: string; children: ReactNode; className?: string }) {
  const id = useId();
  return (
    <section className={['sh-section', className].filter(Boolean).join(' ')} aria-labelledby={id}>
      <Heading2 id={id}>{title}</Heading2>
      {children}
    </section>
  );
}

/** Today and a year back on the Dutch clock (YYYY-MM-DD): the default period of the reports. */
export function lastYear(today: string): { from: string; to: string } {
  const [y, m, d] = today.split('-').map(Number);
  const from = new Date(Date.UTC(y!, m! - 1, d!) - 364 * 86_400_000).toISOString().slice(0, 10);
  return { from, to: today };
}

/** Euros typed the Dutch way ("75", "75,50", "1.234,56") as whole cents; null when empty or not a number. */
export function euroCents(text: string): number | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const normalised = trimmed.replace(/\./g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(normalised)) return null;
  return Math.round(Number(normalised) * 100);
}
